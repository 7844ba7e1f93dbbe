"""The delivery fault scenario: real server and client processes, with faults injected mid-stream.

``run_scenario`` starts an ``autoclub-server`` process and one headless
client process per user (``tests.faults.client``), each with its own cache.
The users share every direct dialog between two of them and group dialogs.
While the clients stream messages, the scenario kills the server with
SIGKILL and starts it again on the same ports and data. It also cuts the
last client off the network through ``TcpProxy``, has it write messages
while cut off, and then lets it back. At the end it compares every client's cache with the
server's history. ``tests/faults/test_delivery_faults.py`` runs a short plan
and ``benchmarks/delivery_soak.py`` a long one.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from desktop.sync.store import DeliveryState, Store
from tests.faults.proxy import TcpProxy
from tests.support.server import ServerProcess
from tests.support.timing import seconds
from tests.support.users import ApiUser, sign_in

HISTORY_PAGE = 200

STDOUT_LINE_LIMIT_BYTES = 16 * 1024 * 1024
"""Longest event line a client may print: a ``sent`` event lists every client id it wrote."""


@dataclass
class FaultPlan:
    clients: int = 4
    messages_per_client: int = 520
    rate_per_client: float = 300.0
    """Messages a client writes per second; the outbox sends them as fast as the server takes them."""
    server_kills: int = 1
    network_cuts: int = 1
    offline_messages: int = 40
    """Messages the cut-off client writes during each cut."""
    cut_seconds: float = 1.5
    server_down_seconds: float = 0.5
    converge_timeout: float = 90.0


@dataclass
class DeliveryReport:
    sent: int = 0
    acknowledged: int = 0
    delivered: int = 0
    expected_deliveries: int = 0
    duplicates: int = 0
    out_of_order: int = 0
    failed: int = 0
    offline_written: int = 0
    offline_delivered_once: int = 0
    qt_loaded: bool = False
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"sent={self.sent} acknowledged={self.acknowledged} delivered={self.delivered} "
            f"duplicates={self.duplicates} out_of_order={self.out_of_order}"
        )


class ClientProcess:
    """One ``tests.faults.client`` process and the events it printed."""

    def __init__(self, name: str, user: ApiUser, api_url: str, hub_url: str, folder: Path) -> None:
        self.name = name
        self.user = user
        self.api_url = api_url
        self.hub_url = hub_url
        self.cache = folder / f"{name}.sqlite3"
        self.log = folder / f"{name}.log"
        self.process: asyncio.subprocess.Process | None = None
        self.events: list[dict[str, Any]] = []
        self._arrived = asyncio.Condition()
        self._reader: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.faults.client",
            "--api", self.api_url, "--hub", self.hub_url,
            "--user-id", str(self.user.id), "--cache", str(self.cache), "--log", str(self.log),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            env={**os.environ, "AUTOCLUB_TOKEN": self.user.token},
            limit=STDOUT_LINE_LIMIT_BYTES,
        )  # fmt: skip
        self._reader = asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        try:
            while line := await self.process.stdout.readline():
                async with self._arrived:
                    self.events.append(json.loads(line))
                    self._arrived.notify_all()
        finally:
            # Wake the waiters, so that they see the reader stopped.
            async with self._arrived:
                self._arrived.notify_all()

    async def command(self, command: dict[str, Any]) -> None:
        assert self.process is not None and self.process.stdin is not None
        self.process.stdin.write((json.dumps(command) + "\n").encode())
        await self.process.stdin.drain()

    async def wait_event(
        self, name: str, after: int = 0, timeout: float = 30.0, tag: str | None = None
    ) -> dict[str, Any]:
        """Return the first event named ``name`` (and tagged ``tag``) at index ``after`` or later."""

        def find() -> dict[str, Any] | None:
            for event in self.events[after:]:
                if event["event"] == name and (tag is None or event.get("tag") == tag):
                    return event
            return None

        async with asyncio.timeout(seconds(timeout)), self._arrived:
            while (found := find()) is None:
                if self._reader is not None and self._reader.done():
                    raise RuntimeError(f"client {self.name} exited; see {self.log}")
                await self._arrived.wait()
        return found

    async def request(self, command: dict[str, Any], reply: str, timeout: float = 30.0) -> dict[str, Any]:
        mark = len(self.events)
        await self.command(command)
        return await self.wait_event(reply, mark, timeout)

    def state(self) -> str:
        states = [event["state"] for event in self.events if event["event"] == "state"]
        return states[-1] if states else ""

    async def stop(self) -> dict[str, Any]:
        stopped = await self.request({"cmd": "stop"}, "stopped")
        assert self.process is not None
        await self.process.wait()
        return stopped

    async def kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()


async def wait_online(clients: list[ClientProcess], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + seconds(timeout)
    while not all(client.state() == "online" for client in clients):
        if time.monotonic() > deadline:
            states = {client.name: client.state() for client in clients}
            raise TimeoutError(f"clients did not come online: {states}")
        await asyncio.sleep(0.05)


async def create_dialogs(users: list[ApiUser]) -> dict[int, list[ApiUser]]:
    """Open every direct dialog between two users, a group of all and a group of the first three."""
    members: dict[int, list[ApiUser]] = {}
    for first, second in itertools.combinations(users, 2):
        members[(await first.open_dialog(second))["id"]] = [first, second]
    for group in (users, users[:3]):
        response = await group[0].post(
            "/api/v1/groups",
            json={"title": f"Group of {len(group)}", "member_ids": [u.id for u in group[1:]]},
        )
        assert response.status_code == 201, response.text
        members[response.json()["dialog"]["id"]] = list(group)
    return members


async def server_history(user: ApiUser, dialog_id: int) -> list[dict[str, Any]]:
    history: list[dict[str, Any]] = []
    while True:
        after = history[-1]["seq"] if history else 0
        page = await user.history(dialog_id, after_seq=after, limit=HISTORY_PAGE)
        history += page
        if len(page) < HISTORY_PAGE:
            return history


async def wait_converged(
    clients: list[ClientProcess], members: dict[int, list[ApiUser]], timeout: float
) -> None:
    """Wait until every client is idle and has stored each of its dialogs up to the server's last seq."""
    deadline = time.monotonic() + seconds(timeout)
    last_status: dict[str, Any] = {}
    while True:
        last_seqs: dict[int, int] = {}
        for dialog_id, users in members.items():
            response = await users[0].get(f"/api/v1/dialogs/{dialog_id}")
            last_seqs[dialog_id] = response.json()["dialog"]["last_seq"]
        done = True
        for client in clients:
            status = await client.request({"cmd": "status"}, "status")
            last_status[client.name] = status
            cursors = {int(key): value for key, value in status["cursors"].items()}
            mine = [dialog_id for dialog_id, users in members.items() if client.user in users]
            if (
                not status["idle"]
                or status["outbox"]
                or any(cursors.get(dialog_id, 0) < last_seqs[dialog_id] for dialog_id in mine)
            ):
                done = False
        if done:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"clients did not converge: {last_status}, server last seqs {last_seqs}")
        await asyncio.sleep(0.2)


async def restart_server(server: ServerProcess, down_seconds: float) -> None:
    server.kill()
    await asyncio.sleep(down_seconds)
    await asyncio.to_thread(server.start)


async def cut_network(
    proxies: list[TcpProxy],
    client: ClientProcess,
    dialogs: list[int],
    count: int,
    cut_seconds: float,
    tag: str,
) -> list[str]:
    """Cut ``client`` off, have it write ``count`` messages meanwhile, then let it back.

    Returns the client ids of the messages written while cut off.
    """
    for proxy in proxies:
        await proxy.cut()
    deadline = time.monotonic() + seconds(10)
    while client.state() == "online":
        if time.monotonic() > deadline:
            raise TimeoutError(f"client {client.name} still online after the cut")
        await asyncio.sleep(0.01)
    command = {"cmd": "send", "dialogs": dialogs, "count": count, "rate": 0, "prefix": tag, "tag": tag}
    reply = await client.request(command, "sent")
    await asyncio.sleep(cut_seconds)
    for proxy in proxies:
        await proxy.restore()
    client_ids: list[str] = reply["client_ids"]
    return client_ids


def fault_schedule(plan: FaultPlan) -> list[str]:
    """Interleave server kills and network cuts: kill, cut, kill, cut, ..."""
    kills = ["kill"] * plan.server_kills
    cuts = ["cut"] * plan.network_cuts
    schedule: list[str] = []
    for kill, cut in itertools.zip_longest(kills, cuts):
        schedule += [fault for fault in (kill, cut) if fault]
    return schedule


async def run_scenario(root: Path, plan: FaultPlan) -> DeliveryReport:
    """Run the whole scenario in ``root`` and return what the caches and the server hold."""
    started = time.monotonic()
    # INFO in place of the fixture's DEBUG: per-request debug lines cost the server a third of its time.
    server = ServerProcess(root / "server", log_level="INFO")
    await asyncio.to_thread(server.start)
    api_proxy = TcpProxy("127.0.0.1", server.api_port)
    hub_proxy = TcpProxy("127.0.0.1", server.hub_port)
    clients: list[ClientProcess] = []
    http = httpx.AsyncClient(base_url=server.api_url, timeout=30)
    try:
        users = [await sign_in(server, http, f"Водитель {index}") for index in range(plan.clients)]
        members = await create_dialogs(users)
        await api_proxy.start()
        await hub_proxy.start()
        for index, user in enumerate(users):
            # The last client reaches the server only through the proxies, which can cut it off.
            proxied = index == len(users) - 1
            api_url = f"http://127.0.0.1:{api_proxy.port}" if proxied else server.api_url
            hub_url = f"ws://127.0.0.1:{hub_proxy.port}/" if proxied else server.hub_url
            clients.append(ClientProcess(f"client{index}", user, api_url, hub_url, root))
        for client in clients:
            await client.start()
        await wait_online(clients)

        dialogs_of = {
            client.name: sorted(dialog_id for dialog_id, users in members.items() if client.user in users)
            for client in clients
        }
        marks = {client.name: len(client.events) for client in clients}
        for client in clients:
            await client.command(
                {
                    "cmd": "send",
                    "dialogs": dialogs_of[client.name],
                    "count": plan.messages_per_client,
                    "rate": plan.rate_per_client,
                    "prefix": client.name,
                    "tag": "stream",
                }
            )

        offline_ids: list[str] = []
        schedule = fault_schedule(plan)
        step = plan.messages_per_client / plan.rate_per_client / (len(schedule) + 1)
        for round_, fault in enumerate(schedule):
            await asyncio.sleep(step)
            if fault == "kill":
                await restart_server(server, plan.server_down_seconds)
            else:
                offline = clients[-1]
                offline_ids += await cut_network(
                    [api_proxy, hub_proxy],
                    offline,
                    dialogs_of[offline.name],
                    plan.offline_messages,
                    plan.cut_seconds,
                    f"offline {round_}",
                )

        stream_timeout = plan.messages_per_client / plan.rate_per_client + plan.converge_timeout
        for client in clients:
            await client.wait_event("sent", marks[client.name], stream_timeout, tag="stream")
        await wait_converged(clients, members, plan.converge_timeout)
        stopped = [await client.stop() for client in clients]

        report = await verify(clients, members, offline_ids)
        report.qt_loaded = any(event["qt_loaded"] for event in stopped)
        report.offline_written = len(offline_ids)
        report.seconds = time.monotonic() - started
        expected_sent = plan.clients * plan.messages_per_client + len(offline_ids)
        if report.sent != expected_sent:
            report.problems.append(f"caches hold {report.sent} own messages, expected {expected_sent}")
        return report
    finally:
        for client in clients:
            await client.kill()
        await api_proxy.close()
        await hub_proxy.close()
        await http.aclose()
        server.kill()


async def verify(
    clients: list[ClientProcess], members: dict[int, list[ApiUser]], offline_ids: list[str]
) -> DeliveryReport:
    """Compare each client's cache with the server's history of each of its dialogs."""
    report = DeliveryReport()
    histories = {dialog_id: await server_history(users[0], dialog_id) for dialog_id, users in members.items()}
    stored_client_ids: Counter[str] = Counter()
    for history in histories.values():
        keys = Counter((message["sender_id"], message["client_id"]) for message in history)
        report.duplicates += sum(count - 1 for count in keys.values())
        stored_client_ids.update(message["client_id"] for message in history)

    for client in clients:
        store = await Store.open(client.cache)
        try:
            for dialog_id, users in members.items():
                if client.user not in users:
                    continue
                check_cache(
                    report, client.name, await store.messages(dialog_id), histories[dialog_id], client.user.id
                )
        finally:
            await store.close()

    report.offline_delivered_once = sum(1 for client_id in offline_ids if stored_client_ids[client_id] == 1)
    return report


def check_cache(
    report: DeliveryReport, name: str, rows: list[Any], history: list[dict[str, Any]], user_id: int
) -> None:
    """Add one client's copy of one dialog to the report."""
    own = [row for row in rows if row.sender_id == user_id]
    report.sent += len(own)
    report.acknowledged += sum(1 for row in own if row.state == DeliveryState.SENT and row.seq is not None)
    report.failed += sum(1 for row in own if row.state == DeliveryState.FAILED)

    confirmed = [row for row in rows if row.seq is not None]
    ids = Counter(row.id for row in confirmed)
    report.duplicates += sum(count - 1 for count in ids.values())
    by_seq = {message["seq"]: message for message in history}
    report.expected_deliveries += len(history)
    for row in confirmed:
        server_copy = by_seq.get(row.seq)
        if server_copy is None or server_copy["id"] != row.id:
            report.out_of_order += 1
            report.problems.append(f"{name}: dialog {row.dialog_id} seq {row.seq} holds message {row.id}")
        else:
            report.delivered += 1
    seqs = [row.seq for row in confirmed]
    if seqs != sorted(seqs):
        report.out_of_order += 1
        report.problems.append(f"{name}: dialog rows are not in seq order")
