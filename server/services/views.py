"""Conversion of models into the wire bodies of ``shared.api``."""

from __future__ import annotations

from server.db.models import Dialog, Message, User
from shared.api import DialogOut, MessageOut, UserOut


def user_out(user: User, *, with_phone: bool = False) -> UserOut:
    return UserOut(id=user.id, display_name=user.display_name, phone=user.phone if with_phone else None)


def message_out(message: Message) -> MessageOut:
    return MessageOut(
        id=message.id,
        dialog_id=message.dialog_id,
        seq=message.seq,
        sender_id=message.sender_id,
        client_id=message.client_id,
        text=message.text,
        created_at=message.created_at,
    )


def dialog_out(
    dialog: Dialog,
    members: list[User],
    viewer_id: int,
    last_message: Message | None,
    *,
    roles: dict[int, str],
    read_seqs: dict[int, int],
    unread_count: int,
) -> DialogOut:
    peer = None
    peer_read_seq = None
    if dialog.kind == "direct":
        others = [member for member in members if member.id != viewer_id]
        peer = user_out(others[0]) if others else None
        peer_read_seq = read_seqs.get(others[0].id, 0) if others else None
    return DialogOut(
        id=dialog.id,
        kind="group" if dialog.kind == "group" else "direct",
        title=dialog.title,
        peer=peer,
        members=[user_out(member) for member in members],
        roles=roles if dialog.kind == "group" else {},
        last_message=message_out(last_message) if last_message else None,
        unread_count=unread_count,
        read_seq=read_seqs.get(viewer_id, 0),
        peer_read_seq=peer_read_seq,
        last_seq=dialog.last_seq,
        created_at=dialog.created_at,
    )
