"""Content-addressed object keys of photo variants."""

from __future__ import annotations

import hashlib
import re
from typing import Final

KEY_PREFIX: Final = "photos"

_VALID_KEY: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*")
"""Slash-separated segments that cannot be empty, start with a dot or leave the root."""


def content_key(data: bytes, variant: str, extension: str) -> str:
    """Return the key of an encoded variant, derived from the SHA-256 of ``data``.

    Example: ``photos/3f/a1…c9-square.jpg``. The first two hex digits form a
    folder, so that each folder of a local store holds about 1/256 of all objects.
    Equal bytes give equal keys, so an object under a key never changes.
    """
    digest = hashlib.sha256(data).hexdigest()
    return f"{KEY_PREFIX}/{digest[:2]}/{digest[2:]}-{variant}.{extension}"


def is_valid_key(key: str) -> bool:
    """Return whether ``key`` is safe as both an S3 key and a relative file path."""
    return len(key) <= 1024 and _VALID_KEY.fullmatch(key) is not None
