"""Sign-in routes: ``/api/v1/auth/*`` and ``/api/v1/me``."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from server.api.deps import CallerDep, ContextDep, client_address
from server.api.errors import error_responses
from server.services import auth
from server.services.views import user_out
from shared.api import CodeRequest, CodeSent, Me, SignedIn, VerifyRequest

router = APIRouter(prefix="/api/v1", tags=["auth"])

_ERRORS = error_responses(400, 401, 413, 422, 429)


@router.post("/auth/code", response_model=CodeSent, responses=error_responses(400, 401, 413, 422, 429, 502))
async def request_code(body: CodeRequest, request: Request, context: ContextDep) -> CodeSent:
    """Send a one-time sign-in code by SMS to the number."""
    result = await auth.request_code(context, body.phone, client_address(request))
    return CodeSent(
        phone=result.phone,
        expires_in=result.expires_in,
        resend_after=result.resend_after,
        new_user=result.new_user,
    )


@router.post("/auth/verify", response_model=SignedIn, responses=_ERRORS)
async def verify(body: VerifyRequest, request: Request, context: ContextDep) -> SignedIn:
    """Exchange the code for a session token; a new user must give ``display_name``."""
    result = await auth.verify_code(
        context, body.phone, body.code, body.display_name, body.device_name, client_address(request)
    )
    return SignedIn(
        token=result.token,
        session_id=result.session.id,
        user=user_out(result.user, with_phone=True),
    )


@router.post("/auth/sign-out", status_code=204, responses=_ERRORS)
async def sign_out(caller: CallerDep, context: ContextDep) -> Response:
    """Revoke the calling session."""
    await auth.sign_out(context, caller.user.id, caller.session.id)
    return Response(status_code=204)


@router.get("/me", response_model=Me, responses=_ERRORS)
async def me(caller: CallerDep) -> Me:
    return Me(user=user_out(caller.user, with_phone=True))
