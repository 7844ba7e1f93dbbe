"""Two users through a real server: A in the desktop UI, B as a script.

The server is ``python -m server`` on loopback with a ``file:`` SMS gateway.
A signs in through the sign-in screen, B through HTTP and a raw WebSocket.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from websockets.asyncio.client import connect

from desktop.app import AppController
from desktop.hub import HubState
from desktop.models import MessageState
from desktop.settings import ProfilePaths, Settings
from shared.frames import PROTOCOL_VERSION
from tests.desktop.conftest import Runner, timeout_ms, type_text
from tests.support.server import ServerProcess
from tests.support.users import ApiUser, new_phone, sign_in

GREETING = "Привет! 🚗"
REPLY = "Здорово! Когда на трек?"
AFTER_RESTART = "Сервер перезапустили, а история на месте"

LIVE_DELIVERY_SECONDS = 1.0


class ScriptedHubClient:
    """B's live connection: authenticates and records every frame with its arrival time."""

    def __init__(self, hub_url: str, token: str) -> None:
        self.hub_url = hub_url
        self.token = token
        self.frames: list[tuple[float, dict[str, Any]]] = []
        self.ready = False

    async def run(self) -> None:
        async with connect(self.hub_url, compression=None) as websocket:
            await websocket.send(
                json.dumps({"type": "auth", "token": self.token, "protocol": PROTOCOL_VERSION})
            )
            async for raw in websocket:
                frame = json.loads(raw)
                if frame["type"] == "ready":
                    self.ready = True
                self.frames.append((time.monotonic(), frame))

    def messages(self) -> list[tuple[float, dict[str, Any]]]:
        return [
            (arrived, frame["message"]) for arrived, frame in self.frames if frame["type"] == "message.new"
        ]


@pytest.fixture
def server(start_server: Any) -> ServerProcess:
    server: ServerProcess = start_server()
    return server


@pytest.fixture
def controller(
    qapp: Any, qloop: Any, qtbot: QtBot, run: Runner, server: ServerProcess, tmp_path: Path
) -> Any:
    paths = ProfilePaths.single(tmp_path / "desktop-a")
    settings = Settings(api_url=server.api_url, hub_url=server.hub_url, language="en")
    controller = AppController(qapp, paths, settings)
    qtbot.addWidget(controller.window)
    controller.window.show()
    yield controller
    run(controller.shutdown())


def sign_in_through_ui(controller: AppController, qtbot: QtBot, run: Runner, server: ServerProcess) -> None:
    run(controller.start())
    view = controller.sign_in_view
    assert view is not None

    phone = new_phone()
    qtbot.keyClicks(view.phone_edit, phone)
    qtbot.mouseClick(view.code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 1, timeout=timeout_ms(5))
    assert view.name_edit.isVisible()

    qtbot.keyClicks(view.code_edit, server.last_code(phone))
    type_text(view.name_edit, "Алексей")
    qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: controller.service is not None, timeout=timeout_ms(5))
    service = controller.service
    assert service is not None
    qtbot.waitUntil(lambda: service.hub.state == HubState.ONLINE, timeout=timeout_ms(5))


def test_chat_survives_server_restart(
    controller: AppController, qtbot: QtBot, run: Runner, server: ServerProcess
) -> None:
    sign_in_through_ui(controller, qtbot, run, server)
    service = controller.service
    page = controller.chats_page
    assert service is not None and page is not None

    http = httpx.AsyncClient(base_url=server.api_url, timeout=10)
    try:
        bob: ApiUser = run(sign_in(server, http, "Борис"))
        bob_hub = ScriptedHubClient(server.hub_url, bob.token)
        bob_task = asyncio.get_running_loop().create_task(bob_hub.run())
        qtbot.waitUntil(lambda: bob_hub.ready, timeout=timeout_ms(5))

        # B starts the dialog; A's list gets it live from dialog.new.
        dialog = run(bob.post("/api/v1/dialogs", json={"user_id": service.user.id})).json()["dialog"]
        qtbot.waitUntil(lambda: service.dialogs.rowCount() == 1, timeout=timeout_ms(5))

        # A opens it by clicking the row.
        list_view = page.dialog_list
        row_rect = list_view.visualRect(service.dialogs.index(0))
        qtbot.mouseClick(list_view.viewport(), Qt.MouseButton.LeftButton, pos=row_rect.center())
        assert page.open_dialog_id == dialog["id"]
        model = service.messages(dialog["id"])

        # A types and presses Enter; B gets it live, A's own echo does not double it.
        composer = page.chat_view.composer
        type_text(composer.edit, GREETING)
        with qtbot.waitSignal(service.hub.messageReceived, timeout=timeout_ms(5)):
            pressed_at = time.monotonic()
            qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
            assert composer.text() == ""
        qtbot.waitUntil(lambda: len(bob_hub.messages()) == 1, timeout=timeout_ms(5))
        arrived_at, received = bob_hub.messages()[0]
        assert received["text"] == GREETING
        assert received["sender_id"] == service.user.id
        assert arrived_at - pressed_at < LIVE_DELIVERY_SECONDS
        qtbot.waitUntil(lambda: model.item(0).state == MessageState.SENT, timeout=timeout_ms(5))
        assert model.texts() == [GREETING]

        # B replies over HTTP; A's chat view shows it.
        run(bob.send(dialog["id"], REPLY))
        qtbot.waitUntil(lambda: model.texts() == [GREETING, REPLY], timeout=timeout_ms(5))
        assert model.item(1).sender_id == bob.id
        assert page.chat_view.list.model() is model

        # Restart the server on the same ports, data folder and database.
        states: list[str] = []
        service.hub.stateChanged.connect(states.append)
        server.restart()
        qtbot.waitUntil(
            lambda: HubState.OFFLINE.value in states and service.hub.state == HubState.ONLINE,
            timeout=timeout_ms(20),
        )
        run(bob.send(dialog["id"], AFTER_RESTART))
        qtbot.waitUntil(lambda: model.texts() == [GREETING, REPLY, AFTER_RESTART], timeout=timeout_ms(5))
        assert [item.seq for item in model.items()] == [1, 2, 3]

        history = run(bob.history(dialog["id"]))
        assert [message["text"] for message in history] == [GREETING, REPLY, AFTER_RESTART]
        assert [message["seq"] for message in history] == [1, 2, 3]

        preview_row = service.dialogs.index(0)
        assert service.dialogs.dialog(dialog["id"]).last_seq == 3  # type: ignore[union-attr]
        assert preview_row.data(Qt.ItemDataRole.DisplayRole) == "Борис"

        bob_task.cancel()
        qtbot.waitUntil(bob_task.done, timeout=timeout_ms(5))
    finally:
        run(http.aclose())


def test_history_reloads_in_new_app_after_restart(
    controller: AppController, qtbot: QtBot, run: Runner, server: ServerProcess, qapp: Any
) -> None:
    """A second app instance with the saved token loads the history from the restarted server."""
    sign_in_through_ui(controller, qtbot, run, server)
    service = controller.service
    assert service is not None
    http = httpx.AsyncClient(base_url=server.api_url, timeout=10)
    try:
        bob: ApiUser = run(sign_in(server, http, "Борис"))
        dialog = run(bob.post("/api/v1/dialogs", json={"user_id": service.user.id})).json()["dialog"]
        run(bob.send(dialog["id"], REPLY))
        run(controller.shutdown())

        server.restart()
        again = AppController(qapp, controller.paths, controller.settings)
        qtbot.addWidget(again.window)
        run(again.start())
        assert again.service is not None, "the saved token should skip the sign-in screen"
        qtbot.waitUntil(lambda: again.service.dialogs.rowCount() == 1, timeout=timeout_ms(5))  # type: ignore[union-attr]
        model = again.service.messages(dialog["id"])
        qtbot.waitUntil(lambda: model.texts() == [REPLY], timeout=timeout_ms(5))
        run(again.shutdown())
    finally:
        run(http.aclose())
