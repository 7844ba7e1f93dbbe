"""A scripted hub client for tests: connects, authenticates and collects frames."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.support.timing import seconds
from tests.support.users import ApiUser

Frame = dict[str, Any]


class HubClient:
    """One socket of one user; frames arrive in ``frames`` in order."""

    def __init__(self, socket: ClientConnection) -> None:
        self.socket = socket
        self.frames: list[Frame] = []
        self._arrived = asyncio.Condition()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for raw in self.socket:
                async with self._arrived:
                    self.frames.append(json.loads(raw))
                    self._arrived.notify_all()
        except ConnectionClosed:
            pass
        async with self._arrived:
            self._arrived.notify_all()

    async def wait_for(self, predicate: Callable[[Frame], bool], timeout: float = 2.0) -> Frame:
        """Return the first frame so far or later that matches; fail after ``timeout``."""

        def find() -> Frame | None:
            return next((frame for frame in self.frames if predicate(frame)), None)

        async with self._arrived:
            await asyncio.wait_for(
                self._arrived.wait_for(lambda: find() is not None or self._reader.done()), seconds(timeout)
            )
        found = find()
        if found is None:
            raise AssertionError(f"connection closed without a matching frame; got {self.frames}")
        return found

    async def wait_closed(self, timeout: float = 2.0) -> int | None:
        """Wait for the server to close the socket; return the close code."""
        await asyncio.wait_for(self._reader, seconds(timeout))
        return self.socket.close_code

    def of_type(self, frame_type: str) -> list[Frame]:
        return [frame for frame in self.frames if frame.get("type") == frame_type]

    async def close(self) -> None:
        await self.socket.close()
        await asyncio.gather(self._reader, return_exceptions=True)


async def connect_user(user: ApiUser, *, header: bool = False) -> HubClient:
    """Connect and authenticate ``user``; return once the ``ready`` frame arrived."""
    url = user.server.hub_url
    if header:
        socket = await connect(url, additional_headers=user.headers, compression=None)
    else:
        socket = await connect(url, compression=None)
        await socket.send(json.dumps({"type": "auth", "token": user.token, "protocol": 1}))
    client = HubClient(socket)
    ready = await client.wait_for(lambda frame: frame["type"] == "ready")
    assert ready["user_id"] == user.id
    return client
