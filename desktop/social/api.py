"""HTTP calls of the social routes: friends, profiles, visitors, sessions and groups.

Each method goes through ``ApiClient``'s shared request path, so errors are
``ApiError`` with the server's stable code, exactly as for chat calls.
"""

from __future__ import annotations

from desktop.api import ApiClient
from shared.api import (
    DialogEnvelope,
    DialogOut,
    FriendshipState,
    FriendsList,
    Profile,
    ProfileOut,
    RevokedCount,
    SessionList,
    SessionOut,
    UserOut,
    VisitorList,
    VisitorOut,
)


class SocialApi:
    """Social calls of the HTTP API on top of an ``ApiClient``. Every failure raises ``ApiError``."""

    def __init__(self, client: ApiClient) -> None:
        self.client = client

    # Friends.

    async def friends(self) -> FriendsList:
        return await self.client._call(FriendsList, "GET", "/friends")

    async def add_friend(self, user_id: int) -> str:
        """Send a friend request, or accept the one ``user_id`` sent. Return ``outgoing`` or ``friends``."""
        state = await self.client._call(FriendshipState, "POST", f"/friends/{user_id}")
        return state.status

    async def remove_friend(self, user_id: int) -> None:
        """Decline, cancel or end a friendship. Repeating it is harmless."""
        await self.client._request("DELETE", f"/friends/{user_id}")

    # Profiles.

    async def profile(self, user_id: int) -> ProfileOut:
        """Fetch a profile. The server records the visit and may notify its owner."""
        return (await self.client._call(Profile, "GET", f"/users/{user_id}")).profile

    async def visitors(self) -> list[VisitorOut]:
        return (await self.client._call(VisitorList, "GET", "/me/visitors")).visitors

    async def user_by_phone(self, phone: str) -> UserOut:
        """Find the user with this phone number.

        NOTE: the API has no lookup by phone, so this opens (or reuses) the
        direct dialog with that user, which both users then see in their list.
        """
        dialog = await self.client.create_dialog(phone=phone)
        if dialog.peer is None:
            raise ValueError(f"direct dialog {dialog.id} has no peer")
        return dialog.peer

    async def direct_dialog(self, user_id: int) -> DialogOut:
        return await self.client.create_dialog(user_id=user_id)

    # Sessions.

    async def sessions(self) -> list[SessionOut]:
        return (await self.client._call(SessionList, "GET", "/sessions")).sessions

    async def revoke_session(self, session_id: int) -> None:
        await self.client._request("DELETE", f"/sessions/{session_id}")

    async def revoke_other_sessions(self) -> int:
        """Sign out of every session but this one. Return how many were signed out."""
        return (await self.client._call(RevokedCount, "POST", "/sessions/revoke-others")).revoked

    # Groups.

    async def create_group(self, title: str, member_ids: list[int]) -> DialogOut:
        body = {"title": title, "member_ids": member_ids}
        return (await self.client._call(DialogEnvelope, "POST", "/groups", json=body)).dialog

    async def dialog(self, dialog_id: int) -> DialogOut:
        return (await self.client._call(DialogEnvelope, "GET", f"/dialogs/{dialog_id}")).dialog

    async def add_member(self, dialog_id: int, user_id: int) -> None:
        await self.client._request("POST", f"/dialogs/{dialog_id}/members", json={"user_id": user_id})

    async def remove_member(self, dialog_id: int, user_id: int) -> None:
        """Remove a member, or leave the group when ``user_id`` is the caller's own id."""
        await self.client._request("DELETE", f"/dialogs/{dialog_id}/members/{user_id}")

    async def set_role(self, dialog_id: int, user_id: int, role: str) -> None:
        await self.client._request("PUT", f"/dialogs/{dialog_id}/members/{user_id}/role", json={"role": role})

    async def rename_group(self, dialog_id: int, title: str) -> None:
        await self.client._request("PATCH", f"/dialogs/{dialog_id}", json={"title": title})
