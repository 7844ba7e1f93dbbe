"""Composer keys, the empty-message rule and the length counter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.views.composer import COUNTER_THRESHOLD, Composer
from shared.limits import MAX_MESSAGE_LENGTH
from tests.desktop.conftest import type_text


def make_composer(qtbot: QtBot) -> Composer:
    composer = Composer()
    qtbot.addWidget(composer)
    composer.show()
    return composer


def test_enter_sends_trimmed_text(qtbot: QtBot) -> None:
    composer = make_composer(qtbot)
    type_text(composer.edit, "  Привет! 🚗 ")
    with qtbot.waitSignal(composer.sendRequested) as blocker:
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert blocker.args == ["Привет! 🚗"]
    assert composer.text() == ""


def test_keypad_enter_sends(qtbot: QtBot) -> None:
    composer = make_composer(qtbot)
    type_text(composer.edit, "ok")
    with qtbot.waitSignal(composer.sendRequested):
        qtbot.keyClick(composer.edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)


def test_shift_enter_inserts_newline(qtbot: QtBot) -> None:
    composer = make_composer(qtbot)
    type_text(composer.edit, "first")
    with qtbot.assertNotEmitted(composer.sendRequested):
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(composer.edit, "second")
    assert composer.text() == "first\nsecond"
    with qtbot.waitSignal(composer.sendRequested) as blocker:
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert blocker.args == ["first\nsecond"]


def test_blank_text_cannot_be_sent(qtbot: QtBot) -> None:
    composer = make_composer(qtbot)
    assert not composer.send_button.isEnabled()
    type_text(composer.edit, "   ")
    assert not composer.send_button.isEnabled()
    with qtbot.assertNotEmitted(composer.sendRequested):
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
        qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)


def test_counter_appears_near_limit(qtbot: QtBot) -> None:
    composer = make_composer(qtbot)
    composer.edit.setPlainText("a" * (MAX_MESSAGE_LENGTH - COUNTER_THRESHOLD - 1))
    assert not composer.counter.isVisible()
    composer.edit.setPlainText("a" * (MAX_MESSAGE_LENGTH - 10))
    assert composer.counter.isVisible()
    assert composer.counter.text() == f"{MAX_MESSAGE_LENGTH - 10} / {MAX_MESSAGE_LENGTH}"
    assert composer.send_button.isEnabled()


def test_over_limit_cannot_be_sent(qtbot: QtBot) -> None:
    composer = make_composer(qtbot)
    composer.edit.setPlainText("я" * (MAX_MESSAGE_LENGTH + 1))
    assert composer.counter.property("over") is True
    assert not composer.send_button.isEnabled()
    with qtbot.assertNotEmitted(composer.sendRequested):
        qtbot.keyClick(composer.edit, Qt.Key.Key_Return)
    assert len(composer.text()) == MAX_MESSAGE_LENGTH + 1


def test_emoji_counts_as_one_character(qtbot: QtBot) -> None:
    composer = make_composer(qtbot)
    composer.edit.setPlainText("🚗" * MAX_MESSAGE_LENGTH)
    assert composer.send_button.isEnabled()
