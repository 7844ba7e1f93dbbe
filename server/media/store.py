"""Upload the variants of a processed photo: all of them, or none."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from server.media.errors import StorageError
from server.media.pipeline import ProcessedPhoto, Variant, VariantName
from server.media.storage import Storage

logger = logging.getLogger("autoclub.media")


@dataclass(frozen=True, slots=True)
class StoredVariant:
    """Key, URL and layout size of a stored variant."""

    key: str
    url: str
    """From ``Storage.url`` at store time. A presigned URL expires, so store ``key``."""
    width: int
    height: int
    content_type: str


async def store_variants(
    storage: Storage, photo: ProcessedPhoto, *, photo_id: object = None
) -> dict[VariantName, StoredVariant]:
    """Upload the four variants of ``photo`` in parallel and describe them.

    If an upload fails or the calling task is cancelled, the objects that this
    call wrote are deleted before the error (the first one, if several) or
    ``CancelledError`` propagates. An object whose key already existed is
    neither written nor deleted: keys are content hashes, so identical bytes
    from another photo may use it.
    NOTE: two concurrent uploads of identical bytes can race on such a key,
    and deleting a photo must check that no other photo uses its keys.
    """
    written: list[str] = []
    try:
        async with asyncio.TaskGroup() as group:
            for variant in photo.variants.values():
                group.create_task(_put_unless_present(storage, variant, written))
    except BaseException as error:
        await _delete_written(storage, written, photo_id=photo_id, reason=error)
        if isinstance(error, BaseExceptionGroup):
            for other in error.exceptions[1:]:
                logger.warning("Another upload of photo %s failed too: %s", photo_id, other)
            raise error.exceptions[0] from None
        raise

    logger.info("Stored photo %s: %d new objects", photo_id, len(written))
    return {
        name: StoredVariant(
            key=variant.key,
            url=storage.url(variant.key),
            width=variant.width,
            height=variant.height,
            content_type=variant.content_type,
        )
        for name, variant in photo.variants.items()
    }


async def _put_unless_present(storage: Storage, variant: Variant, written: list[str]) -> None:
    key = variant.key
    if await storage.exists(key):
        return
    # Recorded before the write, because a write interrupted by cancellation
    # may still have landed.
    written.append(key)
    await storage.put(key, variant.data, variant.content_type)


async def _delete_written(
    storage: Storage, keys: list[str], *, photo_id: object, reason: BaseException
) -> None:
    """Delete ``keys``, logging (not raising) failures so the original error wins."""
    logger.warning("Storing photo %s failed, deleting %d objects it wrote: %r", photo_id, len(keys), reason)
    for key in keys:
        try:
            await storage.delete(key)
        except StorageError as error:
            logger.error("Could not delete %s of photo %s: %s", key, photo_id, error)
