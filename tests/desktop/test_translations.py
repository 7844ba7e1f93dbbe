"""Russian and English UI texts and the error-code mapping."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Callable

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.errors import error_text, known_codes
from desktop.i18n import resolve_language
from desktop.tasks import TaskSupervisor
from desktop.views.sign_in import SignInView
from resources import translations_dir
from shared.errors import ErrorCode

Install = Callable[[str], None]


def make_sign_in(qtbot: QtBot, *, local_server: bool = False) -> SignInView:
    view = SignInView(ApiClient("http://127.0.0.1:9"), TaskSupervisor(), local_server=local_server)
    qtbot.addWidget(view)
    return view


@pytest.mark.parametrize("language", ["ru", "en"])
def test_compiled_translation_exists(language: str) -> None:
    assert (translations_dir() / f"autoclub_{language}.qm").stat().st_size > 0


def test_every_russian_text_translated() -> None:
    tree = ElementTree.parse(translations_dir() / "autoclub_ru.ts")
    unfinished = [
        message.findtext("source")
        for message in tree.iter("message")
        if not message.findtext("translation") or message.find("translation").get("type")  # type: ignore[union-attr]
    ]
    assert unfinished == []


def test_sign_in_screen_in_russian(qtbot: QtBot, language: Install) -> None:
    language("ru")
    view = make_sign_in(qtbot, local_server=True)
    texts = [label.text() for label in view.findChildren(type(view.sent_label))]
    assert "Войти" in texts
    assert "Номер телефона" in texts
    assert view.code_button.text() == "Получить код"
    view.set_local_code("+79141234567", "123456")
    view._phone = "+79141234567"
    view._show_local_code()
    assert view.local_code_label.text() == "Код для входа (локальный сервер): 123456"


def test_sign_in_screen_in_english(qtbot: QtBot, language: Install) -> None:
    language("en")
    view = make_sign_in(qtbot)
    assert view.code_button.text() == "Get code"


def test_error_text_in_russian(language: Install) -> None:
    language("ru")
    assert error_text(ErrorCode.WRONG_CODE) == "Неверный код. Проверьте SMS и попробуйте ещё раз."
    assert error_text(ErrorCode.MESSAGE_TOO_LONG) == "Сообщение слишком длинное: не больше 4000 символов."


def test_every_error_code_has_text() -> None:
    assert {code.value for code in ErrorCode} <= known_codes()


def test_error_numbers_substituted(language: Install) -> None:
    language("en")
    assert error_text(ErrorCode.INVALID_CODE_FORMAT) == "The code must be 6 digits."
    assert "%1" not in error_text(ErrorCode.INVALID_DISPLAY_NAME)


def test_unknown_error_code_named(language: Install) -> None:
    language("ru")
    assert error_text("club_full") == "Что-то пошло не так (club_full). Попробуйте ещё раз."


@pytest.mark.parametrize(
    ("setting", "system", "expected"),
    [
        ("ru", QLocale.Language.English, "ru"),
        ("en", QLocale.Language.Russian, "en"),
        ("system", QLocale.Language.Russian, "ru"),
        ("system", QLocale.Language.German, "en"),
    ],
)
def test_language_resolution(setting: str, system: QLocale.Language, expected: str) -> None:
    assert resolve_language(setting, QLocale(system)) == expected
