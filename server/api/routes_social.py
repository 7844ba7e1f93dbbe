"""Friends, profiles, profile visitors and sessions."""

from __future__ import annotations

from fastapi import APIRouter, Response

from server.api.deps import CallerDep, ContextDep
from server.api.errors import error_responses
from server.services import friends, profiles, sessions
from shared.api import FriendshipState, FriendsList, Profile, RevokedCount, SessionList, VisitorList
from shared.limits import Int64

router = APIRouter(prefix="/api/v1", tags=["social"])

_ERRORS = error_responses(401, 404, 422)


@router.get("/friends", response_model=FriendsList, responses=_ERRORS)
async def list_friends(caller: CallerDep, context: ContextDep) -> FriendsList:
    """List friends with presence, and pending requests both ways."""
    return await friends.list_friends(context, caller.user.id)


@router.post("/friends/{user_id}", response_model=FriendshipState, responses=_ERRORS)
async def add_friend(user_id: Int64, caller: CallerDep, context: ContextDep) -> FriendshipState:
    """Send a friend request, or accept the one this user already sent."""
    return await friends.add_friend(context, caller.user.id, user_id)


@router.delete("/friends/{user_id}", status_code=204, responses=_ERRORS)
async def remove_friend(user_id: Int64, caller: CallerDep, context: ContextDep) -> Response:
    """Decline, cancel or end the friendship with this user; repeating it is harmless."""
    await friends.remove_friend(context, caller.user.id, user_id)
    return Response(status_code=204)


@router.get("/users/{user_id}", response_model=Profile, responses=_ERRORS)
async def view_profile(user_id: Int64, caller: CallerDep, context: ContextDep) -> Profile:
    """Return a profile and record the visit; the owner is notified once per 10 minutes."""
    return Profile(profile=await profiles.view_profile(context, caller.user.id, user_id))


@router.get("/me/visitors", response_model=VisitorList, responses=_ERRORS)
async def list_visitors(caller: CallerDep, context: ContextDep) -> VisitorList:
    """List the latest 50 visitors of the caller's profile, newest first."""
    return VisitorList(visitors=await profiles.list_visitors(context, caller.user.id))


@router.get("/sessions", response_model=SessionList, responses=_ERRORS)
async def list_sessions(caller: CallerDep, context: ContextDep) -> SessionList:
    return SessionList(sessions=await sessions.list_sessions(context, caller.user.id, caller.session.id))


@router.delete("/sessions/{session_id}", status_code=204, responses=_ERRORS)
async def revoke_session(session_id: Int64, caller: CallerDep, context: ContextDep) -> Response:
    """Sign a session out; its sockets close at once with code 4004."""
    await sessions.revoke_session(context, caller.user.id, session_id)
    return Response(status_code=204)


@router.post("/sessions/revoke-others", response_model=RevokedCount, responses=_ERRORS)
async def revoke_other_sessions(caller: CallerDep, context: ContextDep) -> RevokedCount:
    """Sign out of every session but the calling one."""
    count = await sessions.revoke_sessions(context, caller.user.id, None, keep_id=caller.session.id)
    return RevokedCount(revoked=count)
