"""Sign-in screen: phone number, then the SMS code (and a name for a new user)."""

from __future__ import annotations

import logging
import math
import platform

from PySide6.QtCore import QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.api import ApiClient, ApiError
from desktop.errors import error_text
from desktop.tasks import TaskSupervisor
from shared.api import CodeSent, SignedIn
from shared.errors import ErrorCode
from shared.limits import MAX_DISPLAY_NAME_LENGTH, SIGN_IN_CODE_LENGTH

log = logging.getLogger("autoclub.desktop")


def _label(text: str, name: str, *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


class SignInView(QWidget):
    """Two pages on one card: the phone number, then the code.

    Signals:
        signedIn(SignedIn): the server accepted the code.
    """

    signedIn = Signal(object)

    def __init__(
        self,
        api: ApiClient,
        supervisor: TaskSupervisor,
        *,
        local_server: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("signInView")
        self._api = api
        self._supervisor = supervisor
        self._local_server = local_server
        self._phone = ""
        self._local_codes: dict[str, str] = {}
        self._new_user = False
        self._resend_seconds = 0
        self._resend_timer = QTimer(self)
        self._resend_timer.setInterval(1000)
        self._resend_timer.timeout.connect(self._tick_resend)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_phone_page())
        self.pages.addWidget(self._build_code_page())

        card = QFrame()
        card.setObjectName("card")
        card.setFixedWidth(400)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(32, 32, 32, 28)
        card_layout.addWidget(self.pages)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)

    # Page building.

    def _build_phone_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(_label("Autoclub", "brand"))
        layout.addWidget(_label(self.tr("Sign in"), "title"))
        layout.addWidget(
            _label(self.tr("Enter your phone number. We will send you an SMS with a code."), "subtitle")
        )

        layout.addSpacing(8)
        layout.addWidget(_label(self.tr("Phone number"), "fieldLabel"))
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText(self.tr("+7 900 123-45-67"))
        self.phone_edit.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.phone_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9+()\- ]{0,24}"), self)
        )
        self.phone_edit.returnPressed.connect(self.request_code)
        self.phone_edit.textChanged.connect(self._update_phone_button)
        layout.addWidget(self.phone_edit)

        self.phone_error = _label("", "error")
        self.phone_error.hide()
        layout.addWidget(self.phone_error)
        layout.addSpacing(6)

        self.code_button = QPushButton(self.tr("Get code"))
        self.code_button.setObjectName("primary")
        self.code_button.setEnabled(False)
        self.code_button.clicked.connect(self.request_code)
        layout.addWidget(self.code_button)

        if self._local_server:
            layout.addSpacing(4)
            layout.addWidget(
                _label(self.tr("Local server: the code will be shown here instead of an SMS."), "hint")
            )
        layout.addStretch(1)
        return page

    def _build_code_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(_label("Autoclub", "brand"))
        layout.addWidget(_label(self.tr("Enter the code"), "title"))
        self.sent_label = _label("", "subtitle")
        layout.addWidget(self.sent_label)

        self.local_code_label = _label("", "localCode")
        self.local_code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.local_code_label.hide()
        layout.addWidget(self.local_code_label)

        layout.addSpacing(4)
        layout.addWidget(_label(self.tr("Code from the SMS"), "fieldLabel"))
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(SIGN_IN_CODE_LENGTH)
        self.code_edit.setPlaceholderText("•" * SIGN_IN_CODE_LENGTH)
        self.code_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(rf"\d{{0,{SIGN_IN_CODE_LENGTH}}}"), self)
        )
        self.code_edit.textChanged.connect(self._update_verify_button)
        self.code_edit.returnPressed.connect(self.verify)
        layout.addWidget(self.code_edit)

        self.name_label = _label(self.tr("Your name"), "fieldLabel")
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(MAX_DISPLAY_NAME_LENGTH)
        self.name_edit.setPlaceholderText(self.tr("How club members will see you"))
        self.name_edit.textChanged.connect(self._update_verify_button)
        self.name_edit.returnPressed.connect(self.verify)
        layout.addWidget(self.name_label)
        layout.addWidget(self.name_edit)

        self.code_error = _label("", "error")
        self.code_error.hide()
        layout.addWidget(self.code_error)
        layout.addSpacing(6)

        self.verify_button = QPushButton(self.tr("Sign in"))
        self.verify_button.setObjectName("primary")
        self.verify_button.setEnabled(False)
        self.verify_button.clicked.connect(self.verify)
        layout.addWidget(self.verify_button)

        links = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Change number"))
        self.back_button.setObjectName("link")
        self.back_button.clicked.connect(self.show_phone_page)
        self.resend_button = QPushButton()
        self.resend_button.setObjectName("link")
        self.resend_button.clicked.connect(self.request_code)
        links.addWidget(self.back_button)
        links.addStretch(1)
        links.addWidget(self.resend_button)
        layout.addLayout(links)
        layout.addStretch(1)
        self._set_new_user(False)
        return page

    # State.

    def _set_new_user(self, new_user: bool) -> None:
        self._new_user = new_user
        self.name_label.setVisible(new_user)
        self.name_edit.setVisible(new_user)
        self._update_verify_button()

    def _update_phone_button(self) -> None:
        digits = sum(character.isdigit() for character in self.phone_edit.text())
        self.code_button.setEnabled(digits >= 10 and self.phone_edit.isEnabled())

    def _update_verify_button(self) -> None:
        code_ready = len(self.code_edit.text()) == SIGN_IN_CODE_LENGTH
        name_ready = not self._new_user or bool(self.name_edit.text().strip())
        self.verify_button.setEnabled(code_ready and name_ready and self.code_edit.isEnabled())

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.phone_edit, self.code_edit, self.name_edit, self.back_button):
            widget.setEnabled(not busy)
        self.code_button.setText(self.tr("Sending code…") if busy else self.tr("Get code"))
        self.verify_button.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))
        self._update_phone_button()
        self._update_verify_button()
        self._update_resend_button(busy)

    def _show_error(self, label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def show_message(self, text: str) -> None:
        """Show a sentence under the phone field, e.g. why the user was signed out."""
        self._show_error(self.phone_error, text)

    def show_phone_page(self) -> None:
        self.pages.setCurrentIndex(0)
        self._show_error(self.phone_error, "")
        self.phone_edit.setFocus()

    def set_local_code(self, phone: str, code: str) -> None:
        """Show a code that the embedded server printed instead of sending an SMS.

        The code may arrive before the server's reply to the code request, so
        codes are kept by number until the code page shows that number.
        """
        self._local_codes[phone] = code
        if phone == self._phone:
            self._show_local_code()

    def _show_local_code(self) -> None:
        code = self._local_codes.get(self._phone)
        if code is None:
            self.local_code_label.hide()
            return
        self.local_code_label.setText(self.tr("Sign-in code (local server): %1").replace("%1", code))
        self.local_code_label.show()

    # Resend countdown.

    def _start_resend_countdown(self, seconds: float) -> None:
        self._resend_seconds = max(0, math.ceil(seconds))
        if self._resend_seconds:
            self._resend_timer.start()
        self._update_resend_button()

    def _tick_resend(self) -> None:
        self._resend_seconds = max(0, self._resend_seconds - 1)
        if self._resend_seconds == 0:
            self._resend_timer.stop()
        self._update_resend_button()

    def _update_resend_button(self, busy: bool = False) -> None:
        if self._resend_seconds > 0:
            minutes, seconds = divmod(self._resend_seconds, 60)
            self.resend_button.setText(self.tr("Resend code in %1").replace("%1", f"{minutes}:{seconds:02d}"))
            self.resend_button.setEnabled(False)
        else:
            self.resend_button.setText(self.tr("Resend code"))
            self.resend_button.setEnabled(not busy)

    # Actions.

    def request_code(self) -> None:
        phone = self.phone_edit.text().strip()
        if not self.code_button.isEnabled() and self.pages.currentIndex() == 0:
            return
        self._supervisor.spawn(self._request_code(phone), name="request sign-in code")

    async def _request_code(self, phone: str) -> None:
        self._set_busy(True)
        error_label = self.phone_error if self.pages.currentIndex() == 0 else self.code_error
        self._show_error(error_label, "")
        try:
            sent = await self._api.request_code(phone)
        except ApiError as error:
            log.info("Requesting a sign-in code failed: %s", error.code)
            if error.code == ErrorCode.RATE_LIMITED and error.retry_after:
                self._start_resend_countdown(error.retry_after)
            self._show_error(error_label, error_text(error.code))
            return
        finally:
            self._set_busy(False)
        self._show_code_page(sent)

    def _show_code_page(self, sent: CodeSent) -> None:
        if sent.phone != self._phone:
            self.code_edit.clear()
        self._phone = sent.phone
        self._show_local_code()
        self._set_new_user(sent.new_user)
        if sent.new_user:
            text = self.tr(
                "We sent an SMS with a code to %1. This number is new here, so enter your name too."
            )
        else:
            text = self.tr("We sent an SMS with a code to %1.")
        self.sent_label.setText(text.replace("%1", sent.phone))
        self._show_error(self.code_error, "")
        self._start_resend_countdown(sent.resend_after)
        self.pages.setCurrentIndex(1)
        self.code_edit.setFocus()

    def verify(self) -> None:
        if not self.verify_button.isEnabled():
            return
        code = self.code_edit.text()
        name = self.name_edit.text().strip() if self._new_user else None
        self._supervisor.spawn(self._verify(code, name), name="verify sign-in code")

    async def _verify(self, code: str, display_name: str | None) -> None:
        self._set_busy(True)
        self._show_error(self.code_error, "")
        try:
            signed_in: SignedIn = await self._api.verify(
                self._phone,
                code,
                display_name=display_name,
                device_name=f"Autoclub desktop ({platform.node() or platform.system()})",
            )
        except ApiError as error:
            log.info("Sign-in code check failed: %s", error.code)
            if error.code == ErrorCode.DISPLAY_NAME_REQUIRED:
                self._set_new_user(True)
                self.name_edit.setFocus()
            self._show_error(self.code_error, error_text(error.code))
            return
        finally:
            self._set_busy(False)
        log.info("Signed in as user %s, session %s", signed_in.user.id, signed_in.session_id)
        self.signedIn.emit(signed_in)
