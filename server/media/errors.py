"""Exceptions of the media package.

``ImageRejectedError`` carries a stable ``code`` that the API can pass to the
client unchanged. Its message is plain English that is safe to show: it names
no file path and no library exception, which is kept as ``__cause__``.
"""

from __future__ import annotations

from enum import StrEnum


class ImageErrorCode(StrEnum):
    """Machine-readable reason why an upload was rejected."""

    FILE_TOO_LARGE = "file_too_large"
    """The upload has more bytes than the upload limit."""

    NOT_AN_IMAGE = "not_an_image"
    """The bytes are not an image in any format the server recognises."""

    UNSUPPORTED_IMAGE = "unsupported_image"
    """An image, but its format or pixel mode is not on the allow-list."""

    IMAGE_TOO_LARGE = "image_too_large"
    """The header declares more pixels (or frames x pixels) than the cap."""

    IMAGE_DAMAGED = "image_damaged"
    """A supported format whose data is truncated or corrupt."""


class MediaError(Exception):
    """Base class of every error raised by ``server.media``."""


class ImageRejectedError(MediaError):
    """An upload cannot become a photo. The client can act on ``code``."""

    def __init__(self, code: ImageErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"ImageRejectedError({self.code.value!r}, {self.message!r})"


class StorageError(MediaError):
    """An object store operation failed on ``key``."""

    def __init__(self, operation: str, key: str, reason: str) -> None:
        super().__init__(f"Could not {operation} {key}: {reason}")
        self.operation = operation
        self.key = key


class ObjectNotFoundError(StorageError):
    """The store has no object under ``key``, or the key is not a valid key."""

    def __init__(self, key: str) -> None:
        super().__init__("read", key, "no such object")
