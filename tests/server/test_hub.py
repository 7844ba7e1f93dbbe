"""The hub's handshake and live delivery, with real sockets on loopback."""

from __future__ import annotations

import json

import httpx
import pytest
from websockets.asyncio.client import connect

from shared.frames import CloseCode
from tests.conftest import ServerFactory
from tests.support.server import ServerProcess
from tests.support.sockets import HubClient, connect_user
from tests.support.timing import seconds
from tests.support.users import ApiUser, sign_in


async def test_ready_frame_names_user_and_session(alice: ApiUser) -> None:
    client = await connect_user(alice)
    ready = client.of_type("ready")[0]
    assert ready["session_id"] == alice.session_id
    assert ready["protocol"] == 1
    await client.close()


async def test_authorization_header_accepted(alice: ApiUser) -> None:
    client = await connect_user(alice, header=True)
    assert client.of_type("ready")
    await client.close()


async def test_message_reaches_every_member_connection(
    server: ServerProcess, api: httpx.AsyncClient, alice: ApiUser, bob: ApiUser
) -> None:
    alice_phone = await sign_in(server, api, phone=alice.phone)  # a second session of Alice
    outsider = await sign_in(server, api, "Посторонний")
    dialog = await alice.open_dialog(bob)

    sockets = {
        "alice": await connect_user(alice),
        "alice_phone": await connect_user(alice_phone),
        "bob": await connect_user(bob),
        "outsider": await connect_user(outsider),
    }
    message = await alice.send(dialog["id"], "Привет! 🚗")

    for name in ("alice", "alice_phone", "bob"):
        frame = await sockets[name].wait_for(lambda f: f["type"] == "message.new", timeout=1.0)
        assert frame["message"] == message, name

    # The outsider gets nothing; a later frame proves the socket is live and ordered.
    await outsider.send((await outsider.open_dialog(bob))["id"], "marker")
    await sockets["outsider"].wait_for(
        lambda f: f["type"] == "message.new" and f["message"]["text"] == "marker"
    )
    assert [f["message"]["text"] for f in sockets["outsider"].of_type("message.new")] == ["marker"]
    for client in sockets.values():
        await client.close()


async def test_new_dialog_joins_both_users_live(alice: ApiUser, bob: ApiUser) -> None:
    alice_socket = await connect_user(alice)
    bob_socket = await connect_user(bob)

    dialog = await alice.open_dialog(bob)
    announced = await bob_socket.wait_for(lambda f: f["type"] == "dialog.new")
    assert announced["dialog"]["id"] == dialog["id"]
    assert announced["dialog"]["peer"]["id"] == alice.id

    await alice.send(dialog["id"], "первое")
    frame = await bob_socket.wait_for(lambda f: f["type"] == "message.new")
    assert frame["message"]["text"] == "первое"
    await alice_socket.close()
    await bob_socket.close()


async def test_retry_is_not_delivered_twice(alice: ApiUser, bob: ApiUser) -> None:
    dialog = await alice.open_dialog(bob)
    bob_socket = await connect_user(bob)
    await alice.send(dialog["id"], "один раз", client_id="retry-1")
    await alice.send(dialog["id"], "один раз", client_id="retry-1")
    await alice.send(dialog["id"], "маркер")
    await bob_socket.wait_for(lambda f: f.get("message", {}).get("text") == "маркер")
    assert [f["message"]["text"] for f in bob_socket.of_type("message.new")] == ["один раз", "маркер"]
    await bob_socket.close()


async def _closed_with(
    server: ServerProcess, first_frame: str | bytes | None, **connect_args: object
) -> int | None:
    socket = await connect(server.hub_url, compression=None, **connect_args)  # type: ignore[arg-type]
    client = HubClient(socket)
    if first_frame is not None:
        await socket.send(first_frame)
    return await client.wait_closed(timeout=5.0)


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        (json.dumps({"type": "auth", "token": "wrong", "protocol": 1}), CloseCode.UNAUTHORIZED),
        (json.dumps({"type": "auth", "protocol": 1}), CloseCode.UNAUTHORIZED),
        (json.dumps({"type": "auth", "token": "", "protocol": 1}), CloseCode.UNAUTHORIZED),
        (json.dumps({"type": "auth", "token": "x", "protocol": 99}), CloseCode.UNSUPPORTED_PROTOCOL),
        (json.dumps({"type": "auth", "token": "x", "protocol": True}), CloseCode.UNSUPPORTED_PROTOCOL),
        (json.dumps({"type": "auth", "token": "x", "protocol": 1.0}), CloseCode.UNSUPPORTED_PROTOCOL),
        (json.dumps({"type": "hello"}), CloseCode.PROTOCOL_ERROR),
        (json.dumps([1, 2]), CloseCode.PROTOCOL_ERROR),
        ("{not json", CloseCode.PROTOCOL_ERROR),
        (b"\x00\x01", CloseCode.PROTOCOL_ERROR),
        # Nested deeper than json.loads allows: it raises RecursionError, not ValueError.
        ("[" * 2000 + "]" * 2000, CloseCode.PROTOCOL_ERROR),
    ],
)
async def test_bad_handshake_closes_with_code(server: ServerProcess, frame: str | bytes, code: int) -> None:
    assert await _closed_with(server, frame) == code


async def test_bad_header_token_closes_unauthorized(server: ServerProcess) -> None:
    code = await _closed_with(server, None, additional_headers={"Authorization": "Bearer nope"})
    assert code == CloseCode.UNAUTHORIZED


async def test_missing_auth_frame_times_out(start_server: ServerFactory) -> None:
    server = start_server(auth_timeout_seconds=str(seconds(0.5)))
    assert await _closed_with(server, None) == CloseCode.AUTH_TIMEOUT


async def test_revoked_token_cannot_connect(server: ServerProcess, api: httpx.AsyncClient) -> None:
    user = await sign_in(server, api)
    await user.post("/api/v1/auth/sign-out")
    frame = json.dumps({"type": "auth", "token": user.token, "protocol": 1})
    assert await _closed_with(server, frame) == CloseCode.UNAUTHORIZED


async def test_sign_out_closes_that_sessions_socket(server: ServerProcess, api: httpx.AsyncClient) -> None:
    user = await sign_in(server, api)
    other_session = await sign_in(server, api, phone=user.phone)
    leaving = await connect_user(user)
    staying = await connect_user(other_session)

    await user.post("/api/v1/auth/sign-out")
    assert await leaving.wait_closed(timeout=1.0) == CloseCode.SESSION_REVOKED
    assert staying.socket.close_code is None
    await staying.close()


async def test_malformed_frame_after_auth_closes(alice: ApiUser) -> None:
    client = await connect_user(alice)
    await client.socket.send("not json")
    assert await client.wait_closed() == CloseCode.PROTOCOL_ERROR


async def test_deeply_nested_frame_after_auth_closes(alice: ApiUser) -> None:
    client = await connect_user(alice)
    await client.socket.send("[" * 30_000 + "]" * 30_000)
    assert await client.wait_closed() == CloseCode.PROTOCOL_ERROR


async def test_unknown_frame_type_gets_error_frame(alice: ApiUser) -> None:
    client = await connect_user(alice)
    await client.socket.send(json.dumps({"type": "future.feature"}))
    error = await client.wait_for(lambda f: f["type"] == "error")
    assert error["code"] == "unknown_type"
    assert client.socket.close_code is None
    await client.close()


async def test_shutdown_closes_with_going_away(start_server: ServerFactory) -> None:
    server = start_server()
    async with httpx.AsyncClient(base_url=server.api_url) as api:
        user = await sign_in(server, api)
        client = await connect_user(user)
        assert server.stop() == 0
        assert await client.wait_closed() == CloseCode.GOING_AWAY
