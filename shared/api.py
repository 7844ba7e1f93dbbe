"""Bodies of the HTTP API under ``/api/v1``.

The server validates requests with these models and the desktop client parses
responses with them, so both ends stay on one contract. Ids are integers on
this server, but clients treat them as opaque values.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Body(BaseModel):
    model_config = ConfigDict(extra="ignore")


class UserOut(_Body):
    id: int
    display_name: str
    phone: str | None = Field(
        default=None, description="E.164 number; present only in the user's own profile and sign-in"
    )


class CodeRequest(_Body):
    phone: str = Field(description="Phone number in any common notation; Russia is the default region")


class CodeSent(_Body):
    phone: str = Field(description="The number normalised to E.164")
    expires_in: int = Field(description="Seconds until the code expires")
    resend_after: int = Field(description="Seconds until another code may be requested")
    new_user: bool = Field(description="True when no account has this number yet")


class VerifyRequest(_Body):
    phone: str
    code: str
    display_name: str | None = Field(default=None, description="Required for a new user")
    device_name: str | None = None


class SignedIn(_Body):
    token: str = Field(description="Opaque session token for `Authorization: Bearer`")
    session_id: int
    user: UserOut


class Me(_Body):
    user: UserOut


class MessageOut(_Body):
    id: int
    dialog_id: int
    seq: int = Field(description="Position in the dialog: 1, 2, 3, ... without gaps")
    sender_id: int
    client_id: str
    text: str
    created_at: datetime


class DialogOut(_Body):
    id: int
    kind: Literal["direct", "group"]
    title: str | None = Field(default=None, description="Group title; null for direct dialogs")
    peer: UserOut | None = Field(default=None, description="The other user of a direct dialog")
    members: list[UserOut]
    last_message: MessageOut | None = None
    last_seq: int = 0
    created_at: datetime


class DialogList(_Body):
    dialogs: list[DialogOut]


class DialogCreate(_Body):
    user_id: int | None = None
    phone: str | None = None


class DialogEnvelope(_Body):
    dialog: DialogOut


class MessageCreate(_Body):
    client_id: str = Field(description="Client-generated unique id, e.g. a UUID4; retries reuse it")
    text: str


class MessageEnvelope(_Body):
    message: MessageOut


class MessageList(_Body):
    messages: list[MessageOut]


class ErrorDetail(_Body):
    code: str
    message: str


class ErrorBody(_Body):
    error: ErrorDetail


class SessionCheck(_Body):
    """The hub's view of a session token, from the internal handshake route."""

    user_id: int
    session_id: int
    dialog_ids: list[int]
