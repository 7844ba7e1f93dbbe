"""The Redis event bus and presence: API and hub in separate processes.

These tests need Redis; ``AUTOCLUB_TEST_REDIS_URL`` names it (``.ci/run`` sets
``redis://127.0.0.1:6379/0``). Without it they are skipped with that reason.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets

import httpx
import pytest

from server.bus import Event, RedisBus
from server.presence import RedisPresence
from tests.conftest import ServerFactory
from tests.support.sockets import connect_user
from tests.support.users import sign_in

REDIS_URL = os.environ.get("AUTOCLUB_TEST_REDIS_URL")

pytestmark = pytest.mark.skipif(not REDIS_URL, reason="set AUTOCLUB_TEST_REDIS_URL to test the Redis bus")


async def test_redis_bus_keeps_order_across_instances() -> None:
    assert REDIS_URL
    namespace = f"test-{secrets.token_hex(4)}"
    publisher = RedisBus(REDIS_URL, namespace)
    subscriber = RedisBus(REDIS_URL, namespace)
    received: list[Event] = []
    done = asyncio.Event()

    async def handle(event: Event) -> None:
        received.append(event)
        if len(received) == 50:
            done.set()

    subscriber.subscribe(handle)
    await subscriber.start()
    try:
        for i in range(50):
            await publisher.publish(Event(kind="frame", rooms=(f"dialog:{i}",), frame={"n": i}))
        await asyncio.wait_for(done.wait(), 5)
    finally:
        await publisher.close()
        await subscriber.close()
    assert [event.frame for event in received] == [{"n": i} for i in range(50)]


async def test_redis_presence_counts_across_hubs() -> None:
    assert REDIS_URL
    namespace = f"test-{secrets.token_hex(4)}"
    first, second = RedisPresence(REDIS_URL, namespace), RedisPresence(REDIS_URL, namespace)
    await first.start()
    await second.start()
    try:
        assert await first.connect(1) is True
        assert await second.connect(1) is False  # the same user on another hub
        assert await first.connect(1) is False
        assert await first.online([1, 2]) == {1}
        assert await first.disconnect(1) is False
        assert await first.disconnect(1) is False  # still on the second hub
        assert await second.disconnect(1) is True
        assert await second.online([1]) == set()
    finally:
        await first.close()
        await second.close()


async def test_split_api_and_hub_deliver_live(start_server: ServerFactory) -> None:
    assert REDIS_URL
    shared = {
        "redis_url": REDIS_URL,
        "redis_namespace": f"test-{secrets.token_hex(4)}",
        "internal_secret": secrets.token_urlsafe(16),
    }
    api_server = start_server("api", **shared)
    hub_server = start_server("hub", api_url=api_server.api_url, **shared)
    api_server.hub_url = hub_server.hub_url

    async with httpx.AsyncClient(base_url=api_server.api_url) as api:
        alice = await sign_in(api_server, api, "Алиса")
        bob = await sign_in(api_server, api, "Боб")
        await alice.post(f"/api/v1/friends/{bob.id}")
        await bob.post(f"/api/v1/friends/{alice.id}")
        dialog = await alice.open_dialog(bob)

        bob_socket = await connect_user(bob)
        alice_socket = await connect_user(alice)
        online = await bob_socket.wait_for(lambda f: f["type"] == "presence" and f["user_id"] == alice.id)
        assert online["online"] is True
        friends = (await bob.get("/api/v1/friends")).json()["friends"]
        assert friends[0]["online"] is True  # the API reads presence from Redis

        await alice_socket.socket.send(json.dumps({"type": "typing", "dialog_id": dialog["id"]}))
        await bob_socket.wait_for(lambda f: f["type"] == "typing")
        message = await alice.send(dialog["id"], "через Redis")
        frame = await bob_socket.wait_for(lambda f: f["type"] == "message.new")
        assert frame["message"] == message

        await alice.post("/api/v1/auth/sign-out")
        assert await alice_socket.wait_closed(timeout=1.0) == 4004
        await bob_socket.wait_for(lambda f: f["type"] == "presence" and not f["online"])
        await bob_socket.close()
