"""ChatService with a fake API: the outbox, echoes, gaps, resync and session errors.

The hub client points at a closed port, so frames and resyncs are driven by
calling the sync engine's listener methods, as the hub connection would.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.chat import ChatService
from desktop.hub import HubClient
from desktop.models import MessageState
from desktop.sync.frames import MessageNewFrame
from desktop.tasks import TaskSupervisor
from shared.api import MessageOut, UserOut
from tests.desktop.conftest import Runner, timeout_ms

ME = UserOut(id=1, display_name="Алексей")
PEER = {"id": 2, "display_name": "Борис"}
DIALOG_ID = 4
START = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def message_json(seq: int, text: str, sender: int = 2, client_id: str = "") -> dict[str, Any]:
    return {
        "id": 100 + seq, "dialog_id": DIALOG_ID, "seq": seq, "sender_id": sender,
        "client_id": client_id or f"peer-{seq}", "text": text,
        "created_at": (START + timedelta(minutes=seq)).isoformat(),
    }  # fmt: skip


class FakeServer:
    """Sync, history, message posts and failure switches behind an httpx.MockTransport."""

    def __init__(self) -> None:
        self.history: list[dict[str, Any]] = []
        self.requests: list[httpx.Request] = []
        self.fail_posts: tuple[int, str] | None = None
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
        if path == "/api/v1/sync":
            known = json.loads(request.content)["known"].get(str(DIALOG_ID), 0)
            messages = [m for m in self.history if m["seq"] > known]
            body = {
                "dialogs": [self.dialog()],
                "messages": messages,
                "removed_dialog_ids": [],
                "has_more": False,
            }
            return httpx.Response(200, json=body)
        if path == f"/api/v1/dialogs/{DIALOG_ID}/read":
            return httpx.Response(200, json={"seq": json.loads(request.content)["seq"]})
        if request.method == "POST":
            if self.fail_posts:
                status, code = self.fail_posts
                return httpx.Response(status, json={"error": {"code": code, "message": "x"}})
            body = json.loads(request.content)
            for existing in self.history:
                if existing["client_id"] == body["client_id"]:
                    return httpx.Response(200, json={"message": existing})
            posted = message_json(len(self.history) + 1, body["text"], 1, body["client_id"])
            self.history.append(posted)
            return httpx.Response(201, json={"message": posted})
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
def service(fake: FakeServer, qloop: object, run: Runner) -> Iterator[ChatService]:
    api = ApiClient("http://127.0.0.1:8700", "tok", transport=httpx.MockTransport(fake.handle))
    supervisor = TaskSupervisor()
    hub = HubClient("ws://127.0.0.1:9/", "tok", supervisor, backoff_base=5, backoff_max=5)
    service = ChatService(api, hub, ME, supervisor)
    yield service
    run(service.close())
    run(api.aclose())


def open_dialog(service: ChatService, qtbot: QtBot, run: Runner) -> Any:
    with qtbot.waitSignal(service.loaded, timeout=timeout_ms(5)):
        service.start()
    qtbot.waitUntil(
        lambda: service.engine is not None and service.engine.outbox._running, timeout=timeout_ms(5)
    )
    run(service.refresh_dialogs())
    qtbot.waitUntil(lambda: service.dialogs.rowCount() == 1, timeout=timeout_ms(5))
    return service.messages(DIALOG_ID)


def deliver(service: ChatService, message: MessageOut) -> None:
    """Hand a ``message.new`` frame to the engine as the hub connection does."""
    assert service.engine is not None
    data = {"type": "message.new", "message": json.loads(message.model_dump_json())}
    service.engine.hub_frame(data, MessageNewFrame(message))


def test_send_shows_pending_then_sent(
    service: ChatService, fake: FakeServer, qtbot: QtBot, run: Runner
) -> None:
    model = open_dialog(service, qtbot, run)
    client_id = service.send(DIALOG_ID, "  Привет! 🚗  ")
    assert client_id is not None
    assert model.item(0).state == MessageState.PENDING
    assert model.item(0).text == "Привет! 🚗"
    qtbot.waitUntil(lambda: model.item(0).state == MessageState.SENT, timeout=timeout_ms(5))
    assert model.item(0).seq == 1
    assert fake.history[0]["client_id"] == client_id

    deliver(service, MessageOut.model_validate(fake.history[0]))
    run(service.refresh_dialogs())
    assert model.texts() == ["Привет! 🚗"]


def test_blank_text_not_sent(service: ChatService, fake: FakeServer, qtbot: QtBot, run: Runner) -> None:
    model = open_dialog(service, qtbot, run)
    assert service.send(DIALOG_ID, "   ") is None
    assert model.rowCount() == 0


def test_rejected_send_fails_then_retries(
    service: ChatService, fake: FakeServer, qtbot: QtBot, run: Runner
) -> None:
    model = open_dialog(service, qtbot, run)
    fake.fail_posts = (403, "not_a_member")
    with qtbot.waitSignal(service.errorOccurred, timeout=timeout_ms(5)):
        client_id = service.send(DIALOG_ID, "текст")
    qtbot.waitUntil(lambda: model.item(0).state == MessageState.FAILED, timeout=timeout_ms(5))

    fake.fail_posts = None
    service.retry(DIALOG_ID, client_id)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: model.item(0).state == MessageState.SENT, timeout=timeout_ms(5))
    assert [m["client_id"] for m in fake.history] == [client_id]


def test_server_error_keeps_retrying(
    service: ChatService, fake: FakeServer, qtbot: QtBot, run: Runner
) -> None:
    model = open_dialog(service, qtbot, run)
    fake.fail_posts = (503, "internal_error")
    service.send(DIALOG_ID, "текст")
    qtbot.waitUntil(lambda: len(fake.requests) >= 4, timeout=timeout_ms(5))
    assert model.item(0).state == MessageState.PENDING

    fake.fail_posts = None
    assert service.engine is not None
    service.engine.outbox.wake()
    qtbot.waitUntil(lambda: model.item(0).state == MessageState.SENT, timeout=timeout_ms(5))
    assert len(fake.history) == 1


def test_live_message_with_gap_fetches_missing(
    service: ChatService, fake: FakeServer, qtbot: QtBot, run: Runner
) -> None:
    fake.add_peer_message("one")
    model = open_dialog(service, qtbot, run)
    qtbot.waitUntil(lambda: model.texts() == ["one"], timeout=timeout_ms(5))
    fake.add_peer_message("two (frame lost)")
    deliver(service, fake.add_peer_message("three"))
    qtbot.waitUntil(lambda: model.texts() == ["one", "two (frame lost)", "three"], timeout=timeout_ms(5))


def test_resync_fetches_after_cursor(
    service: ChatService, fake: FakeServer, qtbot: QtBot, run: Runner
) -> None:
    fake.add_peer_message("before")
    model = open_dialog(service, qtbot, run)
    qtbot.waitUntil(lambda: model.texts() == ["before"], timeout=timeout_ms(5))
    fake.add_peer_message("while offline")
    fake.requests.clear()
    run(service.refresh_dialogs())
    qtbot.waitUntil(lambda: model.texts() == ["before", "while offline"], timeout=timeout_ms(5))
    syncs = [r for r in fake.requests if r.url.path.endswith("/sync")]
    assert json.loads(syncs[0].content)["known"] == {str(DIALOG_ID): 1}
    assert service.dialogs.dialog(DIALOG_ID).last_seq == 2  # type: ignore[union-attr]


def test_rejected_token_ends_session(
    service: ChatService, fake: FakeServer, qtbot: QtBot, run: Runner
) -> None:
    with qtbot.waitSignal(service.loaded, timeout=timeout_ms(5)):
        service.start()
    fake.token_valid = False
    with qtbot.waitSignal(service.sessionEnded, timeout=timeout_ms(5)):
        run(service.refresh_dialogs())


def test_hub_rejection_ends_session(service: ChatService, qtbot: QtBot) -> None:
    with qtbot.waitSignal(service.loaded, timeout=timeout_ms(5)):
        service.start()
    assert service.engine is not None
    with qtbot.waitSignal(service.sessionEnded, timeout=timeout_ms(5)):
        service.engine.hub_rejected(4001)
