"""Hub frames, backoff, and HubClient against a scripted WebSocket server on loopback."""

from __future__ import annotations

import json
import random
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from websockets.asyncio.server import Server, ServerConnection, serve

from desktop.hub import (
    DialogNewFrame,
    FrameError,
    HubClient,
    HubState,
    MessageNewFrame,
    ReadyFrame,
    auth_frame,
    backoff_delay,
    parse_frame,
)
from desktop.tasks import TaskSupervisor
from shared.frames import PROTOCOL_VERSION, CloseCode
from tests.desktop.conftest import Runner, timeout_ms

MESSAGE = {
    "id": 11, "dialog_id": 3, "seq": 1, "sender_id": 2,
    "client_id": "c-1", "text": "Привет", "created_at": "2026-05-01T12:00:00Z",
}  # fmt: skip

Handler = Callable[[ServerConnection], Awaitable[None]]


def test_auth_frame_names_protocol() -> None:
    assert json.loads(auth_frame("tok")) == {"type": "auth", "token": "tok", "protocol": PROTOCOL_VERSION}


def test_parse_known_frames() -> None:
    assert parse_frame('{"type": "ready", "user_id": 1, "session_id": 2}') == ReadyFrame(1, 2)
    frame = parse_frame(json.dumps({"type": "message.new", "message": MESSAGE}))
    assert isinstance(frame, MessageNewFrame)
    assert frame.message.text == "Привет"
    dialog = {"id": 3, "kind": "direct", "members": [], "created_at": "2026-05-01T12:00:00Z"}
    assert isinstance(parse_frame(json.dumps({"type": "dialog.new", "dialog": dialog})), DialogNewFrame)


def test_parse_ignores_unknown_type() -> None:
    assert parse_frame('{"type": "presence.online", "user_id": 5}') is None


@pytest.mark.parametrize(
    "raw",
    ["not json", "[1, 2]", '{"no": "type"}', '{"type": "message.new", "message": {"id": 1}}'],
)
def test_parse_rejects_invalid(raw: str) -> None:
    with pytest.raises(FrameError):
        parse_frame(raw)


def test_backoff_grows_and_caps() -> None:
    rng = random.Random(7)
    delays = [backoff_delay(attempt, base=0.5, maximum=30, rng=rng) for attempt in range(12)]
    for attempt, delay in enumerate(delays):
        capped = min(30.0, 0.5 * 2**attempt)
        assert capped / 2 <= delay <= capped
    assert max(delays) <= 30


class FakeHub:
    """A WebSocket server on 127.0.0.1 that runs ``handler`` for each connection."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.server: Server | None = None
        self.auth_frames: list[dict[str, Any]] = []

    async def start(self) -> str:
        self.server = await serve(self._handle, "127.0.0.1", 0, compression=None)
        port = next(iter(self.server.sockets)).getsockname()[1]
        return f"ws://127.0.0.1:{port}/"

    async def _handle(self, connection: ServerConnection) -> None:
        self.auth_frames.append(json.loads(await connection.recv()))
        await self.handler(connection)

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()


@pytest.fixture
def fake_hub(run: Runner) -> Iterator[Callable[[Handler], str]]:
    hubs: list[FakeHub] = []

    def start(handler: Handler) -> str:
        hub = FakeHub(handler)
        hubs.append(hub)
        url: str = run(hub.start())
        return url

    yield start
    for hub in hubs:
        run(hub.stop())


def make_client(url: str, supervisor: TaskSupervisor) -> HubClient:
    return HubClient(url, "token-a", supervisor, backoff_base=0.01, backoff_max=0.05)


async def send_ready_and_message(connection: ServerConnection) -> None:
    await connection.send(json.dumps({"type": "ready", "user_id": 1, "session_id": 9}))
    await connection.send(json.dumps({"type": "message.new", "message": MESSAGE}))
    await connection.wait_closed()


def test_client_authenticates_and_emits(
    qtbot: QtBot, run: Runner, fake_hub: Callable[[Handler], str]
) -> None:
    url = fake_hub(send_ready_and_message)
    supervisor = TaskSupervisor()
    client = make_client(url, supervisor)
    readies: list[tuple[int, int]] = []
    client.ready.connect(lambda user, session: readies.append((user, session)))
    with qtbot.waitSignal(client.messageReceived, timeout=timeout_ms(5)) as blocker:
        client.start()
    assert readies == [(1, 9)]
    assert blocker.args[0].text == "Привет"
    assert client.state == HubState.ONLINE
    run(client.stop())
    assert client.state == HubState.STOPPED


def test_client_reconnects_after_drop(qtbot: QtBot, run: Runner, fake_hub: Callable[[Handler], str]) -> None:
    connections = 0

    async def drop_first(connection: ServerConnection) -> None:
        nonlocal connections
        connections += 1
        await connection.send(json.dumps({"type": "ready", "user_id": 1, "session_id": 9}))
        if connections == 1:
            await connection.close(CloseCode.INTERNAL_ERROR, "restarting")
        else:
            await connection.wait_closed()

    url = fake_hub(drop_first)
    client = make_client(url, TaskSupervisor())
    readies: list[tuple[int, int]] = []
    client.ready.connect(lambda user, session: readies.append((user, session)))
    client.start()
    qtbot.waitUntil(lambda: len(readies) == 2, timeout=timeout_ms(5))
    assert client.state == HubState.ONLINE
    run(client.stop())


@pytest.mark.parametrize("code", [CloseCode.UNAUTHORIZED, CloseCode.SESSION_REVOKED])
def test_client_stops_on_rejected_token(
    qtbot: QtBot, run: Runner, fake_hub: Callable[[Handler], str], code: CloseCode
) -> None:
    async def reject(connection: ServerConnection) -> None:
        await connection.close(code, "sign in again")

    url = fake_hub(reject)
    client = make_client(url, TaskSupervisor())
    with qtbot.waitSignal(client.authRejected, timeout=timeout_ms(5)) as blocker:
        client.start()
    assert blocker.args == [code]
    assert client.state == HubState.STOPPED
    run(client.stop())


def test_client_retries_unreachable_hub(qtbot: QtBot, run: Runner) -> None:
    client = make_client("ws://127.0.0.1:9/", TaskSupervisor())
    states: list[str] = []
    client.stateChanged.connect(states.append)
    client.start()
    qtbot.waitUntil(lambda: states.count(HubState.CONNECTING.value) >= 3, timeout=timeout_ms(5))
    assert HubState.OFFLINE.value in states
    run(client.stop())


def test_client_skips_invalid_frames(qtbot: QtBot, run: Runner, fake_hub: Callable[[Handler], str]) -> None:
    async def noisy(connection: ServerConnection) -> None:
        await connection.send(json.dumps({"type": "ready", "user_id": 1, "session_id": 9}))
        await connection.send("garbage")
        await connection.send(json.dumps({"type": "message.new", "message": MESSAGE}))
        await connection.wait_closed()

    url = fake_hub(noisy)
    client = make_client(url, TaskSupervisor())
    with qtbot.waitSignal(client.messageReceived, timeout=timeout_ms(5)):
        client.start()
    run(client.stop())


def test_client_stops_on_unsupported_protocol(
    qtbot: QtBot, run: Runner, fake_hub: Callable[[Handler], str]
) -> None:
    async def reject(connection: ServerConnection) -> None:
        await connection.close(CloseCode.UNSUPPORTED_PROTOCOL, "protocol 1 is not supported")

    url = fake_hub(reject)
    client = make_client(url, TaskSupervisor())
    states: list[str] = []
    client.stateChanged.connect(states.append)
    with qtbot.assertNotEmitted(client.authRejected):
        client.start()
        qtbot.waitUntil(lambda: HubState.STOPPED.value in states, timeout=timeout_ms(5))
    assert states == [HubState.CONNECTING.value, HubState.STOPPED.value]
    run(client.stop())
