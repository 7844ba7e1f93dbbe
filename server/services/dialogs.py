"""Dialogs and messages: creation, listing, sending and history."""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import and_, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from server.bus import Event, dialog_room, user_room
from server.db.engine import DbSession
from server.db.models import Dialog, DialogMember, Message, User
from server.errors import ApiError, invalid, not_found
from server.phones import normalize_phone
from server.services.context import ServerContext
from server.services.views import dialog_out, message_out
from shared.api import DialogOut, MessageOut
from shared.errors import ErrorCode
from shared.frames import FrameType
from shared.limits import MAX_CLIENT_ID_LENGTH, MAX_MESSAGE_LENGTH, MAX_PAGE_SIZE

logger = logging.getLogger("autoclub.api")


async def load_dialogs(db: DbSession, viewer_id: int, dialog_ids: list[int] | None = None) -> list[DialogOut]:
    """Return the viewer's dialogs, newest activity first, in four queries."""
    query = (
        select(Dialog)
        .join(DialogMember, DialogMember.dialog_id == Dialog.id)
        .where(DialogMember.user_id == viewer_id)
        .order_by(Dialog.last_activity_at.desc(), Dialog.id.desc())
    )
    if dialog_ids is not None:
        query = query.where(Dialog.id.in_(dialog_ids))
    dialogs = (await db.execute(query)).scalars().all()
    if not dialogs:
        return []
    ids = [dialog.id for dialog in dialogs]

    members: dict[int, list[User]] = defaultdict(list)
    roles: dict[int, dict[int, str]] = defaultdict(dict)
    read_seqs: dict[int, dict[int, int]] = defaultdict(dict)
    rows = await db.execute(
        select(DialogMember.dialog_id, DialogMember.role, DialogMember.last_read_seq, User)
        .join(User, User.id == DialogMember.user_id)
        .where(DialogMember.dialog_id.in_(ids))
        .order_by(DialogMember.joined_at, User.id)
    )
    for dialog_id, role, read_seq, user in rows:
        members[dialog_id].append(user)
        roles[dialog_id][user.id] = role
        read_seqs[dialog_id][user.id] = read_seq

    reader = aliased(DialogMember)
    unread_rows = (
        await db.execute(
            select(Message.dialog_id, func.count())
            .join(reader, (reader.dialog_id == Message.dialog_id) & (reader.user_id == viewer_id))
            .where(
                Message.dialog_id.in_(ids),
                Message.seq > reader.last_read_seq,
                Message.sender_id != viewer_id,
            )
            .group_by(Message.dialog_id)
        )
    ).all()
    unread = {dialog_id: count for dialog_id, count in unread_rows}

    last_messages = {
        message.dialog_id: message
        for message in (
            await db.execute(
                select(Message)
                .join(Dialog, and_(Message.dialog_id == Dialog.id, Message.seq == Dialog.last_seq))
                .where(Dialog.id.in_(ids))
            )
        ).scalars()
    }
    return [
        dialog_out(
            dialog,
            members[dialog.id],
            viewer_id,
            last_messages.get(dialog.id),
            roles=roles[dialog.id],
            read_seqs=read_seqs[dialog.id],
            unread_count=unread.get(dialog.id, 0),
        )
        for dialog in dialogs
    ]


async def list_dialogs(context: ServerContext, viewer_id: int) -> list[DialogOut]:
    async with context.database.session() as db:
        return await load_dialogs(db, viewer_id)


async def get_dialog(context: ServerContext, viewer_id: int, dialog_id: int) -> DialogOut:
    async with context.database.session() as db:
        await require_dialog(db, dialog_id, viewer_id)
        return (await load_dialogs(db, viewer_id, [dialog_id]))[0]


async def open_direct_dialog(
    context: ServerContext, viewer_id: int, *, user_id: int | None, phone: str | None
) -> DialogOut:
    """Return the direct dialog of the viewer and another user, creating it once.

    Raises:
        ApiError: ``validation_failed`` unless exactly one of ``user_id`` and
            ``phone`` is given; ``invalid_phone``; ``user_not_found``;
            ``cannot_chat_with_self``.
    """
    if (user_id is None) == (phone is None):
        raise invalid(ErrorCode.VALIDATION_FAILED, "give exactly one of user_id and phone")

    async with context.database.session(write=True) as db:
        if phone is not None:
            normalized = normalize_phone(phone)
            peer = (await db.execute(select(User).where(User.phone == normalized))).scalar_one_or_none()
        else:
            peer = await db.get(User, user_id)
        if peer is None:
            raise not_found(ErrorCode.USER_NOT_FOUND, "no Autoclub user has this number or id")
        if peer.id == viewer_id:
            raise invalid(ErrorCode.CANNOT_CHAT_WITH_SELF, "a direct dialog needs another user")

        low, high = sorted((viewer_id, peer.id))
        key = f"{low}:{high}"
        existing = (await db.execute(select(Dialog.id).where(Dialog.direct_key == key))).scalar_one_or_none()
        if existing is not None:
            return (await load_dialogs(db, viewer_id, [existing]))[0]

        now = datetime.now(UTC)
        dialog = Dialog(kind="direct", direct_key=key, created_at=now, last_activity_at=now)
        db.add(dialog)
        try:
            await db.flush()
        except IntegrityError:
            # The peer opened the same dialog at the same moment; use theirs.
            await db.rollback()
            existing = (await db.execute(select(Dialog.id).where(Dialog.direct_key == key))).scalar_one()
            return (await load_dialogs(db, viewer_id, [existing]))[0]
        db.add_all(
            [
                DialogMember(dialog_id=dialog.id, user_id=low, joined_at=now),
                DialogMember(dialog_id=dialog.id, user_id=high, joined_at=now),
            ]
        )
        await db.commit()
        result = {uid: (await load_dialogs(db, uid, [dialog.id]))[0] for uid in (low, high)}

    logger.info("User %s opened direct dialog %s with user %s", viewer_id, dialog.id, peer.id)
    room = dialog_room(dialog.id)
    await context.bus.publish(Event(kind="join", rooms=(room,), user_ids=(low, high)))
    for uid, view in result.items():
        frame = {"type": FrameType.DIALOG_NEW, "dialog": view.model_dump(mode="json")}
        await context.bus.publish(Event(kind="frame", rooms=(user_room(uid),), frame=frame))
    return result[viewer_id]


async def require_dialog(db: DbSession, dialog_id: int, user_id: int) -> tuple[Dialog, str]:
    """Return the dialog and the user's role in it.

    Raises:
        ApiError: ``dialog_not_found`` (404) when there is no such dialog,
            ``not_a_member`` (403) when the user is not in it.
    """
    dialog = await db.get(Dialog, dialog_id)
    if dialog is None:
        raise not_found(ErrorCode.DIALOG_NOT_FOUND, f"dialog {dialog_id} not found")
    member = await db.get(DialogMember, (dialog_id, user_id))
    if member is None:
        raise ApiError(403, ErrorCode.NOT_A_MEMBER, f"you are not a member of dialog {dialog_id}")
    return dialog, member.role


def clean_message_text(text: str) -> str:
    """Return the text without surrounding whitespace, or raise for empty or long text."""
    cleaned = text.strip()
    if not cleaned:
        raise invalid(ErrorCode.EMPTY_MESSAGE, "the message is empty")
    if len(cleaned) > MAX_MESSAGE_LENGTH:
        raise ApiError(
            422,
            ErrorCode.MESSAGE_TOO_LONG,
            f"the message has {len(cleaned)} characters; the limit is {MAX_MESSAGE_LENGTH}",
        )
    if "\x00" in cleaned:
        raise invalid(ErrorCode.VALIDATION_FAILED, "the message contains a NUL character")
    return cleaned


def check_client_id(client_id: str) -> str:
    if (
        not client_id
        or len(client_id) > MAX_CLIENT_ID_LENGTH
        or not client_id.isascii()
        or not client_id.isprintable()
    ):
        raise invalid(
            ErrorCode.INVALID_CLIENT_ID,
            f"client_id must be 1 to {MAX_CLIENT_ID_LENGTH} printable ASCII characters, e.g. a UUID",
        )
    return client_id


async def send_message(
    context: ServerContext, sender_id: int, dialog_id: int, client_id: str, text: str
) -> tuple[MessageOut, bool]:
    """Store a message and publish it to the dialog's room.

    The same ``client_id`` from the same sender in the same dialog returns the
    stored message and stores nothing new, so clients can retry freely.

    Returns:
        The message and whether it was created by this call.
    """
    check_client_id(client_id)
    body = clean_message_text(text)

    async with context.database.session(write=True) as db:
        await require_dialog(db, dialog_id, sender_id)
        existing = await _find_by_client_id(db, dialog_id, sender_id, client_id)
        if existing is not None:
            return message_out(existing), False

        now = datetime.now(UTC)
        seq = (
            await db.execute(
                update(Dialog)
                .where(Dialog.id == dialog_id)
                .values(last_seq=Dialog.last_seq + 1, last_activity_at=now)
                .returning(Dialog.last_seq)
            )
        ).scalar_one()
        message = Message(
            dialog_id=dialog_id, seq=seq, sender_id=sender_id, client_id=client_id, text=body, created_at=now
        )
        db.add(message)
        # Writing a message means having read the dialog up to it.
        await db.execute(
            update(DialogMember)
            .where(DialogMember.dialog_id == dialog_id, DialogMember.user_id == sender_id)
            .values(last_read_seq=seq)
        )
        try:
            await db.commit()
        except IntegrityError:
            # A concurrent retry with the same client_id won the race.
            await db.rollback()
            existing = await _find_by_client_id(db, dialog_id, sender_id, client_id)
            if existing is None:
                raise
            return message_out(existing), False

    view = message_out(message)
    logger.debug("User %s sent message %s (seq %s) to dialog %s", sender_id, message.id, seq, dialog_id)
    frame = {"type": FrameType.MESSAGE_NEW, "message": view.model_dump(mode="json")}
    await context.bus.publish(Event(kind="frame", rooms=(dialog_room(dialog_id),), frame=frame))
    return view, True


async def _find_by_client_id(db: DbSession, dialog_id: int, sender_id: int, client_id: str) -> Message | None:
    return (
        await db.execute(
            select(Message).where(
                Message.dialog_id == dialog_id, Message.sender_id == sender_id, Message.client_id == client_id
            )
        )
    ).scalar_one_or_none()


async def list_messages(
    context: ServerContext,
    viewer_id: int,
    dialog_id: int,
    *,
    after_seq: int | None,
    before_seq: int | None,
    limit: int,
) -> list[MessageOut]:
    """Return one page of a dialog's messages in ascending ``seq``.

    With ``after_seq`` the page starts right after it, for catching up. With
    ``before_seq`` it ends right before it, for scrolling back. With neither it
    is the newest page, and both together give the messages strictly between.
    """
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise invalid(ErrorCode.INVALID_CURSOR, f"limit must be 1 to {MAX_PAGE_SIZE}")
    if (after_seq is not None and after_seq < 0) or (before_seq is not None and before_seq < 1):
        raise invalid(ErrorCode.INVALID_CURSOR, "after_seq must be ≥ 0 and before_seq ≥ 1")

    async with context.database.session() as db:
        await require_dialog(db, dialog_id, viewer_id)
        query = select(Message).where(Message.dialog_id == dialog_id)
        if after_seq is not None:
            query = query.where(Message.seq > after_seq)
        if before_seq is not None:
            query = query.where(Message.seq < before_seq)

        if after_seq is not None:
            rows = (await db.execute(query.order_by(Message.seq).limit(limit))).scalars().all()
        else:
            rows = list(
                reversed((await db.execute(query.order_by(Message.seq.desc()).limit(limit))).scalars().all())
            )
    return [message_out(message) for message in rows]


async def mark_read(context: ServerContext, reader_id: int, dialog_id: int, seq: int) -> int:
    """Move the reader's cursor forward to ``seq`` and tell the dialog; return the cursor.

    The cursor never moves back and never past the newest message. All the
    reader's sessions get ``dialog.read``; so do the other members, which makes
    it a read receipt in direct dialogs.
    """
    if seq < 0:
        raise invalid(ErrorCode.INVALID_CURSOR, "seq must be ≥ 0")
    async with context.database.session(write=True) as db:
        dialog, _role = await require_dialog(db, dialog_id, reader_id)
        member = await db.get(DialogMember, (dialog_id, reader_id))
        assert member is not None
        target = min(seq, dialog.last_seq)
        if target <= member.last_read_seq:
            return member.last_read_seq
        member.last_read_seq = target
        await db.commit()

    frame = {"type": FrameType.DIALOG_READ, "dialog_id": dialog_id, "user_id": reader_id, "seq": target}
    await context.bus.publish(Event(kind="frame", rooms=(dialog_room(dialog_id),), frame=frame))
    return target
