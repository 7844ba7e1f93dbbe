"""Request values that the database cannot store get 422, never 500."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.support.server import ServerProcess
from tests.support.users import ApiUser, new_phone

TOO_LARGE = 2**63
"""One past the largest value of a 64-bit database integer column."""


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", f"/api/v1/dialogs/{TOO_LARGE}"),
        ("GET", f"/api/v1/dialogs/1/messages?after_seq={TOO_LARGE}"),
        ("GET", f"/api/v1/users/{TOO_LARGE}"),
        ("POST", f"/api/v1/friends/{TOO_LARGE}"),
        ("DELETE", f"/api/v1/sessions/{TOO_LARGE}"),
        ("GET", f"/api/v1/clubs/{TOO_LARGE}"),
        ("GET", f"/api/v1/clubs?after={TOO_LARGE}"),
        ("POST", f"/api/v1/clubs/{TOO_LARGE}/leave"),
        ("DELETE", f"/api/v1/albums/{TOO_LARGE}"),
        ("GET", f"/api/v1/photos/{-TOO_LARGE - 1}"),
    ],
)
async def test_out_of_range_id_in_url_rejected(alice: ApiUser, method: str, path: str) -> None:
    response = await alice.client.request(method, path, headers=alice.headers)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "validation_failed"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/v1/dialogs", {"user_id": TOO_LARGE}),
        ("/api/v1/groups", {"title": "Группа", "member_ids": [TOO_LARGE]}),
        ("/api/v1/albums", {"owner_type": "user", "owner_id": TOO_LARGE, "title": "Альбом"}),
    ],
)
async def test_out_of_range_id_in_body_rejected(alice: ApiUser, path: str, body: dict[str, object]) -> None:
    response = await alice.post(path, json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "validation_failed"


# Raw JSON, so that the lone surrogate reaches the server as the escape \ud800.
BAD_STRINGS = [r"a\u0000b", r"a\ud800b"]


@pytest.mark.parametrize("bad", BAD_STRINGS)
@pytest.mark.parametrize(
    "template",
    [
        '{"title": "%s"}',
        '{"title": "%s", "city": "Владивосток", "topic": "Toyota"}',
        '{"title": "Клуб", "city": "Владивосток", "topic": "Toyota", "description": "%s"}',
    ],
)
async def test_unstorable_text_in_group_or_club_rejected(alice: ApiUser, bad: str, template: str) -> None:
    path = "/api/v1/groups" if '"city"' not in template else "/api/v1/clubs"
    response = await alice.post(path, content=template % bad, headers={"Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "validation_failed"


@pytest.mark.parametrize("bad", BAD_STRINGS)
async def test_unstorable_text_in_message_rejected(alice: ApiUser, bob: ApiUser, bad: str) -> None:
    dialog = await alice.open_dialog(bob)
    response = await alice.post(
        f"/api/v1/dialogs/{dialog['id']}/messages",
        content='{"client_id": "c1", "text": "' + bad + '"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "validation_failed"
    assert await alice.history(dialog["id"]) == []


@pytest.mark.parametrize("bad", BAD_STRINGS)
async def test_unstorable_device_name_rejected(
    server: ServerProcess, api: httpx.AsyncClient, bad: str
) -> None:
    phone = new_phone()
    await api.post("/api/v1/auth/code", json={"phone": phone})
    body = json.dumps({"phone": phone, "code": server.last_code(phone), "display_name": "Гость"})
    response = await api.post(
        "/api/v1/auth/verify",
        content=body[:-1] + ', "device_name": "' + bad + '"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "validation_failed"


async def test_unstorable_club_search_rejected(alice: ApiUser) -> None:
    response = await alice.get("/api/v1/clubs", params={"query": "a\x00b"})
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "validation_failed"
