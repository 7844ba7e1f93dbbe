"""Client of the hub's WebSocket protocol: auth frame, live frames, reconnects.

The frame parsing and the backoff schedule are plain functions with no I/O;
``HubClient`` is the thin asyncio loop around them that emits Qt signals.
The socket is a fast path only: after every ``ready`` the owner refetches
from the HTTP API what it missed, because frames sent while the socket was
down are not replayed.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QObject, Signal
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from desktop.tasks import TaskSupervisor
from shared.api import DialogOut, MessageOut
from shared.frames import PROTOCOL_VERSION, CloseCode, FrameType

log = logging.getLogger("autoclub.desktop")

BACKOFF_BASE_SECONDS = 0.5
"""First reconnect delay; doubles with every failed attempt."""

BACKOFF_MAX_SECONDS = 30.0
"""Maximum reconnect delay: a client reconnects within 30 seconds of a server
coming back after a long outage."""

OPEN_TIMEOUT_SECONDS = 10.0
"""Time for the TCP connect and the WebSocket upgrade."""

READY_TIMEOUT_SECONDS = 15.0
"""Time for the ``ready`` frame after ``auth``; longer than the hub's own
10-second wait for ``auth``, since the hub checks the token with the API."""

SESSION_CLOSE_CODES = frozenset({CloseCode.UNAUTHORIZED, CloseCode.SESSION_REVOKED})
"""Close codes after which the token is dead and the user must sign in again."""


class HubState(StrEnum):
    CONNECTING = "connecting"
    ONLINE = "online"
    OFFLINE = "offline"
    STOPPED = "stopped"


@dataclass(frozen=True)
class ReadyFrame:
    user_id: int
    session_id: int


@dataclass(frozen=True)
class MessageNewFrame:
    message: MessageOut


@dataclass(frozen=True)
class DialogNewFrame:
    dialog: DialogOut


@dataclass(frozen=True)
class ErrorFrame:
    code: str
    message: str


HubFrame = ReadyFrame | MessageNewFrame | DialogNewFrame | ErrorFrame


class FrameError(ValueError):
    """A frame from the hub that is not JSON or misses a required key."""


def auth_frame(token: str) -> str:
    """Build the first frame a client sends after the upgrade."""
    return json.dumps({"type": FrameType.AUTH, "token": token, "protocol": PROTOCOL_VERSION})


def parse_frame(raw: str | bytes) -> HubFrame | None:
    """Parse one frame from the hub; return None for a type this client ignores.

    Raises ``FrameError`` for a frame that is not a JSON object with a
    ``type`` or whose payload does not match the shared models.
    """
    try:
        data: Any = json.loads(raw)
    except ValueError as error:
        raise FrameError(f"frame is not JSON: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise FrameError("frame is not a JSON object with a string 'type'")

    frame_type = data["type"]
    try:
        if frame_type == FrameType.READY:
            return ReadyFrame(user_id=int(data["user_id"]), session_id=int(data["session_id"]))
        if frame_type == FrameType.MESSAGE_NEW:
            return MessageNewFrame(MessageOut.model_validate(data["message"]))
        if frame_type == FrameType.DIALOG_NEW:
            return DialogNewFrame(DialogOut.model_validate(data["dialog"]))
        if frame_type == FrameType.ERROR:
            return ErrorFrame(code=str(data.get("code", "")), message=str(data.get("message", "")))
    except (KeyError, TypeError, ValueError, ValidationError) as error:
        raise FrameError(f"invalid {frame_type!r} frame: {error}") from error
    return None


def backoff_delay(
    attempt: int,
    *,
    base: float = BACKOFF_BASE_SECONDS,
    maximum: float = BACKOFF_MAX_SECONDS,
    rng: random.Random | None = None,
) -> float:
    """Return the delay in seconds before reconnect attempt number ``attempt`` (0-based).

    Exponential with "equal jitter": half of the capped delay is fixed and the
    other half random, so clients that lost one server spread their reconnects
    without any of them retrying at once in a loop.
    """
    capped = min(maximum, base * 2.0 ** min(attempt, 32))
    jitter: float = (rng or random.Random()).uniform(0.0, capped / 2)
    return capped / 2 + jitter


class HubClient(QObject):
    """One live connection to the hub, reconnecting until ``stop()``.

    Signals:
        ready(user_id, session_id): the hub accepted the token; refetch now.
        messageReceived(MessageOut): a ``message.new`` frame, own messages included.
        dialogReceived(DialogOut): a ``dialog.new`` frame.
        stateChanged(str): a ``HubState`` value.
        frameReceived(dict): every valid frame as parsed JSON, for features
            such as presence, typing and friend requests.
        authRejected(int): the hub closed with a ``SESSION_CLOSE_CODES`` code.
            The client stopped, and the user must sign in again.
    """

    ready = Signal(int, int)
    messageReceived = Signal(object)
    dialogReceived = Signal(object)
    stateChanged = Signal(str)
    frameReceived = Signal(dict)
    authRejected = Signal(int)

    def __init__(
        self,
        url: str,
        token: str,
        supervisor: TaskSupervisor,
        *,
        backoff_base: float = BACKOFF_BASE_SECONDS,
        backoff_max: float = BACKOFF_MAX_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.url = url
        self._token = token
        self._supervisor = supervisor
        self._backoff_base = backoff_base
        self._backoff_max = backoff_max
        self._task: asyncio.Task[None] | None = None
        self._state = HubState.STOPPED

    @property
    def state(self) -> HubState:
        return self._state

    def _set_state(self, state: HubState) -> None:
        if state != self._state:
            self._state = state
            self.stateChanged.emit(state.value)

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = self._supervisor.spawn(self._run(), name="hub connection")

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
                self.authRejected.emit(close_code)
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
            async with connect(
                self.url,
                compression=None,
                open_timeout=OPEN_TIMEOUT_SECONDS,
            ) as websocket:
                await websocket.send(auth_frame(self._token))
                ready = await self._wait_ready(websocket)
                if ready is None:
                    await websocket.close(CloseCode.PROTOCOL_ERROR, "expected a ready frame")
                    return websocket.close_code, False
                was_ready = True
                log.info(
                    "Hub %s ready for user %s, session %s",
                    self.url,
                    ready.user_id,
                    ready.session_id,
                )
                self._set_state(HubState.ONLINE)
                self.ready.emit(ready.user_id, ready.session_id)
                async for raw in websocket:
                    self._dispatch(raw)
            return websocket.close_code, was_ready
        except ConnectionClosed as closed:
            return (closed.rcvd.code if closed.rcvd else None), was_ready
        except (OSError, TimeoutError, InvalidHandshake, InvalidURI) as error:
            log.info("Hub %s connection failed: %r", self.url, error)
            return None, was_ready

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
            frame = parse_frame(raw)
        except FrameError as error:
            log.warning("Hub %s sent an invalid frame, skipped: %s", self.url, error)
            return
        data = json.loads(raw)
        if isinstance(data, dict):
            self.frameReceived.emit(data)
        if isinstance(frame, MessageNewFrame):
            self.messageReceived.emit(frame.message)
        elif isinstance(frame, DialogNewFrame):
            self.dialogReceived.emit(frame.dialog)
        elif isinstance(frame, ErrorFrame):
            log.warning("Hub %s sent an error frame: %s %s", self.url, frame.code, frame.message)
