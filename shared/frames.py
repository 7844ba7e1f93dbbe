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

PING_INTERVAL_SECONDS = 10.0
"""The hub pings each connection this often to notice dead peers."""

PING_TIMEOUT_SECONDS = 10.0
"""A connection whose pong is this late is dropped as dead."""

CLOSE_TIMEOUT_SECONDS = 5.0
"""How long the hub waits for a closing peer to close TCP before it aborts.

With the ping settings above, friends see a silently dropped peer go offline
within 10 + 10 + 5 = 25 seconds of its last pong."""

TYPING_THROTTLE_SECONDS = 2.0
"""The hub relays at most one ``typing`` frame per user and dialog this often."""

TYPING_EXPIRY_SECONDS = 5.0
"""A client hides "is typing" this long after the last ``typing`` frame."""


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
    DIALOG_UPDATED = "dialog.updated"
    DIALOG_READ = "dialog.read"
    MEMBER_ADDED = "dialog.member_added"
    MEMBER_REMOVED = "dialog.member_removed"
    PRESENCE = "presence"
    TYPING = "typing"
    PROFILE_VISIT = "profile.visit"
    FRIEND_REQUEST = "friend.request"
    FRIEND_ACCEPTED = "friend.accepted"
    FRIEND_REMOVED = "friend.removed"
    ERROR = "error"
