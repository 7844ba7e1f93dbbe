"""Qt signals for the hub's live frames, over the Qt-free ``HubConnection``.

The socket loop, the frame parsing and the backoff schedule live in
``desktop.sync``. This module re-exports them under their old names, so code
that imports them from here keeps working. The socket is a fast path only:
after every ``ready`` the owner refetches from the HTTP API what it missed,
because frames sent while the socket was down are not replayed.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop.sync.connection import (
    OPEN_TIMEOUT_SECONDS,
    READY_TIMEOUT_SECONDS,
    HubConnection,
    HubState,
)
from desktop.sync.frames import (
    BACKOFF_BASE_SECONDS,
    BACKOFF_MAX_SECONDS,
    SESSION_CLOSE_CODES,
    DialogNewFrame,
    DialogReadFrame,
    ErrorFrame,
    FrameError,
    HubFrame,
    MessageNewFrame,
    ReadyFrame,
    auth_frame,
    backoff_delay,
    parse_frame,
)
from desktop.tasks import TaskSupervisor

log = logging.getLogger("autoclub.desktop")

__all__ = [
    "BACKOFF_BASE_SECONDS",
    "BACKOFF_MAX_SECONDS",
    "OPEN_TIMEOUT_SECONDS",
    "READY_TIMEOUT_SECONDS",
    "SESSION_CLOSE_CODES",
    "DialogNewFrame",
    "DialogReadFrame",
    "ErrorFrame",
    "FrameError",
    "HubClient",
    "HubFrame",
    "HubState",
    "MessageNewFrame",
    "ReadyFrame",
    "auth_frame",
    "backoff_delay",
    "parse_frame",
]


class HubClient(QObject):
    """One live connection to the hub, reconnecting until ``stop()``.

    ``connection`` is the underlying ``HubConnection``; the sync engine
    listens to it directly, so the app keeps one socket per account.

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
        self.connection = HubConnection(
            url,
            token,
            spawn=lambda coro, name: supervisor.spawn(coro, name=name),
            backoff_base=backoff_base,
            backoff_max=backoff_max,
        )
        self.connection.add_listener(self)

    @property
    def state(self) -> HubState:
        return self.connection.state

    def start(self) -> None:
        self.connection.start()

    async def stop(self) -> None:
        """Close the connection and stop reconnecting."""
        await self.connection.stop()

    def send_frame(self, frame: dict[str, Any]) -> bool:
        """Send a frame such as ``typing`` to the hub; return False when not online."""
        return self.connection.send_frame(frame)

    # HubListener methods, called by the connection.

    def hub_state_changed(self, state: HubState) -> None:
        self.stateChanged.emit(state.value)

    def hub_ready(self, frame: ReadyFrame) -> None:
        self.ready.emit(frame.user_id, frame.session_id)

    def hub_frame(self, data: dict[str, Any], frame: HubFrame | None) -> None:
        self.frameReceived.emit(data)
        if isinstance(frame, MessageNewFrame):
            self.messageReceived.emit(frame.message)
        elif isinstance(frame, DialogNewFrame):
            self.dialogReceived.emit(frame.dialog)
        elif isinstance(frame, ErrorFrame):
            log.warning("Hub %s sent an error frame: %s %s", self.url, frame.code, frame.message)

    def hub_rejected(self, close_code: int) -> None:
        self.authRejected.emit(close_code)
