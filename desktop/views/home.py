"""The signed-in home: a navigation rail on the left and one section at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)


class HomePage(QWidget):
    """Sections (chats, friends, clubs, profile) behind a rail of checkable buttons.

    Feature code adds its section with ``add_section`` once, after sign-in.

    Signals:
        sectionChanged(str): the key of the section now shown.
    """

    sectionChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("homePage")
        self.rail = QWidget()
        self.rail.setObjectName("navRail")
        self.rail_layout = QVBoxLayout(self.rail)
        self.rail_layout.setContentsMargins(8, 12, 8, 12)
        self.rail_layout.setSpacing(4)
        self.rail_layout.addStretch(1)
        self.buttons = QButtonGroup(self)
        self.buttons.setExclusive(True)
        self.buttons.buttonClicked.connect(self._on_button_clicked)
        self.stack = QStackedWidget()
        self.sections: dict[str, QWidget] = {}
        self._buttons_by_key: dict[str, QPushButton] = {}

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.rail)
        layout.addWidget(self.stack, 1)

    def add_section(self, key: str, title: str, widget: QWidget) -> QPushButton:
        """Add a section with its rail button; the first section added is shown."""
        button = QPushButton(title)
        button.setObjectName("navButton")
        button.setCheckable(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setProperty("sectionKey", key)
        self.buttons.addButton(button)
        self.rail_layout.insertWidget(self.rail_layout.count() - 1, button)
        self.stack.addWidget(widget)
        self.sections[key] = widget
        self._buttons_by_key[key] = button
        if len(self.sections) == 1:
            self.show_section(key)
        return button

    def _on_button_clicked(self, button: QAbstractButton) -> None:
        self.show_section(button.property("sectionKey"))

    def show_section(self, key: str) -> None:
        widget = self.sections[key]
        self._buttons_by_key[key].setChecked(True)
        if self.stack.currentWidget() is not widget:
            self.stack.setCurrentWidget(widget)
            self.sectionChanged.emit(key)

    def set_badge(self, key: str, count: int, title: str) -> None:
        """Show ``title`` with a counter, e.g. unread messages or friend requests."""
        button = self._buttons_by_key[key]
        button.setText(f"{title} ({count})" if count else title)
