"""Catch-up after time offline, and the hub's policy for slow clients."""

from __future__ import annotations

import asyncio
import json

import httpx
from websockets.asyncio.client import connect

from shared.frames import CloseCode
from tests.conftest import ServerFactory
from tests.support.server import ServerProcess
from tests.support.sockets import HubClient
from tests.support.users import sign_in


async def test_sync_returns_missed_messages_in_pages(server: ServerProcess, api: httpx.AsyncClient) -> None:
    alice = await sign_in(server, api)
    bob = await sign_in(server, api)
    carol = await sign_in(server, api)
    direct = await alice.open_dialog(bob)
    group = (await carol.post("/api/v1/groups", json={"title": "Гараж", "member_ids": [alice.id]})).json()[
        "dialog"
    ]
    for i in range(7):
        await bob.send(direct["id"], f"d{i}")
    for i in range(5):
        await carol.send(group["id"], f"g{i}")

    known = {direct["id"]: 2}
    collected: list[dict[str, object]] = []
    pages = 0
    while True:
        body = (await alice.post("/api/v1/sync", json={"known": known, "limit": 4})).json()
        pages += 1
        assert {dialog["id"] for dialog in body["dialogs"]} == {direct["id"], group["id"]}
        collected.extend(body["messages"])
        for message in body["messages"]:
            known[message["dialog_id"]] = max(known.get(message["dialog_id"], 0), message["seq"])
        if not body["has_more"]:
            break
    assert pages == 3
    assert [(m["dialog_id"], m["seq"]) for m in collected] == sorted(
        [(direct["id"], seq) for seq in range(3, 8)] + [(group["id"], seq) for seq in range(1, 6)]
    )

    dialogs = {dialog["id"]: dialog for dialog in body["dialogs"]}
    assert dialogs[direct["id"]]["unread_count"] == 7
    assert dialogs[direct["id"]]["read_seq"] == 0
    assert dialogs[direct["id"]]["peer_read_seq"] == 7


async def test_sync_reports_left_dialogs(server: ServerProcess, api: httpx.AsyncClient) -> None:
    alice = await sign_in(server, api)
    owner = await sign_in(server, api)
    group = (await owner.post("/api/v1/groups", json={"title": "Клуб", "member_ids": [alice.id]})).json()[
        "dialog"
    ]
    await owner.delete(f"/api/v1/dialogs/{group['id']}/members/{alice.id}")

    body = (await alice.post("/api/v1/sync", json={"known": {group["id"]: 0}})).json()
    assert body["removed_dialog_ids"] == [group["id"]]
    assert body["dialogs"] == []
    assert body["messages"] == []


async def test_sync_rejects_bad_cursors(server: ServerProcess, api: httpx.AsyncClient) -> None:
    alice = await sign_in(server, api)
    for body in ({"known": {"1": -1}}, {"limit": 0}, {"limit": 1001}, {"known": {"x": 1}}):
        response = await alice.post("/api/v1/sync", json=body)
        assert response.status_code == 422, body
        assert response.json()["error"]["code"] in {"invalid_cursor", "validation_failed"}


async def test_slow_client_closed_with_too_slow(start_server: ServerFactory) -> None:
    # A long close timeout lets the paused client drain its backlog and read the close frame.
    server = start_server(send_buffer_bytes="65536", close_timeout_seconds="60")
    async with httpx.AsyncClient(base_url=server.api_url) as api:
        alice = await sign_in(server, api)
        bob = await sign_in(server, api)
        dialog = await alice.open_dialog(bob)

        socket = await connect(server.hub_url, compression=None, max_queue=1)
        await socket.send(json.dumps({"type": "auth", "token": bob.token, "protocol": 1}))
        await socket.recv()
        socket.transport.pause_reading()  # Bob stops reading; the kernel buffers fill up.

        text = "🚗" * 4000  # 16 KB of UTF-8 per frame
        sent = 0
        while sent < 1000 and "bytes unsent" not in server.log():
            await asyncio.gather(*(alice.send(dialog["id"], text) for _ in range(10)))
            sent += 10
        assert "over 65536 bytes unsent" in server.log()

        socket.transport.resume_reading()
        reader = HubClient(socket)
        assert await reader.wait_closed(timeout=10.0) == CloseCode.TOO_SLOW

        # The history is complete: Bob resyncs what the socket did not deliver.
        history = await bob.history(dialog["id"], limit=10)
        assert history[-1]["seq"] == sent
