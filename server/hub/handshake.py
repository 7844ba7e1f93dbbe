"""The first step of a connection, without I/O: turning the auth frame into a token.

Each check fails with its own close code, so a client can tell a bad frame
from an unsupported protocol or a wrong token.
"""

from __future__ import annotations

import json

from shared.frames import PROTOCOL_VERSION, CloseCode, FrameType

MAX_AUTH_FRAME_BYTES = 4096


class HandshakeError(Exception):
    """The handshake failed; close the connection with ``code``."""

    def __init__(self, code: CloseCode, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def token_from_header(value: str | None) -> str | None:
    """Return the token of an ``Authorization: Bearer`` header, or None when absent."""
    if not value:
        return None
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HandshakeError(CloseCode.UNAUTHORIZED, "malformed Authorization header")
    return token.strip()


def token_from_auth_frame(raw: str | bytes) -> str:
    """Validate the client's first frame and return its token.

    Raises:
        HandshakeError: ``PROTOCOL_ERROR`` for a frame that is binary, too
            long, not JSON or not an ``auth`` frame. ``UNSUPPORTED_PROTOCOL``
            for another protocol version, ``UNAUTHORIZED`` for a missing token.
    """
    if isinstance(raw, bytes):
        raise HandshakeError(CloseCode.PROTOCOL_ERROR, "expected a text frame")
    if len(raw) > MAX_AUTH_FRAME_BYTES:
        raise HandshakeError(CloseCode.PROTOCOL_ERROR, "auth frame too long")

    try:
        frame = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: nesting deeper than the parser allows
        raise HandshakeError(CloseCode.PROTOCOL_ERROR, "frame is not valid JSON") from None
    if not isinstance(frame, dict) or frame.get("type") != FrameType.AUTH:
        raise HandshakeError(CloseCode.PROTOCOL_ERROR, "first frame must be an auth frame")

    version = frame.get("protocol", PROTOCOL_VERSION)
    # `True == 1` and `1.0 == 1` in Python, so check the type as well.
    if type(version) is not int or version != PROTOCOL_VERSION:
        raise HandshakeError(
            CloseCode.UNSUPPORTED_PROTOCOL, f"protocol {version!r} unsupported; use {PROTOCOL_VERSION}"
        )

    token = frame.get("token")
    if not isinstance(token, str) or not token:
        raise HandshakeError(CloseCode.UNAUTHORIZED, "auth frame has no token")
    return token
