"""Group dialogs: creation, members, roles and titles."""

from __future__ import annotations

from fastapi import APIRouter, Response

from server.api.deps import CallerDep, ContextDep
from server.api.errors import error_responses
from server.services import groups
from shared.api import DialogEnvelope, DialogUpdate, GroupCreate, MemberAdd, MemberRole
from shared.limits import Int64

router = APIRouter(prefix="/api/v1", tags=["groups"])

_ERRORS = error_responses(401, 403, 404, 422)


@router.post("/groups", response_model=DialogEnvelope, status_code=201, responses=_ERRORS)
async def create_group(body: GroupCreate, caller: CallerDep, context: ContextDep) -> DialogEnvelope:
    """Create a group; the caller becomes its owner."""
    return DialogEnvelope(
        dialog=await groups.create_group(context, caller.user.id, body.title, body.member_ids)
    )


@router.post("/dialogs/{dialog_id}/members", response_model=DialogEnvelope, responses=_ERRORS)
async def add_member(
    dialog_id: Int64, body: MemberAdd, caller: CallerDep, context: ContextDep
) -> DialogEnvelope:
    """Add a user to a group (owner and admins)."""
    return DialogEnvelope(dialog=await groups.add_member(context, caller.user.id, dialog_id, body.user_id))


@router.delete("/dialogs/{dialog_id}/members/{user_id}", status_code=204, responses=_ERRORS)
async def remove_member(dialog_id: Int64, user_id: Int64, caller: CallerDep, context: ContextDep) -> Response:
    """Remove a member (owner and admins), or leave when ``user_id`` is the caller's."""
    await groups.remove_member(context, caller.user.id, dialog_id, user_id)
    return Response(status_code=204)


@router.put("/dialogs/{dialog_id}/members/{user_id}/role", status_code=204, responses=_ERRORS)
async def set_role(
    dialog_id: Int64, user_id: Int64, body: MemberRole, caller: CallerDep, context: ContextDep
) -> Response:
    """Make a member an admin, or an admin a member again (owner only)."""
    await groups.set_role(context, caller.user.id, dialog_id, user_id, body.role)
    return Response(status_code=204)


@router.patch("/dialogs/{dialog_id}", status_code=204, responses=_ERRORS)
async def rename(dialog_id: Int64, body: DialogUpdate, caller: CallerDep, context: ContextDep) -> Response:
    """Rename a group (owner and admins)."""
    await groups.rename_group(context, caller.user.id, dialog_id, body.title)
    return Response(status_code=204)
