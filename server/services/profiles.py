"""Profiles and profile visits."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from server.bus import Event, user_room
from server.db.models import ProfileVisit, User
from server.errors import not_found
from server.services.context import ServerContext
from server.services.friends import friendship_state
from server.services.views import user_out
from shared.api import ProfileOut, VisitorOut
from shared.errors import ErrorCode
from shared.frames import FrameType

logger = logging.getLogger("autoclub.api")

VISIT_NOTIFY_WINDOW = timedelta(minutes=10)
"""Repeated visits by one user within this window notify the owner once."""

MAX_VISITORS_LISTED = 50


async def view_profile(context: ServerContext, viewer_id: int, user_id: int) -> ProfileOut:
    """Return a user's profile and record the visit, notifying the owner once per window.

    Visiting one's own profile records nothing.
    """
    now = datetime.now(UTC)
    notify = False
    async with context.database.session(write=viewer_id != user_id) as db:
        user = await db.get(User, user_id)
        if user is None:
            raise not_found(ErrorCode.USER_NOT_FOUND, f"user {user_id} not found")
        viewer = await db.get(User, viewer_id)
        state = "self" if viewer_id == user_id else await friendship_state(db, viewer_id, user_id)

        if viewer_id != user_id:
            visit = (
                await db.execute(
                    select(ProfileVisit).where(
                        ProfileVisit.owner_id == user_id, ProfileVisit.visitor_id == viewer_id
                    )
                )
            ).scalar_one_or_none()
            if visit is None:
                db.add(ProfileVisit(owner_id=user_id, visitor_id=viewer_id, visited_at=now, notified_at=now))
                notify = True
            else:
                visit.visited_at = now
                visit.visits += 1
                if now - visit.notified_at >= VISIT_NOTIFY_WINDOW:
                    visit.notified_at = now
                    notify = True
            await db.commit()

    online: bool | None = None
    last_seen = None
    if state in ("self", "friends"):
        online = bool(await context.presence.online([user_id]))
        last_seen = None if online else user.last_seen_at

    if notify and viewer is not None:
        logger.info("User %s visited the profile of user %s", viewer_id, user_id)
        frame = {"type": FrameType.PROFILE_VISIT, "visitor": user_out(viewer).model_dump(mode="json")}
        await context.bus.publish(Event(kind="frame", rooms=(user_room(user_id),), frame=frame))

    return ProfileOut(
        user=user_out(user, with_phone=viewer_id == user_id),
        friendship=state,
        online=online,
        last_seen=last_seen,
        created_at=user.created_at,
    )


async def list_visitors(context: ServerContext, owner_id: int) -> list[VisitorOut]:
    """Return who visited the owner's profile, latest first."""
    async with context.database.session() as db:
        rows = await db.execute(
            select(ProfileVisit, User)
            .join(User, User.id == ProfileVisit.visitor_id)
            .where(ProfileVisit.owner_id == owner_id)
            .order_by(ProfileVisit.visited_at.desc())
            .limit(MAX_VISITORS_LISTED)
        )
        return [
            VisitorOut(user=user_out(user), visited_at=visit.visited_at, visits=visit.visits)
            for visit, user in rows
        ]
