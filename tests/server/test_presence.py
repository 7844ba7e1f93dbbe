"""Friends and presence, with real sockets on loopback."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from tests.conftest import ServerFactory
from tests.support.server import ServerProcess
from tests.support.sockets import HubClient, connect_user
from tests.support.timing import seconds
from tests.support.users import ApiUser, sign_in


async def befriend(first: ApiUser, second: ApiUser) -> None:
    assert (await first.post(f"/api/v1/friends/{second.id}")).json() == {"status": "outgoing"}
    assert (await second.post(f"/api/v1/friends/{first.id}")).json() == {"status": "friends"}


def presence_of(client: HubClient, user_id: int) -> list[bool]:
    return [frame["online"] for frame in client.of_type("presence") if frame["user_id"] == user_id]


async def test_friend_request_flow(alice: ApiUser, bob: ApiUser) -> None:
    alice_socket = await connect_user(alice)
    bob_socket = await connect_user(bob)

    assert (await alice.post(f"/api/v1/friends/{bob.id}")).json() == {"status": "outgoing"}
    request = await bob_socket.wait_for(lambda f: f["type"] == "friend.request")
    assert request["from"]["id"] == alice.id
    assert (await alice_socket.wait_for(lambda f: f["type"] == "friend.request"))["to"]["id"] == bob.id

    listing = (await bob.get("/api/v1/friends")).json()
    assert [entry["user"]["id"] for entry in listing["incoming"]] == [alice.id]
    assert listing["friends"] == []
    assert [entry["user"]["id"] for entry in (await alice.get("/api/v1/friends")).json()["outgoing"]] == [
        bob.id
    ]

    # Repeating the request changes nothing.
    assert (await alice.post(f"/api/v1/friends/{bob.id}")).json() == {"status": "outgoing"}

    assert (await bob.post(f"/api/v1/friends/{alice.id}")).json() == {"status": "friends"}
    accepted = await alice_socket.wait_for(lambda f: f["type"] == "friend.accepted")
    assert accepted["from"]["id"] == bob.id
    friends = (await alice.get("/api/v1/friends")).json()["friends"]
    assert [(entry["user"]["id"], entry["online"]) for entry in friends] == [(bob.id, True)]

    # Now friends, each sees the other online.
    await alice_socket.wait_for(lambda f: f["type"] == "presence" and f["user_id"] == bob.id)
    await bob_socket.wait_for(lambda f: f["type"] == "presence" and f["user_id"] == alice.id)

    assert (await bob.delete(f"/api/v1/friends/{alice.id}")).status_code == 204
    await alice_socket.wait_for(lambda f: f["type"] == "friend.removed")
    assert (await alice.get("/api/v1/friends")).json()["friends"] == []
    await alice_socket.close()
    await bob_socket.close()


async def test_decline_and_cancel(
    server: ServerProcess, api: httpx.AsyncClient, alice: ApiUser, bob: ApiUser
) -> None:
    await alice.post(f"/api/v1/friends/{bob.id}")
    assert (await bob.delete(f"/api/v1/friends/{alice.id}")).status_code == 204  # decline
    assert (await alice.get("/api/v1/friends")).json()["outgoing"] == []

    await alice.post(f"/api/v1/friends/{bob.id}")
    assert (await alice.delete(f"/api/v1/friends/{bob.id}")).status_code == 204  # cancel
    assert (await bob.get("/api/v1/friends")).json()["incoming"] == []
    assert (await alice.delete(f"/api/v1/friends/{bob.id}")).status_code == 204  # nothing left: harmless


async def test_friend_errors(alice: ApiUser) -> None:
    response = await alice.post(f"/api/v1/friends/{alice.id}")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "cannot_friend_self"
    response = await alice.post("/api/v1/friends/987654321")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "user_not_found"


async def test_presence_reaches_friends_only(server: ServerProcess, api: httpx.AsyncClient) -> None:
    alice = await sign_in(server, api, "Алиса")
    bob = await sign_in(server, api, "Боб")
    stranger = await sign_in(server, api, "Незнакомец")
    await befriend(alice, bob)
    bob_socket = await connect_user(bob)
    stranger_socket = await connect_user(stranger)

    alice_socket = await connect_user(alice)
    online = await bob_socket.wait_for(lambda f: f["type"] == "presence" and f["user_id"] == alice.id)
    assert online["online"] is True
    assert online["last_seen"] is None

    await alice_socket.close()
    offline = await bob_socket.wait_for(
        lambda f: f["type"] == "presence" and f["user_id"] == alice.id and not f["online"]
    )
    assert offline["last_seen"] is not None

    # The stranger's socket is alive (a marker frame arrives) but saw no presence.
    await alice.post(f"/api/v1/friends/{stranger.id}")
    await stranger_socket.wait_for(lambda f: f["type"] == "friend.request")
    assert stranger_socket.of_type("presence") == []
    profile = (await stranger.get(f"/api/v1/users/{alice.id}")).json()["profile"]
    assert profile["online"] is None
    assert profile["last_seen"] is None
    await bob_socket.close()
    await stranger_socket.close()


async def test_ready_frame_carries_friends_presence(server: ServerProcess, api: httpx.AsyncClient) -> None:
    alice = await sign_in(server, api)
    bob = await sign_in(server, api)
    carol = await sign_in(server, api)
    await befriend(alice, bob)
    await befriend(alice, carol)
    bob_socket = await connect_user(bob)
    carol_socket = await connect_user(carol)
    await carol_socket.close()
    await (await connect_user(bob)).close()  # give the hub time to count Carol out

    alice_socket = await connect_user(alice)
    presence = {entry["user_id"]: entry for entry in alice_socket.of_type("ready")[0]["presence"]}
    assert presence[bob.id]["online"] is True
    assert presence[carol.id]["online"] is False
    assert presence[carol.id]["last_seen"] is not None
    await alice_socket.close()
    await bob_socket.close()


async def test_second_session_counts_once(server: ServerProcess, api: httpx.AsyncClient) -> None:
    alice = await sign_in(server, api)
    alice_laptop = await sign_in(server, api, phone=alice.phone)
    bob = await sign_in(server, api)
    await befriend(alice, bob)
    bob_socket = await connect_user(bob)

    desktop = await connect_user(alice)
    await bob_socket.wait_for(lambda f: f["type"] == "presence" and f["user_id"] == alice.id)
    laptop = await connect_user(alice_laptop)
    await laptop.close()
    same_desktop_twice = await connect_user(alice)
    await same_desktop_twice.close()

    # A marker proves the frames in between were delivered, then count presence frames.
    await alice.post(f"/api/v1/friends/{(await sign_in(server, api)).id}")
    dialog = await alice.open_dialog(bob)
    await alice.send(dialog["id"], "маркер")
    await bob_socket.wait_for(lambda f: f["type"] == "message.new")
    assert presence_of(bob_socket, alice.id) == [True]

    await desktop.close()
    await bob_socket.wait_for(lambda f: f["type"] == "presence" and not f["online"])
    assert presence_of(bob_socket, alice.id) == [True, False]
    await bob_socket.close()


@contextmanager
def idle_client_process(user: ApiUser) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.idle_client", user.server.hub_url, user.token],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        yield process
    finally:
        process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()


async def test_killed_client_goes_offline(server: ServerProcess, api: httpx.AsyncClient) -> None:
    alice = await sign_in(server, api)
    bob = await sign_in(server, api)
    await befriend(alice, bob)
    bob_socket = await connect_user(bob)

    with idle_client_process(alice) as process:
        await bob_socket.wait_for(lambda f: f["type"] == "presence" and f["online"])
        process.send_signal(signal.SIGKILL)
        await bob_socket.wait_for(lambda f: f["type"] == "presence" and not f["online"], timeout=2.0)
    await bob_socket.close()


async def test_frozen_client_offline_after_ping_timeout(start_server: ServerFactory) -> None:
    """A peer that stops answering without closing TCP is dropped by the ping timeout."""
    server = start_server(
        ping_interval_seconds="0.5", ping_timeout_seconds="0.5", close_timeout_seconds="0.5"
    )
    async with httpx.AsyncClient(base_url=server.api_url) as api:
        alice = await sign_in(server, api)
        bob = await sign_in(server, api)
        await befriend(alice, bob)
        bob_socket = await connect_user(bob)

        with idle_client_process(alice) as process:
            await bob_socket.wait_for(lambda f: f["type"] == "presence" and f["online"])
            process.send_signal(signal.SIGSTOP)
            started = time.monotonic()
            await bob_socket.wait_for(lambda f: f["type"] == "presence" and not f["online"], timeout=3.0)
            elapsed = time.monotonic() - started
            process.send_signal(signal.SIGCONT)
        assert elapsed <= seconds(1.5) + 0.5  # interval + ping timeout + close timeout, plus slack
        await bob_socket.close()
