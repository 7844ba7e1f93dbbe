"""Photo processing and object storage.

``process_image`` turns an upload into four variants and an inline preview
(CPU-bound: call it off the event loop). ``store_variants`` uploads them to a
``Storage``: ``LocalStorage`` (a folder served by the API) or ``S3Storage``.
Every failure a client caused is an ``ImageRejectedError`` with a stable code.
"""

from __future__ import annotations

from server.media.decode import ALLOWED_FORMATS
from server.media.errors import (
    ImageErrorCode,
    ImageRejectedError,
    MediaError,
    ObjectNotFoundError,
    StorageError,
)
from server.media.keys import content_key
from server.media.pipeline import (
    MAX_PIXELS,
    MAX_TOTAL_PIXELS,
    MAX_UPLOAD_BYTES,
    VARIANT_MAX_SIDES,
    VARIANT_NAMES,
    ProcessedPhoto,
    Variant,
    VariantName,
    process_image,
)
from server.media.storage import (
    CACHE_CONTROL,
    LocalFile,
    LocalStorage,
    S3Storage,
    Storage,
)
from server.media.store import StoredVariant, store_variants

__all__ = [
    "ALLOWED_FORMATS",
    "CACHE_CONTROL",
    "MAX_PIXELS",
    "MAX_TOTAL_PIXELS",
    "MAX_UPLOAD_BYTES",
    "VARIANT_MAX_SIDES",
    "VARIANT_NAMES",
    "ImageErrorCode",
    "ImageRejectedError",
    "LocalFile",
    "LocalStorage",
    "MediaError",
    "ObjectNotFoundError",
    "ProcessedPhoto",
    "S3Storage",
    "Storage",
    "StorageError",
    "StoredVariant",
    "Variant",
    "VariantName",
    "content_key",
    "process_image",
    "store_variants",
]
