"""The published OpenAPI document covers the fixed contract."""

from __future__ import annotations

import httpx

from tests.support.server import ServerProcess


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
