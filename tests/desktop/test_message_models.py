"""Message and dialog list models: ordering, deduplication, pending messages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.models import (
    IS_OWN_ROLE,
    PREVIEW_ROLE,
    DialogListModel,
    MessageListModel,
    MessageState,
    dialog_title,
)
from shared.api import DialogOut, MessageOut, UserOut

ME = 1
PEER = 2
START = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def message(
    seq: int, text: str = "", *, sender: int = PEER, client_id: str = "", dialog: int = 7
) -> MessageOut:
    return MessageOut(
        id=1000 + seq + dialog * 100,
        dialog_id=dialog,
        seq=seq,
        sender_id=sender,
        client_id=client_id or f"client-{dialog}-{seq}",
        text=text or f"message {seq}",
        created_at=START + timedelta(minutes=seq),
    )


def dialog(dialog_id: int, *, last: MessageOut | None = None, minutes: int = 0) -> DialogOut:
    peer = UserOut(id=PEER + dialog_id, display_name=f"Peer {dialog_id}")
    return DialogOut(
        id=dialog_id,
        kind="direct",
        peer=peer,
        members=[UserOut(id=ME, display_name="Me"), peer],
        last_message=last,
        last_seq=last.seq if last else 0,
        created_at=START + timedelta(minutes=minutes),
    )


def test_merge_orders_by_seq() -> None:
    model = MessageListModel(7, ME)
    model.merge([message(3), message(1)])
    model.merge([message(2)])
    assert [item.seq for item in model.items()] == [1, 2, 3]
    assert model.last_seq == 3
    assert model.first_seq == 1


def test_merge_skips_duplicates_and_other_dialogs() -> None:
    model = MessageListModel(7, ME)
    assert model.merge([message(1), message(1)]) == 1
    assert model.merge([message(1)]) == 0
    assert model.merge([message(2, dialog=8)]) == 0
    assert model.rowCount() == 1


def test_pending_replaced_in_place_by_confirmation(qtbot: QtBot) -> None:
    model = MessageListModel(7, ME)
    model.merge([message(1)])
    model.add_pending("mine", "Привет")
    assert model.item(1).state == MessageState.PENDING
    assert model.last_seq == 1

    with qtbot.waitSignal(model.dataChanged):
        model.merge([message(2, "Привет", sender=ME, client_id="mine")])
    assert model.rowCount() == 2
    assert model.item(1).state == MessageState.SENT
    assert model.item(1).seq == 2
    assert model.last_seq == 2


def test_hub_echo_after_confirmation_not_doubled() -> None:
    model = MessageListModel(7, ME)
    model.add_pending("mine", "Привет")
    confirmed = message(1, "Привет", sender=ME, client_id="mine")
    model.merge([confirmed])
    model.merge([confirmed])
    assert model.texts() == ["Привет"]


def test_confirmation_after_newer_message_reorders() -> None:
    model = MessageListModel(7, ME)
    model.add_pending("first", "A")
    model.add_pending("second", "B")
    model.merge([message(2, "B", sender=ME, client_id="second")])
    assert model.texts() == ["B", "A"]
    model.merge([message(1, "A", sender=ME, client_id="first")])
    assert model.texts() == ["A", "B"]
    assert [item.state for item in model.items()] == [MessageState.SENT, MessageState.SENT]


def test_pending_stays_below_confirmed() -> None:
    model = MessageListModel(7, ME)
    model.add_pending("mine", "pending one")
    model.merge([message(1, "from peer")])
    assert model.texts() == ["from peer", "pending one"]


def test_failed_state_and_own_role() -> None:
    model = MessageListModel(7, ME)
    model.add_pending("mine", "text")
    model.set_state("mine", MessageState.FAILED)
    assert model.item(0).state == MessageState.FAILED
    assert model.index(0).data(IS_OWN_ROLE) is True
    model.merge([message(1)])
    assert model.index(0).data(IS_OWN_ROLE) is False


def test_dialogs_sorted_by_activity() -> None:
    model = DialogListModel(ME)
    model.set_dialogs([dialog(1, minutes=1), dialog(2, last=message(5, dialog=2)), dialog(3, minutes=3)])
    assert [d.id for d in model.dialogs()] == [2, 3, 1]


def test_new_message_moves_dialog_to_top(qtbot: QtBot) -> None:
    model = DialogListModel(ME)
    model.set_dialogs([dialog(1, minutes=2), dialog(2, minutes=1)])
    with qtbot.waitSignal(model.rowsMoved):
        assert model.apply_message(message(5, "Новое", dialog=2))
    assert [d.id for d in model.dialogs()] == [2, 1]
    assert model.index(0).data(PREVIEW_ROLE) == "Новое"
    assert model.dialog(2).last_seq == 5  # type: ignore[union-attr]


def test_old_message_keeps_last_message() -> None:
    model = DialogListModel(ME)
    model.set_dialogs([dialog(1, last=message(3, "newest", dialog=1))])
    model.apply_message(message(2, "older", dialog=1))
    assert model.index(0).data(PREVIEW_ROLE) == "newest"


def test_unknown_dialog_reported() -> None:
    model = DialogListModel(ME)
    assert model.apply_message(message(1, dialog=99)) is False


def test_own_preview_prefixed() -> None:
    model = DialogListModel(ME)
    model.set_dialogs([dialog(1, last=message(1, "Еду\nвторая строка", sender=ME, dialog=1))])
    assert model.index(0).data(PREVIEW_ROLE) == "You: Еду"


def test_upsert_inserts_and_replaces() -> None:
    model = DialogListModel(ME)
    model.upsert(dialog(1, minutes=1))
    model.upsert(dialog(2, minutes=2))
    assert [d.id for d in model.dialogs()] == [2, 1]
    model.upsert(dialog(1, last=message(9, dialog=1)))
    assert [d.id for d in model.dialogs()] == [1, 2]
    assert model.rowCount() == 2


def test_dialog_title_uses_peer_name() -> None:
    assert dialog_title(dialog(1), ME) == "Peer 1"
    group = dialog(1).model_copy(update={"kind": "group", "title": "Клуб Нива", "peer": None})
    assert dialog_title(group, ME) == "Клуб Нива"
    assert DialogListModel(ME).data(DialogListModel(ME).index(0), Qt.ItemDataRole.DisplayRole) is None
