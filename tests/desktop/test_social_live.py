"""The social layer against a real server on loopback: friends, presence, typing, sessions, groups.

Desktop users run a real ``SocialService`` (HTTP client and hub connection);
other users are scripted over HTTP and raw WebSockets.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.hub import HubClient, HubState
from desktop.models import DialogListModel
from desktop.social.chat_extras import SocialDialogDelegate
from desktop.social.friends_view import FriendsSection
from desktop.social.groups_view import GroupMembersDialog, NewGroupDialog
from desktop.social.models import ONLINE_ROLE
from desktop.social.service import SocialService
from desktop.social.sessions_view import SessionsPage
from desktop.tasks import TaskSupervisor
from shared.api import DialogOut, UserOut
from tests.desktop.conftest import Runner, timeout_ms, type_text
from tests.support.server import ServerProcess
from tests.support.sockets import HubClient as ScriptedSocket
from tests.support.sockets import connect_user
from tests.support.users import ApiUser, sign_in

WAIT = timeout_ms(5)

Install = Callable[[str], None]


@dataclass
class DesktopUser:
    """A signed-in user with the desktop's social service, connected to the hub."""

    user: ApiUser
    service: SocialService
    dialogs: DialogListModel
    api: ApiClient
    hub: HubClient


class Users:
    """Creates users on the module's server and closes their clients after the test."""

    def __init__(self, server: ServerProcess, run: Runner, qtbot: QtBot) -> None:
        self.server = server
        self.run = run
        self.qtbot = qtbot
        self.http = httpx.AsyncClient(base_url=server.api_url, timeout=10)
        self.supervisor = TaskSupervisor()
        self.desktops: list[DesktopUser] = []
        self.sockets: list[ScriptedSocket] = []

    def scripted(self, name: str) -> ApiUser:
        user: ApiUser = self.run(sign_in(self.server, self.http, name))
        return user

    def desktop(self, name: str, user: ApiUser | None = None) -> DesktopUser:
        """Sign in (or reuse ``user``), start the social service and wait until the hub is online."""
        user = user or self.scripted(name)
        api = ApiClient(self.server.api_url, user.token)
        hub = HubClient(self.server.hub_url, user.token, self.supervisor)
        dialogs = DialogListModel(user.id)
        own = UserOut(id=user.id, display_name=user.display_name, phone=user.phone)
        service = SocialService(api, hub, own, self.supervisor, dialogs)
        desktop = DesktopUser(user, service, dialogs, api, hub)
        self.desktops.append(desktop)
        with self.qtbot.waitSignal(service.friendsChanged, timeout=WAIT):
            service.start()
            hub.start()
        self.qtbot.waitUntil(lambda: hub.state == HubState.ONLINE, timeout=WAIT)
        return desktop

    def connect(self, user: ApiUser) -> ScriptedSocket:
        socket: ScriptedSocket = self.run(connect_user(user))
        self.sockets.append(socket)
        return socket

    def befriend(self, first: ApiUser, second: ApiUser) -> None:
        for actor, other in ((first, second), (second, first)):
            response = self.run(actor.post(f"/api/v1/friends/{other.id}"))
            assert response.status_code == 200, response.text

    def close(self) -> None:
        for socket in self.sockets:
            self.run(socket.close())
        for desktop in self.desktops:
            self.run(desktop.hub.stop())
            self.run(desktop.api.aclose())
        self.run(self.supervisor.cancel_all())
        self.run(self.http.aclose())


@pytest.fixture
def users(server: ServerProcess, qloop: Any, run: Runner, qtbot: QtBot) -> Iterator[Users]:
    users = Users(server, run, qtbot)
    yield users
    users.close()


def typing_frame(dialog_id: int) -> str:
    return json.dumps({"type": "typing", "dialog_id": dialog_id})


def friend_ids(service: SocialService) -> list[int]:
    return [friend.user.id for friend in service.friends.friends]


# Friends.


def test_friend_request_accept_updates_both(users: Users, qtbot: QtBot) -> None:
    anna = users.desktop("Анна")
    boris = users.desktop("Борис")
    anna_section = FriendsSection(anna.service)
    boris_section = FriendsSection(boris.service)
    qtbot.addWidget(anna_section)
    qtbot.addWidget(boris_section)
    anna_section.show()

    # Anna finds Boris by phone and sends the request from his profile.
    type_text(anna_section.page.phone_edit, boris.user.phone)
    anna_section.page.find_button.click()
    qtbot.waitUntil(lambda: anna_section.current_profile() is not None, timeout=WAIT)
    profile = anna_section.current_profile()
    assert profile is not None
    assert profile.user_id == boris.user.id
    qtbot.waitUntil(lambda: profile.friend_button.text() == "Add to friends", timeout=WAIT)

    # Opening the profile also notifies Boris of a visit, so wait for the request itself.
    with qtbot.waitSignal(
        boris.service.notified, timeout=WAIT, check_params_cb=lambda kind, *_rest: kind == "friend_request"
    ) as notified:
        profile.friend_button.click()
    assert notified.args[0] == "friend_request"
    assert notified.args[1] == "Анна wants to be your friend"
    qtbot.waitUntil(lambda: profile.friend_button.text() == "Cancel friend request", timeout=WAIT)
    qtbot.waitUntil(lambda: len(boris_section.page.incoming_rows) == 1, timeout=WAIT)
    assert len(anna_section.page.outgoing_rows) == 1

    # Boris accepts from his list; both lists show the friendship.
    row = boris_section.page.incoming_rows[0]
    assert row.user_id == anna.user.id
    assert row.accept_button is not None
    with qtbot.waitSignal(anna.service.notified, timeout=WAIT) as notified:
        row.accept_button.click()
    assert notified.args[:2] == ["friend_accepted", "Борис accepted your friend request"]
    qtbot.waitUntil(lambda: friend_ids(anna.service) == [boris.user.id], timeout=WAIT)
    qtbot.waitUntil(lambda: friend_ids(boris.service) == [anna.user.id], timeout=WAIT)
    qtbot.waitUntil(lambda: boris_section.page.model.rowCount() == 1, timeout=WAIT)
    assert boris_section.page.incoming_rows == []
    assert anna_section.page.outgoing_rows == []
    assert anna_section.page.model.rowCount() == 1
    qtbot.waitUntil(lambda: profile.friend_button.text() == "Remove from friends", timeout=WAIT)
    assert profile.presence_label.text() == "online"


def test_incoming_count_signal(users: Users, qtbot: QtBot) -> None:
    anna = users.desktop("Анна")
    boris = users.scripted("Борис")
    with qtbot.waitSignal(anna.service.incomingCountChanged, timeout=WAIT) as changed:
        users.run(boris.post(f"/api/v1/friends/{anna.user.id}"))
    assert changed.args == [1]
    with qtbot.waitSignal(anna.service.incomingCountChanged, timeout=WAIT) as changed:
        users.run(boris.delete(f"/api/v1/friends/{anna.user.id}"))
    assert changed.args == [0]


def test_presence_dot_follows_friend(users: Users, qtbot: QtBot) -> None:
    anna = users.desktop("Анна")
    vera = users.scripted("Вера")
    users.befriend(anna.user, vera)
    qtbot.waitUntil(lambda: friend_ids(anna.service) == [vera.id], timeout=WAIT)
    assert not anna.service.presence.is_online(vera.id)

    section = FriendsSection(anna.service)
    qtbot.addWidget(section)
    dialog = DialogOut.model_validate(users.run(anna.user.open_dialog(vera)))
    anna.dialogs.upsert(dialog)
    delegate = SocialDialogDelegate(anna.service)
    index = section.page.model.index(0)
    assert index.data(ONLINE_ROLE) is False
    assert delegate.decoration(dialog) == (False, "")

    with qtbot.waitSignal(anna.service.presence.changed, timeout=WAIT):
        socket = users.connect(vera)
    assert anna.service.presence.is_online(vera.id)
    assert section.page.model.index(0).data(ONLINE_ROLE) is True
    assert delegate.decoration(dialog) == (True, "")

    with qtbot.waitSignal(anna.service.presence.changed, timeout=WAIT):
        users.run(socket.close())
    assert not anna.service.presence.is_online(vera.id)
    assert section.page.model.index(0).data(ONLINE_ROLE) is False
    assert delegate.decoration(dialog) == (False, "")


# Typing.


def test_typing_shows_and_expires(users: Users, qtbot: QtBot) -> None:
    anna = users.desktop("Анна")
    gleb = users.scripted("Глеб")
    dialog = users.run(anna.user.open_dialog(gleb))
    anna.dialogs.upsert(DialogOut.model_validate(dialog))
    socket = users.connect(gleb)
    tracker = anna.service.typing
    tracker.expiry_seconds = 1.0

    with qtbot.waitSignal(tracker.changed, timeout=WAIT):
        users.run(socket.socket.send(typing_frame(dialog["id"])))
    assert tracker.typers(dialog["id"]) == [gleb.id]
    assert anna.service.typer_names(dialog["id"]) == ["Глеб"]
    # The indicator goes off by itself once no frame came for the expiry time.
    with qtbot.waitSignal(tracker.changed, timeout=WAIT):
        pass
    assert tracker.typers(dialog["id"]) == []


def test_typing_clears_on_message(users: Users, qtbot: QtBot) -> None:
    anna = users.desktop("Анна")
    egor = users.scripted("Егор")
    dialog = users.run(anna.user.open_dialog(egor))
    socket = users.connect(egor)
    tracker = anna.service.typing
    tracker.expiry_seconds = 60.0

    with qtbot.waitSignal(tracker.changed, timeout=WAIT):
        users.run(socket.socket.send(typing_frame(dialog["id"])))
    assert tracker.typers(dialog["id"]) == [egor.id]
    # The typer's message hides the indicator at once, long before the expiry.
    with qtbot.waitSignal(tracker.changed, timeout=WAIT):
        users.run(egor.send(dialog["id"], "Уже выезжаю"))
    assert tracker.typers(dialog["id"]) == []


def test_own_typing_reaches_peer(users: Users, qtbot: QtBot) -> None:
    anna = users.desktop("Анна")
    dina = users.scripted("Дина")
    dialog = users.run(anna.user.open_dialog(dina))
    socket = users.connect(dina)

    anna.service.user_typing(dialog["id"])
    anna.service.user_typing(dialog["id"])  # throttled: within the send interval
    frame = users.run(socket.wait_for(lambda frame: frame["type"] == "typing"))
    assert frame == {"type": "typing", "dialog_id": dialog["id"], "user_id": anna.user.id}
    assert len(socket.of_type("typing")) == 1


# Sessions.


def test_sessions_list_and_revoke_others(users: Users, qtbot: QtBot, language: Install) -> None:
    language("en")
    anna = users.desktop("Анна")
    phone_session = users.run(sign_in(users.server, users.http, "Анна", anna.user.phone, "Pixel 8"))
    phone_socket = users.connect(phone_session)

    page = SessionsPage(anna.service, confirm=lambda _parent, _title, _question: True)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: len(page.rows) == 2, timeout=WAIT)
    assert page.rows[0].revoke_button is None  # this device comes first
    assert page.rows[1].revoke_button is not None
    assert page.rows[1].session_id == phone_session.session_id

    page.revoke_others_button.click()
    qtbot.waitUntil(lambda: len(page.rows) == 1, timeout=WAIT)
    assert page.status_label.text() == "Signed out of 1 session."
    assert users.run(phone_socket.wait_closed()) == 4004
    assert anna.hub.state == HubState.ONLINE


def test_revoke_one_session(users: Users, qtbot: QtBot) -> None:
    anna = users.desktop("Анна")
    users.run(sign_in(users.server, users.http, "Анна", anna.user.phone, "Ноутбук"))
    page = SessionsPage(anna.service)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: len(page.rows) == 2, timeout=WAIT)
    button = page.rows[1].revoke_button
    assert button is not None
    button.click()
    qtbot.waitUntil(lambda: len(page.rows) == 1, timeout=WAIT)


# Groups.


def member_ids(dialog: GroupMembersDialog) -> list[int]:
    return sorted(row.user_id for row in dialog.rows)


def test_group_create_add_remove_leave(users: Users, qtbot: QtBot) -> None:
    anna = users.desktop("Анна")
    boris = users.scripted("Борис")
    egor = users.scripted("Егор")
    users.befriend(anna.user, boris)
    users.befriend(anna.user, egor)
    qtbot.waitUntil(lambda: len(friend_ids(anna.service)) == 2, timeout=WAIT)

    # Create with Boris only.
    create = NewGroupDialog(anna.service)
    qtbot.addWidget(create)
    type_text(create.title_edit, "Ночной заезд")
    for row in range(create.people.count()):
        item = create.people.item(row)
        if item.text() == "Борис":
            item.setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(anna.service.dialogOpened, timeout=WAIT) as opened:
        create.submit()
    group = opened.args[0]
    assert isinstance(group, DialogOut)
    assert group.title == "Ночной заезд"
    assert sorted(user.id for user in group.members) == sorted([anna.user.id, boris.id])

    # The members page: owner adds Egor, promotes Boris, removes Egor.
    page = GroupMembersDialog(anna.service, group.id, confirm=lambda _parent, _title, _question: True)
    qtbot.addWidget(page)
    page.load()
    qtbot.waitUntil(lambda: member_ids(page) == sorted([anna.user.id, boris.id]), timeout=WAIT)
    assert page.my_role() == "owner"
    assert page.add_combo.count() == 1
    page.add_button.click()
    qtbot.waitUntil(lambda: member_ids(page) == sorted([anna.user.id, boris.id, egor.id]), timeout=WAIT)

    boris_row = page.row_of(boris.id)
    assert boris_row is not None
    assert boris_row.role_button.text() == "Make admin"
    boris_row.role_button.click()
    qtbot.waitUntil(
        lambda: page.group is not None and page.group.roles.get(boris.id) == "admin", timeout=WAIT
    )

    egor_row = page.row_of(egor.id)
    assert egor_row is not None
    egor_row.remove_button.click()
    qtbot.waitUntil(lambda: member_ids(page) == sorted([anna.user.id, boris.id]), timeout=WAIT)

    # Boris renames it over HTTP; the open page follows the dialog.updated frame.
    response = users.run(boris.patch(f"/api/v1/dialogs/{group.id}", json={"title": "Заезд на Байкал"}))
    assert response.status_code == 204, response.text
    qtbot.waitUntil(lambda: page.title_edit.text() == "Заезд на Байкал", timeout=WAIT)

    # Anna leaves; Boris, the admin, becomes the owner.
    with qtbot.waitSignal(page.left, timeout=WAIT):
        page.leave_button.click()
    dialog = users.run(boris.get(f"/api/v1/dialogs/{group.id}")).json()["dialog"]
    assert [member["id"] for member in dialog["members"]] == [boris.id]
    assert dialog["roles"][str(boris.id)] == "owner"


def test_group_member_sees_no_admin_actions(users: Users, qtbot: QtBot) -> None:
    anna = users.desktop("Анна")
    zhanna = users.scripted("Жанна")
    response = users.run(zhanna.post("/api/v1/groups", json={"title": "Клуб", "member_ids": [anna.user.id]}))
    assert response.status_code == 201, response.text
    group_id = response.json()["dialog"]["id"]

    page = GroupMembersDialog(anna.service, group_id)
    qtbot.addWidget(page)
    page.show()
    page.load()
    qtbot.waitUntil(lambda: len(page.rows) == 2, timeout=WAIT)
    assert page.my_role() == "member"
    assert page.title_edit.isReadOnly()
    assert page.add_row.isHidden()
    owner_row = page.row_of(zhanna.id)
    assert owner_row is not None
    assert owner_row.remove_button.isHidden()
    assert owner_row.role_button.isHidden()

    # Removed by the owner, the member's page closes itself.
    with qtbot.waitSignal(page.finished, timeout=WAIT):
        users.run(zhanna.delete(f"/api/v1/dialogs/{group_id}/members/{anna.user.id}"))
