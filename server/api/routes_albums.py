"""Album and photo routes under ``/api/v1/albums`` and ``/api/v1/photos``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Response, UploadFile

from server.api.deps import CallerDep, ContextDep
from server.api.uploads import read_upload
from server.services import albums
from shared.api import ErrorBody
from shared.limits import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Int64
from shared.photos import (
    AlbumCreate,
    AlbumEnvelope,
    AlbumList,
    AlbumUpdate,
    OwnerType,
    PhotoEnvelope,
    PhotoList,
)

router = APIRouter(prefix="/api/v1", tags=["albums"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 404, 413, 422)
}
_UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {**_ERRORS, 503: {"model": ErrorBody}}

After = Annotated[Int64 | None, Query(description="The last id of the previous page")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Page size, 1 to {MAX_PAGE_SIZE}")]


@router.post("/albums", response_model=AlbumEnvelope, status_code=201, responses=_ERRORS)
async def create_album(body: AlbumCreate, caller: CallerDep, context: ContextDep) -> AlbumEnvelope:
    """Create an album of a club (its owner and admins) or of the caller."""
    return AlbumEnvelope(album=await albums.create_album(context, caller.user.id, body))


@router.get("/albums", response_model=AlbumList, responses=_ERRORS)
async def list_albums(
    owner_type: OwnerType,
    owner_id: Int64,
    caller: CallerDep,
    context: ContextDep,
    after: After = None,
    limit: Limit = DEFAULT_PAGE_SIZE,
) -> AlbumList:
    """List the albums of a club or a user, newest first."""
    return await albums.list_albums(context, caller.user.id, owner_type, owner_id, after=after, limit=limit)


@router.get("/albums/{album_id}", response_model=AlbumEnvelope, responses=_ERRORS)
async def get_album(album_id: Int64, caller: CallerDep, context: ContextDep) -> AlbumEnvelope:
    return AlbumEnvelope(album=await albums.get_album(context, caller.user.id, album_id))


@router.patch("/albums/{album_id}", response_model=AlbumEnvelope, responses=_ERRORS)
async def update_album(
    album_id: Int64, body: AlbumUpdate, caller: CallerDep, context: ContextDep
) -> AlbumEnvelope:
    """Rename, describe or set the cover photo (`cover_photo_id: null` clears it)."""
    return AlbumEnvelope(album=await albums.update_album(context, caller.user.id, album_id, body))


@router.delete("/albums/{album_id}", status_code=204, responses=_ERRORS)
async def delete_album(album_id: Int64, caller: CallerDep, context: ContextDep) -> Response:
    """Delete the album with its photos and their stored files."""
    await albums.delete_album(context, caller.user.id, album_id)
    return Response(status_code=204)


@router.post(
    "/albums/{album_id}/photos", response_model=PhotoEnvelope, status_code=201, responses=_UPLOAD_ERRORS
)
async def upload_photo(
    album_id: Int64,
    file: Annotated[UploadFile, File(description="The image: JPEG, PNG, WebP, GIF, TIFF, HEIC or AVIF")],
    caller: CallerDep,
    context: ContextDep,
) -> PhotoEnvelope:
    """Upload one photo as multipart field `file`; the server makes four variants."""
    data = await read_upload(context, file)
    return PhotoEnvelope(photo=await albums.upload_photo(context, caller.user.id, album_id, data))


@router.get("/albums/{album_id}/photos", response_model=PhotoList, responses=_ERRORS)
async def list_photos(
    album_id: Int64,
    caller: CallerDep,
    context: ContextDep,
    after: After = None,
    limit: Limit = DEFAULT_PAGE_SIZE,
) -> PhotoList:
    """List photos newest first (keyset pagination by id)."""
    return await albums.list_photos(context, album_id, after=after, limit=limit)


@router.get("/photos/{photo_id}", response_model=PhotoEnvelope, responses=_ERRORS)
async def get_photo(photo_id: Int64, caller: CallerDep, context: ContextDep) -> PhotoEnvelope:
    return PhotoEnvelope(photo=await albums.get_photo(context, photo_id))


@router.delete("/photos/{photo_id}", status_code=204, responses=_ERRORS)
async def delete_photo(photo_id: Int64, caller: CallerDep, context: ContextDep) -> Response:
    """Delete a photo (its uploader, or the album's managers)."""
    await albums.delete_photo(context, caller.user.id, photo_id)
    return Response(status_code=204)
