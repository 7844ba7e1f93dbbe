"""Tests of process_image against the test image set and generated edge cases."""

from __future__ import annotations

import asyncio
import base64
import functools
import hashlib
import io
import re
import struct
import zlib

import pytest
from PIL import Image, ImageChops, ImageCms, ImageFile, ImageOps, ImageStat, features

from server.media import (
    ImageErrorCode,
    ImageRejectedError,
    ProcessedPhoto,
    VariantName,
    process_image,
)
from server.media import decode as decode_module
from server.media import pipeline as pipeline_module
from tests.media.support import DATA, decode, encode, mean_abs_difference, on_white, read_image

HAS_AVIF = features.check("avif")

# file name -> (Pillow format, upright width x height, has alpha)
ACCEPTED: dict[str, tuple[str, tuple[int, int], bool]] = {
    "1x1.png": ("PNG", (1, 1), False),
    "32-lens_data.jpeg": ("JPEG", (200, 133), False),
    "67-0_length_string.jpg": ("JPEG", (4032, 2012), False),
    "940x2.png": ("PNG", (940, 2), False),
    "DSCN0010.jpg": ("JPEG", (640, 480), False),
    "Physical_map_tagged_AdobeRGB.jpg": ("JPEG", (392, 300), False),
    "basn6a16.png": ("PNG", (32, 32), True),
    "empty_icc.heic": ("HEIF", (1025, 900), False),
    "grayscale-icc.jpg": ("JPEG", (50, 50), False),
    "hopper.tif": ("TIFF", (128, 128), False),
    "hopper_bad_exif.jpg": ("JPEG", (500, 500), False),
    "iss634.gif": ("GIF", (245, 245), False),
    **{f"landscape_{n}.jpg": ("JPEG", (600, 450), False) for n in range(1, 9)},
    "paletted-transparent.png": ("PNG", (300, 225), True),
    "pil_sample_cmyk.jpg": ("JPEG", (100, 100), False),
    "sugarshack.mpo": ("MPO", (640, 480), False),
    "transparent.png": ("PNG", (200, 150), True),
    "transparent.webp": ("WEBP", (200, 150), True),
    "truncated.heic": ("HEIF", (16, 16), False),
    "watermark.jpg": ("PNG", (30, 30), True),
    "xmp_tags_orientation_exiftool.png": ("PNG", (10, 10), True),
}
REJECTED: dict[str, ImageErrorCode] = {
    "16384x16384.png": ImageErrorCode.IMAGE_TOO_LARGE,
    "image_invalid.jpg": ImageErrorCode.NOT_AN_IMAGE,
    "truncated_jpeg.jpg": ImageErrorCode.IMAGE_DAMAGED,
}
if HAS_AVIF:
    ACCEPTED["transparency.avif"] = ("AVIF", (64, 64), True)
else:
    REJECTED["transparency.avif"] = ImageErrorCode.UNSUPPORTED_IMAGE

TRANSPARENT = sorted(name for name, (_, _, alpha) in ACCEPTED.items() if alpha)
GPS_IFD = 0x8825
ORIENTATION = 0x0112


@functools.cache
def processed(name: str) -> ProcessedPhoto:
    """Process a test image once per test run, which is safe because ProcessedPhoto is immutable."""
    return process_image(read_image(name), photo_id=name)


def expected_fit(width: int, height: int, max_side: int) -> tuple[int, int]:
    if max(width, height) <= max_side:
        return width, height
    scale = max_side / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def expected_sizes(width: int, height: int) -> dict[VariantName, tuple[int, int]]:
    side = min(320, width, height)
    return {
        "square": (side, side),
        "small": expected_fit(width, height, 320),
        "medium": expected_fit(width, height, 1024),
        "large": expected_fit(width, height, 2048),
    }


def test_every_test_image_has_an_expectation() -> None:
    files = {path.name for path in DATA.iterdir() if path.suffix not in (".md", "")}
    files.discard("SHA256SUMS")

    assert files == set(ACCEPTED) | set(REJECTED)


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_corpus_image_accepted(name: str) -> None:
    source_format, (width, height), alpha = ACCEPTED[name]

    photo = processed(name)

    assert photo.source_format == source_format
    assert (photo.width, photo.height) == (width, height)
    assert photo.has_alpha is alpha
    assert list(photo.variants) == ["square", "small", "medium", "large"]
    for variant_name, size in expected_sizes(width, height).items():
        variant = photo.variants[variant_name]
        image = decode(variant.data)
        assert (variant.width, variant.height) == size, variant_name
        assert image.size == size, variant_name
        assert image.format == variant.format, variant_name
        assert image.mode == ("RGBA" if alpha else "RGB"), variant_name
        assert variant.content_type == ("image/webp" if alpha else "image/jpeg")
        assert getattr(image, "n_frames", 1) == 1, variant_name


@pytest.mark.parametrize("name", sorted(REJECTED))
def test_corpus_image_rejected(name: str) -> None:
    with pytest.raises(ImageRejectedError) as caught:
        process_image(read_image(name), photo_id=name)

    assert caught.value.code == REJECTED[name]
    assert caught.value.message
    assert "Traceback" not in caught.value.message


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_variants_carry_no_metadata(name: str) -> None:
    for variant in processed(name).variants.values():
        image = decode(variant.data)
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD), variant.name
        assert exif.get(ORIENTATION, 1) == 1, variant.name
        assert len(exif) == 0, variant.name
        assert "exif" not in image.info, variant.name
        assert "xmp" not in image.info, variant.name
        assert "XML:com.adobe.xmp" not in image.info, variant.name
        assert "comment" not in image.info, variant.name
        assert "icc_profile" not in image.info, variant.name


@pytest.mark.parametrize("orientation", range(2, 9))
def test_orientation_matches_landscape_1(orientation: int) -> None:
    reference = decode(processed("landscape_1.jpg").variants["large"].data)

    upright = decode(processed(f"landscape_{orientation}.jpg").variants["large"].data)

    assert upright.size == (600, 450)
    # Files 2..8 carry a "Generic RGB" profile, landscape_1 none: small colour
    # differences remain. A wrong orientation differs by more than 60.
    assert mean_abs_difference(upright, reference) < 10
    assert mean_abs_difference(upright, reference.rotate(180)) > 40


def test_square_taken_from_upright_image() -> None:
    reference = decode(processed("landscape_1.jpg").variants["square"].data)

    square = decode(processed("landscape_6.jpg").variants["square"].data)

    assert mean_abs_difference(square, reference) < 10


def test_xmp_orientation_applied() -> None:
    with Image.open(DATA / "xmp_tags_orientation_exiftool.png") as source:
        expected = on_white(ImageOps.exif_transpose(source))

    output = on_white(decode(processed("xmp_tags_orientation_exiftool.png").variants["large"].data))

    # A 10x10 image in lossy WebP differs a little, and the unrotated one by about 90.
    assert mean_abs_difference(output, expected) < 30
    assert mean_abs_difference(output, expected.rotate(180)) > 60


def _converted_to_srgb(name: str) -> Image.Image:
    with Image.open(DATA / name) as source:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(source.info["icc_profile"]))
        converted = ImageCms.profileToProfile(
            source, profile, ImageCms.createProfile("sRGB"), outputMode="RGB"
        )
    assert converted is not None
    return converted


def _mean_difference_within(first: Image.Image, second: Image.Image, mask: Image.Image) -> float:
    difference = ImageChops.difference(first.convert("RGB"), second.convert("RGB"))
    return sum(ImageStat.Stat(difference, mask).mean) / 3


@pytest.mark.parametrize("name", ["Physical_map_tagged_AdobeRGB.jpg", "empty_icc.heic"])
def test_wide_gamut_converted_to_srgb(name: str) -> None:
    reference = _converted_to_srgb(name)
    with Image.open(DATA / name) as source:
        unconverted = source.convert("RGB")
    # Where conversion matters: pixels with a channel that it moves by more than 8 levels.
    red, green, blue = ImageChops.difference(reference, unconverted).split()
    largest_change = ImageChops.lighter(red, ImageChops.lighter(green, blue))
    changed = largest_change.point(lambda value: 255 if value > 8 else 0)
    assert changed.getbbox() is not None

    output = decode(processed(name).variants["large"].data)

    assert mean_abs_difference(output, reference) < 3
    error_to_expected = _mean_difference_within(output, reference, changed)
    error_to_unconverted = _mean_difference_within(output, unconverted, changed)
    assert error_to_expected < error_to_unconverted / 2


def test_grey_profile_applied_to_grey_pixels() -> None:
    reference = _converted_to_srgb("grayscale-icc.jpg")

    output = decode(processed("grayscale-icc.jpg").variants["large"].data)

    assert output.mode == "RGB"
    assert "icc_profile" not in output.info
    assert mean_abs_difference(output, reference) < 2
    red, green, blue = output.split()
    assert mean_abs_difference(red.convert("RGB"), green.convert("RGB")) < 2
    assert mean_abs_difference(red.convert("RGB"), blue.convert("RGB")) < 2


def test_cmyk_not_inverted() -> None:
    with Image.open(DATA / "pil_sample_cmyk.jpg") as source:
        pillow_rgb = source.convert("RGB")

    output = decode(processed("pil_sample_cmyk.jpg").variants["large"].data)

    # Pillow's Tests/test_file_jpeg.py: the top left corner is red, the bottom right black.
    red, green, blue = output.getpixel((0, 0))  # type: ignore[misc]
    assert red > 200
    assert green < 60
    assert blue < 60
    assert max(output.getpixel((99, 99))) < 40  # type: ignore[arg-type]
    assert mean_abs_difference(output, pillow_rgb) < 10


@pytest.mark.parametrize("name", TRANSPARENT)
def test_transparency_kept(name: str) -> None:
    with Image.open(DATA / name) as source:
        expected = on_white(ImageOps.exif_transpose(source))

    for variant in processed(name).variants.values():
        image = decode(variant.data)
        assert variant.format == "WEBP"
        assert image.mode == "RGBA"
        alpha_min, _ = image.getchannel("A").getextrema()
        assert alpha_min != 255, variant.name  # some pixel is not opaque

    large = decode(processed(name).variants["large"].data)
    tolerance = 30 if name == "xmp_tags_orientation_exiftool.png" else 4
    # Transparent areas must show the page behind them, not black pixels.
    assert mean_abs_difference(on_white(large), expected) < tolerance


def test_palette_transparency_has_no_greenish_fill() -> None:
    with Image.open(DATA / "paletted-transparent.png") as source:
        rgba = source.convert("RGBA")
    transparent_pixel = next(
        (x, y)
        for y in range(rgba.height)
        for x in range(rgba.width)
        if rgba.getpixel((x, y))[3] == 0  # type: ignore[index]
    )

    large = decode(processed("paletted-transparent.png").variants["large"].data)

    assert large.getpixel(transparent_pixel)[3] == 0  # type: ignore[index]


def test_fully_opaque_alpha_gives_jpeg() -> None:
    image = Image.new("RGBA", (40, 30), (10, 120, 200, 255))

    photo = process_image(encode(image, "PNG"))

    assert photo.has_alpha is False
    assert {variant.format for variant in photo.variants.values()} == {"JPEG"}


def test_format_detected_from_content_not_name() -> None:
    photo = processed("watermark.jpg")

    assert photo.source_format == "PNG"
    for variant in photo.variants.values():
        assert variant.key.endswith(f"-{variant.name}.webp")
        assert variant.content_type == "image/webp"


def test_variant_keys_are_content_hashes() -> None:
    for variant in processed("DSCN0010.jpg").variants.values():
        digest = hashlib.sha256(variant.data).hexdigest()

        assert variant.key == f"photos/{digest[:2]}/{digest[2:]}-{variant.name}.jpg"
        assert re.fullmatch(r"photos/[0-9a-f]{2}/[0-9a-f]{62}-[a-z]+\.jpg", variant.key)


def test_first_frame_of_animated_gif() -> None:
    with Image.open(DATA / "iss634.gif") as source:
        first_frame = source.convert("RGB")

    output = decode(processed("iss634.gif").variants["large"].data)

    # JPEG of a dithered palette image: a few levels of difference remain.
    assert mean_abs_difference(output, first_frame) < 6


def test_mpo_gives_single_frame_jpeg() -> None:
    for variant in processed("sugarshack.mpo").variants.values():
        image = decode(variant.data)
        assert image.format == "JPEG"
        assert "mp" not in image.info


def test_extreme_aspect_ratio_has_no_zero_side() -> None:
    photo = processed("940x2.png")

    assert (photo.variants["small"].width, photo.variants["small"].height) == (320, 1)
    assert (photo.variants["square"].width, photo.variants["square"].height) == (2, 2)


def test_panorama_square_cropped_from_full_image() -> None:
    gradient = Image.linear_gradient("L").resize((4000, 300)).convert("RGB")

    photo = process_image(encode(gradient, "PNG"))

    assert (photo.variants["large"].width, photo.variants["large"].height) == (2048, 154)
    assert (photo.variants["square"].width, photo.variants["square"].height) == (300, 300)


def test_large_jpeg_decoded_shrunk(monkeypatch: pytest.MonkeyPatch) -> None:
    decoded_sizes: list[tuple[int, int]] = []
    original_decode = decode_module.decode

    def recording_decode(image: Image.Image, *, draft_size: tuple[int, int] | None) -> None:
        original_decode(image, draft_size=draft_size)
        decoded_sizes.append(image.size)

    monkeypatch.setattr(decode_module, "decode", recording_decode)
    source = Image.linear_gradient("L").resize((8192, 1024)).convert("RGB")

    photo = process_image(encode(source, "JPEG", quality=80))

    # 1/2 scale keeps 4096x512, which still covers 2048x256 and the 320 square.
    assert decoded_sizes == [(4096, 512)]
    assert (photo.variants["large"].width, photo.variants["large"].height) == (2048, 256)
    assert (photo.variants["square"].width, photo.variants["square"].height) == (320, 320)


def test_sixteen_bit_grey_scaled_not_clipped() -> None:
    source = Image.new("I;16", (64, 64))
    source.putdata([32768] * (64 * 64))

    output = decode(process_image(encode(source, "PNG")).variants["large"].data)

    red, green, blue = output.getpixel((32, 32))  # type: ignore[misc]
    assert 120 <= red <= 136
    assert abs(red - green) <= 2
    assert abs(red - blue) <= 2


def test_preview_is_small_webp_data_uri() -> None:
    for name in ("DSCN0010.jpg", "transparent.png", "940x2.png"):
        preview = processed(name).preview
        prefix = "data:image/webp;base64,"

        assert preview.startswith(prefix), name
        assert len(preview) <= 1024, name
        image = decode(base64.b64decode(preview.removeprefix(prefix)))
        assert max(image.size) <= 24, name
        assert image.mode == ("RGBA" if name == "transparent.png" else "RGB"), name


def _png_header_only(width: int, height: int) -> bytes:
    """Return a PNG whose header declares width x height, with one tiny IDAT."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        checksum = zlib.crc32(kind + payload)
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )


def test_pixel_cap_checked_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail_load(self: ImageFile.ImageFile) -> None:
        raise AssertionError("decoded an image that is over the pixel cap")

    monkeypatch.setattr(ImageFile.ImageFile, "load", fail_load)
    # 100 Mpx: over the 50 Mpx cap and Pillow's warning level, under its error level.
    declared = _png_header_only(10_000, 10_000)

    with pytest.raises(ImageRejectedError) as caught:
        process_image(declared)

    assert caught.value.code == ImageErrorCode.IMAGE_TOO_LARGE
    assert "50000000" in caught.value.message


def test_own_pixel_cap_is_configurable() -> None:
    with pytest.raises(ImageRejectedError) as caught:
        process_image(read_image("landscape_1.jpg"), max_pixels=600 * 450 - 1)

    assert caught.value.code == ImageErrorCode.IMAGE_TOO_LARGE


def test_frames_times_pixels_capped() -> None:
    with pytest.raises(ImageRejectedError) as caught:
        process_image(read_image("iss634.gif"), max_total_pixels=245 * 245 * 41)

    assert caught.value.code == ImageErrorCode.IMAGE_TOO_LARGE
    assert "42 frames" in caught.value.message


def test_upload_size_limit() -> None:
    data = read_image("landscape_1.jpg")

    with pytest.raises(ImageRejectedError) as caught:
        process_image(data, max_bytes=len(data) - 1)

    assert caught.value.code == ImageErrorCode.FILE_TOO_LARGE


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", ImageErrorCode.NOT_AN_IMAGE),
        (b"%PDF-1.7\n" + b"\x00" * 64, ImageErrorCode.NOT_AN_IMAGE),
        (b"\x89PNG\r\n\x1a\n" + b"\xff" * 64, ImageErrorCode.IMAGE_DAMAGED),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 64, ImageErrorCode.IMAGE_DAMAGED),
    ],
    ids=["empty", "pdf", "png-bad-header", "jpeg-bad-header"],
)
def test_unrecognised_bytes_rejected(data: bytes, code: ImageErrorCode) -> None:
    with pytest.raises(ImageRejectedError) as caught:
        process_image(data)

    assert caught.value.code == code


def test_known_format_off_the_allow_list_rejected() -> None:
    bitmap = encode(Image.new("RGB", (8, 8), "red"), "BMP")

    with pytest.raises(ImageRejectedError) as caught:
        process_image(bitmap)

    assert caught.value.code == ImageErrorCode.UNSUPPORTED_IMAGE
    assert caught.value.message.startswith("BMP images are not supported")


@pytest.mark.parametrize("mode", ["F", "LAB"])
def test_tiff_pixel_mode_off_the_list_rejected(mode: str) -> None:
    tiff = encode(Image.new(mode, (8, 8)), "TIFF")

    with pytest.raises(ImageRejectedError) as caught:
        process_image(tiff)

    assert caught.value.code == ImageErrorCode.UNSUPPORTED_IMAGE
    assert f"{mode} pixel mode" in caught.value.message


async def test_parallel_threads_give_same_variants() -> None:
    names = ["DSCN0010.jpg", "transparent.png", "empty_icc.heic", "hopper_bad_exif.jpg"]

    photos = await asyncio.gather(*(asyncio.to_thread(process_image, read_image(name)) for name in names))

    for name, photo in zip(names, photos, strict=True):
        for variant_name, variant in photo.variants.items():
            assert variant.data == processed(name).variants[variant_name].data, name


def test_variants_independent_of_thread_count(monkeypatch: pytest.MonkeyPatch) -> None:
    # 2400x1800 is large enough for the banded resizes of large and medium.
    noise = Image.effect_noise((2400, 1800), 40)
    channels = (noise, noise.rotate(180), noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT))
    source = encode(Image.merge("RGB", channels), "JPEG")
    outputs = []
    for threads in (1, 3):
        monkeypatch.setattr(pipeline_module, "_HELPER_THREADS", threads)
        photo = process_image(source)
        outputs.append({name: variant.data for name, variant in photo.variants.items()})

    assert outputs[0] == outputs[1]
