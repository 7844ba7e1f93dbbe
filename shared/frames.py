"""Frames and close codes of the hub's WebSocket protocol.

Every frame is a JSON text frame with a ``type`` key. ``docs/protocol.md`` is
the reference for what each frame means; this module is the code for it.
"""

from __future__ import annotations

from enum import IntEnum

PROTOCOL_VERSION = 1
"""Version a client names in its ``auth`` frame; the hub rejects others."""

AUTH_TIMEOUT_SECONDS = 10.0
"""How long the hub waits for the ``auth`` frame after the upgrade, by default."""

PING_INTERVAL_SECONDS = 20.0
"""The hub pings each connection this often to notice dead peers."""

PING_TIMEOUT_SECONDS = 20.0
"""A connection whose pong is this late is closed as dead; with the interval
above a silent peer is noticed at most 40 seconds after its last frame."""


class CloseCode(IntEnum):
    """Close codes the hub uses; 1xxx are standard, 4xxx are Autoclub's own."""

    GOING_AWAY = 1001
    """Server is shutting down; reconnect at once, to another instance if any."""
    INTERNAL_ERROR = 1011
    TRY_AGAIN_LATER = 1013
    """The hub could not reach the API to check the token; retry with backoff."""
    PROTOCOL_ERROR = 4000
    """A frame was not JSON, had no known ``type`` or missed a required key."""
    UNAUTHORIZED = 4001
    """The token is missing, unknown or expired; sign in again."""
    AUTH_TIMEOUT = 4002
    """No ``auth`` frame arrived within ``AUTH_TIMEOUT_SECONDS``."""
    UNSUPPORTED_PROTOCOL = 4003
    """The ``auth`` frame named a protocol version this hub does not speak."""
    SESSION_REVOKED = 4004
    """The session was signed out from another device; sign in again."""
    TOO_SLOW = 4008
    """The client fell too far behind; reconnect and resync from its cursor."""


class FrameType:
    """Values of the ``type`` key."""

    AUTH = "auth"
    READY = "ready"
    MESSAGE_NEW = "message.new"
    DIALOG_NEW = "dialog.new"
    ERROR = "error"
