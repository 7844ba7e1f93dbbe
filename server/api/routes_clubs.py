"""Club routes under ``/api/v1/clubs``: clubs, members, join requests, roles and the cover."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Response, UploadFile

from server.api.deps import CallerDep, ContextDep
from server.api.uploads import read_upload
from server.services import clubs
from shared.api import ErrorBody
from shared.clubs import (
    ClubCreate,
    ClubEnvelope,
    ClubList,
    ClubMemberList,
    ClubUpdate,
    FocalPoint,
    JoinRequestList,
    RoleUpdate,
)
from shared.limits import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Int64, Text

router = APIRouter(prefix="/api/v1/clubs", tags=["clubs"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody} for status in (400, 401, 403, 404, 409, 413, 422)
}
_UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {**_ERRORS, 503: {"model": ErrorBody}}

After = Annotated[Int64 | None, Query(description="The last id of the previous page")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"Page size, 1 to {MAX_PAGE_SIZE}")]


@router.post("", response_model=ClubEnvelope, status_code=201, responses=_ERRORS)
async def create_club(body: ClubCreate, caller: CallerDep, context: ContextDep) -> ClubEnvelope:
    """Create a club and its group chat; the caller becomes its owner."""
    return ClubEnvelope(club=await clubs.create_club(context, caller.user.id, body))


@router.get("", response_model=ClubList, responses=_ERRORS)
async def list_clubs(
    caller: CallerDep,
    context: ContextDep,
    query: Annotated[Text, Query(max_length=100, description="Text anywhere in the title, any case")] = "",
    city: Annotated[Text, Query(max_length=100, description="Start of the city name, any case")] = "",
    after: After = None,
    limit: Limit = DEFAULT_PAGE_SIZE,
) -> ClubList:
    """Search clubs by title and city, newest first (keyset pagination by id)."""
    return await clubs.list_clubs(context, caller.user.id, query=query, city=city, after=after, limit=limit)


@router.get("/{club_id}", response_model=ClubEnvelope, responses=_ERRORS)
async def get_club(club_id: Int64, caller: CallerDep, context: ContextDep) -> ClubEnvelope:
    return ClubEnvelope(club=await clubs.get_club(context, caller.user.id, club_id))


@router.patch("/{club_id}", response_model=ClubEnvelope, responses=_ERRORS)
async def update_club(
    club_id: Int64, body: ClubUpdate, caller: CallerDep, context: ContextDep
) -> ClubEnvelope:
    """Change the title, city, topic, description or join policy (owner and admins)."""
    return ClubEnvelope(club=await clubs.update_club(context, caller.user.id, club_id, body))


@router.post("/{club_id}/join", response_model=ClubEnvelope, responses=_ERRORS)
async def join_club(club_id: Int64, caller: CallerDep, context: ContextDep) -> ClubEnvelope:
    """Join an open club, or ask to join one with the `request` policy (`my_status` tells which)."""
    return ClubEnvelope(club=await clubs.join_club(context, caller.user.id, club_id))


@router.post("/{club_id}/leave", status_code=204, responses=_ERRORS)
async def leave_club(club_id: Int64, caller: CallerDep, context: ContextDep) -> Response:
    """Leave the club and its chat, or withdraw a pending join request."""
    await clubs.leave_club(context, caller.user.id, club_id)
    return Response(status_code=204)


@router.get("/{club_id}/members", response_model=ClubMemberList, responses=_ERRORS)
async def list_members(
    club_id: Int64,
    caller: CallerDep,
    context: ContextDep,
    after: After = None,
    limit: Limit = DEFAULT_PAGE_SIZE,
) -> ClubMemberList:
    """List members in ascending user id; `after` is the last user id of the previous page."""
    return await clubs.list_members(context, club_id, after=after, limit=limit)


@router.delete("/{club_id}/members/{user_id}", status_code=204, responses=_ERRORS)
async def remove_member(club_id: Int64, user_id: Int64, caller: CallerDep, context: ContextDep) -> Response:
    """Remove a member from the club and its chat; removing oneself is leaving."""
    await clubs.remove_member(context, caller.user.id, club_id, user_id)
    return Response(status_code=204)


@router.put("/{club_id}/members/{user_id}/role", status_code=204, responses=_ERRORS)
async def set_role(
    club_id: Int64, user_id: Int64, body: RoleUpdate, caller: CallerDep, context: ContextDep
) -> Response:
    """Set a member's role (owner only); `owner` hands the club over."""
    await clubs.set_role(context, caller.user.id, club_id, user_id, body.role)
    return Response(status_code=204)


@router.get("/{club_id}/requests", response_model=JoinRequestList, responses=_ERRORS)
async def list_requests(
    club_id: Int64,
    caller: CallerDep,
    context: ContextDep,
    after: After = None,
    limit: Limit = DEFAULT_PAGE_SIZE,
) -> JoinRequestList:
    """List pending join requests, oldest first (owner and admins)."""
    return await clubs.list_requests(context, caller.user.id, club_id, after=after, limit=limit)


@router.post("/{club_id}/requests/{user_id}/approve", status_code=204, responses=_ERRORS)
async def approve_request(club_id: Int64, user_id: Int64, caller: CallerDep, context: ContextDep) -> Response:
    await clubs.resolve_request(context, caller.user.id, club_id, user_id, approve=True)
    return Response(status_code=204)


@router.post("/{club_id}/requests/{user_id}/decline", status_code=204, responses=_ERRORS)
async def decline_request(club_id: Int64, user_id: Int64, caller: CallerDep, context: ContextDep) -> Response:
    await clubs.resolve_request(context, caller.user.id, club_id, user_id, approve=False)
    return Response(status_code=204)


@router.put("/{club_id}/cover", response_model=ClubEnvelope, responses=_UPLOAD_ERRORS)
async def set_cover(
    club_id: Int64,
    file: Annotated[UploadFile, File(description="The image: JPEG, PNG, WebP, GIF, TIFF, HEIC or AVIF")],
    caller: CallerDep,
    context: ContextDep,
) -> ClubEnvelope:
    """Upload or replace the cover (owner and admins); the focal point resets to the centre."""
    data = await read_upload(context, file)
    return ClubEnvelope(club=await clubs.set_cover(context, caller.user.id, club_id, data))


@router.patch("/{club_id}/cover", response_model=ClubEnvelope, responses=_ERRORS)
async def set_focal_point(
    club_id: Int64, body: FocalPoint, caller: CallerDep, context: ContextDep
) -> ClubEnvelope:
    """Set the point a banner crop keeps in view (owner and admins)."""
    return ClubEnvelope(club=await clubs.set_focal_point(context, caller.user.id, club_id, body))


@router.delete("/{club_id}/cover", response_model=ClubEnvelope, responses=_ERRORS)
async def delete_cover(club_id: Int64, caller: CallerDep, context: ContextDep) -> ClubEnvelope:
    """Remove the cover (owner and admins)."""
    return ClubEnvelope(club=await clubs.delete_cover(context, caller.user.id, club_id))
