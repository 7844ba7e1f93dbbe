"""The hub in the test's own process with a stand-in API, on real sockets.

Covers room changes that arrive during a handshake, and what the hub keeps of each connection.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from websockets.asyncio.client import connect

from server.bus import Event, InMemoryBus, dialog_room, user_room
from server.config import Settings
from server.hub.membership import MembershipLog
from server.hub.server import BACKLOG_CHECK_SECONDS, Hub
from server.presence import InMemoryPresence
from shared.api import SessionCheck
from shared.frames import CloseCode


def test_log_keeps_changes_for_open_handshakes() -> None:
    log = MembershipLog()
    log.record("join", [1], ["dialog:1"])  # no handshake open: nothing to keep
    assert len(log) == 0

    first = log.begin()
    log.record("join", [1, 2], ["dialog:2"])
    second = log.begin()
    log.record("leave", [1], ["dialog:2"])
    log.record("join", [3], ["dialog:3"])

    joined = ("join", ("dialog:2",), frozenset())
    left = ("leave", ("dialog:2",), frozenset())
    assert log.since(first, 1) == [joined, left]
    assert log.since(second, 1) == [left]
    assert log.since(second, 2) == []
    log.record("revoke", [2], [], [20])
    assert log.since(second, 2) == [("revoke", (), frozenset({20}))]

    log.end(first)
    assert len(log) == 3, "the second handshake still needs the events after it started"
    log.end(second)
    assert len(log) == 0


class BlockedApi:
    """Returns user 1's session, with no dialogs, once ``release`` is set.

    Presence reports wait for ``presence_release``, which starts set.
    """

    def __init__(self) -> None:
        self.check_requested = asyncio.Event()
        self.release = asyncio.Event()
        self.presence_requested = asyncio.Event()
        self.presence_release = asyncio.Event()
        self.presence_release.set()

    async def check_token(self, token: str) -> SessionCheck:
        self.check_requested.set()
        await self.release.wait()
        return SessionCheck(user_id=1, session_id=10, dialog_ids=[], friends=[])

    async def report_presence(self, user_id: int, online: bool) -> None:
        self.presence_requested.set()
        await self.presence_release.wait()

    async def close(self) -> None:
        return None


@pytest.fixture
async def hub(tmp_path: Path) -> AsyncIterator[tuple[Hub, BlockedApi, str]]:
    api = BlockedApi()
    bus = InMemoryBus()
    hub = Hub(bus, api, InMemoryPresence(), Settings(data_dir=tmp_path, close_timeout_seconds=1))  # type: ignore[arg-type]
    listener = socket.create_server(("127.0.0.1", 0))
    listener.setblocking(False)
    await hub.start(listener)
    yield hub, api, f"ws://127.0.0.1:{listener.getsockname()[1]}/"
    await hub.stop()
    await bus.close()


async def test_hub_replays_room_changes_after_handshake(
    hub: tuple[Hub, BlockedApi, str],
) -> None:
    server, api, url = hub
    async with connect(url) as client:
        await client.send(json.dumps({"type": "auth", "token": "t"}))
        await asyncio.wait_for(api.check_requested.wait(), 5)

        # The API adds the user to a group after it read their dialogs for the response.
        await server.on_event(Event(kind="join", user_ids=(1,), rooms=(dialog_room(7),)))
        await server.on_event(Event(kind="join", user_ids=(1,), rooms=(dialog_room(8),)))
        await server.on_event(Event(kind="leave", user_ids=(1,), rooms=(dialog_room(8),)))
        api.release.set()
        ready = json.loads(await asyncio.wait_for(client.recv(), 5))
        assert ready["type"] == "ready"

        assert server.registry.in_room(1, dialog_room(7))
        assert not server.registry.in_room(1, dialog_room(8))
        await server.on_event(Event(kind="frame", rooms=(dialog_room(7),), frame={"type": "message.new"}))
        frame = json.loads(await asyncio.wait_for(client.recv(), 5))
        assert frame == {"type": "message.new"}
    assert len(server._membership) == 0


async def test_hub_drops_upgrade_headers_after_handshake(hub: tuple[Hub, BlockedApi, str]) -> None:
    server, api, url = hub
    api.release.set()
    async with connect(url, additional_headers={"X-Padding": "x" * 2000}) as client:
        await client.send(json.dumps({"type": "auth", "token": "t"}))
        assert json.loads(await asyncio.wait_for(client.recv(), 5))["type"] == "ready"

        [connection] = server.registry.by_user[1]
        assert connection.socket.request is not None
        assert list(connection.socket.request.headers.raw_items()) == []
        assert connection.socket.response is None

        # The socket still works after its headers are gone.
        await client.send(json.dumps({"type": "nonsense"}))
        error = json.loads(await asyncio.wait_for(client.recv(), 5))
        assert error["code"] == "unknown_type"


async def test_backlog_check_survives_an_error(
    hub: tuple[Hub, BlockedApi, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server, _api, _url = hub
    calls: list[int] = []

    def failing_once(max_buffer_bytes: int) -> list[object]:
        calls.append(max_buffer_bytes)
        if len(calls) == 1:
            raise RuntimeError("transport went away")
        return []

    monkeypatch.setattr(server.registry, "backlogged", failing_once)
    await asyncio.sleep(BACKLOG_CHECK_SECONDS * 2.5)

    assert len(calls) >= 2, "the check ran again after the error"
    assert server._backlog_task is not None and not server._backlog_task.done()


async def test_hub_closes_session_revoked_during_handshake(hub: tuple[Hub, BlockedApi, str]) -> None:
    server, api, url = hub
    async with connect(url) as client:
        await client.send(json.dumps({"type": "auth", "token": "t"}))
        await asyncio.wait_for(api.check_requested.wait(), 5)

        # The API revokes the session after it read it for the handshake's response.
        await server.on_event(Event(kind="revoke", user_ids=(1,), session_ids=(10,)))
        api.release.set()

        await asyncio.wait_for(client.wait_closed(), 5)
        assert client.close_code == CloseCode.SESSION_REVOKED
    assert server.registry.by_user == {}


async def test_hub_sends_ready_before_any_other_frame(hub: tuple[Hub, BlockedApi, str]) -> None:
    server, api, url = hub
    api.release.set()
    api.presence_release.clear()
    async with connect(url) as client:
        await client.send(json.dumps({"type": "auth", "token": "t"}))
        await asyncio.wait_for(api.presence_requested.wait(), 5)

        # A frame for the user while the hub still reports the user online.
        await server.on_event(Event(kind="frame", rooms=(user_room(1),), frame={"type": "friend.request"}))
        api.presence_release.set()

        first = json.loads(await asyncio.wait_for(client.recv(), 5))
        assert first["type"] == "ready"
        await server.on_event(Event(kind="frame", rooms=(user_room(1),), frame={"type": "friend.request"}))
        second = json.loads(await asyncio.wait_for(client.recv(), 5))
        assert second == {"type": "friend.request"}


async def test_revoking_a_stalled_socket_blocks_nothing(hub: tuple[Hub, BlockedApi, str]) -> None:
    server, api, url = hub
    api.release.set()
    async with connect(url, close_timeout=1) as stalled, connect(url, close_timeout=1) as other:
        for client in (stalled, other):
            await client.send(json.dumps({"type": "auth", "token": "t"}))
            assert json.loads(await asyncio.wait_for(client.recv(), 5))["type"] == "ready"
        stalled.transport.pause_reading()

        # The event returns at once although one client never completes the close handshake.
        revoke = Event(kind="revoke", user_ids=(1,), session_ids=(10,))
        await asyncio.wait_for(server.on_event(revoke), 0.5)

        await asyncio.wait_for(other.wait_closed(), 2)
        assert other.close_code == CloseCode.SESSION_REVOKED
        assert server.registry.by_user == {}
