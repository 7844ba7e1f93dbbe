"""Typing relays, profile visits and session management over the hub and the API."""

from __future__ import annotations

import asyncio
import json

import httpx

from shared.frames import TYPING_THROTTLE_SECONDS, CloseCode
from tests.support.server import ServerProcess
from tests.support.sockets import connect_user
from tests.support.users import ApiUser, sign_in


async def test_typing_reaches_other_members_only(server: ServerProcess, api: httpx.AsyncClient) -> None:
    alice = await sign_in(server, api, "Алиса")
    alice_phone = await sign_in(server, api, phone=alice.phone)
    bob = await sign_in(server, api, "Боб")
    carol = await sign_in(server, api, "Карина")
    outsider = await sign_in(server, api, "Посторонний")
    group = (
        await alice.post("/api/v1/groups", json={"title": "Клуб", "member_ids": [bob.id, carol.id]})
    ).json()

    sockets = {
        name: await connect_user(user)
        for name, user in {
            "alice": alice, "alice_phone": alice_phone, "bob": bob, "carol": carol, "outsider": outsider
        }.items()
    }  # fmt: skip
    await sockets["alice"].socket.send(json.dumps({"type": "typing", "dialog_id": group["dialog"]["id"]}))

    for name in ("bob", "carol"):
        frame = await sockets[name].wait_for(lambda f: f["type"] == "typing", timeout=1.0)
        assert frame == {"type": "typing", "dialog_id": group["dialog"]["id"], "user_id": alice.id}

    # A message afterwards proves the typer's own sessions and the outsider saw no typing.
    await alice.send(group["dialog"]["id"], "маркер")
    await outsider.send((await outsider.open_dialog(alice))["id"], "маркер")
    for name in ("alice", "alice_phone", "outsider"):
        await sockets[name].wait_for(
            lambda f: f["type"] == "message.new" and f["message"]["text"] == "маркер"
        )
        assert sockets[name].of_type("typing") == [], name
    for client in sockets.values():
        await client.close()


async def test_typing_throttled_and_not_stored(alice: ApiUser, bob: ApiUser) -> None:
    dialog = await alice.open_dialog(bob)
    alice_socket = await connect_user(alice)
    bob_socket = await connect_user(bob)
    for _ in range(5):
        await alice_socket.socket.send(json.dumps({"type": "typing", "dialog_id": dialog["id"]}))
    await bob_socket.wait_for(lambda f: f["type"] == "typing")
    await alice.send(dialog["id"], "маркер")
    await bob_socket.wait_for(lambda f: f["type"] == "message.new")
    assert len(bob_socket.of_type("typing")) == 1
    assert await alice.history(dialog["id"]) == [
        message for message in await alice.history(dialog["id"]) if message["text"] == "маркер"
    ]

    # After the throttle period, the next signal passes again.
    await asyncio.sleep(TYPING_THROTTLE_SECONDS)
    await alice_socket.socket.send(json.dumps({"type": "typing", "dialog_id": dialog["id"]}))
    await bob_socket.wait_for(lambda f: len([x for x in bob_socket.frames if x["type"] == "typing"]) == 2)
    await alice_socket.close()
    await bob_socket.close()


async def test_typing_in_foreign_dialog_rejected(server: ServerProcess, api: httpx.AsyncClient) -> None:
    alice = await sign_in(server, api)
    bob = await sign_in(server, api)
    mallory = await sign_in(server, api)
    dialog = await alice.open_dialog(bob)
    bob_socket = await connect_user(bob)
    mallory_socket = await connect_user(mallory)

    for bad in (
        {"type": "typing", "dialog_id": dialog["id"]},
        {"type": "typing", "dialog_id": "1"},
        {"type": "typing"},
    ):
        await mallory_socket.socket.send(json.dumps(bad))
    errors = [
        await mallory_socket.wait_for(lambda f, n=n: len(mallory_socket.of_type("error")) > n)
        for n in range(3)
    ]
    codes = [frame["code"] for frame in mallory_socket.of_type("error")]
    assert codes == ["not_a_member", "invalid_frame", "invalid_frame"], errors

    await alice.send(dialog["id"], "маркер")
    await bob_socket.wait_for(lambda f: f["type"] == "message.new")
    assert bob_socket.of_type("typing") == []
    await bob_socket.close()
    await mallory_socket.close()


async def test_profile_visit_notifies_once_per_window(alice: ApiUser, bob: ApiUser) -> None:
    alice_socket = await connect_user(alice)

    for _ in range(3):
        response = await bob.get(f"/api/v1/users/{alice.id}")
        assert response.status_code == 200
    profile = response.json()["profile"]
    assert profile["user"]["display_name"] == "Алиса"
    assert profile["user"].get("phone") is None
    assert profile["friendship"] == "none"

    visit = await alice_socket.wait_for(lambda f: f["type"] == "profile.visit")
    assert visit["visitor"]["id"] == bob.id
    # Alice's own visit records nothing; then a marker shows no second notification came.
    own = (await alice.get(f"/api/v1/users/{alice.id}")).json()["profile"]
    assert own["friendship"] == "self"
    assert own["online"] is True
    dialog = await bob.open_dialog(alice)
    await bob.send(dialog["id"], "маркер")
    await alice_socket.wait_for(lambda f: f["type"] == "message.new")
    assert len(alice_socket.of_type("profile.visit")) == 1

    visitors = (await alice.get("/api/v1/me/visitors")).json()["visitors"]
    assert [(entry["user"]["id"], entry["visits"]) for entry in visitors] == [(bob.id, 3)]
    assert (await bob.get("/api/v1/me/visitors")).json()["visitors"] == []
    await alice_socket.close()


async def test_unknown_profile_is_404(alice: ApiUser) -> None:
    response = await alice.get("/api/v1/users/987654321")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "user_not_found"


async def test_sessions_listed_and_revoked(server: ServerProcess, api: httpx.AsyncClient) -> None:
    desktop = await sign_in(server, api, device_name="Рабочий ноутбук")
    phone = await sign_in(server, api, phone=desktop.phone, device_name="Телефон")
    tablet = await sign_in(server, api, phone=desktop.phone, device_name="Планшет")

    sessions = (await desktop.get("/api/v1/sessions")).json()["sessions"]
    by_id = {entry["id"]: entry for entry in sessions}
    assert set(by_id) == {desktop.session_id, phone.session_id, tablet.session_id}
    assert by_id[desktop.session_id]["current"] is True
    assert by_id[phone.session_id]["current"] is False
    assert by_id[phone.session_id]["device_name"] == "Телефон"
    assert by_id[phone.session_id]["address"] == "127.0.0.1"

    phone_socket = await connect_user(phone)
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert (await desktop.delete(f"/api/v1/sessions/{phone.session_id}")).status_code == 204
    assert await phone_socket.wait_closed(timeout=1.0) == CloseCode.SESSION_REVOKED
    assert loop.time() - started < 1.0
    assert (await phone.get("/api/v1/me")).status_code == 401

    tablet_socket = await connect_user(tablet)
    desktop_socket = await connect_user(desktop)
    response = await desktop.post("/api/v1/sessions/revoke-others")
    assert response.json() == {"revoked": 1}
    assert await tablet_socket.wait_closed(timeout=1.0) == CloseCode.SESSION_REVOKED
    assert (await tablet.get("/api/v1/me")).status_code == 401
    assert (await desktop.get("/api/v1/me")).status_code == 200
    assert desktop_socket.socket.close_code is None
    assert [entry["id"] for entry in (await desktop.get("/api/v1/sessions")).json()["sessions"]] == [
        desktop.session_id
    ]
    await desktop_socket.close()


async def test_cannot_revoke_other_users_session(alice: ApiUser, bob: ApiUser) -> None:
    response = await alice.delete(f"/api/v1/sessions/{bob.session_id}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "session_not_found"
    assert (await bob.get("/api/v1/me")).status_code == 200
