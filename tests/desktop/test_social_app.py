"""The social layer inside the running app: sections, toasts, the chat header and the dialog list."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytestqt.qtbot import QtBot

from desktop.app import AppController
from desktop.hub import HubState
from desktop.settings import ProfilePaths, Settings
from desktop.social.feature import SocialFeature
from desktop.social.friends_view import FriendsSection
from shared.api import SignedIn, UserOut
from tests.desktop.conftest import Runner, timeout_ms, type_text
from tests.support.server import ServerProcess
from tests.support.sockets import HubClient as ScriptedSocket
from tests.support.sockets import connect_user
from tests.support.users import ApiUser, sign_in

WAIT = timeout_ms(5)


class App:
    """The desktop app signed in as a fresh user, plus scripted peers on the same server."""

    def __init__(self, controller: AppController, server: ServerProcess, run: Runner, qtbot: QtBot) -> None:
        self.controller = controller
        self.server = server
        self.run = run
        self.qtbot = qtbot
        self.http = httpx.AsyncClient(base_url=server.api_url, timeout=10)
        self.sockets: list[ScriptedSocket] = []
        self.user: ApiUser = run(sign_in(server, self.http, "Анна"))

    def enter(self) -> SocialFeature:
        """Sign the app in with the user's session, as after the sign-in screen."""
        self.run(self.controller.start())
        user = UserOut(id=self.user.id, display_name=self.user.display_name, phone=self.user.phone)
        self.controller._on_signed_in(
            SignedIn(token=self.user.token, session_id=self.user.session_id, user=user)
        )
        service = self.controller.service
        assert service is not None
        self.qtbot.waitUntil(lambda: service.hub.state == HubState.ONLINE, timeout=WAIT)
        social = self.controller.social
        assert social is not None
        return social

    def peer(self, name: str) -> ApiUser:
        peer: ApiUser = self.run(sign_in(self.server, self.http, name))
        return peer

    def connect(self, user: ApiUser) -> ScriptedSocket:
        socket: ScriptedSocket = self.run(connect_user(user))
        self.sockets.append(socket)
        return socket

    def close(self) -> None:
        for socket in self.sockets:
            self.run(socket.close())
        self.run(self.controller.shutdown())
        self.run(self.http.aclose())


@pytest.fixture
def app(
    qapp: Any, qloop: Any, qtbot: QtBot, run: Runner, server: ServerProcess, tmp_path: Path
) -> Iterator[App]:
    paths = ProfilePaths.single(tmp_path / "desktop")
    settings = Settings(api_url=server.api_url, hub_url=server.hub_url, language="en")
    controller = AppController(qapp, paths, settings)
    qtbot.addWidget(controller.window)
    controller.window.show()
    app = App(controller, server, run, qtbot)
    yield app
    app.close()


def test_sections_added_after_sign_in(app: App) -> None:
    app.enter()
    home = app.controller.home
    assert home is not None
    assert {"friends", "profile", "settings"} <= set(home.sections)


def test_profile_visit_shows_toast(app: App, qtbot: QtBot) -> None:
    social = app.enter()
    boris = app.peer("Борис")
    response = app.run(boris.get(f"/api/v1/users/{app.user.id}"))
    assert response.status_code == 200, response.text
    qtbot.waitUntil(lambda: social.toast.text == "Борис just looked at your profile", timeout=WAIT)

    # Clicking the toast opens the visitor's profile in the Friends section.
    social.toast._current = ("visit", social.toast.text, boris.id, "Борис")
    social.toast.activated.emit("visit", boris.id)
    home = app.controller.home
    assert home is not None
    section = home.sections["friends"]
    assert isinstance(section, FriendsSection)
    profile = section.current_profile()
    assert profile is not None
    assert profile.user_id == boris.id


def test_friend_request_badge(app: App, qtbot: QtBot) -> None:
    app.enter()
    vera = app.peer("Вера")
    app.run(vera.post(f"/api/v1/friends/{app.user.id}"))
    home = app.controller.home
    assert home is not None
    button = home._buttons_by_key["friends"]
    qtbot.waitUntil(lambda: button.text() == "Friends (1)", timeout=WAIT)


def test_chat_header_typing_and_title_click(app: App, qtbot: QtBot) -> None:
    social = app.enter()
    gleb = app.peer("Глеб")
    for actor, other in ((app.user, gleb), (gleb, app.user)):
        app.run(actor.post(f"/api/v1/friends/{other.id}"))
    dialog = app.run(gleb.open_dialog(app.user))
    page = app.controller.chats_page
    assert page is not None
    qtbot.waitUntil(lambda: page.service.dialogs.dialog(dialog["id"]) is not None, timeout=WAIT)
    page.open_dialog(dialog["id"])
    extras = social.chat_extras
    assert extras is not None

    socket = app.connect(gleb)
    qtbot.waitUntil(lambda: extras.subtitle.text() == "online", timeout=WAIT)
    delegate_state = extras.delegate.decoration(page.service.dialogs.dialog(dialog["id"]))  # type: ignore[arg-type]
    assert delegate_state == (True, "")

    app.run(socket.socket.send(json.dumps({"type": "typing", "dialog_id": dialog["id"]})))
    qtbot.waitUntil(lambda: extras.subtitle.text() == "Глеб is typing…", timeout=WAIT)
    row = page.service.dialogs.dialog(dialog["id"])
    assert row is not None
    assert extras.delegate.decoration(row) == (True, "Глеб is typing…")
    app.run(gleb.send(dialog["id"], "Выезжаю"))
    qtbot.waitUntil(lambda: extras.subtitle.text() == "online", timeout=WAIT)

    # Typing in the composer sends a typing frame to the peer.
    type_text(page.chat_view.composer.edit, "Жду")
    frame = app.run(socket.wait_for(lambda frame: frame["type"] == "typing"))
    assert frame["user_id"] == app.user.id

    # Clicking the title opens the peer's profile.
    extras.open_title()
    home = app.controller.home
    assert home is not None
    section = home.sections["friends"]
    assert isinstance(section, FriendsSection)
    assert home.stack.currentWidget() is section
    profile = section.current_profile()
    assert profile is not None
    assert profile.user_id == gleb.id
