"""Bodies of the HTTP API under ``/api/v1``.

The server validates requests with these models and the desktop client parses
responses with them, so both ends stay on one contract. Ids are integers on
this server, but clients treat them as opaque values.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.limits import Int64, Text


class _Body(BaseModel):
    model_config = ConfigDict(extra="ignore")


class UserOut(_Body):
    id: int
    display_name: str
    phone: str | None = Field(
        default=None, description="E.164 number; present only in the user's own profile and sign-in"
    )


class CodeRequest(_Body):
    phone: Text = Field(description="Phone number in any common notation; Russia is the default region")


class CodeSent(_Body):
    phone: str = Field(description="The number normalised to E.164")
    expires_in: int = Field(description="Seconds until the code expires")
    resend_after: int = Field(description="Seconds until another code may be requested")
    new_user: bool = Field(description="True when no account has this number yet")


class VerifyRequest(_Body):
    phone: Text
    code: Text
    display_name: Text | None = Field(default=None, description="Required for a new user")
    device_name: Text | None = None


class SignedIn(_Body):
    token: str = Field(description="Opaque session token for `Authorization: Bearer`")
    session_id: int
    user: UserOut


class Me(_Body):
    user: UserOut


class MemberOut(_Body):
    user: UserOut
    role: Literal["owner", "admin", "member"]


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
    roles: dict[int, Literal["owner", "admin", "member"]] = Field(
        default_factory=dict, description="Role of each member of a group by user id"
    )
    last_message: MessageOut | None = None
    last_seq: int = 0
    unread_count: int = Field(default=0, description="Messages from others after the caller's read cursor")
    read_seq: int = Field(default=0, description="The caller's read cursor: newest seq read")
    peer_read_seq: int | None = Field(
        default=None, description="The peer's read cursor in a direct dialog, for read receipts"
    )
    created_at: datetime


class DialogList(_Body):
    dialogs: list[DialogOut]


class DialogCreate(_Body):
    user_id: Int64 | None = None
    phone: Text | None = None


class DialogEnvelope(_Body):
    dialog: DialogOut


class MessageCreate(_Body):
    client_id: Text = Field(description="Client-generated unique id, e.g. a UUID4; retries reuse it")
    text: Text


class MessageEnvelope(_Body):
    message: MessageOut


class MessageList(_Body):
    messages: list[MessageOut]


class ErrorDetail(_Body):
    code: str
    message: str


class ErrorBody(_Body):
    error: ErrorDetail


class SessionCheckFriend(_Body):
    user_id: int
    last_seen: datetime | None


class PresenceOut(_Body):
    user_id: int
    online: bool
    last_seen: datetime | None = Field(
        default=None, description="When the user was last online; null while online"
    )


class FriendOut(_Body):
    user: UserOut
    online: bool
    last_seen: datetime | None


class FriendRequestOut(_Body):
    user: UserOut
    created_at: datetime


class FriendsList(_Body):
    friends: list[FriendOut]
    incoming: list[FriendRequestOut] = Field(description="Requests other users sent to the caller")
    outgoing: list[FriendRequestOut] = Field(description="Requests the caller sent, not yet accepted")


class FriendshipState(_Body):
    status: Literal["none", "outgoing", "incoming", "friends"]


class ProfileOut(_Body):
    user: UserOut
    friendship: Literal["self", "none", "outgoing", "incoming", "friends"]
    online: bool | None = Field(default=None, description="Only for friends and oneself")
    last_seen: datetime | None = Field(default=None, description="Only for friends and oneself")
    created_at: datetime


class Profile(_Body):
    profile: ProfileOut


class VisitorOut(_Body):
    user: UserOut
    visited_at: datetime
    visits: int = Field(description="Visits by this user so far")


class VisitorList(_Body):
    visitors: list[VisitorOut]


class SessionOut(_Body):
    id: int
    device_name: str
    created_at: datetime
    last_seen_at: datetime
    address: str | None
    current: bool


class SessionList(_Body):
    sessions: list[SessionOut]


class RevokedCount(_Body):
    revoked: int


class GroupCreate(_Body):
    title: Text
    member_ids: list[Int64] = Field(default_factory=list, description="Users to add besides the creator")


class MemberAdd(_Body):
    user_id: Int64


class MemberRole(_Body):
    role: Literal["admin", "member"]


class ReadCursor(_Body):
    seq: int = Field(description="Sequence number of the newest message read")


class DialogUpdate(_Body):
    title: Text


class SessionCheck(_Body):
    """The hub's view of a session token, from the internal handshake route."""

    user_id: int
    session_id: int
    dialog_ids: list[int]
    friends: list[SessionCheckFriend]


class SyncRequest(_Body):
    known: dict[Int64, Int64] = Field(
        default_factory=dict,
        description="For each dialog the client has: the newest seq it has stored (0 for none)",
    )
    limit: int = Field(default=500, description="Maximum number of messages in one response, 1 to 1000")


class SyncResponse(_Body):
    dialogs: list[DialogOut] = Field(description="Every dialog the caller is in, with read state")
    messages: list[MessageOut] = Field(
        description="Messages after the client's known seq, ascending seq within each dialog"
    )
    removed_dialog_ids: list[int] = Field(description="Known dialogs the caller is no longer in")
    has_more: bool = Field(description="True when more messages wait; call again with updated seqs")


class ServerInfo(_Body):
    hub_url: str | None = Field(description="WebSocket URL of the hub; null when it is unknown")
    protocol: int = Field(description="Hub protocol version this server speaks")
    version: str = Field(description="Server version")
