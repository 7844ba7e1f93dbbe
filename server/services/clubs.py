"""Clubs: creation, search, membership, join requests, roles and the cover photo.

Every club has a group dialog as its chat. Club membership drives chat
membership: joining adds the user to the chat, and leaving or removal takes
them out, through ``server.services.groups`` with the system as actor. The
chat changes happen after the club's transaction commits, because each of
those calls opens its own write transaction.

Roles: the ``owner`` (one per club) hands the club over and sets roles.
``admin`` members edit the club and its cover, handle join requests and
remove plain members. Everyone else who joined is a ``member``.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from server.bus import Event, user_room
from server.db.engine import DbSession
from server.db.models import Club, ClubJoinRequest, ClubMember, Photo, User
from server.errors import ApiError, not_found
from server.services import groups, photos
from server.services.context import ServerContext
from server.services.views import user_out
from shared.clubs import (
    ClubCreate,
    ClubFrameType,
    ClubList,
    ClubMemberList,
    ClubMemberOut,
    ClubOut,
    ClubUpdate,
    CoverOut,
    FocalPoint,
    JoinRequestList,
    JoinRequestOut,
    MembershipStatus,
)
from shared.errors import ErrorCode

logger = logging.getLogger("autoclub.api")

ROLE_RANK = {"member": 1, "admin": 2, "owner": 3}
DEFAULT_FOCAL = 0.5


def fold(text: str) -> str:
    """Return ``text`` folded for search: case-folded, "ё" as "е", runs of whitespace as one space.

    SQLite's ``lower()`` and ``LIKE`` fold ASCII letters only, so the folded
    forms are stored and compared instead.
    """
    return " ".join(text.casefold().replace("ё", "е").split())


def _forbid(message: str) -> ApiError:
    return ApiError(403, ErrorCode.FORBIDDEN, message)


async def _require_club(db: DbSession, club_id: int, *, lock: bool = False) -> Club:
    query = select(Club).where(Club.id == club_id)
    if lock:
        # Serialises concurrent changes of one club on PostgreSQL; SQLite write
        # transactions are serial anyway.
        query = query.with_for_update()
    club = (await db.execute(query)).scalar_one_or_none()
    if club is None:
        raise not_found(ErrorCode.CLUB_NOT_FOUND, f"club {club_id} not found")
    return club


async def club_role(db: DbSession, club_id: int, user_id: int) -> str | None:
    """Return the user's role in the club, or None unless a member."""
    member = await db.get(ClubMember, (club_id, user_id))
    return member.role if member is not None else None


async def _require_role(db: DbSession, club_id: int, user_id: int, minimum: str, action: str) -> str:
    role = await club_role(db, club_id, user_id)
    if role is None or ROLE_RANK[role] < ROLE_RANK[minimum]:
        who = "the owner" if minimum == "owner" else "the owner and admins"
        raise _forbid(f"only {who} of club {club_id} may {action}")
    return role


async def _admin_ids(db: DbSession, club_id: int) -> list[int]:
    rows = await db.execute(
        select(ClubMember.user_id).where(
            ClubMember.club_id == club_id, ClubMember.role.in_(("owner", "admin"))
        )
    )
    return list(rows.scalars())


async def _change_member_count(db: DbSession, club_id: int, delta: int) -> None:
    await db.execute(
        update(Club)
        .where(Club.id == club_id)
        .values(member_count=Club.member_count + delta)
        .execution_options(synchronize_session=False)
    )


async def _publish(context: ServerContext, user_ids: list[int], frame: dict[str, Any]) -> None:
    if user_ids:
        rooms = tuple(user_room(user_id) for user_id in sorted(set(user_ids)))
        await context.bus.publish(Event(kind="frame", rooms=rooms, frame=frame))


# Views


async def load_club_views(
    db: DbSession, context: ServerContext, viewer_id: int, clubs: list[Club]
) -> list[ClubOut]:
    """Describe clubs as the viewer sees them, in four queries for any number of clubs."""
    if not clubs:
        return []
    ids = [club.id for club in clubs]
    role_rows = await db.execute(
        select(ClubMember.club_id, ClubMember.role).where(
            ClubMember.user_id == viewer_id, ClubMember.club_id.in_(ids)
        )
    )
    roles = {club_id: role for club_id, role in role_rows.tuples()}
    pending = set(
        (
            await db.execute(
                select(ClubJoinRequest.club_id).where(
                    ClubJoinRequest.user_id == viewer_id, ClubJoinRequest.club_id.in_(ids)
                )
            )
        ).scalars()
    )
    cover_ids = [club.cover_photo_id for club in clubs if club.cover_photo_id is not None]
    covers = (
        list((await db.execute(select(Photo).where(Photo.id.in_(cover_ids)))).scalars()) if cover_ids else []
    )
    cover_views = await photos.load_photo_views(db, context.storage, covers)

    views = []
    for club in clubs:
        role = roles.get(club.id)
        status: MembershipStatus = "none"
        if role is not None:
            status = "member"
        elif club.id in pending:
            status = "pending"
        cover = None
        if club.cover_photo_id is not None and club.cover_photo_id in cover_views:
            cover = CoverOut(
                photo=cover_views[club.cover_photo_id], focal_x=club.cover_focal_x, focal_y=club.cover_focal_y
            )
        views.append(
            ClubOut(
                id=club.id,
                title=club.title,
                city=club.city,
                topic=club.topic,
                description=club.description,
                join_policy="request" if club.join_policy == "request" else "open",
                member_count=club.member_count,
                cover=cover,
                my_role=role,
                my_status=status,
                dialog_id=club.dialog_id if role is not None else None,
                created_at=club.created_at,
            )
        )
    return views


async def get_club(context: ServerContext, viewer_id: int, club_id: int) -> ClubOut:
    async with context.database.session() as db:
        club = await _require_club(db, club_id)
        return (await load_club_views(db, context, viewer_id, [club]))[0]


async def list_clubs(
    context: ServerContext, viewer_id: int, *, query: str, city: str, after: int | None, limit: int
) -> ClubList:
    """Return one page of clubs, newest first.

    ``query`` matches anywhere in the title and ``city`` matches the start of
    the city, both ignoring case (any alphabet) and "ё"/"е". ``after`` is the
    last club id of the previous page.
    """
    statement = select(Club)
    if fold(query):
        statement = statement.where(Club.search_title.contains(fold(query), autoescape=True))
    if fold(city):
        statement = statement.where(Club.search_city.startswith(fold(city), autoescape=True))
    if after is not None:
        statement = statement.where(Club.id < after)
    statement = statement.order_by(Club.id.desc()).limit(limit + 1)

    async with context.database.session() as db:
        clubs = list((await db.execute(statement)).scalars())
        page = clubs[:limit]
        views = await load_club_views(db, context, viewer_id, page)
    return ClubList(clubs=views, next_after=page[-1].id if len(clubs) > limit else None)


# Creating and editing


async def create_club(context: ServerContext, owner_id: int, body: ClubCreate) -> ClubOut:
    """Create a club owned by ``owner_id``, with its group chat.

    The chat is created first, in its own transaction.
    NOTE: if inserting the club then fails, the chat stays behind with only
    the owner in it.
    """
    chat = await groups.create_group(context, owner_id, body.title, [])
    now = datetime.now(UTC)
    async with context.database.session(write=True) as db:
        club = Club(
            title=body.title,
            city=body.city,
            topic=body.topic,
            description=body.description,
            search_title=fold(body.title),
            search_city=fold(body.city),
            join_policy=body.join_policy,
            dialog_id=chat.id,
            cover_focal_x=DEFAULT_FOCAL,
            cover_focal_y=DEFAULT_FOCAL,
            member_count=1,
            created_by=owner_id,
            created_at=now,
        )
        db.add(club)
        await db.flush()
        db.add(ClubMember(club_id=club.id, user_id=owner_id, role="owner", joined_at=now))
        await db.commit()
        view = (await load_club_views(db, context, owner_id, [club]))[0]
    logger.info("User %s created club %s with chat %s", owner_id, club.id, chat.id)
    return view


async def update_club(context: ServerContext, actor_id: int, club_id: int, body: ClubUpdate) -> ClubOut:
    """Change the given fields; the owner and admins may."""
    async with context.database.session(write=True) as db:
        club = await _require_club(db, club_id, lock=True)
        await _require_role(db, club_id, actor_id, "admin", "edit it")
        renamed = body.title is not None and body.title != club.title
        if body.title is not None:
            club.title = body.title
            club.search_title = fold(body.title)
        if body.city is not None:
            club.city = body.city
            club.search_city = fold(body.city)
        if body.topic is not None:
            club.topic = body.topic
        if body.description is not None:
            club.description = body.description
        if body.join_policy is not None:
            club.join_policy = body.join_policy
        await db.commit()
        view = (await load_club_views(db, context, actor_id, [club]))[0]

    logger.info("User %s edited club %s", actor_id, club_id)
    if renamed and club.dialog_id is not None:
        await _rename_chat(context, club.dialog_id, club.title)
    return view


async def _rename_chat(context: ServerContext, dialog_id: int, title: str) -> None:
    try:
        await groups.rename_group(context, None, dialog_id, title)
    except ApiError as error:
        logger.warning("Could not rename club chat %s: %s %s", dialog_id, error.code, error.message)


# Membership


async def join_club(context: ServerContext, user_id: int, club_id: int) -> ClubOut:
    """Join an open club at once, or ask to join a club with ``request`` policy.

    Joining again, or asking again while a request waits, changes nothing.
    """
    async with context.database.session(write=True) as db:
        club = await _require_club(db, club_id, lock=True)
        if await club_role(db, club_id, user_id) is not None:
            return (await load_club_views(db, context, user_id, [club]))[0]
        if club.join_policy == "request":
            request = await _find_request(db, club_id, user_id)
            if request is not None:
                return (await load_club_views(db, context, user_id, [club]))[0]
            request = ClubJoinRequest(club_id=club_id, user_id=user_id, created_at=datetime.now(UTC))
            db.add(request)
            try:
                await db.commit()
            except IntegrityError:
                # A concurrent request of the same user won.
                await db.rollback()
                return await get_club(context, user_id, club_id)
            admins = await _admin_ids(db, club_id)
            user = await db.get(User, user_id)
            assert user is not None
            request_view = JoinRequestOut(
                id=request.id, club_id=club_id, user=user_out(user), created_at=request.created_at
            )
            view = (await load_club_views(db, context, user_id, [club]))[0]
            logger.info("User %s asked to join club %s", user_id, club_id)
            frame = {
                "type": ClubFrameType.JOIN_REQUESTED,
                "club_id": club_id,
                "request": request_view.model_dump(mode="json"),
            }
            await _publish(context, admins, frame)
            return view

        # A request left from before the club became open is fulfilled now.
        stale_request = await _find_request(db, club_id, user_id)
        if stale_request is not None:
            await db.delete(stale_request)
            await db.flush()
        if not await _add_member(db, club_id, user_id):
            return await get_club(context, user_id, club_id)

    logger.info("User %s joined club %s", user_id, club_id)
    await _sync_chat_member(context, club_id, user_id)
    return await get_club(context, user_id, club_id)


async def _find_request(db: DbSession, club_id: int, user_id: int) -> ClubJoinRequest | None:
    return (
        await db.execute(
            select(ClubJoinRequest).where(
                ClubJoinRequest.club_id == club_id, ClubJoinRequest.user_id == user_id
            )
        )
    ).scalar_one_or_none()


async def _add_member(db: DbSession, club_id: int, user_id: int) -> bool:
    """Insert a plain member and commit; return False if the user was a member already."""
    db.add(ClubMember(club_id=club_id, user_id=user_id, role="member", joined_at=datetime.now(UTC)))
    await _change_member_count(db, club_id, +1)
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()
        return False
    return True


async def _sync_chat_member(context: ServerContext, club_id: int, user_id: int) -> None:
    """Make the user's place in the club chat match their club membership as committed now.

    Joining, approval, leaving and removal commit the club change first and
    call this afterwards. It re-reads the membership while it holds the club
    row's lock (on SQLite, the write lock), and changes the chat in the same
    transaction. So when two changes race, the call that runs last sees both
    and the chat ends up matching the club.
    """
    async with context.database.session(write=True) as db:
        club = await _require_club(db, club_id, lock=True)
        if club.dialog_id is None:
            return
        if await db.get(ClubMember, (club_id, user_id)) is not None:
            events = await groups.stage_add_member(db, club.dialog_id, user_id, None)
        else:
            events = await groups.stage_remove_member(db, club.dialog_id, user_id, None)
        await db.commit()
    await groups.publish_events(context, events)


async def leave_club(context: ServerContext, user_id: int, club_id: int) -> None:
    """Leave a club, or withdraw a pending join request.

    Raises:
        ApiError: 409 ``owner_cannot_leave`` for the owner, who must hand the
            club over first; 409 ``not_a_member`` with neither membership nor request.
    """
    async with context.database.session(write=True) as db:
        await _require_club(db, club_id, lock=True)
        member = await db.get(ClubMember, (club_id, user_id))
        if member is None:
            request = await _find_request(db, club_id, user_id)
            if request is None:
                raise ApiError(409, ErrorCode.NOT_A_MEMBER, f"you are not a member of club {club_id}")
            await db.delete(request)
            await db.commit()
            admins = await _admin_ids(db, club_id)
            logger.info("User %s withdrew the request to join club %s", user_id, club_id)
            await _publish_resolved(context, admins, club_id, user_id, approved=False, by=user_id)
            return
        if member.role == "owner":
            raise ApiError(
                409,
                ErrorCode.OWNER_CANNOT_LEAVE,
                "the owner cannot leave; hand the club over first with PUT "
                f"/api/v1/clubs/{club_id}/members/{{user_id}}/role and role 'owner'",
            )
        await db.delete(member)
        await _change_member_count(db, club_id, -1)
        await db.commit()

    logger.info("User %s left club %s", user_id, club_id)
    await _sync_chat_member(context, club_id, user_id)


async def remove_member(context: ServerContext, actor_id: int, club_id: int, user_id: int) -> None:
    """Remove a member; admins remove plain members, the owner also admins.

    Removing oneself is leaving the club.
    """
    if actor_id == user_id:
        await leave_club(context, user_id, club_id)
        return
    async with context.database.session(write=True) as db:
        await _require_club(db, club_id, lock=True)
        actor_role = await _require_role(db, club_id, actor_id, "admin", "remove members")
        member = await db.get(ClubMember, (club_id, user_id))
        if member is None:
            raise not_found(ErrorCode.NOT_A_MEMBER, f"user {user_id} is not a member of club {club_id}")
        if ROLE_RANK[member.role] >= ROLE_RANK[actor_role]:
            raise _forbid("admins remove plain members only, and the owner cannot be removed")
        await db.delete(member)
        await _change_member_count(db, club_id, -1)
        await db.commit()

    logger.info("User %s removed user %s from club %s", actor_id, user_id, club_id)
    await _sync_chat_member(context, club_id, user_id)
    await _publish(context, [user_id], {"type": ClubFrameType.REMOVED, "club_id": club_id, "by": actor_id})


async def list_members(
    context: ServerContext, club_id: int, *, after: int | None, limit: int
) -> ClubMemberList:
    """Return one page of members in ascending user id; any signed-in user may read it."""
    statement = (
        select(ClubMember, User)
        .join(User, User.id == ClubMember.user_id)
        .where(ClubMember.club_id == club_id)
        .order_by(ClubMember.user_id)
        .limit(limit + 1)
    )
    if after is not None:
        statement = statement.where(ClubMember.user_id > after)
    async with context.database.session() as db:
        await _require_club(db, club_id)
        rows = list((await db.execute(statement)).tuples())
    page = rows[:limit]
    members = [
        ClubMemberOut(user=user_out(user), role=member.role, joined_at=member.joined_at)
        for member, user in page
    ]
    return ClubMemberList(members=members, next_after=page[-1][0].user_id if len(rows) > limit else None)


# Join requests


async def list_requests(
    context: ServerContext, actor_id: int, club_id: int, *, after: int | None, limit: int
) -> JoinRequestList:
    """Return one page of pending join requests, oldest first; the owner and admins may."""
    statement = (
        select(ClubJoinRequest, User)
        .join(User, User.id == ClubJoinRequest.user_id)
        .where(ClubJoinRequest.club_id == club_id)
        .order_by(ClubJoinRequest.id)
        .limit(limit + 1)
    )
    if after is not None:
        statement = statement.where(ClubJoinRequest.id > after)
    async with context.database.session() as db:
        await _require_club(db, club_id)
        await _require_role(db, club_id, actor_id, "admin", "see join requests")
        rows = list((await db.execute(statement)).tuples())
    page = rows[:limit]
    requests = [
        JoinRequestOut(id=request.id, club_id=club_id, user=user_out(user), created_at=request.created_at)
        for request, user in page
    ]
    return JoinRequestList(requests=requests, next_after=page[-1][0].id if len(rows) > limit else None)


async def resolve_request(
    context: ServerContext, actor_id: int, club_id: int, user_id: int, *, approve: bool
) -> None:
    """Approve (the user becomes a member) or decline a pending join request."""
    async with context.database.session(write=True) as db:
        await _require_club(db, club_id, lock=True)
        await _require_role(db, club_id, actor_id, "admin", "handle join requests")
        request = await _find_request(db, club_id, user_id)
        if request is None:
            raise not_found(
                ErrorCode.JOIN_REQUEST_NOT_FOUND,
                f"user {user_id} has no pending request to join club {club_id}",
            )
        await db.delete(request)
        if approve:
            await db.flush()
            added = await _add_member(db, club_id, user_id)
        else:
            await db.commit()
            added = False
        admins = await _admin_ids(db, club_id)

    verb = "approved" if approve else "declined"
    logger.info("User %s %s the request of user %s to join club %s", actor_id, verb, user_id, club_id)
    await _publish_resolved(context, admins, club_id, user_id, approved=approve, by=actor_id)
    if not approve:
        await _publish(context, [user_id], {"type": ClubFrameType.REQUEST_DECLINED, "club_id": club_id})
        return
    if added:
        await _sync_chat_member(context, club_id, user_id)
    view = await get_club(context, user_id, club_id)
    await _publish(context, [user_id], {"type": ClubFrameType.JOINED, "club": view.model_dump(mode="json")})


async def _publish_resolved(
    context: ServerContext, admins: list[int], club_id: int, user_id: int, *, approved: bool, by: int
) -> None:
    frame = {
        "type": ClubFrameType.REQUEST_RESOLVED,
        "club_id": club_id,
        "user_id": user_id,
        "approved": approved,
        "by": by,
    }
    await _publish(context, admins, frame)


# Roles


async def set_role(context: ServerContext, actor_id: int, club_id: int, user_id: int, role: str) -> None:
    """Set a member's role; only the owner may.

    ``owner`` hands the club over: the member becomes the owner and the
    previous owner an admin.
    NOTE: the chat's owner in ``groups`` stays the club's creator.
    """
    changed: dict[int, str] = {}
    async with context.database.session(write=True) as db:
        await _require_club(db, club_id, lock=True)
        await _require_role(db, club_id, actor_id, "owner", "change roles")
        member = await db.get(ClubMember, (club_id, user_id))
        if member is None:
            raise not_found(ErrorCode.NOT_A_MEMBER, f"user {user_id} is not a member of club {club_id}")
        if user_id == actor_id:
            if role != "owner":
                raise ApiError(
                    409,
                    ErrorCode.OWNER_CANNOT_LEAVE,
                    "the owner keeps the role until handing the club over to another member",
                )
            return
        if role == "owner":
            owner = await db.get(ClubMember, (club_id, actor_id))
            assert owner is not None
            owner.role = "admin"
            changed[actor_id] = "admin"
        if member.role != role:
            member.role = role
            changed[user_id] = role
        await db.commit()

    for changed_id, new_role in changed.items():
        logger.info(
            "User %s set the role of user %s in club %s to %s", actor_id, changed_id, club_id, new_role
        )
        frame = {
            "type": ClubFrameType.ROLE_CHANGED,
            "club_id": club_id,
            "user_id": changed_id,
            "role": new_role,
            "by": actor_id,
        }
        await _publish(context, [changed_id], frame)


# Cover


async def set_cover(context: ServerContext, actor_id: int, club_id: int, data: bytes) -> ClubOut:
    """Upload a new cover, replacing any old one; the focal point resets to the centre."""
    async with context.database.session() as db:
        await _require_club(db, club_id)
        await _require_role(db, club_id, actor_id, "admin", "change the cover")

    upload_id = photos.new_upload_id()
    processed = await photos.process_upload(context, data, upload_id=upload_id)

    async def link(db: DbSession, photo: Photo) -> list[str]:
        club = await _require_club(db, club_id, lock=True)
        await _require_role(db, club_id, actor_id, "admin", "change the cover")
        old_cover = club.cover_photo_id
        await db.flush()
        club.cover_photo_id = photo.id
        club.cover_focal_x = DEFAULT_FOCAL
        club.cover_focal_y = DEFAULT_FOCAL
        await db.flush()
        return await photos.delete_photo_rows(db, [old_cover]) if old_cover is not None else []

    await photos.save_photo(
        context, processed, upload_id=upload_id, uploader_id=actor_id, album_id=None, link=link
    )
    logger.info("User %s set the cover of club %s", actor_id, club_id)
    return await get_club(context, actor_id, club_id)


async def set_focal_point(context: ServerContext, actor_id: int, club_id: int, focal: FocalPoint) -> ClubOut:
    async with context.database.session(write=True) as db:
        club = await _require_club(db, club_id, lock=True)
        await _require_role(db, club_id, actor_id, "admin", "change the cover")
        if club.cover_photo_id is None:
            raise not_found(ErrorCode.PHOTO_NOT_FOUND, f"club {club_id} has no cover; upload one first")
        club.cover_focal_x = focal.focal_x
        club.cover_focal_y = focal.focal_y
        await db.commit()
        return (await load_club_views(db, context, actor_id, [club]))[0]


async def delete_cover(context: ServerContext, actor_id: int, club_id: int) -> ClubOut:
    """Remove the cover; a club without one stays as it is."""
    async with context.database.session(write=True) as db:
        club = await _require_club(db, club_id, lock=True)
        await _require_role(db, club_id, actor_id, "admin", "change the cover")
        old_cover = club.cover_photo_id
        released: list[str] = []
        if old_cover is not None:
            club.cover_photo_id = None
            club.cover_focal_x = DEFAULT_FOCAL
            club.cover_focal_y = DEFAULT_FOCAL
            await db.flush()
            released = await photos.delete_photo_rows(db, [old_cover])
            await db.commit()
        view = (await load_club_views(db, context, actor_id, [club]))[0]

    if old_cover is not None:
        logger.info("User %s removed the cover of club %s", actor_id, club_id)
        await photos.release_objects(context, released)
    return view
