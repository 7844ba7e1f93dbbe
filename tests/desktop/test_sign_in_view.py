"""Sign-in screen against a fake API: new users, wrong codes, rate limits, local codes."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.tasks import TaskSupervisor
from desktop.views.sign_in import SignInView
from tests.desktop.conftest import Runner, timeout_ms, type_text

PHONE = "+79141234567"
SIGNED_IN = {"token": "tok", "session_id": 3, "user": {"id": 7, "display_name": "Алексей", "phone": PHONE}}

Responder = Callable[[httpx.Request], httpx.Response]


def error(status: int, code: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, headers=headers, json={"error": {"code": code, "message": code}})


def code_sent(new_user: bool, resend_after: int = 60) -> httpx.Response:
    body = {"phone": PHONE, "expires_in": 300, "resend_after": resend_after, "new_user": new_user}
    return httpx.Response(200, json=body)


def make_view(qtbot: QtBot, verify: Responder, code: Responder) -> tuple[SignInView, list[dict[str, object]]]:
    verify_bodies: list[dict[str, object]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/auth/code"):
            return code(request)
        verify_bodies.append(json.loads(request.content))
        return verify(request)

    api = ApiClient("http://127.0.0.1:8700", transport=httpx.MockTransport(handler))
    view = SignInView(api, TaskSupervisor(), local_server=True)
    qtbot.addWidget(view)
    view.show()
    return view, verify_bodies


def go_to_code_page(view: SignInView, qtbot: QtBot) -> None:
    assert not view.code_button.isEnabled()
    qtbot.keyClicks(view.phone_edit, "8 914 123-45-67")
    assert view.code_button.isEnabled()
    qtbot.keyClick(view.phone_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 1, timeout=timeout_ms(5))


def test_new_user_enters_name(qtbot: QtBot, qloop: object) -> None:
    view, bodies = make_view(qtbot, lambda r: httpx.Response(200, json=SIGNED_IN), lambda r: code_sent(True))
    go_to_code_page(view, qtbot)
    assert view.name_edit.isVisible()
    assert PHONE in view.sent_label.text()

    qtbot.keyClicks(view.code_edit, "123456")
    assert not view.verify_button.isEnabled(), "a new user needs a name"
    type_text(view.name_edit, "Алексей")
    with qtbot.waitSignal(view.signedIn, timeout=timeout_ms(5)) as blocker:
        qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].user.display_name == "Алексей"
    assert bodies[0]["display_name"] == "Алексей"
    assert bodies[0]["code"] == "123456"


def test_known_user_needs_no_name(qtbot: QtBot, qloop: object) -> None:
    view, bodies = make_view(qtbot, lambda r: httpx.Response(200, json=SIGNED_IN), lambda r: code_sent(False))
    go_to_code_page(view, qtbot)
    assert not view.name_edit.isVisible()
    qtbot.keyClicks(view.code_edit, "123456")
    with qtbot.waitSignal(view.signedIn, timeout=timeout_ms(5)):
        qtbot.keyClick(view.code_edit, Qt.Key.Key_Return)
    assert "display_name" not in bodies[0]


def test_wrong_code_shows_error(qtbot: QtBot, qloop: object) -> None:
    view, _ = make_view(qtbot, lambda r: error(400, "wrong_code"), lambda r: code_sent(False))
    go_to_code_page(view, qtbot)
    qtbot.keyClicks(view.code_edit, "000000")
    with qtbot.assertNotEmitted(view.signedIn):
        qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(view.code_error.isVisible, timeout=timeout_ms(5))
    assert view.code_error.text() == "Wrong code. Check the SMS and try again."
    assert view.code_edit.isEnabled()


def test_rate_limit_starts_countdown(qtbot: QtBot, qloop: object) -> None:
    view, _ = make_view(
        qtbot, lambda r: error(400, "wrong_code"), lambda r: error(429, "rate_limited", {"Retry-After": "90"})
    )
    qtbot.keyClicks(view.phone_edit, PHONE)
    qtbot.mouseClick(view.code_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(view.phone_error.isVisible, timeout=timeout_ms(5))
    assert view.phone_error.text() == "Too many requests. Please wait a little and try again."
    assert view.resend_button.text() == "Resend code in 1:30"
    assert not view.resend_button.isEnabled()


def test_resend_countdown_from_server(qtbot: QtBot, qloop: object) -> None:
    view, _ = make_view(qtbot, lambda r: error(400, "wrong_code"), lambda r: code_sent(False, 1))
    go_to_code_page(view, qtbot)
    assert view.resend_button.text() == "Resend code in 0:01"
    qtbot.waitUntil(view.resend_button.isEnabled, timeout=timeout_ms(3))
    assert view.resend_button.text() == "Resend code"


def test_local_code_shown_for_this_number(qtbot: QtBot, qloop: object) -> None:
    view, _ = make_view(qtbot, lambda r: error(400, "wrong_code"), lambda r: code_sent(False))
    view.set_local_code("+79990000000", "111111")
    view.set_local_code(PHONE, "654321")
    go_to_code_page(view, qtbot)
    assert view.local_code_label.isVisible()
    assert view.local_code_label.text() == "Sign-in code (local server): 654321"


def test_missing_name_from_server_reveals_field(qtbot: QtBot, run: Runner) -> None:
    view, _ = make_view(qtbot, lambda r: error(422, "display_name_required"), lambda r: code_sent(False))
    go_to_code_page(view, qtbot)
    qtbot.keyClicks(view.code_edit, "123456")
    qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(view.name_edit.isVisible, timeout=timeout_ms(5))
    assert view.code_error.text() == "Enter your name to create an account."
