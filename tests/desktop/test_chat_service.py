"""ChatService with a fake API and a stand-in hub: sending, echoes, gaps and resync."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.chat import ChatService
from desktop.models import MessageState
from desktop.tasks import TaskSupervisor
from shared.api import MessageOut, UserOut
from tests.desktop.conftest import Runner, timeout_ms

ME = UserOut(id=1, display_name="Алексей")
PEER = {"id": 2, "display_name": "Борис"}
DIALOG_ID = 4
START = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


class StubHub(QObject):
    """Has HubClient's signals; tests emit frames by hand."""

    ready = Signal(int, int)
    messageReceived = Signal(object)
    dialogReceived = Signal(object)
    stateChanged = Signal(str)
    authRejected = Signal(int)

    def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass


def message_json(seq: int, text: str, sender: int = 2, client_id: str = "") -> dict[str, Any]:
    return {
        "id": 100 + seq, "dialog_id": DIALOG_ID, "seq": seq, "sender_id": sender,
        "client_id": client_id or f"peer-{seq}", "text": text,
        "created_at": (START + timedelta(minutes=seq)).isoformat(),
    }  # fmt: skip


class FakeServer:
    """Dialog history, message posts and failure switches behind an httpx.MockTransport."""

    def __init__(self) -> None:
        self.history: list[dict[str, Any]] = []
        self.requests: list[httpx.Request] = []
        self.fail_posts_with: str | None = None
        self.token_valid = True

    def dialog(self) -> dict[str, Any]:
        return {
            "id": DIALOG_ID, "kind": "direct", "peer": PEER,
            "members": [ME.model_dump(), PEER],
            "last_message": self.history[-1] if self.history else None,
            "last_seq": len(self.history), "created_at": START.isoformat(),
        }  # fmt: skip

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not self.token_valid:
            return httpx.Response(401, json={"error": {"code": "invalid_token", "message": "x"}})
        path = request.url.path
        if path == "/api/v1/dialogs":
            return httpx.Response(200, json={"dialogs": [self.dialog()]})
        if request.method == "POST":
            if self.fail_posts_with:
                return httpx.Response(503, json={"error": {"code": self.fail_posts_with, "message": "x"}})
            body = json.loads(request.content)
            for existing in self.history:
                if existing["client_id"] == body["client_id"]:
                    return httpx.Response(200, json={"message": existing})
            posted = message_json(len(self.history) + 1, body["text"], 1, body["client_id"])
            self.history.append(posted)
            return httpx.Response(200, json={"message": posted})
        after = int(request.url.params.get("after_seq", 0))
        return httpx.Response(200, json={"messages": [m for m in self.history if m["seq"] > after]})

    def add_peer_message(self, text: str) -> MessageOut:
        posted = message_json(len(self.history) + 1, text)
        self.history.append(posted)
        return MessageOut.model_validate(posted)


@pytest.fixture
def fake() -> FakeServer:
    return FakeServer()


@pytest.fixture
def service(fake: FakeServer, qloop: object, run: Runner) -> ChatService:
    api = ApiClient("http://127.0.0.1:8700", "tok", transport=httpx.MockTransport(fake.handle))
    service = ChatService(api, StubHub(), ME, TaskSupervisor())  # type: ignore[arg-type]
    yield service
    run(api.aclose())


def open_dialog(service: ChatService, qtbot: QtBot) -> Any:
    service.start()
    qtbot.waitUntil(lambda: service.dialogs.rowCount() == 1, timeout=timeout_ms(5))
    model = service.messages(DIALOG_ID)
    return model


def test_send_shows_pending_then_sent(service: ChatService, fake: FakeServer, qtbot: QtBot) -> None:
    model = open_dialog(service, qtbot)
    client_id = service.send(DIALOG_ID, "  Привет! 🚗  ")
    assert client_id is not None
    assert model.item(0).state == MessageState.PENDING
    assert model.item(0).text == "Привет! 🚗"
    qtbot.waitUntil(lambda: model.item(0).state == MessageState.SENT, timeout=timeout_ms(5))
    assert model.item(0).seq == 1
    assert fake.history[0]["client_id"] == client_id

    service.hub.messageReceived.emit(MessageOut.model_validate(fake.history[0]))
    assert model.texts() == ["Привет! 🚗"]


def test_blank_text_not_sent(service: ChatService, fake: FakeServer, qtbot: QtBot) -> None:
    model = open_dialog(service, qtbot)
    assert service.send(DIALOG_ID, "   ") is None
    assert model.rowCount() == 0


def test_failed_send_retries_with_same_id(service: ChatService, fake: FakeServer, qtbot: QtBot) -> None:
    model = open_dialog(service, qtbot)
    fake.fail_posts_with = "internal_error"
    with qtbot.waitSignal(service.errorOccurred, timeout=timeout_ms(5)) as blocker:
        client_id = service.send(DIALOG_ID, "текст")
    assert blocker.args == ["Something went wrong on the server. Please try again later."]
    assert model.item(0).state == MessageState.FAILED

    fake.fail_posts_with = None
    service.retry(DIALOG_ID, client_id)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: model.item(0).state == MessageState.SENT, timeout=timeout_ms(5))
    assert [m["client_id"] for m in fake.history] == [client_id]


def test_live_message_with_gap_fetches_missing(service: ChatService, fake: FakeServer, qtbot: QtBot) -> None:
    fake.add_peer_message("one")
    model = open_dialog(service, qtbot)
    qtbot.waitUntil(lambda: model.texts() == ["one"], timeout=timeout_ms(5))
    fake.add_peer_message("two (frame lost)")
    third = fake.add_peer_message("three")
    service.hub.messageReceived.emit(third)
    qtbot.waitUntil(lambda: model.texts() == ["one", "two (frame lost)", "three"], timeout=timeout_ms(5))


def test_ready_refetches_after_last_seq(service: ChatService, fake: FakeServer, qtbot: QtBot) -> None:
    fake.add_peer_message("before")
    model = open_dialog(service, qtbot)
    qtbot.waitUntil(lambda: model.texts() == ["before"], timeout=timeout_ms(5))
    fake.add_peer_message("while offline")
    fake.requests.clear()
    service.hub.ready.emit(1, 1)
    qtbot.waitUntil(lambda: model.texts() == ["before", "while offline"], timeout=timeout_ms(5))
    fetches = [r for r in fake.requests if r.url.path.endswith("/messages")]
    assert fetches[0].url.params["after_seq"] == "1"
    assert service.dialogs.dialog(DIALOG_ID).last_seq == 2  # type: ignore[union-attr]


def test_rejected_token_ends_session(service: ChatService, fake: FakeServer, qtbot: QtBot) -> None:
    fake.token_valid = False
    with qtbot.waitSignal(service.sessionEnded, timeout=timeout_ms(5)):
        service.start()


def test_hub_rejection_ends_session(service: ChatService, qtbot: QtBot) -> None:
    with qtbot.waitSignal(service.sessionEnded, timeout=timeout_ms(5)):
        service.hub.authRejected.emit(4001)
