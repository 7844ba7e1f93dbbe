"""What survives a server restart: data, idempotency and the migration state."""

from __future__ import annotations

import httpx

from tests.conftest import ServerFactory
from tests.support.sockets import connect_user
from tests.support.users import sign_in


async def test_history_and_idempotency_survive_restart(start_server: ServerFactory) -> None:
    server = start_server()
    async with httpx.AsyncClient(base_url=server.api_url) as api:
        alice = await sign_in(server, api, "Алиса")
        bob = await sign_in(server, api, "Боб")
        dialog = await alice.open_dialog(bob)
        first = await alice.send(dialog["id"], "до перезапуска", client_id="before-restart")

    server.restart()

    async with httpx.AsyncClient(base_url=server.api_url) as api:
        alice.client = bob.client = api
        assert (await alice.get("/api/v1/me")).status_code == 200

        retry = await alice.send(dialog["id"], "до перезапуска", client_id="before-restart")
        assert retry == first
        after = await bob.send(dialog["id"], "после перезапуска")
        assert after["seq"] == 2
        assert [m["text"] for m in await bob.history(dialog["id"])] == ["до перезапуска", "после перезапуска"]

        socket = await connect_user(bob)
        await alice.send(dialog["id"], "живое")
        frame = await socket.wait_for(lambda f: f["type"] == "message.new")
        assert frame["message"]["text"] == "живое"
        await socket.close()


async def test_restart_after_kill_keeps_committed_messages(start_server: ServerFactory) -> None:
    server = start_server()
    async with httpx.AsyncClient(base_url=server.api_url) as api:
        alice = await sign_in(server, api)
        bob = await sign_in(server, api)
        dialog = await alice.open_dialog(bob)
        for i in range(20):
            await alice.send(dialog["id"], f"m{i}")

    server.kill()
    server.start()

    async with httpx.AsyncClient(base_url=server.api_url) as api:
        bob.client = api
        history = await bob.history(dialog["id"], limit=200)
    assert [m["seq"] for m in history] == list(range(1, 21))
    assert "Database schema is up to date" in server.log()
