"""Group dialogs: membership, rooms and permissions."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.support.server import ServerProcess
from tests.support.sockets import connect_user
from tests.support.users import ApiUser, sign_in


async def create_group(owner: ApiUser, *members: ApiUser, title: str = "Клуб «Нива»") -> dict[str, object]:
    response = await owner.post(
        "/api/v1/groups", json={"title": title, "member_ids": [m.id for m in members]}
    )
    assert response.status_code == 201, response.text
    dialog: dict[str, object] = response.json()["dialog"]
    return dialog


async def test_group_message_reaches_all_member_sessions(
    server: ServerProcess, api: httpx.AsyncClient
) -> None:
    owner = await sign_in(server, api, "Владелец")
    owner_phone = await sign_in(server, api, phone=owner.phone)
    members = [await sign_in(server, api, f"Участник {i}") for i in range(3)]
    group = await create_group(owner, *members)
    assert group["kind"] == "group"
    assert group["title"] == "Клуб «Нива»"
    assert group["roles"] == {str(owner.id): "owner", **{str(m.id): "member" for m in members}}

    sockets = [await connect_user(user) for user in [owner, owner_phone, *members]]
    message = await members[0].send(group["id"], "Всем привет")  # type: ignore[arg-type]
    for socket in sockets:
        frame = await socket.wait_for(lambda f: f["type"] == "message.new", timeout=1.0)
        assert frame["message"] == message
    for socket in sockets:
        await socket.close()


async def test_added_member_joins_room_live(server: ServerProcess, api: httpx.AsyncClient) -> None:
    owner = await sign_in(server, api)
    newcomer = await sign_in(server, api)
    group = await create_group(owner)
    newcomer_socket = await connect_user(newcomer)

    loop = asyncio.get_running_loop()
    started = loop.time()
    response = await owner.post(f"/api/v1/dialogs/{group['id']}/members", json={"user_id": newcomer.id})
    assert response.status_code == 200
    announced = await newcomer_socket.wait_for(lambda f: f["type"] == "dialog.new", timeout=0.3)
    assert announced["dialog"]["id"] == group["id"]
    await owner.send(group["id"], "добро пожаловать")  # type: ignore[arg-type]
    await newcomer_socket.wait_for(lambda f: f["type"] == "message.new")
    assert loop.time() - started < 1.0
    await newcomer_socket.close()


async def test_removed_member_receives_nothing_more(server: ServerProcess, api: httpx.AsyncClient) -> None:
    owner = await sign_in(server, api)
    stays = await sign_in(server, api)
    removed = await sign_in(server, api)
    group = await create_group(owner, stays, removed)
    removed_socket = await connect_user(removed)
    stays_socket = await connect_user(stays)

    await owner.send(group["id"], "до")  # type: ignore[arg-type]
    await removed_socket.wait_for(lambda f: f["type"] == "message.new")

    assert (await owner.delete(f"/api/v1/dialogs/{group['id']}/members/{removed.id}")).status_code == 204
    await removed_socket.wait_for(lambda f: f["type"] == "dialog.member_removed", timeout=0.3)
    await owner.send(group["id"], "после")  # type: ignore[arg-type]
    await stays_socket.wait_for(lambda f: f["type"] == "message.new" and f["message"]["text"] == "после")

    # A marker in another dialog shows the removed socket is live, yet got no "после".
    await owner.send((await owner.open_dialog(removed))["id"], "маркер")
    await removed_socket.wait_for(lambda f: f["type"] == "message.new" and f["message"]["text"] == "маркер")
    assert [f["message"]["text"] for f in removed_socket.of_type("message.new")] == ["до", "маркер"]

    for response in (
        await removed.get(f"/api/v1/dialogs/{group['id']}/messages"),
        await removed.post(f"/api/v1/dialogs/{group['id']}/messages", json={"client_id": "x", "text": "hi"}),
    ):
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "not_a_member"
    await removed_socket.close()
    await stays_socket.close()


async def test_non_member_cannot_read_post_or_manage(server: ServerProcess, api: httpx.AsyncClient) -> None:
    owner = await sign_in(server, api)
    member = await sign_in(server, api)
    outsider = await sign_in(server, api)
    group = await create_group(owner, member)
    path = f"/api/v1/dialogs/{group['id']}"

    for response in (
        await outsider.get(f"{path}/messages"),
        await outsider.post(f"{path}/messages", json={"client_id": "x", "text": "hi"}),
        await outsider.get(path),
        await outsider.post(f"{path}/members", json={"user_id": outsider.id}),
        await outsider.delete(f"{path}/members/{member.id}"),
        await outsider.post(f"{path}/read", json={"seq": 1}),
    ):
        assert response.status_code == 403, response.text
        assert response.json()["error"]["code"] == "not_a_member"
    assert (await owner.get(path)).json()["dialog"]["roles"] == {
        str(owner.id): "owner",
        str(member.id): "member",
    }


async def test_member_permissions(server: ServerProcess, api: httpx.AsyncClient) -> None:
    owner = await sign_in(server, api)
    admin = await sign_in(server, api)
    member = await sign_in(server, api)
    other = await sign_in(server, api)
    group = await create_group(owner, admin, member)
    path = f"/api/v1/dialogs/{group['id']}"

    response = await member.post(f"{path}/members", json={"user_id": other.id})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert (await member.put(f"{path}/members/{admin.id}/role", json={"role": "admin"})).status_code == 403

    assert (await owner.put(f"{path}/members/{admin.id}/role", json={"role": "admin"})).status_code == 204
    assert (await admin.post(f"{path}/members", json={"user_id": other.id})).status_code == 200
    assert (await admin.delete(f"{path}/members/{other.id}")).status_code == 204
    assert (await admin.delete(f"{path}/members/{owner.id}")).status_code == 403
    assert (await admin.patch(path, json={"title": "Новое имя"})).status_code == 204
    assert (await member.patch(path, json={"title": "Захват"})).status_code == 403
    assert (await owner.get(path)).json()["dialog"]["title"] == "Новое имя"

    # Anyone may leave; the owner leaving hands the group to the admin.
    assert (await member.delete(f"{path}/members/{member.id}")).status_code == 204
    assert (await owner.delete(f"{path}/members/{owner.id}")).status_code == 204
    roles = (await admin.get(path)).json()["dialog"]["roles"]
    assert roles == {str(admin.id): "owner"}


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"title": "", "member_ids": []}, 422, "invalid_title"),
        ({"title": "x" * 129, "member_ids": []}, 422, "invalid_title"),
        ({"title": "ok", "member_ids": [987654321]}, 404, "user_not_found"),
        ({"member_ids": []}, 422, "validation_failed"),
    ],
)
async def test_create_group_rejects_bad_input(
    alice: ApiUser, body: dict[str, object], status: int, code: str
) -> None:
    response = await alice.post("/api/v1/groups", json=body)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


async def test_direct_dialog_is_not_a_group(alice: ApiUser, bob: ApiUser) -> None:
    dialog = await alice.open_dialog(bob)
    response = await alice.post(f"/api/v1/dialogs/{dialog['id']}/members", json={"user_id": alice.id})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "not_a_group"


async def test_read_cursor_and_unread_counts(server: ServerProcess, api: httpx.AsyncClient) -> None:
    alice = await sign_in(server, api)
    alice_laptop = await sign_in(server, api, phone=alice.phone)
    bob = await sign_in(server, api)
    dialog = await alice.open_dialog(bob)
    for i in range(5):
        await bob.send(dialog["id"], f"m{i}")

    listed = (await alice.get("/api/v1/dialogs")).json()["dialogs"][0]
    assert listed["unread_count"] == 5
    assert (await bob.get("/api/v1/dialogs")).json()["dialogs"][0]["unread_count"] == 0

    laptop_socket = await connect_user(alice_laptop)
    bob_socket = await connect_user(bob)
    response = await alice.post(f"/api/v1/dialogs/{dialog['id']}/read", json={"seq": 3})
    assert response.json() == {"seq": 3}
    for socket in (laptop_socket, bob_socket):
        receipt = await socket.wait_for(lambda f: f["type"] == "dialog.read")
        assert receipt == {"type": "dialog.read", "dialog_id": dialog["id"], "user_id": alice.id, "seq": 3}
    assert (await alice.get("/api/v1/dialogs")).json()["dialogs"][0]["unread_count"] == 2

    # The cursor never moves back and never past the newest message.
    assert (await alice.post(f"/api/v1/dialogs/{dialog['id']}/read", json={"seq": 1})).json() == {"seq": 3}
    assert (await alice.post(f"/api/v1/dialogs/{dialog['id']}/read", json={"seq": 999})).json() == {"seq": 5}
    assert (await alice.get("/api/v1/dialogs")).json()["dialogs"][0]["unread_count"] == 0

    # Sending a message reads the dialog up to it.
    await bob.send(dialog["id"], "ещё")
    await alice.send(dialog["id"], "ответ")
    assert (await alice.get("/api/v1/dialogs")).json()["dialogs"][0]["unread_count"] == 0
    assert (await bob.get("/api/v1/dialogs")).json()["dialogs"][0]["unread_count"] == 1
    await laptop_socket.close()
    await bob_socket.close()


async def test_club_chat_members_follow_club(server: ServerProcess, api: httpx.AsyncClient) -> None:
    owner = await sign_in(server, api)
    outsider = await sign_in(server, api)
    response = await owner.post(
        "/api/v1/clubs", json={"title": "Клуб Нивоводов", "city": "Тверь", "topic": "Нива", "description": ""}
    )
    assert response.status_code == 201, response.text
    club = response.json()["club"]
    chat = f"/api/v1/dialogs/{club['dialog_id']}"

    for response in (
        await owner.post(f"{chat}/members", json={"user_id": outsider.id}),
        await owner.delete(f"{chat}/members/{owner.id}"),
        await owner.patch(chat, json={"title": "Другое"}),
    ):
        assert response.status_code == 403, response.text
        assert response.json()["error"]["code"] == "forbidden"

    # Renaming the club renames its chat, whoever owns the chat.
    assert (await owner.patch(f"/api/v1/clubs/{club['id']}", json={"title": "Нива-клуб"})).status_code == 200
    assert (await owner.get(chat)).json()["dialog"]["title"] == "Нива-клуб"
