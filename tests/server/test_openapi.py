"""The published OpenAPI document covers the fixed contract."""

from __future__ import annotations

import httpx

from tests.support.server import ServerProcess
from tests.support.users import ApiUser


async def test_openapi_lists_contract_routes(api: httpx.AsyncClient) -> None:
    response = await api.get("/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    expected = {
        "/api/v1/auth/code": {"post"},
        "/api/v1/auth/verify": {"post"},
        "/api/v1/me": {"get"},
        "/api/v1/dialogs": {"get", "post"},
        "/api/v1/dialogs/{dialog_id}/messages": {"get", "post"},
        "/healthz": {"get"},
    }
    for path, methods in expected.items():
        assert path in paths, path
        assert methods <= set(paths[path]), path
    assert not any(path.startswith("/internal") for path in paths)


async def test_healthz(api: httpx.AsyncClient) -> None:
    response = await api.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_internal_route_needs_secret(api: httpx.AsyncClient) -> None:
    response = await api.post("/internal/v1/handshake", json={"token": "x"})
    assert response.status_code == 403
    response = await api.post(
        "/internal/v1/handshake", json={"token": "x"}, headers={"X-Autoclub-Internal-Secret": "guess"}
    )
    assert response.status_code == 403


async def test_server_info_names_hub(server: ServerProcess, api: httpx.AsyncClient) -> None:
    response = await api.get("/api/v1/server-info")
    assert response.status_code == 200
    body = response.json()
    assert body["hub_url"] == server.hub_url
    assert body["protocol"] == 1


async def test_internal_handshake_lists_rooms_and_friends(
    server: ServerProcess, api: httpx.AsyncClient, alice: ApiUser, bob: ApiUser
) -> None:
    """The hub's handshake call returns the session with the user's dialogs and friends, or 401."""
    secret = {"X-Autoclub-Internal-Secret": (server.data_dir / "internal-secret").read_text().strip()}
    dialog = (await alice.post("/api/v1/dialogs", json={"user_id": bob.id})).json()["dialog"]
    await alice.post(f"/api/v1/friends/{bob.id}")
    await bob.post(f"/api/v1/friends/{alice.id}")

    response = await api.post("/internal/v1/handshake", json={"token": alice.token}, headers=secret)

    assert response.status_code == 200, response.text
    check = response.json()
    assert check["user_id"] == alice.id
    assert check["dialog_ids"] == [dialog["id"]]
    assert [friend["user_id"] for friend in check["friends"]] == [bob.id]
    unknown = await api.post("/internal/v1/handshake", json={"token": "not-a-token"}, headers=secret)
    assert unknown.status_code == 401
