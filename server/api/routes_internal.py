"""Routes the hub calls; guarded by the internal secret and left out of OpenAPI."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Header, Response
from pydantic import BaseModel

from server.api.deps import ContextDep
from server.errors import ApiError
from server.services import friends, handshakes
from shared.api import SessionCheck
from shared.errors import ErrorCode

INTERNAL_SECRET_HEADER = "X-Autoclub-Internal-Secret"

router = APIRouter(prefix="/internal/v1", include_in_schema=False)


class HandshakeRequest(BaseModel):
    token: str


def _check_secret(context: ContextDep, given: str | None) -> None:
    if given is None or not hmac.compare_digest(given.encode(), context.secret.encode()):
        raise ApiError(403, ErrorCode.FORBIDDEN, "internal route: wrong or missing secret")


@router.post("/handshake", response_model=SessionCheck)
async def handshake(
    body: HandshakeRequest,
    context: ContextDep,
    secret: Annotated[str | None, Header(alias=INTERNAL_SECRET_HEADER)] = None,
) -> SessionCheck:
    """Check a session token for the hub and list the rooms the connection joins."""
    _check_secret(context, secret)
    return await handshakes.session_check(context, body.token)


class PresenceChange(BaseModel):
    user_id: int
    online: bool


@router.post("/presence", status_code=204)
async def presence(
    body: PresenceChange,
    context: ContextDep,
    secret: Annotated[str | None, Header(alias=INTERNAL_SECRET_HEADER)] = None,
) -> Response:
    """Take a user's first-connection or last-disconnection from the hub and tell friends."""
    _check_secret(context, secret)
    await friends.publish_presence(context, body.user_id, body.online)
    return Response(status_code=204)
