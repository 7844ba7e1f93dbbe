"""One connection to the hub that reconnects until stopped, with no Qt.

``HubConnection`` runs the socket loop: the ``auth`` frame, the wait for
``ready``, reading frames, and reconnecting with backoff. Listeners get
plain method calls. ``desktop.hub.HubClient`` turns them into Qt signals and
``desktop.sync.engine.SyncEngine`` resyncs and stores what arrives.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Coroutine
from enum import StrEnum
from typing import Any, Protocol

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from desktop.sync.frames import (
    BACKOFF_BASE_SECONDS,
    BACKOFF_MAX_SECONDS,
    SESSION_CLOSE_CODES,
    FrameError,
    HubFrame,
    ReadyFrame,
    auth_frame,
    backoff_delay,
    decode_frame,
    parse_frame,
)
from shared.frames import PROTOCOL_VERSION, CloseCode

log = logging.getLogger("autoclub.desktop")

OPEN_TIMEOUT_SECONDS = 10.0
"""Time for the TCP connect and the WebSocket upgrade."""

READY_TIMEOUT_SECONDS = 15.0
"""Time for the ``ready`` frame after ``auth``; longer than the hub's own
10-second wait for ``auth``, since the hub checks the token with the API."""

Spawn = Callable[[Coroutine[Any, Any, None], str], "asyncio.Task[None]"]


class HubState(StrEnum):
    CONNECTING = "connecting"
    ONLINE = "online"
    OFFLINE = "offline"
    STOPPED = "stopped"


class HubListener(Protocol):
    """Receiver of a ``HubConnection``'s events; every method runs on the event loop."""

    def hub_state_changed(self, state: HubState) -> None: ...

    def hub_ready(self, frame: ReadyFrame) -> None: ...

    def hub_frame(self, data: dict[str, Any], frame: HubFrame | None) -> None:
        """Receive a valid frame after ``ready``: the decoded object and its parsed form, if known."""

    def hub_rejected(self, close_code: int) -> None:
        """Learn that the hub rejected the token; the connection has stopped."""


class HubConnection:
    """The socket loop: connect, authenticate, read frames, reconnect after a drop.

    Reconnects at once after close code 1001 (the server is going away) and
    otherwise after ``backoff_delay``. Stops for good after 4001 or 4004 (sign
    in again) and 4003 (unsupported protocol).
    """

    def __init__(
        self,
        url: str,
        token: str,
        *,
        spawn: Spawn | None = None,
        backoff_base: float = BACKOFF_BASE_SECONDS,
        backoff_max: float = BACKOFF_MAX_SECONDS,
    ) -> None:
        self.url = url
        self._token = token
        self._spawn = spawn
        self._backoff_base = backoff_base
        self._backoff_max = backoff_max
        self._listeners: list[HubListener] = []
        self._task: asyncio.Task[None] | None = None
        self._state = HubState.STOPPED
        self.generation = 0
        """Number of ``ready`` frames so far; tells work of a dropped connection from the current one."""
        self._socket: ClientConnection | None = None
        """The socket that got the latest ``ready``; ``send_frame`` writes to it while online."""

    @property
    def state(self) -> HubState:
        return self._state

    def add_listener(self, listener: HubListener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: HubListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, method: str, *args: Any) -> None:
        for listener in list(self._listeners):
            try:
                getattr(listener, method)(*args)
            except Exception:
                # One broken listener must not stop the socket loop or the other listeners.
                log.exception("Hub listener %r failed in %s", listener, method)

    def _set_state(self, state: HubState) -> None:
        if state != self._state:
            self._state = state
            self._notify("hub_state_changed", state)

    def start(self) -> None:
        if self._task is not None and not self._task.done():
            return
        if self._spawn is not None:
            self._task = self._spawn(self._run(), "hub connection")
        else:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="hub connection")

    async def stop(self) -> None:
        """Close the connection and stop reconnecting."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        self._set_state(HubState.STOPPED)

    async def _run(self) -> None:
        attempt = 0
        while True:
            self._set_state(HubState.CONNECTING)
            close_code, was_ready = await self._connect_once()
            if close_code in SESSION_CLOSE_CODES:
                log.warning("Hub %s rejected the session with close code %s", self.url, close_code)
                self._set_state(HubState.STOPPED)
                self._notify("hub_rejected", close_code)
                return
            if close_code == CloseCode.UNSUPPORTED_PROTOCOL:
                # Reconnecting cannot help; live updates stay off until the app is updated.
                log.error("Hub %s does not speak protocol %s; not reconnecting", self.url, PROTOCOL_VERSION)
                self._set_state(HubState.STOPPED)
                return

            self._set_state(HubState.OFFLINE)
            if was_ready:
                attempt = 0
            if close_code == CloseCode.GOING_AWAY and attempt == 0:
                delay = 0.0
            else:
                delay = backoff_delay(attempt, base=self._backoff_base, maximum=self._backoff_max)
            attempt += 1
            log.info(
                "Hub %s disconnected (close code %s); reconnect attempt %d in %.1f s",
                self.url,
                close_code,
                attempt,
                delay,
            )
            await asyncio.sleep(delay)

    async def _connect_once(self) -> tuple[int | None, bool]:
        """Run one connection until it closes; return its close code and whether it got ready."""
        was_ready = False
        try:
            async with connect(self.url, compression=None, open_timeout=OPEN_TIMEOUT_SECONDS) as websocket:
                await websocket.send(auth_frame(self._token))
                ready = await self._wait_ready(websocket)
                if ready is None:
                    await websocket.close(CloseCode.PROTOCOL_ERROR, "expected a ready frame")
                    return websocket.close_code, False
                was_ready = True
                self.generation += 1
                self._socket = websocket
                log.info("Hub %s ready for user %s, session %s", self.url, ready.user_id, ready.session_id)
                self._set_state(HubState.ONLINE)
                self._notify("hub_ready", ready)
                async for raw in websocket:
                    self._dispatch(raw)
            return websocket.close_code, was_ready
        except ConnectionClosed as closed:
            return (closed.rcvd.code if closed.rcvd else None), was_ready
        except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as error:
            log.info("Hub %s connection failed: %r", self.url, error)
            return None, was_ready

    def send_frame(self, frame: dict[str, Any]) -> bool:
        """Send a frame such as ``typing`` to the hub; return False when not online.

        Frames are not queued while offline: the frames a client sends are
        ephemeral signals, stale by the time the connection is back.
        """
        socket = self._socket
        if socket is None or self._state != HubState.ONLINE:
            return False
        text = json.dumps(frame)
        name = f"hub send {frame.get('type')}"
        if self._spawn is not None:
            self._spawn(self._send(socket, text), name)
        else:
            asyncio.get_running_loop().create_task(self._send(socket, text), name=name)
        return True

    async def _send(self, socket: ClientConnection, text: str) -> None:
        try:
            await socket.send(text)
        except ConnectionClosed:
            log.debug("Hub %s closed before a frame could be sent; dropped it", self.url)

    async def _wait_ready(self, websocket: ClientConnection) -> ReadyFrame | None:
        raw = await asyncio.wait_for(websocket.recv(), READY_TIMEOUT_SECONDS)
        try:
            frame = parse_frame(raw)
        except FrameError as error:
            log.warning("Hub %s sent an invalid first frame: %s", self.url, error)
            return None
        if not isinstance(frame, ReadyFrame):
            log.warning("Hub %s sent %r instead of a ready frame", self.url, frame)
            return None
        return frame

    def _dispatch(self, raw: str | bytes) -> None:
        try:
            data = decode_frame(raw)
            frame = parse_frame(data)
        except FrameError as error:
            log.warning("Hub %s sent an invalid frame, skipped: %s", self.url, error)
            return
        self._notify("hub_frame", data, frame)
