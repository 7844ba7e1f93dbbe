"""The hub's HTTP client for the API's internal routes."""

from __future__ import annotations

import asyncio

import httpx

from server.api.routes_internal import INTERNAL_SECRET_HEADER
from server.hub.handshake import HandshakeError
from shared.api import SessionCheck
from shared.frames import CloseCode

API_TIMEOUT_SECONDS = 5.0

MAX_CONCURRENT_CALLS = 32
"""Maximum number of calls to the API in flight at once.

After a restart, thousands of clients reconnect together. Calls past this limit
wait here instead of piling up in the connection pool until they time out, as
benchmarks/hub_fanout.py showed."""


class ApiClient:
    """Keeps one keep-alive connection pool to the API for all handshakes."""

    def __init__(self, api_url: str, secret: str) -> None:
        self._client = httpx.AsyncClient(
            base_url=api_url,
            headers={INTERNAL_SECRET_HEADER: secret},
            timeout=API_TIMEOUT_SECONDS,
        )
        self._slots = asyncio.Semaphore(MAX_CONCURRENT_CALLS)

    async def check_token(self, token: str) -> SessionCheck:
        """Return the session of a token.

        Raises:
            HandshakeError: ``UNAUTHORIZED`` for a rejected token,
                ``TRY_AGAIN_LATER`` when the API is unreachable or failing.
        """
        try:
            response = await self._post("/internal/v1/handshake", {"token": token})
        except httpx.HTTPError as error:
            raise HandshakeError(CloseCode.TRY_AGAIN_LATER, f"API unreachable: {error!r}") from error

        if response.status_code == 401:
            raise HandshakeError(CloseCode.UNAUTHORIZED, "invalid or revoked token")
        if response.status_code != 200:
            raise HandshakeError(CloseCode.TRY_AGAIN_LATER, f"API returned HTTP {response.status_code}")
        return SessionCheck.model_validate_json(response.content)

    async def close(self) -> None:
        await self._client.aclose()

    async def report_presence(self, user_id: int, online: bool) -> None:
        """Tell the API that a user's first connection opened or last one closed.

        Raises:
            httpx.HTTPError: the API was unreachable or failed.
        """
        response = await self._post("/internal/v1/presence", {"user_id": user_id, "online": online})
        response.raise_for_status()

    async def _post(self, path: str, body: dict[str, object]) -> httpx.Response:
        """POST ``body`` as JSON in a task of its own, at most ``MAX_CONCURRENT_CALLS`` at once.

        httpx, through anyio, keeps state for each task that makes a request
        until that task ends. A connection's handler task lives as long as its
        socket, so a request made from it would cost memory while the socket
        idles. Cancelling the caller cancels the request's task too.
        """
        async with self._slots:
            return await asyncio.get_running_loop().create_task(self._client.post(path, json=body))
