"""Album and photo calls of the HTTP API, and multipart uploads with progress.

JSON calls go through ``ApiClient._request``, so they share its token, error
mapping and logging. Uploads stream the multipart body from an async
generator, which reports progress as httpx takes each chunk.
"""

from __future__ import annotations

import logging
import mimetypes
import secrets
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar
from urllib.parse import urlencode, urljoin

import httpx
from pydantic import BaseModel, ValidationError

from desktop.api import (
    BAD_RESPONSE,
    NETWORK_ERROR,
    REQUEST_TIMEOUT_SECONDS,
    ApiClient,
    ApiError,
    _error_from_response,
)
from shared.photos import AlbumEnvelope, AlbumList, AlbumOut, OwnerType, PhotoEnvelope, PhotoList, PhotoOut

log = logging.getLogger("autoclub.desktop")

ModelT = TypeVar("ModelT", bound=BaseModel)

ProgressCallback = Callable[[int, int], None]
"""Called with (bytes of the file sent so far, file size in bytes)."""

UPLOAD_CHUNK_BYTES = 64 * 1024
"""Size of one chunk of an upload body, and so the step of its progress reports."""

UPLOAD_TIMEOUT = httpx.Timeout(REQUEST_TIMEOUT_SECONDS, read=120.0, write=60.0)
"""Timeouts of an upload in seconds. The read timeout covers the server's image
processing, which waits for a free worker when other uploads run."""


def resolve_media_url(api: ApiClient, url: str) -> str:
    """Return a variant URL as an absolute URL; the API returns local files as ``/media/...`` paths."""
    return urljoin(api.base_url + "/", url)


def path_with_query(path: str, params: dict[str, Any]) -> str:
    """Return ``path`` with the parameters that are not None as its query string."""
    present = {key: value for key, value in params.items() if value is not None}
    return f"{path}?{urlencode(present)}" if present else path


def parse_body(model: type[ModelT], response: httpx.Response, what: str) -> ModelT:
    """Validate a response body against a shared model, raising ``ApiError(BAD_RESPONSE)``."""
    try:
        return model.model_validate_json(response.content)
    except ValidationError as error:
        raise ApiError(
            BAD_RESPONSE,
            f"{what} returned a body that is not {model.__name__}: {error}",
            response.status_code,
        ) from error


def multipart_parts(field: str, filename: str, content_type: str, boundary: str) -> tuple[bytes, bytes]:
    """Return the bytes before and after the file's data in a one-file ``multipart/form-data`` body."""
    quoted = filename.replace("\\", "\\\\").replace('"', '\\"').replace("\r", " ").replace("\n", " ")
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="{field}"; filename="{quoted}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    return head, tail


async def _stream_body(
    head: bytes, data: bytes, tail: bytes, progress: ProgressCallback | None
) -> AsyncIterator[bytes]:
    yield head
    view = memoryview(data)
    for offset in range(0, len(data), UPLOAD_CHUNK_BYTES):
        chunk = bytes(view[offset : offset + UPLOAD_CHUNK_BYTES])
        yield chunk
        if progress is not None:
            progress(offset + len(chunk), len(data))
    yield tail


async def upload_file(
    api: ApiClient,
    method: str,
    path: str,
    filename: str,
    data: bytes,
    progress: ProgressCallback | None = None,
) -> httpx.Response:
    """Send ``data`` as the multipart field ``file`` and return the successful response.

    Raises ``ApiError`` with the server's code (``not_an_image``,
    ``file_too_large``...) or ``NETWORK_ERROR``.
    """
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    boundary = secrets.token_hex(16)
    head, tail = multipart_parts("file", filename, content_type, boundary)
    headers = {
        "Content-Type": f"multipart/form-data; boundary={boundary}",
        "Content-Length": str(len(head) + len(data) + len(tail)),
    }
    if api.token:
        headers["Authorization"] = f"Bearer {api.token}"
    try:
        # A server that rejects an oversized body sends 413 before reading it.
        # httpcore (1.0) still reads that response after a failed write, so the
        # file gets payload_too_large rather than a network error.
        response = await api._client.request(
            method,
            path,
            content=_stream_body(head, data, tail, progress),
            headers=headers,
            timeout=UPLOAD_TIMEOUT,
        )
    except httpx.HTTPError as error:
        log.warning("Upload of %s (%d bytes) to %s failed: %r", filename, len(data), path, error)
        raise ApiError(NETWORK_ERROR, f"{method} {path} failed: {error!r}") from error
    if response.is_error:
        api_error = _error_from_response(response)
        log.info("Upload of %s to %s returned %s %s", filename, path, response.status_code, api_error.code)
        raise api_error
    return response


class AlbumsApi:
    """Calls of ``/albums`` and ``/photos``; every failure raises ``ApiError``."""

    def __init__(self, api: ApiClient) -> None:
        self.api = api

    async def _json(
        self, model: type[ModelT], method: str, path: str, body: dict[str, Any] | None = None
    ) -> ModelT:
        response = await self.api._request(method, path, json=body)
        return parse_body(model, response, f"{method} {path}")

    async def albums(self, owner_type: OwnerType, owner_id: int, *, after: int | None = None) -> AlbumList:
        path = path_with_query("/albums", {"owner_type": owner_type, "owner_id": owner_id, "after": after})
        return await self._json(AlbumList, "GET", path)

    async def album(self, album_id: int) -> AlbumOut:
        return (await self._json(AlbumEnvelope, "GET", f"/albums/{album_id}")).album

    async def create_album(
        self, owner_type: OwnerType, owner_id: int, title: str, description: str = ""
    ) -> AlbumOut:
        body = {"owner_type": owner_type, "owner_id": owner_id, "title": title, "description": description}
        return (await self._json(AlbumEnvelope, "POST", "/albums", body)).album

    async def update_album(self, album_id: int, changes: dict[str, Any]) -> AlbumOut:
        """Change any of ``title``, ``description`` and ``cover_photo_id`` (None clears the cover)."""
        return (await self._json(AlbumEnvelope, "PATCH", f"/albums/{album_id}", changes)).album

    async def delete_album(self, album_id: int) -> None:
        await self.api._request("DELETE", f"/albums/{album_id}")

    async def photos(self, album_id: int, *, after: int | None = None, limit: int | None = None) -> PhotoList:
        path = path_with_query(f"/albums/{album_id}/photos", {"after": after, "limit": limit})
        return await self._json(PhotoList, "GET", path)

    async def upload_photo(
        self, album_id: int, filename: str, data: bytes, progress: ProgressCallback | None = None
    ) -> PhotoOut:
        path = f"/albums/{album_id}/photos"
        response = await upload_file(self.api, "POST", path, filename, data, progress)
        return parse_body(PhotoEnvelope, response, f"POST {path}").photo

    async def delete_photo(self, photo_id: int) -> None:
        await self.api._request("DELETE", f"/photos/{photo_id}")

    async def fetch_media(self, url: str) -> bytes:
        """Download a photo variant; variant URLs are public, so no token goes with it."""
        absolute = resolve_media_url(self.api, url)
        try:
            response = await self.api._client.get(absolute)
        except httpx.HTTPError as error:
            raise ApiError(NETWORK_ERROR, f"GET {absolute} failed: {error!r}") from error
        if response.is_error:
            raise ApiError(
                BAD_RESPONSE, f"GET {absolute} returned HTTP {response.status_code}", response.status_code
            )
        return response.content
