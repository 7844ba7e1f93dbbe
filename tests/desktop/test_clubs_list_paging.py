"""The club list pages through the search it shows, even while a newer search is loading."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from pytestqt.qtbot import QtBot

from desktop.albums.cache import ImageLoader
from desktop.clubs.list_page import ClubListPage
from desktop.tasks import TaskSupervisor
from shared.clubs import ClubList, ClubOut
from tests.desktop.conftest import timeout_ms


def club(club_id: int, title: str) -> ClubOut:
    return ClubOut(
        id=club_id,
        title=title,
        city="Владивосток",
        topic="Toyota",
        description="",
        join_policy="open",
        member_count=1,
        my_role=None,
        my_status="none",
        dialog_id=None,
        created_at=datetime.now(UTC),
    )


class FakeClubs:
    """Returns search pages from memory. A search for "slow" waits until ``release`` is set."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.release = asyncio.Event()

    async def search(
        self, query: str = "", city: str = "", *, after: int | None = None, limit: int | None = None
    ) -> ClubList:
        self.calls.append({"query": query, "after": after})
        if query == "slow":
            await self.release.wait()
            return ClubList(clubs=[club(100, "slow")], next_after=None)
        if after is None:
            return ClubList(
                clubs=[club(club_id, f"club {club_id}") for club_id in range(20, 10, -1)], next_after=11
            )
        return ClubList(clubs=[club(5, "club 5")], next_after=None)


async def no_fetch(url: str) -> bytes:
    raise AssertionError(f"no image should load: {url}")


def test_club_list_pages_shown_search(qtbot: QtBot, qloop: asyncio.AbstractEventLoop) -> None:
    supervisor = TaskSupervisor()
    clubs = FakeClubs()
    page = ClubListPage(clubs, ImageLoader(no_fetch, supervisor), str, supervisor)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    page.show()
    page.search()
    qtbot.waitUntil(lambda: page.model.rowCount() == 10, timeout=timeout_ms(5))
    assert len(clubs.calls) == 1, "ten rows fill the list: no page loads before scrolling"

    # A newer search is on its way while the list still shows the first one.
    page.query_edit.setText("slow")
    page.search()
    qtbot.waitUntil(lambda: len(clubs.calls) == 2, timeout=timeout_ms(5))
    page.model.fetchMore(page.model.index(0).parent())
    qtbot.waitUntil(lambda: len(clubs.calls) == 3, timeout=timeout_ms(5))

    assert clubs.calls[2] == {"query": "", "after": 11}, "the next page belongs to the shown search"
    # The newer search replaces the list when it arrives; the stale page is not appended.
    clubs.release.set()
    qtbot.waitUntil(lambda: [c.title for c in page.model.clubs()] == ["slow"], timeout=timeout_ms(5))
