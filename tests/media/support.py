"""Helpers of the media tests: test images and image comparison."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageChops, ImageStat

DATA = Path(__file__).parent / "data"


def read_image(name: str) -> bytes:
    """Return the bytes of a test image from ``tests/media/data``."""
    return (DATA / name).read_bytes()


def decode(data: bytes) -> Image.Image:
    """Open and load encoded image bytes."""
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def on_white(image: Image.Image) -> Image.Image:
    """Composite an image over white and return RGB, as a viewer on a white page shows it."""
    rgba = image.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, rgba).convert("RGB")


def mean_abs_difference(first: Image.Image, second: Image.Image) -> float:
    """Mean absolute difference over all RGB samples, 0..255."""
    difference = ImageChops.difference(first.convert("RGB"), second.convert("RGB"))
    return sum(ImageStat.Stat(difference).mean) / 3


def encode(image: Image.Image, format_name: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format_name, **options)
    return buffer.getvalue()
