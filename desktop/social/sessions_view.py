"""Settings → Sessions: the devices signed in to the account, and signing them out."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.social.profile_view import local_time
from desktop.social.service import SocialService
from desktop.social.text import fill
from shared.api import SessionOut

Confirm = Callable[[QWidget, str, str], bool]


def ask_yes_no(parent: QWidget, title: str, question: str) -> bool:
    answer = QMessageBox.question(parent, title, question)
    return answer == QMessageBox.StandardButton.Yes


class SessionRow(QWidget):
    """One session: device, address, last activity, and a sign-out button unless it is this device.

    Signals:
        revokeRequested(int): the sign-out button was clicked; carries the session id.
    """

    revokeRequested = Signal(int)

    def __init__(self, session: SessionOut, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session_id = session.id
        device = QLabel(session.device_name or self.tr("Unknown device"))
        device.setObjectName("accountName")
        details = [session.address or self.tr("unknown address")]
        details.append(fill(self.tr("last active %1"), local_time(session.last_seen_at)))
        detail = QLabel(" · ".join(details))
        detail.setObjectName("subtitle")
        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(device)
        text.addWidget(detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addLayout(text, 1)
        self.revoke_button: QPushButton | None = None
        if session.current:
            this_device = QLabel(self.tr("this device"))
            this_device.setObjectName("hint")
            layout.addWidget(this_device)
        else:
            self.revoke_button = QPushButton(self.tr("Sign out"))
            self.revoke_button.setObjectName("secondary")
            self.revoke_button.clicked.connect(self._request_revoke)
            layout.addWidget(self.revoke_button)

    def _request_revoke(self) -> None:
        self.revokeRequested.emit(self.session_id)


class SessionsPage(QWidget):
    """Lists the account's sessions. Reloads each time it is shown.

    ``confirm`` asks the yes/no question before signing out of all other
    sessions; tests replace it.
    """

    def __init__(
        self, service: SocialService, confirm: Confirm = ask_yes_no, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionsPage")
        self.service = service
        self.confirm = confirm
        self.rows: list[SessionRow] = []
        intro = QLabel(self.tr("Devices where your account is signed in."))
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(0)
        self.status_label = QLabel()
        self.status_label.setObjectName("hint")
        self.status_label.setWordWrap(True)
        self.revoke_others_button = QPushButton(self.tr("Sign out of all other sessions"))
        self.revoke_others_button.setObjectName("secondary")
        self.revoke_others_button.clicked.connect(self._revoke_others)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(intro)
        layout.addLayout(self.rows_box)
        layout.addWidget(self.revoke_others_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status_label)
        layout.addStretch(1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def reload(self) -> None:
        self.service.supervisor.spawn(self._load(), name="load sessions")

    async def _load(self) -> None:
        sessions = await self.service.sessions()
        if sessions is not None:
            self.show_sessions(sessions)

    def show_sessions(self, sessions: list[SessionOut]) -> None:
        while self.rows_box.count():
            item = self.rows_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        # This device first, then the most recently active.
        ordered = sorted(
            sessions, key=lambda session: (not session.current, -session.last_seen_at.timestamp())
        )
        self.rows = []
        for session in ordered:
            row = SessionRow(session)
            row.revokeRequested.connect(self._revoke)
            self.rows_box.addWidget(row)
            self.rows.append(row)
        self.revoke_others_button.setEnabled(any(not session.current for session in sessions))

    def _revoke(self, session_id: int) -> None:
        self.service.supervisor.spawn(self._revoke_one(session_id), name=f"revoke session {session_id}")

    async def _revoke_one(self, session_id: int) -> None:
        if await self.service.revoke_session(session_id):
            await self._load()

    def _revoke_others(self) -> None:
        question = self.tr("Sign out on every other device? You stay signed in here.")
        if self.confirm(self, self.tr("Sign out of other sessions"), question):
            self.service.supervisor.spawn(self._revoke_all_others(), name="revoke other sessions")

    async def _revoke_all_others(self) -> None:
        count = await self.service.revoke_other_sessions()
        if count is not None:
            self.status_label.setText(self.tr("Signed out of %n session(s).", "", count))
            await self._load()


class SettingsSection(QTabWidget):
    """The home section "Settings". Sessions is its one tab so far."""

    def __init__(self, service: SocialService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsSection")
        self.sessions = SessionsPage(service)
        self.addTab(self.sessions, self.tr("Sessions"))
