"""Message states, unread badges and the connection line in the Qt layer; reading offline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QListView, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.chat import ChatService, connection_text
from desktop.delegates import FAILED_TEXT, MessageDelegate
from desktop.hub import HubClient
from desktop.models import UNREAD_ROLE, DialogListModel, MessageListModel, MessageState
from desktop.sync.engine import SyncState
from desktop.sync.store import CachedMessage, DeliveryState
from desktop.tasks import TaskSupervisor
from desktop.views.chat_view import ChatView
from shared.api import DialogOut, MessageOut, UserOut
from tests.desktop.conftest import Runner, timeout_ms
from tests.support.server import ServerProcess
from tests.support.users import sign_in

ME = 1
NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def own_message(seq: int) -> MessageOut:
    return MessageOut(
        id=seq, dialog_id=4, seq=seq, sender_id=ME, client_id=f"c{seq}", text=f"text {seq}", created_at=NOW
    )


def failed_row(client_id: str = "f1") -> CachedMessage:
    return CachedMessage(
        row_id=9, dialog_id=4, client_id=client_id, sender_id=ME, text="не ушло", created_at=NOW,
        state=DeliveryState.FAILED, error_code="not_a_member",
    )  # fmt: skip


def test_peer_read_marks_own_messages_read() -> None:
    model = MessageListModel(4, ME)
    model.merge([own_message(1), own_message(2), own_message(3)])
    model.set_peer_read_seq(2)
    assert [item.state for item in model.items()] == [MessageState.READ, MessageState.READ, MessageState.SENT]
    model.merge([own_message(4)])
    assert model.item(3).state == MessageState.SENT


def test_cached_rows_change_state_in_place() -> None:
    model = MessageListModel(4, ME)
    sending = CachedMessage(
        row_id=9, dialog_id=4, client_id="f1", sender_id=ME, text="не ушло", created_at=NOW,
        state=DeliveryState.SENDING,
    )  # fmt: skip
    assert model.apply_cached([sending]) == 1
    assert model.item(0).state == MessageState.PENDING
    assert model.apply_cached([failed_row()]) == 1
    assert model.rowCount() == 1
    assert model.item(0).state == MessageState.FAILED
    assert model.item(0).row_id == 9


def test_state_meta_and_tooltips(language: Callable[[str], None]) -> None:
    model = MessageListModel(4, ME)
    model.apply_cached([failed_row()])
    item = model.item(0)
    language("ru")
    assert MessageDelegate.meta_text(item) == "Не отправлено"
    assert MessageDelegate.status_tooltip(item).startswith("Не отправлено.")
    language("en")
    assert MessageDelegate.status_tooltip(item) == "Not sent. Double-click or right-click to try again."


def test_failed_bubble_shows_red_mark(qtbot: QtBot) -> None:
    model = MessageListModel(4, ME)
    model.apply_cached([failed_row()])
    view = QListView()
    view.setItemDelegate(MessageDelegate(view))
    view.setModel(model)
    view.resize(500, 200)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    index = model.index(0)
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(index)
    option.widget = view
    option.font = view.font()
    view.itemDelegate().paint(painter, option, index)
    painter.end()
    red = {FAILED_TEXT.rgb()}
    pixels = {image.pixel(x, y) for x in range(image.width()) for y in range(option.rect.bottom())}
    assert pixels & red


def test_context_menu_retries_failed(qtbot: QtBot) -> None:
    view = ChatView()
    qtbot.addWidget(view)
    model = MessageListModel(4, ME)
    model.merge([own_message(1)])
    model.apply_cached([failed_row()])
    view.set_dialog(model, "Борис")
    assert view.retry_menu(model.index(0)) is None
    menu = view.retry_menu(model.index(1))
    assert menu is not None
    with qtbot.waitSignal(view.retryRequested) as blocker:
        menu.actions()[0].trigger()
    assert blocker.args == [4, "f1"]


def test_unread_role_and_total() -> None:
    model = DialogListModel(ME)
    members = [UserOut(id=ME, display_name="Я"), UserOut(id=2, display_name="Борис")]
    model.set_dialogs(
        [
            DialogOut(id=4, kind="direct", members=members, unread_count=3, created_at=NOW),
            DialogOut(id=5, kind="group", title="Клуб", members=members, unread_count=2, created_at=NOW),
        ]
    )
    assert model.index(model.row_of(4) or 0).data(UNREAD_ROLE) == 3
    assert model.total_unread() == 5
    model.remove(5)
    assert model.total_unread() == 3


def test_connection_text_translated(language: Callable[[str], None]) -> None:
    language("ru")
    assert connection_text(SyncState.CONNECTING.value) == "Подключение…"
    assert connection_text(SyncState.UPDATING.value) == "Обновление…"
    assert connection_text(SyncState.OFFLINE.value) == "Нет сети"
    assert connection_text(SyncState.ONLINE.value) == ""
    language("en")
    assert connection_text(SyncState.OFFLINE.value) == "Offline"
    assert connection_text(SyncState.UPDATING.value) == "Updating…"


def make_service(api_url: str, hub_url: str, token: str, user: UserOut, cache: Path) -> ChatService:
    supervisor = TaskSupervisor()
    api = ApiClient(api_url, token)
    hub = HubClient(hub_url, token, supervisor, backoff_base=0.05, backoff_max=0.3)
    return ChatService(api, hub, user, supervisor, cache_path=cache)


def test_app_reads_cache_offline(
    qtbot: QtBot, run: Runner, start_server: Callable[..., ServerProcess], tmp_path: Path
) -> None:
    server = start_server()
    http = httpx.AsyncClient(base_url=server.api_url, timeout=10)
    cache = tmp_path / "cache.sqlite3"
    try:
        alice = run(sign_in(server, http, "Алиса"))
        bob = run(sign_in(server, http, "Боб"))
        dialog = run(bob.open_dialog(alice))
        for text in ("первое", "второе"):
            run(bob.send(dialog["id"], text))
        user = UserOut(id=alice.id, display_name="Алиса")

        online = make_service(server.api_url, server.hub_url, alice.token, user, cache)
        online.start()
        qtbot.waitUntil(lambda: online.state == SyncState.ONLINE, timeout=timeout_ms(10))
        qtbot.waitUntil(lambda: online.dialogs.rowCount() == 1, timeout=timeout_ms(5))
        assert online.dialogs.dialogs()[0].unread_count == 2
        run(online.close())
        run(online.api.aclose())
        server.kill()

        offline = make_service(server.api_url, server.hub_url, alice.token, user, cache)
        states: list[str] = []
        offline.stateChanged.connect(states.append)
        with qtbot.waitSignal(offline.loaded, timeout=timeout_ms(5)):
            offline.start()
        assert offline.dialogs.rowCount() == 1
        model = offline.messages(dialog["id"])
        qtbot.waitUntil(lambda: model.texts() == ["первое", "второе"], timeout=timeout_ms(5))
        qtbot.waitUntil(lambda: SyncState.OFFLINE.value in states, timeout=timeout_ms(5))

        client_id = offline.send(dialog["id"], "написал без сети")
        assert client_id is not None
        qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=timeout_ms(5))
        assert model.item(2).state == MessageState.PENDING

        server.start()
        qtbot.waitUntil(lambda: model.item(2).state == MessageState.SENT, timeout=timeout_ms(20))
        assert [message["client_id"] for message in run(bob.history(dialog["id"]))][-1] == client_id
        assert offline.dialogs.index(0).data(Qt.ItemDataRole.DisplayRole) == "Боб"
        run(offline.close())
        run(offline.api.aclose())
    finally:
        run(http.aclose())
