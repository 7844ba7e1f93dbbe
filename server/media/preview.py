"""Inline preview: a tiny blurred WebP that a photo grid paints before variants load.

Format: a ``data:image/webp;base64,…`` URI of a WebP image at most
``PREVIEW_MAX_SIDE`` pixels on its long side, with alpha where the photo has
alpha. Typical photos give 100-200 bytes of WebP (about 250 characters of
URI). The URI never exceeds ``PREVIEW_MAX_URI_LENGTH`` characters.
"""

from __future__ import annotations

import base64
import io
from typing import Final

from PIL import Image, ImageFilter

PREVIEW_MAX_SIDE: Final = 24
"""Long side in pixels. A client scales the preview up, and its smoothing does the rest."""

PREVIEW_MAX_URI_LENGTH: Final = 1024
"""Upper bound of the data URI, so a page of 50 photos carries at most 50 KiB of previews."""

_DATA_URI_PREFIX: Final = "data:image/webp;base64,"

_ATTEMPTS: Final = ((PREVIEW_MAX_SIDE, 50), (16, 30), (8, 10))
"""(long side, WebP quality) pairs, tried in order until the URI fits."""

_BLUR_RADIUS_PIXELS: Final = 1.0


def make_preview(image: Image.Image) -> str:
    """Return the inline preview of an RGB or RGBA ``image`` as a data URI.

    Pass the smallest variant: the preview is cut down from it.
    """
    uri = ""
    for max_side, quality in _ATTEMPTS:
        uri = _encode(image, max_side, quality)
        if len(uri) <= PREVIEW_MAX_URI_LENGTH:
            return uri
    # 8x8 RGBA noise at quality 10 is 168 bytes of WebP, so this is unreachable.
    raise AssertionError(f"an {_ATTEMPTS[-1][0]}-pixel preview took {len(uri)} characters")


def _encode(image: Image.Image, max_side: int, quality: int) -> str:
    tiny = image.copy()
    tiny.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    blurred = tiny.filter(ImageFilter.GaussianBlur(_BLUR_RADIUS_PIXELS))

    buffer = io.BytesIO()
    blurred.save(buffer, "WEBP", quality=quality, alpha_quality=quality)
    return _DATA_URI_PREFIX + base64.b64encode(buffer.getvalue()).decode("ascii")
