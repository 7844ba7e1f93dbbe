"""Friend requests and friendships, and the presence frames friends see."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import delete, or_, select

from server.bus import Event, user_room
from server.db.engine import DbSession
from server.db.models import Friendship, User
from server.errors import invalid, not_found
from server.services.context import ServerContext
from server.services.views import user_out
from shared.api import FriendOut, FriendRequestOut, FriendshipState, FriendsList
from shared.errors import ErrorCode
from shared.frames import FrameType

logger = logging.getLogger("autoclub.api")


def pair_key(first: int, second: int) -> str:
    low, high = sorted((first, second))
    return f"{low}:{high}"


async def friend_ids(db: DbSession, user_id: int) -> list[int]:
    """Return the ids of the user's accepted friends."""
    rows = await db.execute(
        select(Friendship.requester_id, Friendship.addressee_id).where(
            Friendship.status == "accepted",
            or_(Friendship.requester_id == user_id, Friendship.addressee_id == user_id),
        )
    )
    return [addressee if requester == user_id else requester for requester, addressee in rows]


async def friendship_state(db: DbSession, viewer_id: int, other_id: int) -> str:
    """Return "none", "outgoing", "incoming" or "friends" as the viewer sees it."""
    row = (
        await db.execute(select(Friendship).where(Friendship.pair_key == pair_key(viewer_id, other_id)))
    ).scalar_one_or_none()
    if row is None:
        return "none"
    if row.status == "accepted":
        return "friends"
    return "outgoing" if row.requester_id == viewer_id else "incoming"


async def list_friends(context: ServerContext, user_id: int) -> FriendsList:
    async with context.database.session() as db:
        rows = (
            await db.execute(
                select(Friendship, User)
                .join(
                    User,
                    or_(
                        (Friendship.requester_id == user_id) & (User.id == Friendship.addressee_id),
                        (Friendship.addressee_id == user_id) & (User.id == Friendship.requester_id),
                    ),
                )
                .order_by(User.display_name, User.id)
            )
        ).all()

    friend_users = [other for friendship, other in rows if friendship.status == "accepted"]
    online = await context.presence.online(user.id for user in friend_users)
    return FriendsList(
        friends=[
            FriendOut(
                user=user_out(other),
                online=other.id in online,
                last_seen=None if other.id in online else other.last_seen_at,
            )
            for other in friend_users
        ],
        incoming=[
            FriendRequestOut(user=user_out(other), created_at=friendship.created_at)
            for friendship, other in rows
            if friendship.status == "pending" and friendship.addressee_id == user_id
        ],
        outgoing=[
            FriendRequestOut(user=user_out(other), created_at=friendship.created_at)
            for friendship, other in rows
            if friendship.status == "pending" and friendship.requester_id == user_id
        ],
    )


async def add_friend(context: ServerContext, user_id: int, other_id: int) -> FriendshipState:
    """Send a friend request, or accept the one ``other_id`` already sent.

    Repeating a request or befriending a friend changes nothing.

    Raises:
        ApiError: ``cannot_friend_self``; ``user_not_found``.
    """
    if other_id == user_id:
        raise invalid(ErrorCode.CANNOT_FRIEND_SELF, "you cannot befriend yourself")

    now = datetime.now(UTC)
    async with context.database.session(write=True) as db:
        me = await db.get(User, user_id)
        other = await db.get(User, other_id)
        if other is None or me is None:
            raise not_found(ErrorCode.USER_NOT_FOUND, f"user {other_id} not found")

        key = pair_key(user_id, other_id)
        row = (await db.execute(select(Friendship).where(Friendship.pair_key == key))).scalar_one_or_none()
        if row is not None and (row.status == "accepted" or row.requester_id == user_id):
            return FriendshipState(status="friends" if row.status == "accepted" else "outgoing")

        if row is None:
            db.add(
                Friendship(
                    pair_key=key,
                    requester_id=user_id,
                    addressee_id=other_id,
                    status="pending",
                    created_at=now,
                )
            )
            accepted = False
        else:
            row.status = "accepted"
            row.accepted_at = now
            accepted = True
        await db.commit()

    if accepted:
        logger.info("User %s accepted the friend request of user %s", user_id, other_id)
        await _publish_pair(context, FrameType.FRIEND_ACCEPTED, me_id=user_id, me=me, other=other)
        await _publish_mutual_presence(context, user_id, other_id, me, other)
        return FriendshipState(status="friends")

    logger.info("User %s sent a friend request to user %s", user_id, other_id)
    await _publish_pair(context, FrameType.FRIEND_REQUEST, me_id=user_id, me=me, other=other)
    return FriendshipState(status="outgoing")


async def remove_friend(context: ServerContext, user_id: int, other_id: int) -> bool:
    """Decline, cancel or end a friendship; return False when there was none."""
    async with context.database.session(write=True) as db:
        me = await db.get(User, user_id)
        other = await db.get(User, other_id)
        result = await db.execute(
            delete(Friendship).where(Friendship.pair_key == pair_key(user_id, other_id))
        )
        await db.commit()

    if not result.rowcount or me is None or other is None:  # type: ignore[attr-defined]
        return False
    logger.info("User %s removed the friendship or request with user %s", user_id, other_id)
    await _publish_pair(context, FrameType.FRIEND_REMOVED, me_id=user_id, me=me, other=other)
    return True


async def _publish_pair(
    context: ServerContext, frame_type: str, *, me_id: int, me: User, other: User
) -> None:
    """Tell both users (all their sessions) who did what: ``from`` acted, ``to`` is the other."""
    frame = {
        "type": frame_type,
        "from": user_out(me).model_dump(mode="json"),
        "to": user_out(other).model_dump(mode="json"),
    }
    await context.bus.publish(Event(kind="frame", rooms=(user_room(me_id), user_room(other.id)), frame=frame))


async def _publish_mutual_presence(
    context: ServerContext, first_id: int, second_id: int, first: User, second: User
) -> None:
    """Show new friends each other's current presence."""
    online = await context.presence.online([first_id, second_id])
    for subject, viewer in ((first, second_id), (second, first_id)):
        await context.bus.publish(
            Event(
                kind="frame", rooms=(user_room(viewer),), frame=presence_frame(subject, subject.id in online)
            )
        )


def presence_frame(user: User, online: bool) -> dict[str, object]:
    return {
        "type": FrameType.PRESENCE,
        "user_id": user.id,
        "online": online,
        "last_seen": None if online or user.last_seen_at is None else user.last_seen_at.isoformat(),
    }


async def publish_presence(context: ServerContext, user_id: int, online: bool) -> None:
    """Record a presence change from the hub and tell the user's friends.

    Going offline stores ``last_seen_at``. Only friends get the frame.
    """
    now = datetime.now(UTC)
    async with context.database.session(write=not online) as db:
        user = await db.get(User, user_id)
        if user is None:
            return
        if not online:
            user.last_seen_at = now
            await db.commit()
        friends = await friend_ids(db, user_id)

    logger.info("User %s is %s; telling %d friends", user_id, "online" if online else "offline", len(friends))
    if friends:
        rooms = tuple(user_room(friend) for friend in friends)
        await context.bus.publish(Event(kind="frame", rooms=rooms, frame=presence_frame(user, online)))
