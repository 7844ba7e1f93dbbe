"""The dialog that creates an album or changes its title and description."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from shared.photos import MAX_ALBUM_DESCRIPTION_LENGTH, MAX_ALBUM_TITLE_LENGTH


class AlbumDialog(QDialog):
    """Title and description of an album, checked against the server's limits before OK.

    Signals:
        submitted(str, str): OK with valid input; the title and the description.
    """

    submitted = Signal(str, str)

    def __init__(self, title: str = "", description: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Album") if title else self.tr("New album"))
        self.title_edit = QLineEdit(title)
        self.title_edit.setPlaceholderText(self.tr("For example: Summer meet 2025"))
        self.description_edit = QPlainTextEdit(description)
        self.description_edit.setFixedHeight(90)
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        title_label = QLabel(self.tr("Title"))
        title_label.setObjectName("fieldLabel")
        description_label = QLabel(self.tr("Description"))
        description_label.setObjectName("fieldLabel")
        layout.addWidget(title_label)
        layout.addWidget(self.title_edit)
        layout.addWidget(description_label)
        layout.addWidget(self.description_edit)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(420, 0)

    def title(self) -> str:
        return " ".join(self.title_edit.text().split())

    def description(self) -> str:
        return self.description_edit.toPlainText().strip()

    def validation_error(self) -> str:
        """Return the sentence that explains what to fix, or an empty string when the input is valid."""
        if not self.title():
            return self.tr("Enter the album's title.")
        if len(self.title()) > MAX_ALBUM_TITLE_LENGTH:
            return self.tr("The title is too long: at most %1 characters.").replace(
                "%1", str(MAX_ALBUM_TITLE_LENGTH)
            )
        if len(self.description()) > MAX_ALBUM_DESCRIPTION_LENGTH:
            return self.tr("The description is too long: at most %1 characters.").replace(
                "%1", str(MAX_ALBUM_DESCRIPTION_LENGTH)
            )
        return ""

    def accept(self) -> None:
        error = self.validation_error()
        self.error_label.setText(error)
        self.error_label.setVisible(bool(error))
        if not error:
            super().accept()
            self.submitted.emit(self.title(), self.description())
