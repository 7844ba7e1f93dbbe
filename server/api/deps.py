"""Request dependencies: the server context and the signed-in caller."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from server.db.models import Session, User
from server.errors import ApiError
from server.services import auth
from server.services.context import ServerContext
from shared.errors import ErrorCode

_bearer = HTTPBearer(auto_error=False, description="The session token from /api/v1/auth/verify")


def get_context(request: Request) -> ServerContext:
    context: ServerContext = request.app.state.context
    return context


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


@dataclass(frozen=True)
class Caller:
    user: User
    session: Session
    token: str


async def get_caller(
    request: Request,
    context: Annotated[ServerContext, Depends(get_context)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    if credentials is None or not credentials.credentials:
        raise ApiError(
            401,
            ErrorCode.NOT_AUTHENTICATED,
            "missing Authorization: Bearer token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    try:
        user, session = await auth.authenticate(context, credentials.credentials, client_address(request))
    except ApiError as error:
        error.headers.setdefault("WWW-Authenticate", 'Bearer error="invalid_token"')
        raise
    return Caller(user=user, session=session, token=credentials.credentials)


ContextDep = Annotated[ServerContext, Depends(get_context)]
CallerDep = Annotated[Caller, Depends(get_caller)]
