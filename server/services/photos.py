"""Photos: processing an upload, storing its variants and deleting unused objects.

Album photos and club covers are both ``Photo`` rows made here. An upload goes
through three steps: ``process_upload`` (Pillow, off the event loop, at most
``settings.photo_workers`` at once), ``save_photo`` (objects first, then the
rows) and, for anything replaced or deleted, ``release_objects``.

Object keys are content hashes, so two photos with identical bytes share
objects. An object is deleted only when no ``PhotoVariant`` row refers to its
key any more.
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from server.config import Settings
from server.db.engine import DbSession
from server.db.models import Photo, PhotoVariant
from server.errors import ApiError
from server.media import (
    VARIANT_NAMES,
    ImageErrorCode,
    ImageRejectedError,
    LocalStorage,
    ProcessedPhoto,
    S3Storage,
    Storage,
    StorageError,
    process_image,
    store_variants,
)
from server.media.storage import run_blocking
from server.services.context import ServerContext
from shared.errors import ErrorCode
from shared.photos import PhotoOut, PhotoVariants, VariantOut

logger = logging.getLogger("autoclub.media")

MEBIBYTE = 1024 * 1024

MULTIPART_OVERHEAD_BYTES = 64 * 1024
"""Room for the boundaries and part headers of a one-file multipart form."""

LinkPhoto = Callable[[DbSession, Photo], Awaitable[list[str]]]
"""Check and attach a new photo inside its write transaction; return keys the change released.

The photo is added to the session but not flushed yet, so that a check can
still fail before its foreign keys are; call ``db.flush()`` to get its id.
"""


def media_root(settings: Settings) -> Path:
    """Return the folder of ``LocalStorage``: ``media`` in the data folder."""
    return settings.data_dir / "media"


def upload_limit_bytes(settings: Settings) -> int:
    return settings.max_upload_mb * MEBIBYTE


def create_storage(settings: Settings) -> Storage:
    """Build the photo storage that ``settings.storage`` names."""
    if settings.storage == "s3":
        if not settings.s3_bucket:
            raise ValueError("storage = s3 needs s3_bucket")
        logger.info("Photos are stored in S3 bucket %s", settings.s3_bucket)
        return S3Storage(
            settings.s3_bucket,
            region=settings.s3_region,
            endpoint_url=settings.s3_endpoint_url,
            public_base_url=settings.s3_public_base_url,
            access_key_id=settings.s3_access_key_id,
            secret_access_key=settings.s3_secret_access_key,
            presigned_url_seconds=settings.s3_presigned_url_seconds,
        )
    logger.info("Photos are stored in %s", media_root(settings))
    return LocalStorage(media_root(settings), settings.local_media_url)


def close_storage(storage: Storage) -> None:
    if isinstance(storage, S3Storage):
        storage.close()


def new_upload_id() -> str:
    """Return an id that ties together the log lines of one upload."""
    return "upload-" + secrets.token_hex(4)


def storage_unavailable(error: StorageError) -> ApiError:
    logger.error("Photo storage failed: %s", error)
    return ApiError(503, ErrorCode.STORAGE_UNAVAILABLE, "the photo storage is unavailable; try again later")


async def process_upload(context: ServerContext, data: bytes, *, upload_id: str) -> ProcessedPhoto:
    """Turn uploaded bytes into variants in a worker thread.

    Waits for one of ``settings.photo_workers`` slots first, so a burst of
    uploads queues here instead of starving the event loop's CPU.

    Raises:
        ApiError: 413 ``file_too_large``; 422 ``not_an_image``,
            ``unsupported_image``, ``image_damaged`` or ``image_too_large``.
    """
    limit = upload_limit_bytes(context.settings)
    async with context.photo_slots:
        try:
            # run_blocking waits for the thread even on cancellation, so the slot
            # is held for as long as the thread really runs.
            return await run_blocking(
                functools.partial(process_image, data, max_bytes=limit, photo_id=upload_id)
            )
        except ImageRejectedError as error:
            logger.info("Rejected %s: %s: %s", upload_id, error.code, error.message)
            status = 413 if error.code == ImageErrorCode.FILE_TOO_LARGE else 422
            raise ApiError(status, ErrorCode(error.code.value), error.message) from None


async def save_photo(
    context: ServerContext,
    processed: ProcessedPhoto,
    *,
    upload_id: str,
    uploader_id: int,
    album_id: int | None,
    link: LinkPhoto,
) -> tuple[Photo, dict[str, PhotoVariant]]:
    """Store the variants, then insert the photo and let ``link`` attach it.

    ``link`` runs in the write transaction (see ``LinkPhoto``). It re-checks
    permissions (raising ``ApiError`` undoes everything) and returns keys of
    variants its change made unused, e.g. of a replaced cover.

    On any failure or cancellation, the objects that no committed row refers
    to are deleted, so a failed upload leaves neither rows nor objects.
    """
    try:
        stored = await store_variants(context.storage, processed, photo_id=upload_id)
    except StorageError as error:
        raise storage_unavailable(error) from error
    keys = [variant.key for variant in stored.values()]

    try:
        async with context.storage_lock:
            now = datetime.now(UTC)
            async with context.database.session(write=True) as db:
                photo = Photo(
                    album_id=album_id,
                    uploader_id=uploader_id,
                    width=processed.width,
                    height=processed.height,
                    source_format=processed.source_format[:16],
                    preview=processed.preview,
                    created_at=now,
                )
                db.add(photo)
                with db.no_autoflush:
                    released = await link(db, photo)
                await db.flush()
                variants: dict[str, PhotoVariant] = {
                    name: PhotoVariant(
                        photo_id=photo.id,
                        name=name,
                        key=variant.key,
                        width=variant.width,
                        height=variant.height,
                        content_type=variant.content_type,
                    )
                    for name, variant in stored.items()
                }
                db.add_all(variants.values())
                await db.commit()
            await _restore_missing(context, processed, upload_id=upload_id)
    except BaseException:
        # NOTE: a second cancellation while this cleanup awaits stops it, and
        # the objects stay behind unreferenced; they are harmless but take space.
        await release_objects(context, keys)
        raise

    logger.info("Saved %s as photo %s (album %s) by user %s", upload_id, photo.id, album_id, uploader_id)
    await release_objects(context, released)
    return photo, variants


async def _restore_missing(context: ServerContext, processed: ProcessedPhoto, *, upload_id: str) -> None:
    """Write back variants that a concurrent deletion removed before the rows were committed.

    ``store_variants`` skips keys that already exist; another photo's deletion
    could remove such an object before this photo's rows referred to it. The
    caller holds ``storage_lock``, so no deletion runs during this check.
    """
    for variant in processed.variants.values():
        try:
            if not await context.storage.exists(variant.key):
                logger.warning("Restoring %s of %s, deleted by a concurrent deletion", variant.key, upload_id)
                await context.storage.put(variant.key, variant.data, variant.content_type)
        except StorageError as error:
            logger.error("Could not check or restore %s of %s: %s", variant.key, upload_id, error)


async def release_objects(context: ServerContext, keys: Iterable[str]) -> None:
    """Delete the objects under ``keys`` that no photo variant refers to any more.

    Call after the transaction that deleted or replaced the rows has
    committed. Storage failures are logged, not raised: the rows are gone
    already, and an object left behind is only unused space.
    """
    candidates = set(keys)
    if not candidates:
        return
    async with context.storage_lock:
        async with context.database.session() as db:
            in_use = set(
                (await db.execute(select(PhotoVariant.key).where(PhotoVariant.key.in_(candidates)))).scalars()
            )
        unused = sorted(candidates - in_use)
        for key in unused:
            try:
                await context.storage.delete(key)
            except StorageError as error:
                logger.error("Could not delete unused object %s: %s", key, error)
    logger.debug("Released %d objects, deleted %d unused", len(candidates), len(unused))


async def delete_photo_rows(db: DbSession, photo_ids: list[int]) -> list[str]:
    """Delete photos and their variant rows in the caller's transaction; return their keys."""
    if not photo_ids:
        return []
    rows = await db.execute(select(PhotoVariant).where(PhotoVariant.photo_id.in_(photo_ids)))
    variants = list(rows.scalars())
    for variant in variants:
        await db.delete(variant)
    for photo in (await db.execute(select(Photo).where(Photo.id.in_(photo_ids)))).scalars():
        await db.delete(photo)
    return [variant.key for variant in variants]


async def load_variants(db: DbSession, photo_ids: Iterable[int]) -> dict[int, dict[str, PhotoVariant]]:
    """Return the variant rows of the given photos by photo id and variant name, in one query."""
    ids = list(set(photo_ids))
    result: dict[int, dict[str, PhotoVariant]] = defaultdict(dict)
    if not ids:
        return result
    for variant in (await db.execute(select(PhotoVariant).where(PhotoVariant.photo_id.in_(ids)))).scalars():
        result[variant.photo_id][variant.name] = variant
    return result


def photo_out(storage: Storage, photo: Photo, variants: Mapping[str, PhotoVariant]) -> PhotoOut:
    """Describe a photo with a fresh URL for each variant.

    Raises:
        ApiError: 503 ``storage_unavailable`` when S3 cannot sign a URL.
    """
    try:
        urls = {name: storage.url(variants[name].key) for name in VARIANT_NAMES}
    except StorageError as error:
        raise storage_unavailable(error) from error
    return PhotoOut(
        id=photo.id,
        album_id=photo.album_id,
        uploader_id=photo.uploader_id,
        width=photo.width,
        height=photo.height,
        variants=PhotoVariants(
            **{
                name: VariantOut(url=urls[name], width=variants[name].width, height=variants[name].height)
                for name in VARIANT_NAMES
            }
        ),
        preview=photo.preview,
        created_at=photo.created_at,
    )


async def load_photo_views(db: DbSession, storage: Storage, photos: list[Photo]) -> dict[int, PhotoOut]:
    """Return ``PhotoOut`` bodies of ``photos`` by id, reading their variants in one query."""
    variants = await load_variants(db, [photo.id for photo in photos])
    return {photo.id: photo_out(storage, photo, variants[photo.id]) for photo in photos}
