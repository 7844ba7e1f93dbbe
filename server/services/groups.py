"""Group dialogs: creation, members and roles.

The creator is the group's ``owner``; the owner and ``admin`` members add and
remove members; anyone may leave. When the owner leaves, the longest-standing
admin, or else member, becomes the owner.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import func, select

from server.bus import Event, dialog_room, user_room
from server.db.engine import DbSession
from server.db.models import Club, Dialog, DialogMember, User
from server.errors import ApiError, invalid, not_found
from server.services.context import ServerContext
from server.services.dialogs import load_dialogs, require_dialog
from server.services.views import user_out
from shared.api import DialogOut
from shared.errors import ErrorCode
from shared.frames import FrameType

logger = logging.getLogger("autoclub.api")

MAX_GROUP_MEMBERS = 10_000
MAX_TITLE_LENGTH = 128


def clean_title(raw: str) -> str:
    title = " ".join(raw.split())
    if not title or len(title) > MAX_TITLE_LENGTH:
        raise invalid(ErrorCode.INVALID_TITLE, f"the title must be 1 to {MAX_TITLE_LENGTH} characters")
    return title


async def create_group(context: ServerContext, owner_id: int, title: str, member_ids: list[int]) -> DialogOut:
    """Create a group owned by ``owner_id`` with the given members.

    Raises:
        ApiError: ``invalid_title``; ``user_not_found`` for an unknown member id;
            ``too_many_members``.
    """
    name = clean_title(title)
    others = sorted(set(member_ids) - {owner_id})
    if len(others) + 1 > MAX_GROUP_MEMBERS:
        raise invalid(ErrorCode.TOO_MANY_MEMBERS, f"a group has at most {MAX_GROUP_MEMBERS} members")

    now = datetime.now(UTC)
    async with context.database.session(write=True) as db:
        found = set((await db.execute(select(User.id).where(User.id.in_(others)))).scalars())
        missing = [user_id for user_id in others if user_id not in found]
        if missing:
            raise not_found(ErrorCode.USER_NOT_FOUND, f"users not found: {missing}")

        dialog = Dialog(kind="group", title=name, owner_id=owner_id, created_at=now, last_activity_at=now)
        db.add(dialog)
        await db.flush()
        db.add(DialogMember(dialog_id=dialog.id, user_id=owner_id, role="owner", joined_at=now))
        db.add_all(DialogMember(dialog_id=dialog.id, user_id=user_id, joined_at=now) for user_id in others)
        await db.commit()
        views = {
            user_id: (await load_dialogs(db, user_id, [dialog.id]))[0] for user_id in [owner_id, *others]
        }

    logger.info("User %s created group %s with %d members", owner_id, dialog.id, len(views))
    await context.bus.publish(Event(kind="join", rooms=(dialog_room(dialog.id),), user_ids=tuple(views)))
    for user_id, view in views.items():
        frame = {"type": FrameType.DIALOG_NEW, "dialog": view.model_dump(mode="json")}
        await context.bus.publish(Event(kind="frame", rooms=(user_room(user_id),), frame=frame))
    return views[owner_id]


async def _require_group(
    db: DbSession, dialog_id: int, actor_id: int | None, *, changes_members: bool = False
) -> tuple[Dialog, str | None]:
    """Return the group and the actor's role (None for a system action).

    With ``changes_members``, a user's action on a club's chat is rejected,
    because its members follow the club's members.
    """
    if actor_id is None:
        dialog = await db.get(Dialog, dialog_id)
        if dialog is None:
            raise not_found(ErrorCode.DIALOG_NOT_FOUND, f"dialog {dialog_id} not found")
        role = None
    else:
        dialog, role = await require_dialog(db, dialog_id, actor_id)
    if dialog.kind != "group":
        raise invalid(ErrorCode.NOT_A_GROUP, f"dialog {dialog_id} is not a group")
    if changes_members and actor_id is not None:
        club_id = (await db.execute(select(Club.id).where(Club.dialog_id == dialog_id))).scalar_one_or_none()
        if club_id is not None:
            raise _forbid(f"the members of this chat follow club {club_id}; join or leave the club instead")
    return dialog, role


def _forbid(message: str) -> ApiError:
    return ApiError(403, ErrorCode.FORBIDDEN, message)


async def add_member(context: ServerContext, actor_id: int | None, dialog_id: int, user_id: int) -> DialogOut:
    """Add a user to a group; the owner and admins may, or the system (``actor_id=None``).

    Adding a member twice changes nothing. Returns the group as the new member sees it.
    """
    async with context.database.session(write=True) as db:
        _dialog, role = await _require_group(db, dialog_id, actor_id, changes_members=True)
        if actor_id is not None and role not in ("owner", "admin"):
            raise _forbid("only the group's owner and admins add members")
        events = await stage_add_member(db, dialog_id, user_id, actor_id)
        await db.commit()
        view = (await load_dialogs(db, user_id, [dialog_id]))[0]

    await publish_events(context, events)
    return view


async def stage_add_member(db: DbSession, dialog_id: int, user_id: int, actor_id: int | None) -> list[Event]:
    """Add the member row in the caller's transaction; return the events to publish after commit.

    Returns no events when the user is a member already.

    Raises:
        ApiError: ``user_not_found``; ``too_many_members``.
    """
    dialog = await db.get(Dialog, dialog_id)
    user = await db.get(User, user_id)
    if user is None:
        raise not_found(ErrorCode.USER_NOT_FOUND, f"user {user_id} not found")
    if dialog is None:
        raise not_found(ErrorCode.DIALOG_NOT_FOUND, f"dialog {dialog_id} not found")
    if await db.get(DialogMember, (dialog_id, user_id)) is not None:
        return []
    count = (await db.execute(select(func.count()).where(DialogMember.dialog_id == dialog_id))).scalar_one()
    if count >= MAX_GROUP_MEMBERS:
        raise invalid(ErrorCode.TOO_MANY_MEMBERS, f"a group has at most {MAX_GROUP_MEMBERS} members")

    # The new member's read cursor starts at the end, so history shows as read.
    db.add(
        DialogMember(
            dialog_id=dialog_id, user_id=user_id, joined_at=datetime.now(UTC), last_read_seq=dialog.last_seq
        )
    )
    await db.flush()
    view = (await load_dialogs(db, user_id, [dialog_id]))[0]
    logger.info("User %s added user %s to group %s", actor_id, user_id, dialog_id)

    room = dialog_room(dialog_id)
    added = {
        "type": FrameType.MEMBER_ADDED,
        "dialog_id": dialog_id,
        "user": user_out(user).model_dump(mode="json"),
        "by": actor_id,
    }
    announced = {"type": FrameType.DIALOG_NEW, "dialog": view.model_dump(mode="json")}
    return [
        Event(kind="join", rooms=(room,), user_ids=(user_id,)),
        Event(kind="frame", rooms=(room,), frame=added),
        Event(kind="frame", rooms=(user_room(user_id),), frame=announced),
    ]


async def remove_member(context: ServerContext, actor_id: int | None, dialog_id: int, user_id: int) -> None:
    """Remove a user from a group, or let a member leave (``actor_id == user_id``).

    The owner can remove anyone, admins can remove members, and the system
    (``actor_id=None``) anyone. The removed user's connections leave the room
    before the next message, so they receive nothing more from it.
    """
    async with context.database.session(write=True) as db:
        _dialog, role = await _require_group(db, dialog_id, actor_id, changes_members=True)
        member = await db.get(DialogMember, (dialog_id, user_id))
        if member is None:
            raise not_found(ErrorCode.NOT_A_MEMBER, f"user {user_id} is not in dialog {dialog_id}")
        if actor_id is not None and actor_id != user_id:
            allowed = role == "owner" or (role == "admin" and member.role == "member")
            if not allowed:
                raise _forbid("only the owner removes admins, and only admins and the owner remove members")
        events = await stage_remove_member(db, dialog_id, user_id, actor_id)
        await db.commit()

    await publish_events(context, events)


async def stage_remove_member(
    db: DbSession, dialog_id: int, user_id: int, actor_id: int | None
) -> list[Event]:
    """Delete the member row in the caller's transaction; return the events to publish after commit.

    Returns no events when the user is not a member. When the owner leaves,
    the longest-standing admin, or else member, becomes the owner.
    """
    member = await db.get(DialogMember, (dialog_id, user_id))
    if member is None:
        return []
    await db.delete(member)
    await db.flush()
    new_owner = await _promote_successor(db, dialog_id) if member.role == "owner" else None
    logger.info("User %s removed user %s from group %s", actor_id, user_id, dialog_id)

    room = dialog_room(dialog_id)
    frame = {"type": FrameType.MEMBER_REMOVED, "dialog_id": dialog_id, "user_id": user_id, "by": actor_id}
    events = [
        Event(kind="leave", rooms=(room,), user_ids=(user_id,)),
        Event(kind="frame", rooms=(room, user_room(user_id)), frame=frame),
    ]
    if new_owner is not None:
        events.append(_role_event(dialog_id, new_owner, "owner"))
    return events


async def publish_events(context: ServerContext, events: list[Event]) -> None:
    for event in events:
        await context.bus.publish(event)


async def _promote_successor(db: DbSession, dialog_id: int) -> int | None:
    successor = (
        await db.execute(
            select(DialogMember)
            .where(DialogMember.dialog_id == dialog_id)
            .order_by((DialogMember.role == "admin").desc(), DialogMember.joined_at, DialogMember.user_id)
            .limit(1)
        )
    ).scalar_one_or_none()
    if successor is None:
        return None
    successor.role = "owner"
    dialog = await db.get(Dialog, dialog_id)
    if dialog is not None:
        dialog.owner_id = successor.user_id
    return successor.user_id


async def set_role(
    context: ServerContext, actor_id: int, dialog_id: int, user_id: int, new_role: str
) -> None:
    """Make a member an admin or a plain member again; only the owner may."""
    async with context.database.session(write=True) as db:
        _dialog, role = await _require_group(db, dialog_id, actor_id)
        if role != "owner":
            raise _forbid("only the group's owner changes roles")
        member = await db.get(DialogMember, (dialog_id, user_id))
        if member is None:
            raise not_found(ErrorCode.NOT_A_MEMBER, f"user {user_id} is not in dialog {dialog_id}")
        if member.role == "owner":
            raise invalid(ErrorCode.VALIDATION_FAILED, "the owner's role cannot change")
        member.role = new_role
        await db.commit()
    await _publish_role(context, dialog_id, user_id, new_role)


async def _publish_role(context: ServerContext, dialog_id: int, user_id: int, role: str) -> None:
    await context.bus.publish(_role_event(dialog_id, user_id, role))


def _role_event(dialog_id: int, user_id: int, role: str) -> Event:
    frame = {"type": FrameType.DIALOG_UPDATED, "dialog_id": dialog_id, "roles": {str(user_id): role}}
    return Event(kind="frame", rooms=(dialog_room(dialog_id),), frame=frame)


async def rename_group(context: ServerContext, actor_id: int | None, dialog_id: int, title: str) -> None:
    """Rename a group; the owner and admins may, or the system (``actor_id=None``)."""
    name = clean_title(title)
    async with context.database.session(write=True) as db:
        dialog, role = await _require_group(db, dialog_id, actor_id, changes_members=True)
        if actor_id is not None and role not in ("owner", "admin"):
            raise _forbid("only the group's owner and admins rename it")
        dialog.title = name
        await db.commit()
    frame = {"type": FrameType.DIALOG_UPDATED, "dialog_id": dialog_id, "title": name}
    await context.bus.publish(Event(kind="frame", rooms=(dialog_room(dialog_id),), frame=frame))
