"""The Clubs section against a real server: search, create, join, requests, admin actions, cover.

The user in the UI ("Алиса") signs in over HTTP and gets a ``ClubsSection``
with a live ``HubClient``; other users act through plain HTTP calls.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.clubs.list_page import SEARCH_DEBOUNCE_MS
from desktop.clubs.section import ClubsSection
from desktop.errors import error_text
from desktop.hub import HubClient, HubState
from desktop.tasks import TaskSupervisor
from shared.api import UserOut
from shared.clubs import ClubOut
from shared.errors import ErrorCode
from tests.desktop.conftest import Runner, timeout_ms, type_text
from tests.support.server import ServerProcess
from tests.support.users import ApiUser, sign_in

MEDIA_DATA = Path(__file__).resolve().parents[1] / "media" / "data"

Section = Callable[[ApiUser], ClubsSection]


@pytest.fixture
def http(run: Runner, server: ServerProcess) -> Iterator[httpx.AsyncClient]:
    client = httpx.AsyncClient(base_url=server.api_url, timeout=10)
    yield client
    run(client.aclose())


@pytest.fixture
def user(run: Runner, server: ServerProcess, http: httpx.AsyncClient) -> Callable[[str], ApiUser]:
    def create(name: str) -> ApiUser:
        signed_in: ApiUser = run(sign_in(server, http, name))
        return signed_in

    return create


@pytest.fixture
def section(qtbot: QtBot, run: Runner, server: ServerProcess) -> Iterator[Section]:
    """Build the Clubs section of a signed-in user, with a live hub connection."""
    supervisor = TaskSupervisor()
    clients: list[ApiClient] = []
    hubs: list[HubClient] = []

    def build(owner: ApiUser) -> ClubsSection:
        api = ApiClient(server.api_url, owner.token)
        hub = HubClient(server.hub_url, owner.token, supervisor)
        clients.append(api)
        hubs.append(hub)
        hub.start()
        qtbot.waitUntil(lambda: hub.state == HubState.ONLINE, timeout=timeout_ms(5))
        me = UserOut(id=owner.id, display_name=owner.display_name, phone=owner.phone)
        widget = ClubsSection(api, hub, me, supervisor)
        qtbot.addWidget(widget)
        widget.resize(1000, 760)
        widget.show()
        return widget

    yield build
    for hub in hubs:
        run(hub.stop())
    run(supervisor.cancel_all())
    for api in clients:
        run(api.aclose())


@pytest.fixture
def yes_to_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Return Yes from every confirmation box, because a modal box would block the test."""
    monkeypatch.setattr(QMessageBox, "question", lambda *_args, **_kwargs: QMessageBox.StandardButton.Yes)


def create_club(owner: ApiUser, run: Runner, **fields: Any) -> dict[str, Any]:
    body = {"title": "Клуб", "city": "Владивосток", "topic": "Toyota", **fields}
    response = run(owner.post("/api/v1/clubs", json=body))
    assert response.status_code == 201, response.text
    club: dict[str, Any] = response.json()["club"]
    return club


def club_out(club: dict[str, Any], run: Runner, widget: ClubsSection) -> ClubOut:
    """Return the club as the section's user sees it."""
    seen: ClubOut = run(widget.clubs_api.club(club["id"]))
    return seen


def jpeg_file(path: Path, width: int, height: int) -> Path:
    """Write a JPEG whose left half is red and right half blue."""
    image = Image.new("RGB", (width, height), (220, 30, 30))
    image.paste((30, 60, 220), (width // 2, 0, width, height))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    path.write_bytes(buffer.getvalue())
    return path


def test_search_debounced_and_paged(
    qtbot: QtBot,
    run: Runner,
    user: Callable[[str], ApiUser],
    section: Section,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("desktop.clubs.list_page.CLUB_PAGE_SIZE", 3)
    tag = uuid.uuid4().hex[:8]
    bob = user("Боб")
    cities = ["Москва", "Владивосток", "Москва", "Находка", "Москва", "Москва", "Уссурийск"]
    created = [
        create_club(bob, run, title=f"Клуб {tag} {index}", city=city) for index, city in enumerate(cities)
    ]

    widget = section(user("Алиса"))
    page = widget.list_page
    page.list.setFixedHeight(150)  # two rows of 72 pixels, so later pages load only on scrolling
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=timeout_ms(5))
    searches_before = page.searches

    type_text(page.query_edit, f"КЛУБ {tag}")
    assert page.debounce.isActive()
    qtbot.waitUntil(lambda: page.searches == searches_before + 1, timeout=timeout_ms(5) + SEARCH_DEBOUNCE_MS)
    # Until the search's first page arrives, the list still shows the unfiltered clubs.
    qtbot.waitUntil(
        lambda: page.model.rowCount() == 3 and all(tag in club.title for club in page.model.clubs()),
        timeout=timeout_ms(5),
    )
    assert page.searches == searches_before + 1  # one search for all the typed characters
    assert page.model.next_after is not None

    # Scrolling to the end loads the next keyset page, newest first across pages.
    while page.model.rowCount() < len(created):
        rows = page.model.rowCount()
        page.list.scrollToBottom()
        qtbot.waitUntil(lambda: page.model.rowCount() > rows, timeout=timeout_ms(5))  # noqa: B023
    assert [club.id for club in page.model.clubs()] == [club["id"] for club in reversed(created)]
    assert page.model.next_after is None

    # The city matches from its start, in any case.
    type_text(page.city_edit, "моск")
    qtbot.waitUntil(
        lambda: page.model.rowCount() == 3 and page.model.club(0).city == "Москва", timeout=timeout_ms(5)
    )
    page.list.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=timeout_ms(5))
    assert {club.city for club in page.model.clubs()} == {"Москва"}

    page.query_edit.setText(f"nothing {tag}")
    qtbot.waitUntil(
        lambda: page.model.rowCount() == 0 and page.empty_label.isVisible(), timeout=timeout_ms(5)
    )
    assert page.empty_label.text() == "No clubs match the search."


def test_create_club_validation_and_save(
    qtbot: QtBot, run: Runner, user: Callable[[str], ApiUser], section: Section
) -> None:
    widget = section(user("Алиса"))
    dialog = widget.ask_new_club()

    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert dialog.error_label.text().splitlines() == [
        "Enter the club's title.",
        "Enter the city.",
        "Enter the topic, for example a car make.",
    ]

    type_text(dialog.title_edit, "Я" * 81)
    type_text(dialog.city_edit, "Владивосток")
    type_text(dialog.topic_edit, "Subaru")
    dialog.buttons.accepted.emit()
    assert dialog.error_label.text() == "The title is too long: at most 80 characters."

    dialog.title_edit.setText("  Субару   Клуб  ")
    dialog.policy_combo.setCurrentIndex(dialog.policy_combo.findData("request"))
    with qtbot.waitSignal(dialog.saved, timeout=timeout_ms(5)) as saved:
        dialog.buttons.accepted.emit()
    club = saved.args[0]
    assert club.title == "Субару Клуб"
    assert club.join_policy == "request"
    assert club.my_role == "owner"

    page = widget.club_page
    assert page is not None
    assert widget.stack.currentWidget() is page
    assert page.title_label.text() == "Субару Клуб"
    # "1 member" or "1 member(s)", depending on whether an English translation is installed.
    assert page.details_label.text().startswith("Владивосток · Subaru · 1 member")
    assert page.edit_button.isVisible()
    assert not page.join_button.isVisible()
    assert not page.leave_button.isVisible()  # the owner cannot leave
    assert page.status_label.text() == "You own this club."


def test_join_open_club_chat_and_leave(
    qtbot: QtBot, run: Runner, user: Callable[[str], ApiUser], section: Section, yes_to_questions: None
) -> None:
    bob = user("Боб")
    club = create_club(bob, run, title=f"Открытый {uuid.uuid4().hex[:6]}")
    widget = section(user("Алиса"))
    page = widget.open_club(club_out(club, run, widget))
    qtbot.waitUntil(lambda: len(page.members) == 1, timeout=timeout_ms(5))
    assert page.join_button.isVisible()
    assert page.join_button.text() == "Join"
    assert not page.chat_button.isVisible()

    qtbot.mouseClick(page.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.club.my_status == "member", timeout=timeout_ms(5))
    qtbot.waitUntil(lambda: len(page.members) == 2, timeout=timeout_ms(5))
    assert page.club.member_count == 2
    assert page.chat_button.isVisible()
    assert not page.join_button.isVisible()
    assert page.leave_button.text() == "Leave"

    with qtbot.waitSignal(widget.chatRequested, timeout=timeout_ms(2)) as opened:
        qtbot.mouseClick(page.chat_button, Qt.MouseButton.LeftButton)
    assert opened.args == [club["dialog_id"]]

    qtbot.mouseClick(page.leave_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.club.my_status == "none", timeout=timeout_ms(5))
    qtbot.waitUntil(lambda: len(page.members) == 1, timeout=timeout_ms(5))
    assert page.join_button.isVisible()


def test_request_to_join_approved_live(
    qtbot: QtBot, run: Runner, user: Callable[[str], ApiUser], section: Section, yes_to_questions: None
) -> None:
    bob = user("Боб")
    club = create_club(bob, run, title=f"По заявкам {uuid.uuid4().hex[:6]}", join_policy="request")
    widget = section(user("Алиса"))
    page = widget.open_club(club_out(club, run, widget))
    assert page.join_button.text() == "Ask to join"

    qtbot.mouseClick(page.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.club.my_status == "pending", timeout=timeout_ms(5))
    assert page.status_label.text() == "Request sent. The club's admins will answer it."
    assert page.leave_button.text() == "Cancel request"
    assert not page.join_button.isVisible()
    assert not page.chat_button.isVisible()

    # Bob approves over HTTP; Alice's page learns it from the club.joined frame.
    alice_id = widget.user.id
    response = run(bob.post(f"/api/v1/clubs/{club['id']}/requests/{alice_id}/approve"))
    assert response.status_code == 204, response.text
    qtbot.waitUntil(lambda: page.club.my_status == "member", timeout=timeout_ms(5))
    qtbot.waitUntil(lambda: page.chat_button.isVisible(), timeout=timeout_ms(5))
    assert page.club.dialog_id == club["dialog_id"]


def test_request_declined_live(
    qtbot: QtBot, run: Runner, user: Callable[[str], ApiUser], section: Section
) -> None:
    bob = user("Боб")
    club = create_club(bob, run, title=f"Строгий {uuid.uuid4().hex[:6]}", join_policy="request")
    widget = section(user("Алиса"))
    page = widget.open_club(club_out(club, run, widget))
    qtbot.mouseClick(page.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.club.my_status == "pending", timeout=timeout_ms(5))

    with qtbot.waitSignal(widget.errorOccurred, timeout=timeout_ms(5)) as message:
        run(bob.post(f"/api/v1/clubs/{club['id']}/requests/{widget.user.id}/decline"))
    assert message.args == [f"Your request to join “{club['title']}” was declined."]
    qtbot.waitUntil(lambda: page.club.my_status == "none", timeout=timeout_ms(5))
    assert page.join_button.isVisible()


def test_admin_approves_request_and_manages_members(
    qtbot: QtBot, run: Runner, user: Callable[[str], ApiUser], section: Section, yes_to_questions: None
) -> None:
    alice = user("Алиса")
    club = create_club(alice, run, title=f"Мой клуб {uuid.uuid4().hex[:6]}", join_policy="request")
    widget = section(alice)
    page = widget.open_club(club_out(club, run, widget))
    qtbot.waitUntil(lambda: len(page.members) == 1, timeout=timeout_ms(5))
    assert page.tabs.indexOf(page.requests_tab) >= 0

    # Bob requests to join, and the request appears live from club.join_requested.
    bob = user("Боб")
    assert run(bob.post(f"/api/v1/clubs/{club['id']}/join")).json()["club"]["my_status"] == "pending"
    qtbot.waitUntil(lambda: [r.user.id for r in page.requests] == [bob.id], timeout=timeout_ms(5))
    assert page.tabs.tabText(page.tabs.indexOf(page.requests_tab)) == "Requests (1)"

    page.request_list.setCurrentRow(0)
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.members) == 2 and not page.requests, timeout=timeout_ms(5))
    assert run(bob.get(f"/api/v1/clubs/{club['id']}")).json()["club"]["my_status"] == "member"

    # The owner makes Bob an admin, then removes him.
    bob_row = next(row for row, member in enumerate(page.members) if member.user.id == bob.id)
    page.member_list.setCurrentRow(bob_row)
    assert page.make_admin_button.isEnabled()
    qtbot.mouseClick(page.make_admin_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(m.user.id == bob.id and m.role == "admin" for m in page.members), timeout=timeout_ms(5)
    )
    assert page.member_list.item(bob_row).text() == "Боб — admin"

    page.member_list.setCurrentRow(bob_row)
    assert page.remove_member_button.isEnabled()
    qtbot.mouseClick(page.remove_member_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [m.user.id for m in page.members] == [alice.id], timeout=timeout_ms(5))
    assert run(bob.get(f"/api/v1/clubs/{club['id']}")).json()["club"]["my_status"] == "none"


def test_admin_edits_fields_and_cover(
    qtbot: QtBot, run: Runner, user: Callable[[str], ApiUser], section: Section, tmp_path: Path
) -> None:
    alice = user("Алиса")
    club = create_club(alice, run, title=f"Обложка {uuid.uuid4().hex[:6]}")
    widget = section(alice)
    page = widget.open_club(club_out(club, run, widget))

    dialog = page.edit()
    dialog.city_edit.setText("Находка")
    with qtbot.waitSignal(dialog.saved, timeout=timeout_ms(5)):
        dialog.buttons.accepted.emit()
    assert page.club.city == "Находка"
    assert page.details_label.text().startswith("Находка · Toyota")

    # A failed cover upload shows the server's reason.
    with qtbot.waitSignal(widget.errorOccurred, timeout=timeout_ms(5)) as failure:
        page.upload_cover(MEDIA_DATA / "image_invalid.jpg")
    assert failure.args == [error_text(ErrorCode.NOT_AN_IMAGE)]
    assert page.club.cover is None

    # A 2400x300 cover is wider than the banner, so the crop keeps its height and
    # moves sideways with the focal point. Its medium variant is 1024x128.
    cover_file = jpeg_file(tmp_path / "cover.jpg", 2400, 300)
    with qtbot.waitSignal(page.clubChanged, timeout=timeout_ms(10)):
        page.upload_cover(cover_file)
    cover = page.club.cover
    assert cover is not None
    assert (cover.focal_x, cover.focal_y) == (0.5, 0.5)
    url = page.resolve(cover.photo.variants.medium.url)
    qtbot.waitUntil(lambda: url in page.loader.cache, timeout=timeout_ms(5))
    banner_aspect = page.banner.width() / page.banner.height()
    assert 1.0 < banner_aspect < 1024 / 128
    source = page.banner.source_rect()
    assert source.height() == pytest.approx(128)
    assert source.width() == pytest.approx(128 * banner_aspect)
    assert source.center().x() == pytest.approx(512)

    # Clicking on the right edge of the preview moves the focal point there.
    picker = page.pick_focal_point()
    assert picker is not None
    picker.show()
    qtbot.waitExposed(picker)
    target = picker.preview.image_rect()
    qtbot.mouseClick(
        picker.preview, Qt.MouseButton.LeftButton, pos=QPoint(target.right(), target.center().y())
    )
    focal_x, focal_y = picker.focal_point()
    assert focal_x == pytest.approx(1.0, abs=0.01)
    assert focal_y == pytest.approx(0.5, abs=0.02)
    with qtbot.waitSignal(page.clubChanged, timeout=timeout_ms(5)):
        picker.accept()
    assert page.club.cover is not None
    assert page.club.cover.focal_x == pytest.approx(focal_x)
    source = page.banner.source_rect()
    assert source.right() == pytest.approx(1024, abs=1)

    with qtbot.waitSignal(page.clubChanged, timeout=timeout_ms(5)):
        page.remove_cover()
    assert page.club.cover is None
    assert page.banner.source_rect().isEmpty()
