"""The hub's WebSocket server: handshake, the per-connection loop and bus events."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time
from collections.abc import Coroutine
from typing import Any

import httpx
from websockets.asyncio.server import Server, ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed

from server.bus import Event, EventBus, dialog_room
from server.config import Settings
from server.hub.api_client import ApiClient
from server.hub.handshake import HandshakeError, token_from_auth_frame, token_from_header
from server.hub.locks import KeyedLocks
from server.hub.membership import Change, MembershipLog
from server.hub.registry import Connection, Registry, connection_id
from server.presence import PresenceStore
from shared.api import SessionCheck
from shared.frames import (
    PROTOCOL_VERSION,
    TYPING_THROTTLE_SECONDS,
    CloseCode,
    FrameType,
)

logger = logging.getLogger("autoclub.hub")

MAX_FRAME_BYTES = 64 * 1024
"""Largest frame a client may send; every client frame is small JSON."""

BACKLOG_CHECK_SECONDS = 0.5
"""How often the hub looks for clients with more than ``send_buffer_bytes`` unsent.

Checking on a timer instead of before each send keeps the delivery loop free of
per-recipient work. A client that stops reading can take in at most this
long's worth of frames beyond the limit before it is closed."""


class Hub:
    """Owns the listening socket, the registry, presence counts and the bus subscription."""

    def __init__(self, bus: EventBus, api: ApiClient, presence: PresenceStore, settings: Settings) -> None:
        self.bus = bus
        self.api = api
        self.presence = presence
        self.settings = settings
        self.registry = Registry()
        self._server: Server | None = None
        # Presence changes of one user run one at a time, so "online" and
        # "offline" reach the API in the order they happened.
        self._presence_locks = KeyedLocks()
        self._last_typing: dict[tuple[int, int], float] = {}
        self._membership = MembershipLog()
        self._tasks: set[asyncio.Task[None]] = set()
        self._backlog_task: asyncio.Task[None] | None = None

    async def start(self, sock: socket.socket) -> None:
        self.bus.subscribe(self.on_event)
        await self.bus.start()
        self._server = await serve(
            self._handle,
            sock=sock,
            ping_interval=self.settings.ping_interval_seconds,
            ping_timeout=self.settings.ping_timeout_seconds,
            close_timeout=self.settings.close_timeout_seconds,
            max_size=MAX_FRAME_BYTES,
            compression=None,
        )
        self._backlog_task = asyncio.get_running_loop().create_task(self._check_backlogs())

    async def stop(self) -> None:
        """Close every socket with 1001 (going away) so clients reconnect at once."""
        if self._backlog_task is not None:
            self._backlog_task.cancel()
        if self._server is not None:
            self._server.close(close_connections=True)
            await self._server.wait_closed()
        await self.api.close()

    async def on_event(self, event: Event) -> None:
        if event.kind == "frame" and event.frame is not None:
            count = self.registry.deliver(event.rooms, event.frame, event.exclude_user_ids)
            logger.debug("Delivered %s to %d connections", event.frame.get("type"), count)
        elif event.kind == "join":
            self._membership.record("join", event.user_ids, event.rooms)
            self.registry.join(event.user_ids, event.rooms)
        elif event.kind == "leave":
            self._membership.record("leave", event.user_ids, event.rooms)
            self.registry.leave(event.user_ids, event.rooms)
        elif event.kind == "revoke":
            self._membership.record("revoke", event.user_ids, (), event.session_ids)
            self._close_sessions(event.user_ids, event.session_ids)

    async def _check_backlogs(self) -> None:
        while True:
            await asyncio.sleep(BACKLOG_CHECK_SECONDS)
            try:
                for connection in self.registry.backlogged(self.settings.send_buffer_bytes):
                    self._close_too_slow(connection)
            except Exception:
                # The check must outlive a bad connection, or no slow client would be closed again.
                logger.exception("Send buffer check failed, next one in %s s", BACKLOG_CHECK_SECONDS)

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _close_too_slow(self, connection: Connection) -> None:
        """Drop a client that fell behind; it reconnects and resyncs from its cursor."""
        logger.warning(
            "[conn %s] Closing: user %s has over %d bytes unsent",
            connection.connection_id,
            connection.user_id,
            self.settings.send_buffer_bytes,
        )
        self.registry.remove(connection)
        self._spawn(connection.socket.close(CloseCode.TOO_SLOW, "client too slow; resync"))

    def _close_sessions(self, user_ids: tuple[int, ...], session_ids: tuple[int, ...]) -> None:
        """Close the sockets of revoked sessions without waiting for their clients.

        A client that stopped reading would hold up the close handshake for the
        close timeout, and with it every event behind this one on the bus.
        """
        for connection in self.registry.of_sessions(user_ids, session_ids):
            logger.info(
                "[conn %s] Closing: session %s revoked", connection.connection_id, connection.session_id
            )
            self.registry.remove(connection)
            self._spawn(connection.socket.close(CloseCode.SESSION_REVOKED, "session revoked"))

    async def _handle(self, socket: ServerConnection) -> None:
        # Log lines carry the socket's id by hand, computed when needed: a LoggerAdapter
        # or a string kept for each socket would cost memory while it idles.
        logger.debug("[conn %s] Opened from %s", connection_id(socket), socket.remote_address)

        mark = self._membership.begin()
        mark_open = True
        user_id: int | None = None
        connection: Connection | None = None
        try:
            check = await self._authenticate(socket)
            if check is None:
                return
            user_id = check.user_id
            await self._presence_change(user_id, online=True)
            ready = await self._ready_frame(check)
            _drop_upgrade_headers(socket)

            # No await from here to the ready frame: no room change or revocation can slip
            # between the replay and registering, and "ready" is the socket's first frame.
            missed = self._membership.since(mark, user_id)
            self._membership.end(mark)
            mark_open = False
            if any(change == "revoke" and check.session_id in sessions for change, _, sessions in missed):
                logger.info("[conn %s] Closing: session %s revoked", connection_id(socket), check.session_id)
                await socket.close(CloseCode.SESSION_REVOKED, "session revoked")
                return
            connection = self._register(socket, check, missed)
            broadcast([socket], ready)
            # This coroutine lives as long as the socket: it keeps nothing of the handshake.
            del check, missed, ready

            # The receive loop is inline: a coroutine of its own would cost memory on every idle socket.
            async for raw in socket:
                frame = _parse_frame(raw)
                if frame is None:
                    logger.info(
                        "[conn %s] Closing: frame is not a JSON object with a type", connection.connection_id
                    )
                    await socket.close(CloseCode.PROTOCOL_ERROR, "malformed frame")
                    return
                await self._dispatch(connection, frame)
        except ConnectionClosed:
            pass
        finally:
            if mark_open:
                self._membership.end(mark)
            if connection is not None:
                self.registry.remove(connection)
            if user_id is not None:
                await self._presence_change(user_id, online=False)
                logger.info(
                    "[conn %s] Closed for user %s (code %s)",
                    connection_id(socket),
                    user_id,
                    socket.close_code,
                )

    def _register(self, socket: ServerConnection, check: SessionCheck, missed: list[Change]) -> Connection:
        """Add the socket to the registry with the rooms of its handshake and the changes since."""
        connection = Connection(socket, check.user_id, check.session_id)
        self.registry.add(connection, [dialog_room(dialog_id) for dialog_id in check.dialog_ids])
        for change, rooms, _sessions in missed:
            if change == "join":
                self.registry.join([check.user_id], rooms)
            elif change == "leave":
                self.registry.leave([check.user_id], rooms)
        logger.info(
            "[conn %s] Authenticated user %s, session %s",
            connection.connection_id,
            check.user_id,
            check.session_id,
        )
        return connection

    async def _authenticate(self, socket: ServerConnection) -> SessionCheck | None:
        """Return the session of the socket's token, or close the socket and return None."""
        socket_id = connection_id(socket)
        try:
            token = await self._read_token(socket)
            return await self.api.check_token(token)
        except HandshakeError as error:
            logger.info("[conn %s] Handshake failed: %s", socket_id, error.reason)
            await socket.close(error.code, error.reason)
        except TimeoutError:
            logger.info(
                "[conn %s] Handshake failed: no auth frame within %s s",
                socket_id,
                self.settings.auth_timeout_seconds,
            )
            await socket.close(CloseCode.AUTH_TIMEOUT, "auth frame timeout")
        except ConnectionClosed:
            pass
        return None

    async def _ready_frame(self, check: SessionCheck) -> str:
        online = await self.presence.online(friend.user_id for friend in check.friends)
        presence = [
            {
                "user_id": friend.user_id,
                "online": friend.user_id in online,
                "last_seen": None
                if friend.user_id in online or friend.last_seen is None
                else friend.last_seen.isoformat(),
            }
            for friend in check.friends
        ]
        return json.dumps(
            {
                "type": FrameType.READY,
                "protocol": PROTOCOL_VERSION,
                "user_id": check.user_id,
                "session_id": check.session_id,
                "presence": presence,
            }
        )

    async def _presence_change(self, user_id: int, *, online: bool) -> None:
        """Count a connection in or out, and tell the API when the user's presence flips."""
        async with self._presence_locks.hold(user_id):
            if online:
                flipped = await self.presence.connect(user_id)
            else:
                flipped = await self.presence.disconnect(user_id)
            if flipped:
                try:
                    await self.api.report_presence(user_id, online)
                except httpx.HTTPError as error:
                    logger.warning("Could not report presence of user %s to the API: %r", user_id, error)
        if not online and user_id not in self.registry.by_user:
            for key in [key for key in self._last_typing if key[0] == user_id]:
                del self._last_typing[key]

    async def _read_token(self, socket: ServerConnection) -> str:
        header = socket.request.headers.get("Authorization") if socket.request else None
        header_token = token_from_header(header)
        if header_token is not None:
            return header_token
        first = await asyncio.wait_for(socket.recv(), self.settings.auth_timeout_seconds)
        return token_from_auth_frame(first)

    async def _dispatch(self, connection: Connection, frame: dict[str, Any]) -> None:
        if frame["type"] == FrameType.TYPING:
            await self._relay_typing(connection, frame)
            return
        logger.debug("[conn %s] Received unknown frame type %r", connection.connection_id, frame["type"])
        await _send_error(connection, "unknown_type", f"unknown frame type {frame['type']!r}")

    async def _relay_typing(self, connection: Connection, frame: dict[str, Any]) -> None:
        """Pass "is typing" to the dialog's other members; never stored, at most one per throttle period."""
        dialog_id = frame.get("dialog_id")
        if not isinstance(dialog_id, int) or isinstance(dialog_id, bool):
            await _send_error(connection, "invalid_frame", "typing needs an integer dialog_id")
            return
        room = dialog_room(dialog_id)
        if not self.registry.in_room(connection.user_id, room):
            logger.debug(
                "[conn %s] Rejected typing for dialog %s: not a member", connection.connection_id, dialog_id
            )
            await _send_error(connection, "not_a_member", f"you are not a member of dialog {dialog_id}")
            return

        key = (connection.user_id, dialog_id)
        now = time.monotonic()
        if now - self._last_typing.get(key, -TYPING_THROTTLE_SECONDS) < TYPING_THROTTLE_SECONDS:
            return
        self._last_typing[key] = now
        relayed = {"type": FrameType.TYPING, "dialog_id": dialog_id, "user_id": connection.user_id}
        await self.bus.publish(
            Event(kind="frame", rooms=(room,), frame=relayed, exclude_user_ids=(connection.user_id,))
        )


def _drop_upgrade_headers(socket: ServerConnection) -> None:
    """Free the headers of the upgrade request and response, which served only the handshake.

    websockets keeps both for the life of the socket. The request object itself
    must stay: websockets reads the next event as the request while it is None.
    """
    if socket.request is not None:
        socket.request.headers.clear()
    socket.response = None


def _parse_frame(raw: str | bytes) -> dict[str, Any] | None:
    """Return a client frame as a dict, or None when it is not a JSON object with a string type."""
    try:
        frame = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: nesting deeper than the parser allows
        return None
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        return None
    return frame


async def _send_error(connection: Connection, code: str, message: str) -> None:
    await connection.socket.send(json.dumps({"type": FrameType.ERROR, "code": code, "message": message}))
