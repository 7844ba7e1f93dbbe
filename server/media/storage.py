"""Object storage of photo variants: a local folder or an S3 bucket.

Both implementations satisfy ``Storage``. Keys are content-addressed
(``server.media.keys``), so an object never changes once written, and every
object is served with ``CACHE_CONTROL``. The async methods run their blocking
work (file I/O, boto3 calls) in the default executor.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal, Protocol, TypeVar

import boto3  # type: ignore[import-untyped]
from botocore.config import Config  # type: ignore[import-untyped]
from botocore.exceptions import BotoCoreError, ClientError  # type: ignore[import-untyped]

from server.media.errors import ObjectNotFoundError, StorageError
from server.media.keys import is_valid_key

logger = logging.getLogger("autoclub.media")

CACHE_CONTROL: Final = "public, max-age=31536000, immutable"
"""Cache-Control of every stored object: one year, and browsers never revalidate."""

CONTENT_TYPES_BY_EXTENSION: Final = {
    "jpg": "image/jpeg",
    "webp": "image/webp",
    "png": "image/png",
}
"""Content types that ``LocalStorage`` stores, by file extension."""

_FILE_MODE: Final = 0o644
"""Stored files are readable by a separate web server (for example nginx)."""

_T = TypeVar("_T")


class Storage(Protocol):
    """An object store for immutable, publicly readable objects."""

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        """Write ``data`` under ``key``, replacing any object there. Raises ``StorageError``."""

    async def get(self, key: str) -> bytes:
        """Return the bytes under ``key``. Raises ``ObjectNotFoundError`` or ``StorageError``."""

    async def exists(self, key: str) -> bool:
        """Return whether an object exists under ``key``. Raises ``StorageError``."""

    async def delete(self, key: str) -> None:
        """Delete the object under ``key``. A missing object is not an error."""

    def url(self, key: str) -> str:
        """Return a URL from which a client can GET the object."""


async def run_blocking(function: Callable[[], _T]) -> _T:
    """Run ``function`` in the default executor and return its result.

    If the caller is cancelled, this waits for ``function`` to finish before
    re-raising ``CancelledError``: a thread cannot be stopped, and a write
    that lands after the caller has cleaned up would leave an object behind.
    NOTE: a second cancellation during that wait is not waited out.
    """
    future = asyncio.ensure_future(asyncio.to_thread(function))
    try:
        return await asyncio.shield(future)
    except asyncio.CancelledError:
        with contextlib.suppress(Exception):
            await future
        raise


@dataclass(frozen=True, slots=True)
class LocalFile:
    """A stored file, ready for an HTTP route to send with ``CACHE_CONTROL``."""

    path: Path
    content_type: str


class LocalStorage:
    """Objects as files under ``root``, served by the API under ``base_url``.

    A key maps to the relative path ``root / key``. The content type is not
    stored but follows from the extension, and ``put`` raises ``ValueError``
    if the two disagree, so ``file_for`` always returns the type that was put.
    """

    def __init__(self, root: Path, base_url: str) -> None:
        self.root = root
        self.base_url = base_url.rstrip("/")

    def path_for(self, key: str) -> Path:
        """Return the file path of ``key``. Raises ``ValueError`` for an invalid key."""
        if not is_valid_key(key):
            raise ValueError(f"invalid object key {key!r}")
        return self.root / key

    def file_for(self, key: str) -> LocalFile:
        """Return the file and content type to serve for ``key``.

        Raises ``ObjectNotFoundError`` when ``key`` is invalid (a request path
        such as ``../secret``) or no file exists, so the route can return 404.
        This does one ``stat`` on the calling thread.
        """
        if not is_valid_key(key):
            raise ObjectNotFoundError(key)
        path = self.root / key
        if not path.is_file():
            raise ObjectNotFoundError(key)
        return LocalFile(path, _content_type_of(key))

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self.path_for(key)
        expected_type = _content_type_of(key)
        if content_type != expected_type:
            raise ValueError(f"content type {content_type!r} does not match {key!r} ({expected_type})")
        try:
            await run_blocking(functools.partial(_write_atomically, path, data))
        except OSError as error:
            raise StorageError("write", key, error.strerror or str(error)) from error

    async def get(self, key: str) -> bytes:
        path = self.path_for(key)
        try:
            return await run_blocking(path.read_bytes)
        except FileNotFoundError:
            raise ObjectNotFoundError(key) from None
        except OSError as error:
            raise StorageError("read", key, error.strerror or str(error)) from error

    async def exists(self, key: str) -> bool:
        return await run_blocking(self.path_for(key).is_file)

    async def delete(self, key: str) -> None:
        path = self.path_for(key)
        try:
            await run_blocking(functools.partial(path.unlink, missing_ok=True))
        except OSError as error:
            raise StorageError("delete", key, error.strerror or str(error)) from error

    def url(self, key: str) -> str:
        return f"{self.base_url}/{key}"


def _content_type_of(key: str) -> str:
    extension = key.rpartition(".")[2].lower()
    return CONTENT_TYPES_BY_EXTENSION.get(extension, "application/octet-stream")


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over ``path``.

    Readers see either no file or the whole file. The temporary name starts
    with a dot, which ``is_valid_key`` rejects, so it is never served.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as temporary:
        try:
            temporary.write(data)
            temporary.flush()
            os.fsync(temporary.fileno())
            os.chmod(temporary.name, _FILE_MODE)
        except BaseException:
            os.unlink(temporary.name)
            raise
    try:
        os.replace(temporary.name, path)
    except BaseException:
        os.unlink(temporary.name)
        raise


class S3Storage:
    """Objects in an S3 bucket or an S3-compatible store, through boto3.

    Every object is written with its ``ContentType`` and ``CACHE_CONTROL``.
    ``url`` returns ``public_base_url/key`` when ``public_base_url`` is set
    (a public bucket, a CDN, or a proxy in front of the bucket). Otherwise it
    returns a presigned GET URL that expires after ``presigned_url_seconds``:
    store keys in the database and call ``url`` for each response, never store
    such URLs. Credentials not passed come from boto3's usual chain
    (environment, config files, instance role).
    """

    def __init__(
        self,
        bucket: str,
        *,
        region: str | None = None,
        endpoint_url: str | None = None,
        public_base_url: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        addressing_style: Literal["auto", "path", "virtual"] = "auto",
        presigned_url_seconds: int = 3600,
    ) -> None:
        self.bucket = bucket
        self.public_base_url = public_base_url.rstrip("/") if public_base_url else None
        self.presigned_url_seconds = presigned_url_seconds
        # boto3 clients are thread-safe, sessions are not: one client for all threads.
        session = boto3.session.Session(
            aws_access_key_id=access_key_id,
            aws_secret_access_key=secret_access_key,
            region_name=region,
        )
        self._client: Any = session.client(
            "s3",
            endpoint_url=endpoint_url,
            config=Config(
                signature_version="s3v4",  # botocore 1.44 presigns with legacy SigV2 otherwise
                s3={"addressing_style": addressing_style},
                retries={"mode": "standard", "max_attempts": 3},
                connect_timeout=5,
                read_timeout=30,
            ),
        )

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        call = functools.partial(
            self._client.put_object,
            Bucket=self.bucket,
            Key=key,
            Body=data,
            ContentType=content_type,
            CacheControl=CACHE_CONTROL,
        )
        await self._call("write", key, call)

    async def get(self, key: str) -> bytes:
        def read() -> bytes:
            response = self._client.get_object(Bucket=self.bucket, Key=key)
            with contextlib.closing(response["Body"]) as body:
                data: bytes = body.read()
            return data

        try:
            return await self._call("read", key, read)
        except StorageError as error:
            if _is_not_found(error.__cause__):
                raise ObjectNotFoundError(key) from error.__cause__
            raise

    async def exists(self, key: str) -> bool:
        call = functools.partial(self._client.head_object, Bucket=self.bucket, Key=key)
        try:
            await self._call("check", key, call)
        except StorageError as error:
            if _is_not_found(error.__cause__):
                return False
            raise
        return True

    async def delete(self, key: str) -> None:
        call = functools.partial(self._client.delete_object, Bucket=self.bucket, Key=key)
        await self._call("delete", key, call)

    def url(self, key: str) -> str:
        if self.public_base_url is not None:
            return f"{self.public_base_url}/{key}"
        try:
            url: str = self._client.generate_presigned_url(
                "get_object",
                Params={"Bucket": self.bucket, "Key": key},
                ExpiresIn=self.presigned_url_seconds,
            )
        except BotoCoreError as error:  # e.g. no credentials to sign with
            raise StorageError("sign a URL for", key, str(error)) from error
        return url

    def close(self) -> None:
        """Close the client's connection pool."""
        self._client.close()

    async def _call(self, operation: str, key: str, function: Callable[[], _T]) -> _T:
        try:
            return await run_blocking(function)
        except (BotoCoreError, ClientError) as error:
            raise StorageError(operation, key, str(error)) from error


def _is_not_found(error: BaseException | None) -> bool:
    if not isinstance(error, ClientError):
        return False
    code = error.response.get("Error", {}).get("Code")
    return code in ("404", "NoSuchKey", "NotFound")
