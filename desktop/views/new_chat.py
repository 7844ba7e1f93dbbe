"""Dialog window that starts a direct chat with the owner of a phone number."""

from __future__ import annotations

import logging

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.api import ApiError
from desktop.chat import ChatService
from desktop.errors import error_text
from desktop.tasks import TaskSupervisor

log = logging.getLogger("autoclub.desktop")


class NewChatDialog(QDialog):
    """Signals:
    dialogOpened(DialogOut): the server returned the dialog (new or existing).
    """

    dialogOpened = Signal(object)

    def __init__(
        self, service: ChatService, supervisor: TaskSupervisor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New chat"))
        self.setMinimumWidth(360)
        self._service = service
        self._supervisor = supervisor

        prompt = QLabel(self.tr("Phone number of the person you want to write to:"))
        prompt.setWordWrap(True)
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText(self.tr("+7 900 123-45-67"))
        self.phone_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9+()\- ]{0,24}"), self)
        )
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox()
        self.start_button: QPushButton = self.buttons.addButton(
            self.tr("Start chat"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setObjectName("primary")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.phone_edit)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def start(self) -> None:
        phone = self.phone_edit.text().strip()
        if not phone:
            return
        self._supervisor.spawn(self._start(phone), name="open dialog by phone")

    async def _start(self, phone: str) -> None:
        self.start_button.setEnabled(False)
        self.error.hide()
        try:
            dialog = await self._service.create_dialog(phone)
        except ApiError as failure:
            log.info("Opening a dialog by phone failed: %s", failure.code)
            self.error.setText(error_text(failure.code))
            self.error.show()
            return
        finally:
            self.start_button.setEnabled(True)
        self.dialogOpened.emit(dialog)
        self.accept()
