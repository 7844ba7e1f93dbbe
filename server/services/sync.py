"""Catching up after time offline: everything since the client's cursors in one call."""

from __future__ import annotations

from sqlalchemy import select

from server.db.models import Message
from server.errors import invalid
from server.services.context import ServerContext
from server.services.dialogs import load_dialogs
from server.services.views import message_out
from shared.api import MessageOut, SyncResponse
from shared.errors import ErrorCode

MAX_SYNC_MESSAGES = 1000
MAX_KNOWN_DIALOGS = 20_000


async def sync(context: ServerContext, user_id: int, known: dict[int, int], limit: int) -> SyncResponse:
    """Return the caller's dialogs and up to ``limit`` messages the client is missing.

    ``known`` maps dialog ids to the newest seq the client stored. Dialogs it
    does not name start from seq 0. Messages come dialog by dialog, lowest
    dialog id first, in ascending seq within each. When the budget runs out,
    ``has_more`` is set and the client calls again with its new cursors. The
    cursors are per dialog because seq numbers are gapless and committed in
    order within a dialog, which no global id is on PostgreSQL.
    """
    if not 1 <= limit <= MAX_SYNC_MESSAGES:
        raise invalid(ErrorCode.INVALID_CURSOR, f"limit must be 1 to {MAX_SYNC_MESSAGES}")
    if len(known) > MAX_KNOWN_DIALOGS or any(seq < 0 for seq in known.values()):
        raise invalid(ErrorCode.INVALID_CURSOR, "known seqs must be ≥ 0, for at most 20000 dialogs")

    async with context.database.session() as db:
        dialogs = await load_dialogs(db, user_id)
        messages: list[MessageOut] = []
        budget = limit
        has_more = False
        for dialog in sorted(dialogs, key=lambda view: view.id):
            after = known.get(dialog.id, 0)
            if dialog.last_seq <= after:
                continue
            if budget == 0:
                has_more = True
                break
            rows = (
                (
                    await db.execute(
                        select(Message)
                        .where(Message.dialog_id == dialog.id, Message.seq > after)
                        .order_by(Message.seq)
                        .limit(budget)
                    )
                )
                .scalars()
                .all()
            )
            messages.extend(message_out(row) for row in rows)
            budget -= len(rows)
            if rows and rows[-1].seq < dialog.last_seq:
                has_more = True

    member_ids = {dialog.id for dialog in dialogs}
    return SyncResponse(
        dialogs=dialogs,
        messages=messages,
        removed_dialog_ids=sorted(dialog_id for dialog_id in known if dialog_id not in member_ids),
        has_more=has_more,
    )
