"""Frames of the hub protocol as plain values, and the reconnect backoff schedule.

No I/O here: ``desktop.sync.connection`` and ``desktop.hub`` wrap these
functions in their socket loops, and tests call them directly.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from shared.api import DialogOut, MessageOut
from shared.frames import PROTOCOL_VERSION, CloseCode, FrameType

BACKOFF_BASE_SECONDS = 0.5
"""First reconnect delay; doubles with every failed attempt."""

BACKOFF_MAX_SECONDS = 30.0
"""Maximum reconnect delay: a client reconnects within 30 seconds of a server
coming back after a long outage."""

SESSION_CLOSE_CODES = frozenset({CloseCode.UNAUTHORIZED, CloseCode.SESSION_REVOKED})
"""Close codes after which the token is dead and the user must sign in again."""


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
class DialogReadFrame:
    """A member's read cursor moved to ``seq`` in a dialog."""

    dialog_id: int
    user_id: int
    seq: int


@dataclass(frozen=True)
class ErrorFrame:
    code: str
    message: str


HubFrame = ReadyFrame | MessageNewFrame | DialogNewFrame | DialogReadFrame | ErrorFrame


class FrameError(ValueError):
    """A frame from the hub that is not JSON or misses a required key."""


def auth_frame(token: str) -> str:
    """Build the first frame a client sends after the upgrade."""
    return json.dumps({"type": FrameType.AUTH, "token": token, "protocol": PROTOCOL_VERSION})


def decode_frame(raw: str | bytes) -> dict[str, Any]:
    """Decode one frame into a JSON object with a string ``type``; raises ``FrameError``."""
    try:
        data: Any = json.loads(raw)
    except ValueError as error:
        raise FrameError(f"frame is not JSON: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("type"), str):
        raise FrameError("frame is not a JSON object with a string 'type'")
    return data


def parse_frame(raw: str | bytes | dict[str, Any]) -> HubFrame | None:
    """Parse one frame from the hub; return None for a type this client ignores.

    Takes the raw text or an object from ``decode_frame``. Raises
    ``FrameError`` for a frame that is not a JSON object with a ``type`` or
    whose payload does not match the shared models.
    """
    data = raw if isinstance(raw, dict) else decode_frame(raw)
    frame_type = data["type"]
    try:
        if frame_type == FrameType.READY:
            return ReadyFrame(user_id=int(data["user_id"]), session_id=int(data["session_id"]))
        if frame_type == FrameType.MESSAGE_NEW:
            return MessageNewFrame(MessageOut.model_validate(data["message"]))
        if frame_type == FrameType.DIALOG_NEW:
            return DialogNewFrame(DialogOut.model_validate(data["dialog"]))
        if frame_type == FrameType.DIALOG_READ:
            return DialogReadFrame(
                dialog_id=int(data["dialog_id"]), user_id=int(data["user_id"]), seq=int(data["seq"])
            )
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
    """Return the delay in seconds before retry number ``attempt`` (0-based).

    Exponential with "equal jitter": half of the capped delay is fixed and the
    other half random, so clients that lost one server spread their reconnects
    without any of them retrying at once in a loop.
    """
    capped = min(maximum, base * 2.0 ** min(attempt, 32))
    jitter: float = (rng or random.Random()).uniform(0.0, capped / 2)
    return capped / 2 + jitter
