"""``GET /media/{key}``: photo files from local storage.

Photo URLs are public: anyone who has one can fetch it without a token, as
from a CDN. Keys contain the SHA-256 of the file, so they cannot be guessed
or enumerated, but a URL that leaks stays valid until the photo is deleted.
With S3 storage this route returns 404; the URLs point at S3 or a CDN instead.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse

from server.api.deps import ContextDep
from server.errors import not_found
from server.media import CACHE_CONTROL, LocalStorage, ObjectNotFoundError
from shared.errors import ErrorCode

router = APIRouter(tags=["media"])


@router.api_route("/media/{key:path}", methods=["GET", "HEAD"], response_class=FileResponse)
async def get_media(key: str, context: ContextDep) -> FileResponse:
    """Return a stored photo variant with a one-year immutable cache lifetime."""
    storage = context.storage
    if not isinstance(storage, LocalStorage):
        raise not_found(ErrorCode.NOT_FOUND, "photos are not served by the API with S3 storage")
    try:
        file = storage.file_for(key)
    except ObjectNotFoundError:
        raise not_found(ErrorCode.NOT_FOUND, f"no stored file {key}") from None
    return FileResponse(
        file.path,
        media_type=file.content_type,
        headers={"Cache-Control": CACHE_CONTROL, "X-Content-Type-Options": "nosniff"},
    )
