"""The hub's WebSocket server: handshake, the per-connection loop and bus events."""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import socket
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from server.bus import Event, EventBus, dialog_room
from server.hub.api_client import ApiClient
from server.hub.handshake import HandshakeError, token_from_auth_frame, token_from_header
from server.hub.registry import Connection, Registry
from shared.frames import (
    AUTH_TIMEOUT_SECONDS,
    PING_INTERVAL_SECONDS,
    PING_TIMEOUT_SECONDS,
    PROTOCOL_VERSION,
    CloseCode,
    FrameType,
)

logger = logging.getLogger("autoclub.hub")

MAX_FRAME_BYTES = 64 * 1024
"""Largest frame a client may send; every client frame is small JSON."""


class ConnectionLog(logging.LoggerAdapter[logging.Logger]):
    def process(self, msg: str, kwargs: Any) -> tuple[str, Any]:
        return f"[conn {self.extra['connection_id']}] {msg}", kwargs  # type: ignore[index]


class Hub:
    """Owns the listening socket, the registry and the bus subscription."""

    def __init__(self, bus: EventBus, api: ApiClient, auth_timeout: float = AUTH_TIMEOUT_SECONDS) -> None:
        self.bus = bus
        self.api = api
        self.auth_timeout = auth_timeout
        self.registry = Registry()
        self._server: Server | None = None

    async def start(self, sock: socket.socket) -> None:
        self.bus.subscribe(self.on_event)
        await self.bus.start()
        self._server = await serve(
            self._handle,
            sock=sock,
            ping_interval=PING_INTERVAL_SECONDS,
            ping_timeout=PING_TIMEOUT_SECONDS,
            max_size=MAX_FRAME_BYTES,
            compression=None,
        )

    async def stop(self) -> None:
        """Close every socket with 1001 (going away) so clients reconnect at once."""
        if self._server is not None:
            self._server.close(close_connections=True)
            await self._server.wait_closed()
        await self.api.close()

    async def on_event(self, event: Event) -> None:
        if event.kind == "frame" and event.frame is not None:
            count = self.registry.deliver(event.rooms, event.frame)
            logger.debug("Delivered %s to %d connections", event.frame.get("type"), count)
        elif event.kind == "join":
            self.registry.join(event.user_ids, event.rooms)
        elif event.kind == "leave":
            self.registry.leave(event.user_ids, event.rooms)
        elif event.kind == "revoke":
            await self._close_sessions(event.session_ids)

    async def _close_sessions(self, session_ids: tuple[int, ...]) -> None:
        for session_id in session_ids:
            for connection in list(self.registry.by_session.get(session_id, ())):
                logger.info("Closing connection %s of revoked session %s", connection.connection_id, session_id)
                self.registry.remove(connection)
                await connection.socket.close(CloseCode.SESSION_REVOKED, "session revoked")

    async def _handle(self, socket: ServerConnection) -> None:
        connection_id = secrets.token_hex(4)
        log = ConnectionLog(logger, {"connection_id": connection_id})
        log.debug("Opened from %s", socket.remote_address)

        try:
            token = await self._read_token(socket)
            check = await self.api.check_token(token)
        except HandshakeError as error:
            log.info("Handshake failed: %s", error.reason)
            await socket.close(error.code, error.reason)
            return
        except TimeoutError:
            log.info("Handshake failed: no auth frame within %s s", self.auth_timeout)
            await socket.close(CloseCode.AUTH_TIMEOUT, "auth frame timeout")
            return
        except ConnectionClosed:
            return

        connection = Connection(socket, connection_id, check.user_id, check.session_id)
        self.registry.add(connection, [dialog_room(dialog_id) for dialog_id in check.dialog_ids])
        log.info("Authenticated user %s, session %s", check.user_id, check.session_id)
        try:
            await socket.send(
                json.dumps(
                    {
                        "type": FrameType.READY,
                        "protocol": PROTOCOL_VERSION,
                        "user_id": check.user_id,
                        "session_id": check.session_id,
                    }
                )
            )
            await self._receive_loop(connection, log)
        except ConnectionClosed:
            pass
        finally:
            self.registry.remove(connection)
            log.info("Closed for user %s, session %s", check.user_id, check.session_id)

    async def _read_token(self, socket: ServerConnection) -> str:
        header_token = token_from_header(socket.request.headers.get("Authorization") if socket.request else None)
        if header_token is not None:
            return header_token
        first = await asyncio.wait_for(socket.recv(), self.auth_timeout)
        return token_from_auth_frame(first)

    async def _receive_loop(self, connection: Connection, log: ConnectionLog) -> None:
        async for raw in connection.socket:
            try:
                frame = json.loads(raw)
            except ValueError:
                frame = None
            if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
                log.info("Closing: frame is not a JSON object with a type")
                await connection.socket.close(CloseCode.PROTOCOL_ERROR, "malformed frame")
                return
            await self._dispatch(connection, frame, log)

    async def _dispatch(self, connection: Connection, frame: dict[str, Any], log: ConnectionLog) -> None:
        log.debug("Received unknown frame type %r", frame["type"])
        await connection.socket.send(
            json.dumps({"type": FrameType.ERROR, "code": "unknown_type", "message": f"unknown frame type {frame['type']!r}"})
        )
