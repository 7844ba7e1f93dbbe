"""Dialog and message routes under ``/api/v1/dialogs``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from server.api.deps import CallerDep, ContextDep
from server.api.errors import error_responses
from server.services import dialogs
from server.services import sync as sync_service
from shared.api import (
    DialogCreate,
    DialogEnvelope,
    DialogList,
    MessageCreate,
    MessageEnvelope,
    MessageList,
    ReadCursor,
    SyncRequest,
    SyncResponse,
)
from shared.limits import DEFAULT_PAGE_SIZE, Int64

router = APIRouter(prefix="/api/v1", tags=["dialogs"])

_ERRORS = error_responses(400, 401, 403, 404, 413, 422)


@router.get("/dialogs", response_model=DialogList, responses=_ERRORS)
async def list_dialogs(caller: CallerDep, context: ContextDep) -> DialogList:
    """List the caller's dialogs, newest activity first."""
    return DialogList(dialogs=await dialogs.list_dialogs(context, caller.user.id))


@router.post("/dialogs", response_model=DialogEnvelope, responses=_ERRORS)
async def open_dialog(body: DialogCreate, caller: CallerDep, context: ContextDep) -> DialogEnvelope:
    """Open the direct dialog with a user given by ``user_id`` or ``phone``.

    Every call for the same pair of users returns the same dialog.
    """
    dialog = await dialogs.open_direct_dialog(context, caller.user.id, user_id=body.user_id, phone=body.phone)
    return DialogEnvelope(dialog=dialog)


@router.post(
    "/dialogs/{dialog_id}/messages",
    response_model=MessageEnvelope,
    responses={**_ERRORS, 200: {"description": "The message was already stored under this client_id"}},
    status_code=201,
)
async def send_message(
    dialog_id: Int64, body: MessageCreate, caller: CallerDep, context: ContextDep, response: Response
) -> MessageEnvelope:
    """Send a message; retrying with the same ``client_id`` returns the stored one (200)."""
    message, created = await dialogs.send_message(
        context, caller.user.id, dialog_id, body.client_id, body.text
    )
    if not created:
        response.status_code = 200
    return MessageEnvelope(message=message)


@router.get("/dialogs/{dialog_id}/messages", response_model=MessageList, responses=_ERRORS)
async def list_messages(
    dialog_id: Int64,
    caller: CallerDep,
    context: ContextDep,
    after_seq: Annotated[Int64 | None, Query(description="Return messages after this seq")] = None,
    before_seq: Annotated[Int64 | None, Query(description="Return messages before this seq")] = None,
    limit: Annotated[int, Query(description="Page size, 1 to 200")] = DEFAULT_PAGE_SIZE,
) -> MessageList:
    """Return one page of messages in ascending ``seq`` (keyset pagination)."""
    messages = await dialogs.list_messages(
        context, caller.user.id, dialog_id, after_seq=after_seq, before_seq=before_seq, limit=limit
    )
    return MessageList(messages=messages)


@router.get("/dialogs/{dialog_id}", response_model=DialogEnvelope, responses=_ERRORS)
async def get_dialog(dialog_id: Int64, caller: CallerDep, context: ContextDep) -> DialogEnvelope:
    return DialogEnvelope(dialog=await dialogs.get_dialog(context, caller.user.id, dialog_id))


@router.post("/dialogs/{dialog_id}/read", response_model=ReadCursor, responses=_ERRORS)
async def mark_read(dialog_id: Int64, body: ReadCursor, caller: CallerDep, context: ContextDep) -> ReadCursor:
    """Mark messages up to ``seq`` as read; the cursor only moves forward."""
    return ReadCursor(seq=await dialogs.mark_read(context, caller.user.id, dialog_id, body.seq))


@router.post("/sync", response_model=SyncResponse, responses=_ERRORS)
async def sync(body: SyncRequest, caller: CallerDep, context: ContextDep) -> SyncResponse:
    """Return every dialog with its read state, and the messages the client is missing.

    Call it after every (re)connect to the hub, before applying live frames,
    and again while ``has_more`` is true.
    """
    return await sync_service.sync(context, caller.user.id, body.known, body.limit)
