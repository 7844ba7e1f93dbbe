"""Listing and revoking a user's sessions."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import select, update

from server.bus import Event
from server.db.models import Session
from server.errors import not_found
from server.services.context import ServerContext
from shared.api import SessionOut
from shared.errors import ErrorCode

logger = logging.getLogger("autoclub.api")


async def list_sessions(context: ServerContext, user_id: int, current_id: int) -> list[SessionOut]:
    """Return the user's live sessions, the most recently used first."""
    async with context.database.session() as db:
        rows = (
            await db.execute(
                select(Session)
                .where(Session.user_id == user_id, Session.revoked_at.is_(None))
                .order_by(Session.last_seen_at.desc(), Session.id.desc())
            )
        ).scalars()
        return [
            SessionOut(
                id=session.id,
                device_name=session.device_name,
                created_at=session.created_at,
                last_seen_at=session.last_seen_at,
                address=session.address,
                current=session.id == current_id,
            )
            for session in rows
        ]


async def revoke_sessions(
    context: ServerContext, user_id: int, session_ids: list[int] | None, keep_id: int | None
) -> int:
    """Revoke the given sessions of the user (all when None) except ``keep_id``; return how many.

    Revoked tokens get 401 from then on and their sockets close with 4004.
    """
    async with context.database.session(write=True) as db:
        query = select(Session.id).where(Session.user_id == user_id, Session.revoked_at.is_(None))
        if session_ids is not None:
            query = query.where(Session.id.in_(session_ids))
        if keep_id is not None:
            query = query.where(Session.id != keep_id)
        ids = list((await db.execute(query)).scalars())
        if ids:
            await db.execute(update(Session).where(Session.id.in_(ids)).values(revoked_at=datetime.now(UTC)))
            await db.commit()

    if ids:
        logger.info("User %s revoked sessions %s", user_id, ids)
        await context.bus.publish(Event(kind="revoke", user_ids=(user_id,), session_ids=tuple(ids)))
    return len(ids)


async def revoke_session(context: ServerContext, user_id: int, session_id: int) -> None:
    """Revoke one of the user's sessions; another user's is reported as not found."""
    if not await revoke_sessions(context, user_id, [session_id], keep_id=None):
        raise not_found(ErrorCode.SESSION_NOT_FOUND, f"session {session_id} not found")
