"""Bubble painting and sizing of MessageDelegate, and the dialog row delegate."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QListView, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from desktop.delegates import OTHER_BUBBLE, OWN_BUBBLE, DialogDelegate, MessageDelegate
from desktop.models import DialogListModel, MessageListModel
from shared.api import DialogOut, MessageOut, UserOut

ME = 1


def peer_message(seq: int, text: str) -> MessageOut:
    return MessageOut(
        id=seq, dialog_id=1, seq=seq, sender_id=2, client_id=f"c{seq}", text=text,
        created_at=datetime(2026, 5, 1, 12, seq, tzinfo=UTC),
    )  # fmt: skip


def make_view(qtbot: QtBot, model: MessageListModel, width: int = 600) -> QListView:
    view = QListView()
    view.setItemDelegate(MessageDelegate(view))
    view.setModel(model)
    view.resize(width, 400)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def row_height(view: QListView, row: int) -> int:
    return view.visualRect(view.model().index(row, 0)).height()


def test_long_text_wraps_to_taller_row(qtbot: QtBot) -> None:
    model = MessageListModel(1, ME)
    model.merge([peer_message(1, "Коротко"), peer_message(2, "Очень длинное сообщение " * 20)])
    view = make_view(qtbot, model)
    assert row_height(view, 1) > 2 * row_height(view, 0)


def test_word_longer_than_line_wraps(qtbot: QtBot) -> None:
    model = MessageListModel(1, ME)
    model.merge([peer_message(1, "x" * 400)])
    view = make_view(qtbot, model, width=300)
    delegate = view.itemDelegate()
    option = QStyleOptionViewItem()
    option.initFrom(view)
    size = delegate.sizeHint(option, model.index(0))
    assert size.height() > 3 * view.fontMetrics().height()


def dominant_colors(image: QImage, y: int) -> tuple[QColor, QColor]:
    return image.pixelColor(30, y), image.pixelColor(image.width() - 30, y)


def test_own_bubble_right_other_left(qtbot: QtBot) -> None:
    model = MessageListModel(1, ME)
    model.merge([peer_message(1, "Чужое сообщение, довольно длинное, чтобы занять место")])
    own = peer_message(2, "Моё сообщение, тоже довольно длинное для пузыря")
    model.merge([own.model_copy(update={"sender_id": ME})])
    view = make_view(qtbot, model)
    image = view.viewport().grab().toImage()

    other_rect = view.visualRect(model.index(0))
    own_rect = view.visualRect(model.index(1))
    left, right = dominant_colors(image, other_rect.center().y())
    assert left == OTHER_BUBBLE
    assert right != OTHER_BUBBLE
    left, right = dominant_colors(image, own_rect.center().y())
    assert right == OWN_BUBBLE
    assert left != OWN_BUBBLE


def test_dialog_row_fixed_height(qtbot: QtBot) -> None:
    model = DialogListModel(ME)
    peer = UserOut(id=2, display_name="Борис Петров")
    dialog = DialogOut(
        id=1,
        kind="direct",
        peer=peer,
        members=[peer],
        last_message=peer_message(1, "Привет"),
        last_seq=1,
        created_at=datetime(2026, 5, 1, tzinfo=UTC),
    )
    model.set_dialogs([dialog])
    view = QListView()
    view.setItemDelegate(DialogDelegate(view))
    view.setModel(model)
    view.resize(300, 200)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    assert view.visualRect(model.index(0)).height() == DialogDelegate.ROW_HEIGHT
    view.viewport().grab()
