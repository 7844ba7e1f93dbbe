"""Small generated images and broken files for upload tests."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw


def jpeg(width: int = 1200, height: int = 800, color: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """Return an opaque JPEG with a stripe, so that each colour gives different bytes."""
    image = Image.new("RGB", (width, height), color)
    ImageDraw.Draw(image).rectangle((0, 0, width // 3, height), fill=(color[2], color[0], color[1]))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def noise_jpeg(width: int = 3000, height: int = 2000) -> bytes:
    """Return a JPEG of random pixels: about 5 MB at the default size, as a large camera file."""
    image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def truncated_jpeg() -> bytes:
    """Return the first half of a JPEG: a valid header with missing pixel data."""
    data = jpeg(color=(10, 120, 200))
    return data[: len(data) // 2]


def png_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """Return a tiny PNG whose header declares ``width`` x ``height`` pixels (a decompression bomb)."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    pixels = zlib.compress(b"\x00" * (width + 1) * 16)  # 16 rows of zeros, the rest missing
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def upload(
    data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"
) -> dict[str, tuple[str, bytes, str]]:
    """Return the ``files`` argument of httpx for a one-file multipart form with field ``file``."""
    return {"file": (name, data, content_type)}


def stored_files(root: Path) -> set[str]:
    """Return every file under ``root`` as a POSIX path relative to it, temporary files included."""
    if not root.exists():
        return set()
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}
