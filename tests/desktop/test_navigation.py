"""The home rail and the language menu: each button or action reaches its own section or value."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.views.home import HomePage
from desktop.views.main_window import AppWindow


def test_rail_button_shows_its_section(qtbot: QtBot) -> None:
    home = HomePage()
    qtbot.addWidget(home)
    chats, clubs = QLabel("chats"), QLabel("clubs")
    home.add_section("chats", "Chats", chats)
    clubs_button = home.add_section("clubs", "Clubs", clubs)
    home.show()
    assert home.stack.currentWidget() is chats

    with qtbot.waitSignal(home.sectionChanged) as changed:
        qtbot.mouseClick(clubs_button, Qt.MouseButton.LeftButton)

    assert changed.args == ["clubs"]
    assert home.stack.currentWidget() is clubs
    assert clubs_button.isChecked()


def test_language_actions_emit_their_value(qtbot: QtBot) -> None:
    window = AppWindow("system")
    qtbot.addWidget(window)
    chosen: list[str] = []
    window.languageChosen.connect(chosen.append)

    language_menu = next(
        action.menu() for action in window.menuBar().actions()[0].menu().actions() if action.menu()
    )
    for action in language_menu.actions():
        action.trigger()

    assert chosen == ["system", "ru", "en"]
