"""Direct dialogs and messages over HTTP against a real server."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest

from shared.limits import MAX_MESSAGE_LENGTH
from tests.support.server import ServerProcess
from tests.support.users import ApiUser, new_phone, sign_in


async def test_open_dialog_is_same_for_pair(alice: ApiUser, bob: ApiUser) -> None:
    first = await alice.open_dialog(bob)
    again = await alice.open_dialog(bob)
    reverse = await bob.open_dialog(alice)
    by_phone = (await alice.post("/api/v1/dialogs", json={"phone": bob.phone})).json()["dialog"]

    assert first["kind"] == "direct"
    assert first["id"] == again["id"] == reverse["id"] == by_phone["id"]
    assert first["peer"]["id"] == bob.id
    assert reverse["peer"]["id"] == alice.id
    assert {member["id"] for member in first["members"]} == {alice.id, bob.id}


async def test_concurrent_opens_make_one_dialog(alice: ApiUser, bob: ApiUser) -> None:
    results = await asyncio.gather(
        *(alice.open_dialog(bob) for _ in range(5)), *(bob.open_dialog(alice) for _ in range(5))
    )
    assert len({dialog["id"] for dialog in results}) == 1


async def test_open_dialog_by_national_phone(alice: ApiUser, bob: ApiUser) -> None:
    national = "8" + bob.phone.removeprefix("+7")
    response = await alice.post("/api/v1/dialogs", json={"phone": national})
    assert response.status_code == 200
    assert response.json()["dialog"]["peer"]["id"] == bob.id


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"phone": "+79990000000"}, 404, "user_not_found"),
        ({"user_id": 999_999_999}, 404, "user_not_found"),
        ({"phone": "12"}, 422, "invalid_phone"),
        ({}, 422, "validation_failed"),
        ({"user_id": 1, "phone": "+79141234567"}, 422, "validation_failed"),
        ({"user_id": "abc"}, 422, "validation_failed"),
    ],
)
async def test_open_dialog_rejects_bad_peer(
    alice: ApiUser, body: dict[str, object], status: int, code: str
) -> None:
    response = await alice.post("/api/v1/dialogs", json=body)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


async def test_open_dialog_with_self_rejected(alice: ApiUser) -> None:
    response = await alice.post("/api/v1/dialogs", json={"user_id": alice.id})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "cannot_chat_with_self"


async def test_messages_get_gapless_seq(alice: ApiUser, bob: ApiUser) -> None:
    dialog = await alice.open_dialog(bob)
    sent = [await (alice if i % 2 else bob).send(dialog["id"], f"сообщение {i}") for i in range(6)]
    assert [message["seq"] for message in sent] == [1, 2, 3, 4, 5, 6]
    assert sent[0]["sender_id"] == bob.id
    assert sent[1]["sender_id"] == alice.id

    history = await bob.history(dialog["id"])
    assert [message["text"] for message in history] == [f"сообщение {i}" for i in range(6)]


async def test_concurrent_sends_keep_seq_unique(alice: ApiUser, bob: ApiUser) -> None:
    dialog = await alice.open_dialog(bob)
    sent = await asyncio.gather(
        *(user.send(dialog["id"], f"m{i}") for i, user in enumerate([alice, bob] * 10))
    )
    assert sorted(message["seq"] for message in sent) == list(range(1, 21))


async def test_same_client_id_stores_once(alice: ApiUser, bob: ApiUser) -> None:
    dialog = await alice.open_dialog(bob)
    client_id = str(uuid.uuid4())
    path = f"/api/v1/dialogs/{dialog['id']}/messages"
    first = await alice.post(path, json={"client_id": client_id, "text": "Привет! 🚗"})
    retry = await alice.post(path, json={"client_id": client_id, "text": "Привет! 🚗"})
    racing = await asyncio.gather(
        *(alice.post(path, json={"client_id": client_id, "text": "x"}) for _ in range(5))
    )

    assert first.status_code == 201
    assert retry.status_code == 200
    assert retry.json() == first.json()
    assert all(response.json() == first.json() for response in racing)
    assert len(await alice.history(dialog["id"])) == 1

    # The same client_id from the other user is a different message.
    other = await bob.post(path, json={"client_id": client_id, "text": "ответ"})
    assert other.status_code == 201
    assert other.json()["message"]["id"] != first.json()["message"]["id"]


async def test_message_text_round_trips(alice: ApiUser, bob: ApiUser) -> None:
    dialog = await alice.open_dialog(bob)
    text = "Привет! 🚗\nвторая строка\t«кавычки» 👨‍👩‍👧 é"
    message = await alice.send(dialog["id"], f"  {text}  ")
    assert message["text"] == text
    assert (await bob.history(dialog["id"]))[-1]["text"] == text


async def test_message_at_limit_accepted(alice: ApiUser, bob: ApiUser) -> None:
    dialog = await alice.open_dialog(bob)
    message = await alice.send(dialog["id"], "я" * MAX_MESSAGE_LENGTH)
    assert len(message["text"]) == MAX_MESSAGE_LENGTH


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"client_id": "c1", "text": ""}, "empty_message"),
        ({"client_id": "c2", "text": " \n\t "}, "empty_message"),
        ({"client_id": "c3", "text": "я" * (MAX_MESSAGE_LENGTH + 1)}, "message_too_long"),
        ({"client_id": "", "text": "hi"}, "invalid_client_id"),
        ({"client_id": "x" * 65, "text": "hi"}, "invalid_client_id"),
        ({"client_id": "ключ", "text": "hi"}, "invalid_client_id"),
        ({"text": "hi"}, "validation_failed"),
        ({"client_id": "c4"}, "validation_failed"),
        ({"client_id": "c5", "text": 5}, "validation_failed"),
    ],
)
async def test_bad_message_rejected_and_not_stored(
    alice: ApiUser, bob: ApiUser, body: dict[str, object], code: str
) -> None:
    dialog = await alice.open_dialog(bob)
    response = await alice.post(f"/api/v1/dialogs/{dialog['id']}/messages", json=body)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == code
    assert await alice.history(dialog["id"]) == []


async def test_malformed_json_rejected(alice: ApiUser, bob: ApiUser) -> None:
    dialog = await alice.open_dialog(bob)
    response = await alice.post(
        f"/api/v1/dialogs/{dialog['id']}/messages",
        content=b'{"client_id": "a", "text": ',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed_json"
    assert await alice.history(dialog["id"]) == []


async def test_oversized_body_rejected(alice: ApiUser, bob: ApiUser) -> None:
    dialog = await alice.open_dialog(bob)
    response = await alice.post(
        f"/api/v1/dialogs/{dialog['id']}/messages", json={"client_id": "big", "text": "x" * 200_000}
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert await alice.history(dialog["id"]) == []


async def test_unknown_dialog_is_404(alice: ApiUser) -> None:
    for response in (
        await alice.get("/api/v1/dialogs/987654321/messages"),
        await alice.post("/api/v1/dialogs/987654321/messages", json={"client_id": "a", "text": "hi"}),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "dialog_not_found"


async def test_other_users_dialog_is_hidden(
    server: ServerProcess, api: httpx.AsyncClient, alice: ApiUser, bob: ApiUser
) -> None:
    dialog = await alice.open_dialog(bob)
    await alice.send(dialog["id"], "секрет")
    mallory = await sign_in(server, api, "Мэллори")

    read = await mallory.get(f"/api/v1/dialogs/{dialog['id']}/messages")
    write = await mallory.post(
        f"/api/v1/dialogs/{dialog['id']}/messages", json={"client_id": "m", "text": "hi"}
    )
    assert read.status_code == 403
    assert write.status_code == 403
    assert read.json()["error"]["code"] == "not_a_member"
    assert write.json()["error"]["code"] == "not_a_member"
    assert [message["text"] for message in await alice.history(dialog["id"])] == ["секрет"]
    assert (await mallory.get("/api/v1/dialogs")).json()["dialogs"] == []


async def test_dialog_routes_require_token(api: httpx.AsyncClient) -> None:
    for response in (
        await api.get("/api/v1/dialogs"),
        await api.post("/api/v1/dialogs", json={"user_id": 1}),
        await api.get("/api/v1/dialogs/1/messages"),
        await api.post("/api/v1/dialogs/1/messages", json={"client_id": "a", "text": "b"}),
    ):
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"


async def test_history_pages_by_seq(alice: ApiUser, bob: ApiUser) -> None:
    dialog = await alice.open_dialog(bob)
    for i in range(1, 11):
        await alice.send(dialog["id"], str(i))

    def seqs(messages: list[dict[str, object]]) -> list[object]:
        return [message["seq"] for message in messages]

    assert seqs(await alice.history(dialog["id"], limit=3)) == [8, 9, 10]
    assert seqs(await alice.history(dialog["id"], before_seq=8, limit=3)) == [5, 6, 7]
    assert seqs(await alice.history(dialog["id"], after_seq=0, limit=4)) == [1, 2, 3, 4]
    assert seqs(await alice.history(dialog["id"], after_seq=4, limit=4)) == [5, 6, 7, 8]
    assert seqs(await alice.history(dialog["id"], after_seq=10)) == []
    assert seqs(await alice.history(dialog["id"], after_seq=2, before_seq=6)) == [3, 4, 5]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 201}, {"after_seq": -1}, {"before_seq": 0}])
async def test_history_rejects_bad_cursor(alice: ApiUser, bob: ApiUser, params: dict[str, int]) -> None:
    dialog = await alice.open_dialog(bob)
    response = await alice.get(f"/api/v1/dialogs/{dialog['id']}/messages", params=params)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_cursor"


async def test_dialog_list_shows_last_message_newest_first(
    server: ServerProcess, api: httpx.AsyncClient, alice: ApiUser, bob: ApiUser
) -> None:
    carol = await sign_in(server, api, "Карина")
    with_bob = await alice.open_dialog(bob)
    with_carol = await alice.open_dialog(carol)
    await alice.send(with_carol["id"], "первое")
    await bob.send(with_bob["id"], "последнее")

    dialogs = (await alice.get("/api/v1/dialogs")).json()["dialogs"]
    assert [dialog["id"] for dialog in dialogs] == [with_bob["id"], with_carol["id"]]
    assert dialogs[0]["last_message"]["text"] == "последнее"
    assert dialogs[0]["last_seq"] == 1
    assert dialogs[0]["peer"]["display_name"] == "Боб"
    assert "phone" not in dialogs[0]["peer"] or dialogs[0]["peer"]["phone"] is None


async def test_new_user_phone_unknown_until_registered(alice: ApiUser) -> None:
    response = await alice.post("/api/v1/dialogs", json={"phone": new_phone()})
    assert response.status_code == 404


async def test_json_routes_keep_small_limit_near_uploads(alice: ApiUser) -> None:
    album = await alice.post(
        "/api/v1/albums", json={"owner_type": "user", "owner_id": alice.id, "title": "x" * 100_000}
    )
    assert album.status_code == 413
    assert album.json()["error"]["code"] == "payload_too_large"
