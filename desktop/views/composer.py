"""Message composer: Enter sends, Shift+Enter starts a new line."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from shared.limits import MAX_MESSAGE_LENGTH

COUNTER_THRESHOLD = 200
"""The length counter appears when fewer than this many characters remain."""

MAX_EDIT_LINES = 6


class ComposerEdit(QPlainTextEdit):
    """Text field that emits ``submitted`` on Enter instead of inserting a line."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                # Qt would insert U+2028 for Shift+Enter; a plain newline keeps toPlainText() simple.
                self.insertPlainText("\n")
            else:
                self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def message_length(text: str) -> int:
    """Return the length the server checks: Unicode code points after trimming."""
    return len(text.strip())


class Composer(QWidget):
    """Text field, length counter and send button.

    Signals:
        sendRequested(str): the user sent this text, already trimmed and within the limit.
    """

    sendRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.edit = ComposerEdit()
        self.edit.setObjectName("composerEdit")
        self.edit.setPlaceholderText(self.tr("Write a message…"))
        self.edit.setTabChangesFocus(True)
        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.submitted.connect(self.submit)
        self.counter = QLabel()
        self.counter.setObjectName("counter")
        self.counter.hide()
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setObjectName("primary")
        self.send_button.setEnabled(False)
        self.send_button.clicked.connect(self.submit)

        side = QVBoxLayout()
        side.addStretch(1)
        side.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignRight)
        side.addWidget(self.send_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.addWidget(self.edit, 1)
        layout.addLayout(side)
        self._fit_height()

    def text(self) -> str:
        return self.edit.toPlainText()

    def can_send(self) -> bool:
        return 0 < message_length(self.text()) <= MAX_MESSAGE_LENGTH

    def submit(self) -> None:
        if not self.can_send():
            return
        text = self.text().strip()
        self.edit.clear()
        self.sendRequested.emit(text)

    def _on_text_changed(self) -> None:
        length = message_length(self.text())
        self.send_button.setEnabled(self.can_send())
        remaining = MAX_MESSAGE_LENGTH - length
        self.counter.setVisible(remaining < COUNTER_THRESHOLD)
        self.counter.setText(f"{length} / {MAX_MESSAGE_LENGTH}")
        self.counter.setProperty("over", remaining < 0)
        self.counter.style().unpolish(self.counter)
        self.counter.style().polish(self.counter)
        self._fit_height()

    def _fit_height(self) -> None:
        line = self.edit.fontMetrics().lineSpacing()
        lines = min(MAX_EDIT_LINES, max(1, self.edit.document().blockCount()))
        margins = self.edit.contentsMargins()
        frame = int(self.edit.document().documentMargin() * 2) + margins.top() + margins.bottom()
        self.edit.setFixedHeight(line * lines + frame + 4)
