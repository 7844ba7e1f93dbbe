"""The hub's view of a session token: whose it is and which rooms its connection joins."""

from __future__ import annotations

from sqlalchemy import select

from server.db.models import DialogMember, User
from server.services import auth
from server.services.context import ServerContext
from server.services.friends import friend_ids
from shared.api import SessionCheck, SessionCheckFriend


async def session_check(context: ServerContext, token: str) -> SessionCheck:
    """Return the session of ``token`` with the user's dialogs and friends.

    Everything is read in one transaction: after a restart the hub checks
    thousands of tokens at once, and each transaction costs a pool checkout and
    a round trip to the database's thread or server.

    Raises:
        ApiError: ``invalid_token`` (401) for an unknown or revoked token.
    """
    async with context.database.session() as db:
        user, session = await auth.find_session(db, token)
        dialog_rows = await db.execute(select(DialogMember.dialog_id).where(DialogMember.user_id == user.id))
        dialog_ids = list(dialog_rows.scalars())
        friends: list[SessionCheckFriend] = []
        ids = await friend_ids(db, user.id)
        if ids:
            rows = await db.execute(select(User.id, User.last_seen_at).where(User.id.in_(ids)))
            friends = [SessionCheckFriend(user_id=friend, last_seen=last_seen) for friend, last_seen in rows]
    await auth.touch_session(context, session)
    return SessionCheck(user_id=user.id, session_id=session.id, dialog_ids=dialog_ids, friends=friends)
