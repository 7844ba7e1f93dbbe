"""Recognise an upload by its content, check it against the limits, decode it.

The format comes from the bytes, never from a file name or a client's
Content-Type. Allow-list, by the format name Pillow reports:

======  ==================================================================
JPEG    baseline and progressive, RGB, greyscale and CMYK. MPO files
        (multi-picture JPEG from stereo and some phone cameras) open
        through the JPEG plugin as format ``MPO``, and only the first
        picture is used.
PNG     8- and 16-bit, palette with tRNS. APNG gives its first frame.
WEBP    lossy, lossless, with alpha. Animated WebP gives its first frame.
GIF     animated GIF gives its first frame.
TIFF    the first page.
HEIF    HEIC/HEIF phone photos through pillow-heif, only the primary image.
AVIF    only where the installed Pillow decodes it (``features.check("avif")``);
        otherwise rejected as ``unsupported_image``.
======  ==================================================================

Every other format is rejected before any pixel is decoded.
"""

from __future__ import annotations

import io
from typing import Final

import pillow_heif
from PIL import Image, UnidentifiedImageError

from server.media.errors import ImageErrorCode, ImageRejectedError

# Adds the HEIF plugin to Pillow for the whole process. Calling it again is harmless.
pillow_heif.register_heif_opener()

ALLOWED_FORMATS: Final = ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "HEIF", "AVIF")
"""Pillow format names that may be opened, in the order Pillow tries them."""

JPEG_FORMATS: Final = frozenset({"JPEG", "MPO"})
"""Formats whose decoder can shrink while decoding (``Image.draft``)."""

_SIGNATURES: Final = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_HEIF_BRANDS: Final = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1"})
_AVIF_BRANDS: Final = frozenset({b"avif", b"avis"})

_HELP: Final = "Send a JPEG, PNG, WebP, GIF, TIFF, HEIC or AVIF photo."


def openable_formats() -> tuple[str, ...]:
    """Return the allow-listed formats that the installed Pillow can open."""
    Image.init()
    return tuple(name for name in ALLOWED_FORMATS if name in Image.OPEN)


def open_upload(data: bytes, *, max_bytes: int, max_pixels: int, max_total_pixels: int) -> Image.Image:
    """Open ``data`` reading only its header, and check it against the limits.

    Raises ``ImageRejectedError`` with ``file_too_large``, ``not_an_image``,
    ``unsupported_image``, ``image_damaged`` or ``image_too_large``. The
    returned image is not decoded yet, so the caller can still call ``draft``.
    ``max_total_pixels`` bounds frames x pixels of animated and multi-picture
    files, although only the first frame is decoded. The Pillow exception, if
    any, is the ``__cause__`` of the rejection: log it, never send it.
    """
    if len(data) > max_bytes:
        raise ImageRejectedError(
            ImageErrorCode.FILE_TOO_LARGE,
            f"The file has {len(data)} bytes, more than the limit of {max_bytes} bytes.",
        )
    try:
        image = Image.open(io.BytesIO(data), formats=openable_formats())
    except Image.DecompressionBombError as error:
        raise _too_large(_pillow_pixel_limit(max_pixels)) from error
    except UnidentifiedImageError as error:
        raise _unrecognised(data) from error
    # Plugins may raise other types on a damaged header (pillow-heif raises
    # ValueError and RuntimeError), and Image.open itself wraps only a few.
    except Exception as error:
        format_name = _format_from_signature(data) or "image"
        raise ImageRejectedError(
            ImageErrorCode.IMAGE_DAMAGED,
            f"The {format_name} file is damaged and cannot be opened.",
        ) from error

    try:
        _check_pixels(image, max_pixels=max_pixels, max_total_pixels=max_total_pixels)
    except ImageRejectedError:
        image.close()
        raise
    return image


def decode(image: Image.Image, *, draft_size: tuple[int, int] | None) -> None:
    """Decode the pixels of ``image`` in place, shrinking JPEGs where allowed.

    ``draft_size`` is the smallest size the caller still needs. The JPEG decoder
    then scales by 1/2, 1/4 or 1/8 while decoding, and never below that size.
    """
    if draft_size is not None and image.format in JPEG_FORMATS:
        image.draft(None, draft_size)
    try:
        image.load()
    # Decoders raise many types on hostile data (OSError for truncation,
    # SyntaxError, ValueError, EOFError, struct.error, IndexError), so this
    # catch is broad but wraps only the decode call.
    except Exception as error:
        raise ImageRejectedError(
            ImageErrorCode.IMAGE_DAMAGED,
            f"The {image.format} file is damaged or incomplete and cannot be decoded. "
            "Send the original file again.",
        ) from error


def _check_pixels(image: Image.Image, *, max_pixels: int, max_total_pixels: int) -> None:
    width, height = image.size
    if width < 1 or height < 1:
        raise ImageRejectedError(
            ImageErrorCode.IMAGE_DAMAGED, f"The image header declares a size of {width}x{height}."
        )
    if width * height > max_pixels:
        raise _too_large(max_pixels, f"It has {width}x{height} pixels")

    try:
        frames: int = getattr(image, "n_frames", 1)
    except Exception as error:  # a frame walk reads every frame header
        raise ImageRejectedError(
            ImageErrorCode.IMAGE_DAMAGED,
            f"The {image.format} file is damaged: its frames cannot be read.",
        ) from error
    if frames * width * height > max_total_pixels:
        raise _too_large(max_total_pixels, f"Its {frames} frames of {width}x{height} pixels add up to more")


def _too_large(limit: int, detail: str | None = None) -> ImageRejectedError:
    detail = detail or "It has more"
    return ImageRejectedError(
        ImageErrorCode.IMAGE_TOO_LARGE,
        f"The image is too large to process. {detail} than the limit of {limit} pixels. "
        "Send a smaller image.",
    )


def _pillow_pixel_limit(max_pixels: int) -> int:
    """Return the pixel count above which ``Image.open`` raised ``DecompressionBombError``."""
    pillow_limit = Image.MAX_IMAGE_PIXELS
    return min(max_pixels, 2 * pillow_limit) if pillow_limit else max_pixels


def _unrecognised(data: bytes) -> ImageRejectedError:
    """Explain why Pillow could not open ``data`` with the allowed formats."""
    signature_format = _format_from_signature(data)
    if signature_format is not None and signature_format in openable_formats():
        return ImageRejectedError(
            ImageErrorCode.IMAGE_DAMAGED,
            f"The file starts like a {signature_format} image, but its header is damaged.",
        )
    if signature_format is not None:
        return _unsupported(signature_format)

    other_format = _format_from_any_plugin(data)
    if other_format is not None:
        return _unsupported(other_format)
    return ImageRejectedError(
        ImageErrorCode.NOT_AN_IMAGE, f"The file is not an image in a known format. {_HELP}"
    )


def _unsupported(format_name: str) -> ImageRejectedError:
    return ImageRejectedError(
        ImageErrorCode.UNSUPPORTED_IMAGE,
        f"{format_name} images are not supported on this server. {_HELP}",
    )


def _format_from_signature(data: bytes) -> str | None:
    """Name the allow-listed format that ``data`` starts with, if any."""
    for signature, format_name in _SIGNATURES:
        if data.startswith(signature):
            return format_name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in _AVIF_BRANDS:
            return "AVIF"
        if brand in _HEIF_BRANDS:
            return "HEIF"
    return None


def _format_from_any_plugin(data: bytes) -> str | None:
    """Name the format of ``data`` using every Pillow plugin, reading only the header."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.format
    # Only used to word the rejection message, so any failure means "unknown".
    except Exception:
        return None
