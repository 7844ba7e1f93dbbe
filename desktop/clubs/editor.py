"""The dialog that creates a club or edits its fields, with the server's limits checked first."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.api import ApiError
from desktop.errors import error_text
from desktop.tasks import TaskSupervisor
from shared.clubs import (
    MAX_CLUB_CITY_LENGTH,
    MAX_CLUB_DESCRIPTION_LENGTH,
    MAX_CLUB_TITLE_LENGTH,
    MAX_CLUB_TOPIC_LENGTH,
    ClubOut,
)

log = logging.getLogger("autoclub.desktop")

Submit = Callable[[dict[str, Any]], Awaitable[ClubOut]]


def collapse_spaces(text: str) -> str:
    return " ".join(text.split())


class ClubEditorDialog(QDialog):
    """Title, city, topic, description and join policy of a club.

    With ``club`` None it creates a club; otherwise it sends only the changed
    fields. ``submit`` is the API call that receives the fields.

    Signals:
        saved(ClubOut): the server accepted the club.
    """

    saved = Signal(object)

    def __init__(
        self,
        submit: Submit,
        supervisor: TaskSupervisor,
        club: ClubOut | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._submit = submit
        self._supervisor = supervisor
        self.club = club
        self.setWindowTitle(self.tr("New club") if club is None else self.tr("Edit club"))

        self.title_edit = QLineEdit(club.title if club else "")
        self.title_edit.setPlaceholderText(self.tr("For example: Toyota Club Vladivostok"))
        self.city_edit = QLineEdit(club.city if club else "")
        self.topic_edit = QLineEdit(club.topic if club else "")
        self.topic_edit.setPlaceholderText(self.tr("A make, a model or a kind of motoring"))
        self.description_edit = QPlainTextEdit(club.description if club else "")
        self.description_edit.setFixedHeight(110)
        self.policy_combo = QComboBox()
        self.policy_combo.addItem(self.tr("Anyone can join"), "open")
        self.policy_combo.addItem(self.tr("Admins approve each request"), "request")
        if club is not None:
            self.policy_combo.setCurrentIndex(self.policy_combo.findData(club.join_policy))

        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("City"), self.city_edit)
        form.addRow(self.tr("Topic"), self.topic_edit)
        form.addRow(self.tr("Description"), self.description_edit)
        form.addRow(self.tr("Joining"), self.policy_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(480, 0)

    def fields(self) -> dict[str, Any]:
        return {
            "title": collapse_spaces(self.title_edit.text()),
            "city": collapse_spaces(self.city_edit.text()),
            "topic": collapse_spaces(self.topic_edit.text()),
            "description": self.description_edit.toPlainText().strip(),
            "join_policy": self.policy_combo.currentData(),
        }

    def validation_errors(self) -> list[str]:
        """Return a sentence for every field that the server would reject, in form order."""
        fields = self.fields()
        errors: list[str] = []
        required = (
            ("title", self.tr("Enter the club's title."), MAX_CLUB_TITLE_LENGTH,
             self.tr("The title is too long: at most %1 characters.")),
            ("city", self.tr("Enter the city."), MAX_CLUB_CITY_LENGTH,
             self.tr("The city is too long: at most %1 characters.")),
            ("topic", self.tr("Enter the topic, for example a car make."), MAX_CLUB_TOPIC_LENGTH,
             self.tr("The topic is too long: at most %1 characters.")),
        )  # fmt: skip
        for key, missing, maximum, too_long in required:
            if not fields[key]:
                errors.append(missing)
            elif len(fields[key]) > maximum:
                errors.append(too_long.replace("%1", str(maximum)))
        if len(fields["description"]) > MAX_CLUB_DESCRIPTION_LENGTH:
            errors.append(
                self.tr("The description is too long: at most %1 characters.").replace(
                    "%1", str(MAX_CLUB_DESCRIPTION_LENGTH)
                )
            )
        return errors

    def changes(self) -> dict[str, Any]:
        """Return the fields to send: all of them for a new club, the changed ones otherwise."""
        fields = self.fields()
        if self.club is None:
            return fields
        current = self.club.model_dump()
        return {key: value for key, value in fields.items() if current.get(key) != value}

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def submit(self) -> None:
        errors = self.validation_errors()
        self.show_error("\n".join(errors))
        if errors:
            return
        changes = self.changes()
        if not changes and self.club is not None:
            self.accept()
            return
        self.buttons.setEnabled(False)
        self._supervisor.spawn(self._send(changes), name="save club")

    async def _send(self, changes: dict[str, Any]) -> None:
        try:
            club = await self._submit(changes)
        except ApiError as error:
            log.warning("Saving club %s failed: %s", self.club.id if self.club else "(new)", error)
            self.show_error(error_text(error.code))
            self.buttons.setEnabled(True)
            return
        self.saved.emit(club)
        self.accept()
