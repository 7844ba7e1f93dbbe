"""Turn an uploaded image into four photo variants and an inline preview.

``process_image`` is synchronous, CPU-bound and keeps no shared state, so the
API runs it off the event loop (``asyncio.to_thread`` or an executor). Pillow
releases the GIL while it decodes, resizes and encodes, so several uploads
can be processed in parallel threads. Each call also starts up to
``_HELPER_THREADS`` threads of its own, which resize bands of the large and
medium variants and encode variants beside the calling thread.

What every output has in common:

- It is upright: EXIF or XMP orientation is applied to the pixels.
- It is sRGB: pixels are converted through the embedded ICC profile, and no
  profile is attached to the output (untagged images are shown as sRGB).
- It has no metadata: no EXIF (so no GPS location or camera serial), no XMP,
  no comments, so no orientation tag either.
- It is JPEG if the image is opaque, or WebP with alpha if any pixel is not
  fully opaque. WebP keeps alpha at a fraction of PNG's size for photos, and
  browsers and the Qt desktop client (its WebP image plugin) decode it.

The variants are ``square`` (centre crop), ``small``, ``medium`` and ``large``
(fit inside the box, never upscaled), with the sizes in ``VARIANT_MAX_SIDES``.
"""

from __future__ import annotations

import contextlib
import io
import logging
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Final, Literal

from PIL import ExifTags, Image, ImageOps

from server.media import color, decode
from server.media.errors import ImageRejectedError
from server.media.keys import content_key
from server.media.parallel import parallel_map
from server.media.preview import make_preview
from server.media.resize import available_cpus, resize_in_bands

logger = logging.getLogger("autoclub.media")

VariantName = Literal["square", "small", "medium", "large"]
VARIANT_NAMES: Final[tuple[VariantName, ...]] = ("square", "small", "medium", "large")

VARIANT_MAX_SIDES: Final[Mapping[VariantName, int]] = {
    "square": 320,
    "small": 320,
    "medium": 1024,
    "large": 2048,
}
"""Side of the square, and the long side of the others, in pixels."""

MAX_UPLOAD_BYTES: Final = 25 * 1024 * 1024
"""Largest upload in bytes. A high-quality 50 Mpx camera JPEG is roughly 15-25 MB."""

MAX_PIXELS: Final = 50_000_000
"""Pixel cap checked from the header before decoding. 50 Mpx covers the usual
output of phones (12-50 Mpx) and most cameras, and decodes to at most 200 MB
of RGBA."""

MAX_TOTAL_PIXELS: Final = 200_000_000
"""Cap of frames x pixels in animated and multi-picture files, checked from
the header. Only the first frame is decoded, but counting frames reads every
frame header. 200 Mpx is, for example, 1,000 frames of 500x400."""

JPEG_QUALITY: Final = 85
WEBP_QUALITY: Final = 85

REDUCING_GAP: Final = 3.0
"""Gap for the integer ``reduce`` step before LANCZOS. Pillow's ``Image.resize``
documentation: a smaller gap is faster, and from 3.0 on the result is
indistinguishable from plain resampling in most cases."""

LARGE_RESAMPLE: Final = Image.Resampling.BICUBIC
"""Filter from the decoded image to the large variant. The smaller variants use
LANCZOS. From a 12 MP source, BICUBIC takes about 140 ms of CPU where LANCZOS
takes 200 ms (AMD EPYC). Its pixels differ from LANCZOS by a PSNR of 58.8 dB
on the benchmark photo and 46.2 dB on a drawn scene of edges and text. JPEG
at quality 85 changes the pixels far more (41.6 and 26.5 dB), and the JPEG of
the BICUBIC variant is as close to the LANCZOS pixels as the JPEG of the
LANCZOS variant, within 0.1 dB. ``benchmarks/photo_variants.py --filters``
prints these figures. BICUBIC is also the default of Pillow's ``thumbnail``."""

RESIZE_BANDS: Final = 4
"""Bands of rows that the large and medium resizes are split into. The bytes of
a variant depend on it, so it is fixed rather than taken from the CPU count."""

_HELPER_THREADS: Final = max(1, min(RESIZE_BANDS, available_cpus()) - 1)
"""Threads per call that resize bands and encode variants beside the calling
thread, which works too. Measured only on 2 CPUs (``benchmarks/photo_variants.py``).
The cap of ``RESIZE_BANDS`` threads in all is an estimate that keeps one upload
from taking every core of a large server."""

_CONTENT_TYPES: Final = {"JPEG": "image/jpeg", "WEBP": "image/webp"}
_EXTENSIONS: Final = {"JPEG": "jpg", "WEBP": "webp"}

_TRANSPOSE_BY_ORIENTATION: Final = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
"""The mapping of ``ImageOps.exif_transpose``, applied here after downscaling."""

_SIDEWAYS_ORIENTATIONS: Final = frozenset({5, 6, 7, 8})


@dataclass(frozen=True, slots=True)
class Variant:
    """One encoded variant of a photo."""

    name: VariantName
    format: str
    """Pillow format name: ``JPEG`` or ``WEBP``."""
    content_type: str
    width: int
    height: int
    data: bytes

    @property
    def extension(self) -> str:
        return _EXTENSIONS[self.format]

    @property
    def key(self) -> str:
        """Content-addressed object key, e.g. ``photos/3f/a1…c9-square.jpg``."""
        return content_key(self.data, self.name, self.extension)


@dataclass(frozen=True, slots=True)
class ProcessedPhoto:
    """The result of ``process_image``."""

    variants: Mapping[VariantName, Variant]
    """All four variants, in the order of ``VARIANT_NAMES``."""
    preview: str
    """Data URI of a tiny blurred WebP, described in ``server.media.preview``."""
    source_format: str
    """Pillow format name of the upload, e.g. ``JPEG``, ``MPO``, ``HEIF``."""
    width: int
    """Width of the upright upload in pixels, before any downscaling."""
    height: int
    has_alpha: bool


@dataclass(frozen=True, slots=True)
class _Plan:
    """Upright target sizes, derived from the upright size of the upload."""

    sizes: Mapping[VariantName, tuple[int, int]]

    @classmethod
    def for_size(cls, width: int, height: int) -> _Plan:
        square_side = min(VARIANT_MAX_SIDES["square"], width, height)
        sizes: dict[VariantName, tuple[int, int]] = {"square": (square_side, square_side)}
        for name in ("small", "medium", "large"):
            sizes[name] = fit_within(width, height, VARIANT_MAX_SIDES[name])
        return cls(sizes)

    @property
    def square_side(self) -> int:
        return self.sizes["square"][0]


def fit_within(width: int, height: int, max_side: int) -> tuple[int, int]:
    """Return the size that fits ``width x height`` inside a ``max_side`` box.

    Never upscales, and never returns a 0-pixel side: 940x2 in 320 gives 320x1.
    """
    long_side = max(width, height)
    if long_side <= max_side:
        return width, height
    scale = max_side / long_side
    return max(1, round(width * scale)), max(1, round(height * scale))


def process_image(
    data: bytes,
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_pixels: int = MAX_PIXELS,
    max_total_pixels: int = MAX_TOTAL_PIXELS,
    photo_id: object = None,
) -> ProcessedPhoto:
    """Check, decode and process one uploaded image into a ``ProcessedPhoto``.

    ``photo_id`` (a photo or upload id) only appears in log lines. Raises
    ``ImageRejectedError`` with a code from ``ImageErrorCode`` when the upload
    is too large, not an image, not on the allow-list (see
    ``server.media.decode``), damaged, or has too many pixels. Any other
    exception is a bug.
    """
    started = time.perf_counter()
    try:
        with _pillow_warnings_logged(photo_id):
            with decode.open_upload(
                data, max_bytes=max_bytes, max_pixels=max_pixels, max_total_pixels=max_total_pixels
            ) as source:
                photo = _process(source, photo_id=photo_id)
    except ImageRejectedError as error:
        logger.info(
            "Rejected photo %s (%s): %s Cause: %r",
            photo_id,
            error.code.value,
            error.message,
            error.__cause__,
        )
        raise

    logger.info(
        "Processed photo %s: %s %dx%d, %d bytes in, %d bytes out, %.0f ms",
        photo_id,
        photo.source_format,
        photo.width,
        photo.height,
        len(data),
        sum(len(variant.data) for variant in photo.variants.values()),
        (time.perf_counter() - started) * 1000,
    )
    return photo


def _process(source: Image.Image, *, photo_id: object) -> ProcessedPhoto:
    source_format = source.format or "unknown"
    stored_width, stored_height = source.size

    # The JPEG decoder may shrink by a power of two while decoding, as long as
    # the result still covers the large variant and the square in both axes.
    # The long side stays the long side under any orientation.
    stored_plan = _Plan.for_size(stored_width, stored_height)
    large_width, large_height = stored_plan.sizes["large"]
    square_side = stored_plan.square_side
    decode.decode(source, draft_size=(max(large_width, square_side), max(large_height, square_side)))

    orientation = _read_orientation(source, photo_id=photo_id)
    icc_profile = source.info.get("icc_profile")
    working = color.normalize_mode(source)
    working.info = {}  # Derived images copy ``info``, and nothing in it may reach the output.

    sideways = orientation in _SIDEWAYS_ORIENTATIONS
    width, height = (stored_height, stored_width) if sideways else (stored_width, stored_height)
    plan = _Plan.for_size(width, height)

    def to_srgb(image: Image.Image) -> Image.Image:
        return color.to_srgb(image, icc_profile, photo_id=photo_id)

    # Helper threads resize bands of the large and medium variants and encode
    # variants while the calling thread works, because Pillow releases the GIL
    # in both. Created per call, so the function keeps no shared state.
    with ThreadPoolExecutor(max_workers=_HELPER_THREADS, thread_name_prefix="photo-variants") as executor:
        images = _make_images(
            working,
            plan,
            transpose=_TRANSPOSE_BY_ORIENTATION.get(orientation),
            sideways=sideways,
            to_srgb=to_srgb,
            executor=executor,
        )
        alpha = color.has_alpha(images["large"])
        variants = _encode_all(images, executor)
    preview = make_preview(images["small"])
    for image in images.values():
        image.close()

    return ProcessedPhoto(
        variants=variants,
        preview=preview,
        source_format=source_format,
        width=width,
        height=height,
        has_alpha=alpha,
    )


def _make_images(
    working: Image.Image,
    plan: _Plan,
    *,
    transpose: Image.Transpose | None,
    sideways: bool,
    to_srgb: Callable[[Image.Image], Image.Image],
    executor: Executor,
) -> dict[VariantName, Image.Image]:
    """Downscale the decoded ``working`` image to the upright sRGB variants of ``plan``.

    ``transpose`` turns the stored pixels upright, ``sideways`` is whether
    it swaps width and height, and ``to_srgb`` converts a downscaled image to
    sRGB. Builds each variant from the next larger one, and closes ``working``
    as soon as the large variant no longer needs it. Variants of a small
    upload may be the same ``Image`` object.
    """
    images: dict[VariantName, Image.Image] = {}
    large_size = plan.sizes["large"]
    if min(large_size) < plan.square_side:
        # A panorama whose large variant is thinner than the square: crop the
        # square from the decoded pixels. A centre crop commutes with the
        # orientation transform, so cropping before transposing is correct.
        square = ImageOps.fit(working, (plan.square_side,) * 2, Image.Resampling.LANCZOS)
        images["square"] = to_srgb(square.transpose(transpose) if transpose is not None else square)

    stored_large_size = (large_size[1], large_size[0]) if sideways else large_size
    large = resize_in_bands(
        working,
        stored_large_size,
        LARGE_RESAMPLE,
        reducing_gap=REDUCING_GAP,
        executor=executor,
        bands=RESIZE_BANDS,
        transpose=transpose,
    )
    images["large"] = to_srgb(large)
    if images["large"] is not working:
        working.close()  # Free the largest buffer before the smaller steps.

    images["medium"] = _resize(images["large"], plan.sizes["medium"], Image.Resampling.LANCZOS, executor)
    images["small"] = _resize(images["medium"], plan.sizes["small"], Image.Resampling.LANCZOS, executor)
    if "square" not in images:
        images["square"] = _square_from_smallest(images, plan.square_side)
    return images


def _read_orientation(image: Image.Image, *, photo_id: object) -> int:
    """Return the EXIF orientation 1..8, or 1 when it is missing or invalid.

    Pillow's ``getexif`` also reads ``tiff:Orientation`` from XMP when EXIF
    has no orientation. Call it after ``load``: PNG may store eXIf after IDAT.
    """
    # Parsing hostile EXIF can raise several exception types. None of them
    # should stop the upload, because the EXIF is dropped anyway.
    try:
        value = image.getexif().get(ExifTags.Base.Orientation, 1)
    except Exception as error:
        logger.info("Ignoring unreadable EXIF of photo %s: %r", photo_id, error)
        return 1
    if isinstance(value, int) and 1 <= value <= 8:
        return value
    logger.info("Ignoring invalid EXIF orientation %r of photo %s", value, photo_id)
    return 1


def _resize(
    image: Image.Image, size: tuple[int, int], resample: Image.Resampling, executor: Executor
) -> Image.Image:
    return resize_in_bands(
        image, size, resample, reducing_gap=REDUCING_GAP, executor=executor, bands=RESIZE_BANDS
    )


def _square_from_smallest(images: Mapping[VariantName, Image.Image], side: int) -> Image.Image:
    """Crop the centre square from the smallest variant that is thick enough."""
    for name in ("small", "medium", "large"):
        if min(images[name].size) >= side:
            return ImageOps.fit(images[name], (side, side), Image.Resampling.LANCZOS)
    raise AssertionError(f"no variant is {side} pixels thick, and the square was not made earlier")


def _encode_all(images: Mapping[VariantName, Image.Image], executor: Executor) -> dict[VariantName, Variant]:
    """Encode each variant, on ``executor`` and the calling thread at once.

    A small upload makes several variants the same image, encoded once.
    """
    # Largest first: the calling thread takes the large variant, which takes
    # longer than the three others together (about 20 ms against 8 ms at 12 MP).
    distinct = list({id(images[name]): images[name] for name in reversed(VARIANT_NAMES)}.values())
    encoded = dict(zip(map(id, distinct), parallel_map(executor, _encode, distinct), strict=True))

    variants: dict[VariantName, Variant] = {}
    for name in VARIANT_NAMES:
        image = images[name]
        format_name, data = encoded[id(image)]
        variants[name] = Variant(
            name=name,
            format=format_name,
            content_type=_CONTENT_TYPES[format_name],
            width=image.width,
            height=image.height,
            data=data,
        )
    return variants


def _encode(image: Image.Image) -> tuple[str, bytes]:
    """Return the format name and bytes of an RGB (JPEG) or RGBA (WebP) image."""
    buffer = io.BytesIO()
    if color.has_alpha(image):
        format_name = "WEBP"
        image.save(buffer, format_name, quality=WEBP_QUALITY)
    else:
        format_name = "JPEG"
        image.save(buffer, format_name, quality=JPEG_QUALITY, optimize=True)
    return format_name, buffer.getvalue()


@contextlib.contextmanager
def _pillow_warnings_logged(photo_id: object) -> Iterator[None]:
    """Log Pillow's warnings about odd input (corrupt EXIF, pixel count) instead of raising.

    ``UserWarning`` and ``RuntimeWarning`` (``DecompressionBombWarning`` is
    one) are always logged. Other categories keep their filter action, so an
    ``error`` filter still raises on a deprecation, but are logged, not printed.
    NOTE: ``warnings.catch_warnings`` swaps process-wide state, so concurrent
    calls in several threads can restore each other's filters. The effect is
    limited to which warnings are shown, never to the images.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)
        warnings.simplefilter("always", RuntimeWarning)
        try:
            yield
        finally:
            for warning in caught:
                logger.debug("Pillow warned on photo %s: %s", photo_id, warning.message)
