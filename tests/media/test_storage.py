"""Tests of LocalStorage, S3Storage (on moto's server) and store_variants."""

from __future__ import annotations

import asyncio
import functools
import urllib.request
from pathlib import Path

import pytest

from server.media import (
    CACHE_CONTROL,
    LocalStorage,
    ObjectNotFoundError,
    ProcessedPhoto,
    S3Storage,
    Storage,
    StorageError,
    process_image,
    store_variants,
)
from tests.media.conftest import REGION, Backend
from tests.media.support import read_image

KEY = "photos/ab/cdef-small.jpg"


@functools.cache
def photo(name: str = "DSCN0010.jpg") -> ProcessedPhoto:
    return process_image(read_image(name))


class FailingStorage:
    """A storage wrapper whose put number ``fail_on`` raises StorageError."""

    def __init__(self, inner: Storage, fail_on: int) -> None:
        self.inner = inner
        self.fail_on = fail_on
        self.puts = 0

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        self.puts += 1
        if self.puts == self.fail_on:
            raise StorageError("write", key, "injected failure")
        await self.inner.put(key, data, content_type)

    async def get(self, key: str) -> bytes:
        return await self.inner.get(key)

    async def exists(self, key: str) -> bool:
        return await self.inner.exists(key)

    async def delete(self, key: str) -> None:
        await self.inner.delete(key)

    def url(self, key: str) -> str:
        return self.inner.url(key)


class StallingStorage(FailingStorage):
    """A storage wrapper whose put number ``fail_on`` waits until it is cancelled."""

    def __init__(self, inner: Storage, fail_on: int) -> None:
        super().__init__(inner, fail_on)
        self.stalled = asyncio.Event()

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        self.puts += 1
        if self.puts == self.fail_on:
            self.stalled.set()
            await asyncio.Event().wait()
        await self.inner.put(key, data, content_type)


async def test_put_get_exists_delete(backend: Backend) -> None:
    storage = backend.storage

    await storage.put(KEY, b"jpeg bytes", "image/jpeg")

    assert await storage.exists(KEY)
    assert await storage.get(KEY) == b"jpeg bytes"
    await storage.delete(KEY)
    assert not await storage.exists(KEY)
    assert backend.keys() == set()


async def test_put_replaces_object(backend: Backend) -> None:
    await backend.storage.put(KEY, b"first", "image/jpeg")

    await backend.storage.put(KEY, b"second", "image/jpeg")

    assert await backend.storage.get(KEY) == b"second"
    assert backend.keys() == {KEY}


async def test_get_missing_raises_not_found(backend: Backend) -> None:
    with pytest.raises(ObjectNotFoundError) as caught:
        await backend.storage.get(KEY)

    assert caught.value.key == KEY


async def test_delete_missing_is_no_error(backend: Backend) -> None:
    await backend.storage.delete(KEY)

    assert not await backend.storage.exists(KEY)


async def test_store_variants_writes_all_four(backend: Backend) -> None:
    processed = photo()

    stored = await store_variants(backend.storage, processed, photo_id=7)

    assert list(stored) == ["square", "small", "medium", "large"]
    assert backend.keys() == {variant.key for variant in processed.variants.values()}
    for name, variant in processed.variants.items():
        assert stored[name].key == variant.key
        assert stored[name].width == variant.width
        assert stored[name].height == variant.height
        assert stored[name].content_type == "image/jpeg"
        assert stored[name].url == backend.storage.url(variant.key)
        assert await backend.storage.get(variant.key) == variant.data


async def test_store_variants_rolls_back_on_third_put_failure(backend: Backend) -> None:
    failing = FailingStorage(backend.storage, fail_on=3)

    with pytest.raises(StorageError) as caught:
        await store_variants(failing, photo(), photo_id=7)

    assert "injected failure" in str(caught.value)
    assert failing.puts >= 3
    assert backend.keys() == set()


async def test_store_variants_rolls_back_on_cancellation(backend: Backend) -> None:
    stalling = StallingStorage(backend.storage, fail_on=3)
    task = asyncio.create_task(store_variants(stalling, photo(), photo_id=7))
    await asyncio.wait_for(stalling.stalled.wait(), timeout=10)

    task.cancel()

    with pytest.raises(asyncio.CancelledError):
        await task
    assert backend.keys() == set()


async def test_store_variants_keeps_objects_it_did_not_write(backend: Backend) -> None:
    processed = photo()
    shared = processed.variants["large"]
    await backend.storage.put(shared.key, shared.data, shared.content_type)
    failing = FailingStorage(backend.storage, fail_on=3)

    with pytest.raises(StorageError):
        await store_variants(failing, processed)

    assert backend.keys() == {shared.key}


async def test_transparent_photo_stored_as_webp(backend: Backend) -> None:
    processed = photo("watermark.jpg")

    stored = await store_variants(backend.storage, processed)

    for entry in stored.values():
        assert entry.key.endswith(".webp")
        assert entry.content_type == "image/webp"


async def test_s3_objects_have_content_type_and_cache_control(s3_backend: Backend) -> None:
    stored = await store_variants(s3_backend.storage, photo("transparent.png"))

    for entry in stored.values():
        head = s3_backend.s3_client.head_object(Bucket=s3_backend.bucket, Key=entry.key)
        assert head["ContentType"] == "image/webp"
        assert head["CacheControl"] == CACHE_CONTROL


async def test_s3_presigned_url_serves_object(s3_backend: Backend) -> None:
    await s3_backend.storage.put(KEY, b"jpeg bytes", "image/jpeg")

    url = s3_backend.storage.url(KEY)

    assert url.startswith("http://127.0.0.1:")
    assert "X-Amz-Signature=" in url
    body, cache_control = await asyncio.to_thread(_fetch, url)
    assert body == b"jpeg bytes"
    assert cache_control == CACHE_CONTROL


def _fetch(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), response.headers["Cache-Control"]


def test_s3_public_base_url_used_when_set(s3_endpoint: str) -> None:
    storage = S3Storage(
        "photos",
        region=REGION,
        endpoint_url=s3_endpoint,
        public_base_url="https://cdn.example.org/club/",
    )

    assert storage.url(KEY) == f"https://cdn.example.org/club/{KEY}"
    storage.close()


async def test_s3_missing_bucket_raises_storage_error(s3_endpoint: str) -> None:
    storage = S3Storage(
        "no-such-bucket",
        region=REGION,
        endpoint_url=s3_endpoint,
        access_key_id="testing",
        secret_access_key="testing",
    )

    with pytest.raises(StorageError) as caught:
        await storage.put(KEY, b"data", "image/jpeg")

    assert caught.value.key == KEY
    assert "NoSuchBucket" in str(caught.value)
    storage.close()


async def test_local_file_for_serving(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path, "http://127.0.0.1:8700/media")
    await storage.put("photos/ab/cd-large.webp", b"webp bytes", "image/webp")

    served = storage.file_for("photos/ab/cd-large.webp")

    assert served.path == tmp_path / "photos/ab/cd-large.webp"
    assert served.content_type == "image/webp"
    assert served.path.read_bytes() == b"webp bytes"
    assert storage.url("photos/ab/cd-large.webp") == ("http://127.0.0.1:8700/media/photos/ab/cd-large.webp")


@pytest.mark.parametrize("key", ["../secret.jpg", "/etc/passwd", "photos/../x.jpg", "photos/.tmp-1.jpg", ""])
def test_local_file_for_rejects_unsafe_key(tmp_path: Path, key: str) -> None:
    storage = LocalStorage(tmp_path, "http://127.0.0.1:8700/media")

    with pytest.raises(ObjectNotFoundError):
        storage.file_for(key)


def test_local_file_for_missing_file(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path, "http://127.0.0.1:8700/media")

    with pytest.raises(ObjectNotFoundError):
        storage.file_for(KEY)


async def test_local_put_rejects_mismatched_content_type(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path, "http://127.0.0.1:8700/media")

    with pytest.raises(ValueError, match="does not match"):
        await storage.put(KEY, b"data", "image/webp")


async def test_local_put_leaves_no_temporary_files(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path, "http://127.0.0.1:8700/media")

    await storage.put(KEY, b"data", "image/jpeg")

    files = [path.name for path in (tmp_path / "photos/ab").iterdir()]
    assert files == ["cdef-small.jpg"]
    assert ((tmp_path / KEY).stat().st_mode & 0o777) == 0o644
