"""Signed-in test users talking to a real server over HTTP."""

from __future__ import annotations

import itertools
import os
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.support.server import ServerProcess

# Valid Russian mobile numbers, unique per test run and per worker process.
_numbers = itertools.count(int.from_bytes(os.urandom(2), "big") * 100)


def new_phone() -> str:
    """Return an unused valid number in E.164, e.g. ``+79141234567``."""
    return f"+7914{next(_numbers) % 10_000_000:07d}"


@dataclass
class ApiUser:
    server: ServerProcess
    phone: str
    token: str
    id: int
    session_id: int
    display_name: str
    client: httpx.AsyncClient = field(repr=False)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    async def get(self, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return await self.client.get(path, headers=headers, **kwargs)

    async def post(self, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return await self.client.post(path, headers=headers, **kwargs)

    async def put(self, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return await self.client.put(path, headers=headers, **kwargs)

    async def patch(self, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return await self.client.patch(path, headers=headers, **kwargs)

    async def delete(self, path: str, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return await self.client.delete(path, headers=headers, **kwargs)

    async def open_dialog(self, other: ApiUser) -> dict[str, Any]:
        response = await self.post("/api/v1/dialogs", json={"user_id": other.id})
        assert response.status_code == 200, response.text
        dialog: dict[str, Any] = response.json()["dialog"]
        return dialog

    async def send(self, dialog_id: int, text: str, client_id: str | None = None) -> dict[str, Any]:
        response = await self.post(
            f"/api/v1/dialogs/{dialog_id}/messages",
            json={"client_id": client_id or str(uuid.uuid4()), "text": text},
        )
        assert response.status_code in (200, 201), response.text
        message: dict[str, Any] = response.json()["message"]
        return message

    async def history(self, dialog_id: int, **params: int) -> list[dict[str, Any]]:
        response = await self.get(f"/api/v1/dialogs/{dialog_id}/messages", params=params)
        assert response.status_code == 200, response.text
        messages: list[dict[str, Any]] = response.json()["messages"]
        return messages


async def sign_in(
    server: ServerProcess,
    client: httpx.AsyncClient,
    name: str = "Тестовый пользователь",
    phone: str | None = None,
    device_name: str = "pytest",
) -> ApiUser:
    """Register or sign in a user through the real code flow."""
    phone = phone or new_phone()
    response = await client.post("/api/v1/auth/code", json={"phone": phone})
    assert response.status_code == 200, response.text
    code = server.last_code(response.json()["phone"])
    response = await client.post(
        "/api/v1/auth/verify",
        json={"phone": phone, "code": code, "display_name": name, "device_name": device_name},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    return ApiUser(
        server=server,
        phone=body["user"]["phone"],
        token=body["token"],
        id=body["user"]["id"],
        session_id=body["session_id"],
        display_name=body["user"]["display_name"],
        client=client,
    )
