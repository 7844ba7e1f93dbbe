"""The sync engine and its outbox against a real server, with no Qt."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from desktop.api import ApiClient
from desktop.sync.connection import HubConnection
from desktop.sync.engine import SyncEngine, SyncState
from desktop.sync.store import CachedMessage, DeliveryState, Store
from shared.api import DialogOut, SyncResponse
from shared.limits import MAX_MESSAGE_LENGTH
from tests.support.server import ServerProcess
from tests.support.timing import seconds
from tests.support.users import ApiUser, sign_in


@dataclass
class Recorder:
    """A SyncListener that keeps what the engine reported."""

    states: list[SyncState] = field(default_factory=list)
    dialogs: dict[int, DialogOut] = field(default_factory=dict)
    rejected: bool = False

    def sync_state_changed(self, state: SyncState) -> None:
        self.states.append(state)

    def dialogs_changed(self, dialogs: list[DialogOut]) -> None:
        self.dialogs.update((dialog.id, dialog) for dialog in dialogs)

    def dialogs_removed(self, dialog_ids: list[int]) -> None:
        for dialog_id in dialog_ids:
            self.dialogs.pop(dialog_id, None)

    def messages_changed(self, dialog_id: int, messages: list[CachedMessage]) -> None:
        pass

    def session_rejected(self) -> None:
        self.rejected = True


class GatedApi(ApiClient):
    """An ApiClient whose ``sync`` waits for ``gate`` while it is cleared."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gate = asyncio.Event()
        self.gate.set()
        self.sync_started = asyncio.Event()

    async def sync(self, known: dict[int, int], limit: int = 500) -> SyncResponse:
        self.sync_started.set()
        await self.gate.wait()
        return await super().sync(known, limit)


@dataclass
class Client:
    user: ApiUser
    store: Store
    api: GatedApi
    engine: SyncEngine
    recorder: Recorder

    async def close(self) -> None:
        await self.engine.stop()
        await self.api.aclose()
        await self.store.close()


async def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    # The engine has no event per condition, so the tests poll.
    async with asyncio.timeout(seconds(timeout)):
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(0.02)


@pytest.fixture
async def clients(server: ServerProcess, tmp_path: Path) -> AsyncIterator[Callable[..., Any]]:
    made: list[Client] = []

    async def make(user: ApiUser, name: str = "", *, start: bool = True) -> Client:
        store = await Store.open(tmp_path / f"{name or user.id}.sqlite3")
        api = GatedApi(server.api_url, user.token)
        connection = HubConnection(server.hub_url, user.token, backoff_base=0.05, backoff_max=0.5)
        recorder = Recorder()
        engine = SyncEngine(
            api, store, connection, user.id, recorder, send_backoff_base=0.05, send_backoff_max=0.5
        )
        client = Client(user, store, api, engine, recorder)
        made.append(client)
        if start:
            await engine.start()
        return client

    yield make
    for client in made:
        await client.close()


async def test_outbox_survives_restart_in_order(
    server: ServerProcess, api: httpx.AsyncClient, clients: Callable[..., Any], tmp_path: Path
) -> None:
    alice, bob = await sign_in(server, api, "Алиса"), await sign_in(server, api, "Боб")
    dialog = await alice.open_dialog(bob)

    offline = await clients(alice, "alice", start=False)
    written = [await offline.engine.send(dialog["id"], f"офлайн {index}") for index in range(5)]
    assert {message.state for message in written} == {DeliveryState.SENDING}
    await offline.close()

    restarted = await clients(alice, "alice")
    await wait_for(lambda: restarted.engine.idle)
    history = await bob.history(dialog["id"])
    assert [message["text"] for message in history] == [f"офлайн {index}" for index in range(5)]
    assert [message["client_id"] for message in history] == [message.client_id for message in written]
    rows = await restarted.store.messages(dialog["id"])
    assert [(row.seq, row.state) for row in rows] == [(seq, DeliveryState.SENT) for seq in range(1, 6)]


async def test_lost_ack_not_duplicated(
    server: ServerProcess, api: httpx.AsyncClient, clients: Callable[..., Any]
) -> None:
    alice, bob = await sign_in(server, api, "Алиса"), await sign_in(server, api, "Боб")
    dialog = await alice.open_dialog(bob)
    client = await clients(alice, start=False)
    client_id = str(uuid.uuid4())
    await client.engine.outbox.send(dialog["id"], "один раз", client_id=client_id)
    # The server stored the message, but the response never reached the client.
    await alice.send(dialog["id"], "один раз", client_id=client_id)

    await client.engine.start()
    await wait_for(lambda: client.engine.idle)
    history = await bob.history(dialog["id"])
    assert [message["client_id"] for message in history] == [client_id]
    rows = await client.store.messages(dialog["id"])
    assert [(row.seq, row.state) for row in rows] == [(1, DeliveryState.SENT)]


async def test_rejected_message_fails_without_blocking(
    server: ServerProcess, api: httpx.AsyncClient, clients: Callable[..., Any]
) -> None:
    alice, bob = await sign_in(server, api, "Алиса"), await sign_in(server, api, "Боб")
    dialog = await alice.open_dialog(bob)
    client = await clients(alice)
    await wait_for(lambda: client.engine.state == SyncState.ONLINE)

    too_long = await client.engine.send(dialog["id"], "x" * (MAX_MESSAGE_LENGTH + 1))
    await client.engine.send(dialog["id"], "следующее")
    await wait_for(lambda: client.engine.idle)
    rows = {row.row_id: row for row in await client.store.messages(dialog["id"])}
    assert rows[too_long.row_id].state == DeliveryState.FAILED
    assert rows[too_long.row_id].error_code == "message_too_long"
    assert [message["text"] for message in await bob.history(dialog["id"])] == ["следующее"]

    retried = await client.engine.retry(too_long.row_id)
    assert retried is not None and retried.state == DeliveryState.SENDING
    assert retried.client_id == too_long.client_id
    await wait_for(lambda: client.engine.idle)
    rows = {row.row_id: row for row in await client.store.messages(dialog["id"])}
    assert rows[too_long.row_id].state == DeliveryState.FAILED


async def test_resync_runs_before_buffered_frames(
    server: ServerProcess, api: httpx.AsyncClient, clients: Callable[..., Any]
) -> None:
    alice, bob = await sign_in(server, api, "Алиса"), await sign_in(server, api, "Боб")
    dialog = await alice.open_dialog(bob)
    for index in range(3):
        await bob.send(dialog["id"], f"пока офлайн {index}")

    client = await clients(alice, start=False)
    client.api.gate.clear()
    await client.engine.start()
    await asyncio.wait_for(client.api.sync_started.wait(), seconds(10))
    assert client.engine.state == SyncState.UPDATING

    # Live frames for these arrive while the resync waits; they must wait too.
    for index in range(2):
        await bob.send(dialog["id"], f"вживую {index}")
    await asyncio.sleep(0.3)
    assert await client.store.messages(dialog["id"]) == []

    client.api.gate.set()
    await wait_for(lambda: client.engine.idle)
    rows = await client.store.messages(dialog["id"])
    assert [row.seq for row in rows] == [1, 2, 3, 4, 5]
    assert [row.text for row in rows][-2:] == ["вживую 0", "вживую 1"]
    assert client.recorder.states[-2:] == [SyncState.UPDATING, SyncState.ONLINE]


async def test_unread_counts_follow_reads(
    server: ServerProcess, api: httpx.AsyncClient, clients: Callable[..., Any]
) -> None:
    alice, bob = await sign_in(server, api, "Алиса"), await sign_in(server, api, "Боб")
    alice_laptop = await sign_in(server, api, "Алиса", phone=alice.phone)
    dialog = await alice.open_dialog(bob)
    desktop, laptop, bob_client = (
        await clients(alice, "desktop"),
        await clients(alice_laptop, "laptop"),
        await clients(bob),
    )
    everyone: list[Client] = [desktop, laptop, bob_client]
    await wait_for(lambda: all(client.engine.state == SyncState.ONLINE for client in everyone))

    for index in range(3):
        await bob.send(dialog["id"], f"новое {index}")
    alices: list[Client] = [desktop, laptop]
    await wait_for(lambda: all(client.recorder.dialogs[dialog["id"]].unread_count == 3 for client in alices))

    await desktop.engine.mark_read(dialog["id"], 2)
    assert desktop.recorder.dialogs[dialog["id"]].unread_count == 1
    await wait_for(lambda: laptop.recorder.dialogs[dialog["id"]].unread_count == 1)
    await wait_for(lambda: bob_client.recorder.dialogs[dialog["id"]].peer_read_seq == 2)

    # Sending moves the sender's own read cursor past everything before it.
    await laptop.engine.send(dialog["id"], "ответ")
    await wait_for(lambda: laptop.engine.idle and laptop.recorder.dialogs[dialog["id"]].unread_count == 0)
    assert laptop.recorder.dialogs[dialog["id"]].read_seq == 4


async def test_state_follows_server_restart(
    start_server: Callable[..., ServerProcess], tmp_path: Path
) -> None:
    server = start_server()
    async with httpx.AsyncClient(base_url=server.api_url, timeout=10) as http:
        alice = await sign_in(server, http, "Алиса")
        store = await Store.open(tmp_path / "alice.sqlite3")
        api_client = ApiClient(server.api_url, alice.token)
        recorder = Recorder()
        connection = HubConnection(server.hub_url, alice.token, backoff_base=0.05, backoff_max=0.3)
        engine = SyncEngine(api_client, store, connection, alice.id, recorder)
        try:
            await engine.start()
            await wait_for(lambda: engine.state == SyncState.ONLINE)
            assert SyncState.UPDATING in recorder.states

            server.kill()
            await wait_for(lambda: engine.state == SyncState.OFFLINE)
            await asyncio.to_thread(server.start)
            await wait_for(lambda: engine.state == SyncState.ONLINE, timeout=20)
            after_kill = recorder.states[recorder.states.index(SyncState.OFFLINE) - 1 :]
            assert after_kill[0] == SyncState.CONNECTING
            assert after_kill[-2:] == [SyncState.UPDATING, SyncState.ONLINE]
        finally:
            await engine.stop()
            await api_client.aclose()
            await store.close()
