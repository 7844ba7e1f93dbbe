"""Club calls of the HTTP API (``/clubs``); every failure raises ``ApiError``."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from desktop.albums.api import ProgressCallback, parse_body, path_with_query, upload_file
from desktop.api import ApiClient
from shared.clubs import (
    ClubEnvelope,
    ClubList,
    ClubMemberList,
    ClubOut,
    ClubRole,
    JoinRequestList,
)

ModelT = TypeVar("ModelT", bound=BaseModel)


class ClubsApi:
    """Thin wrapper over ``ApiClient._request`` for the routes in ``server/api/routes_clubs.py``."""

    def __init__(self, api: ApiClient) -> None:
        self.api = api

    async def _json(
        self, model: type[ModelT], method: str, path: str, body: dict[str, Any] | None = None
    ) -> ModelT:
        response = await self.api._request(method, path, json=body)
        return parse_body(model, response, f"{method} {path}")

    async def _club(self, method: str, path: str, body: dict[str, Any] | None = None) -> ClubOut:
        return (await self._json(ClubEnvelope, method, path, body)).club

    # Clubs.

    async def search(
        self, query: str = "", city: str = "", *, after: int | None = None, limit: int | None = None
    ) -> ClubList:
        """Return one page of clubs whose title contains ``query`` and whose city starts with ``city``."""
        params: dict[str, Any] = {"after": after, "limit": limit}
        if query:
            params["query"] = query
        if city:
            params["city"] = city
        return await self._json(ClubList, "GET", path_with_query("/clubs", params))

    async def club(self, club_id: int) -> ClubOut:
        return await self._club("GET", f"/clubs/{club_id}")

    async def create(self, fields: dict[str, Any]) -> ClubOut:
        """Create a club from ``title``, ``city``, ``topic``, ``description`` and ``join_policy``."""
        return await self._club("POST", "/clubs", fields)

    async def update(self, club_id: int, changes: dict[str, Any]) -> ClubOut:
        return await self._club("PATCH", f"/clubs/{club_id}", changes)

    async def join(self, club_id: int) -> ClubOut:
        """Join an open club, or ask to join one; ``my_status`` of the result shows which."""
        return await self._club("POST", f"/clubs/{club_id}/join")

    async def leave(self, club_id: int) -> None:
        """Leave the club, or withdraw a pending request to join it."""
        await self.api._request("POST", f"/clubs/{club_id}/leave")

    # Members and requests.

    async def members(self, club_id: int, *, after: int | None = None) -> ClubMemberList:
        return await self._json(
            ClubMemberList, "GET", path_with_query(f"/clubs/{club_id}/members", {"after": after})
        )

    async def remove_member(self, club_id: int, user_id: int) -> None:
        await self.api._request("DELETE", f"/clubs/{club_id}/members/{user_id}")

    async def set_role(self, club_id: int, user_id: int, role: ClubRole) -> None:
        await self.api._request("PUT", f"/clubs/{club_id}/members/{user_id}/role", json={"role": role})

    async def requests(self, club_id: int, *, after: int | None = None) -> JoinRequestList:
        path = path_with_query(f"/clubs/{club_id}/requests", {"after": after})
        return await self._json(JoinRequestList, "GET", path)

    async def approve(self, club_id: int, user_id: int) -> None:
        await self.api._request("POST", f"/clubs/{club_id}/requests/{user_id}/approve")

    async def decline(self, club_id: int, user_id: int) -> None:
        await self.api._request("POST", f"/clubs/{club_id}/requests/{user_id}/decline")

    # Cover.

    async def upload_cover(
        self, club_id: int, filename: str, data: bytes, progress: ProgressCallback | None = None
    ) -> ClubOut:
        """Upload or replace the cover; the server resets the focal point to the centre."""
        path = f"/clubs/{club_id}/cover"
        response = await upload_file(self.api, "PUT", path, filename, data, progress)
        return parse_body(ClubEnvelope, response, f"PUT {path}").club

    async def set_focal_point(self, club_id: int, focal_x: float, focal_y: float) -> ClubOut:
        return await self._club("PATCH", f"/clubs/{club_id}/cover", {"focal_x": focal_x, "focal_y": focal_y})

    async def remove_cover(self, club_id: int) -> ClubOut:
        return await self._club("DELETE", f"/clubs/{club_id}/cover")
