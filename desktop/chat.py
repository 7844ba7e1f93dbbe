"""Chat state of one signed-in account: the dialog list, open dialogs, sending.

HTTP history is the truth and the hub is a fast path. Every ``ready`` from the
hub refetches the dialog list, and the messages after the last ``seq`` of each
dialog that has a model, so frames lost while offline still arrive.
"""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import QObject, Signal

from desktop.api import ApiClient, ApiError
from desktop.errors import error_text
from desktop.hub import HubClient
from desktop.models import DialogListModel, MessageListModel, MessageState
from desktop.tasks import TaskSupervisor
from shared.api import DialogOut, MessageOut, UserOut
from shared.errors import ErrorCode
from shared.limits import DEFAULT_PAGE_SIZE, MAX_MESSAGE_LENGTH, MAX_PAGE_SIZE

log = logging.getLogger("autoclub.desktop")

SESSION_ERRORS = frozenset({ErrorCode.INVALID_TOKEN, ErrorCode.NOT_AUTHENTICATED})


class ChatService(QObject):
    """Keeps the models of one account in step with the API and the hub.

    Signals:
        errorOccurred(str): a translated sentence for the status area.
        sessionEnded(): the token was rejected; the user must sign in again.
        messageAdded(int): a message of the dialog with this id was added or confirmed.
    """

    errorOccurred = Signal(str)
    sessionEnded = Signal()
    messageAdded = Signal(int)

    def __init__(
        self,
        api: ApiClient,
        hub: HubClient,
        user: UserOut,
        supervisor: TaskSupervisor,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.api = api
        self.hub = hub
        self.user = user
        self._supervisor = supervisor
        self.dialogs = DialogListModel(user.id, self)
        self._models: dict[int, MessageListModel] = {}
        hub.ready.connect(self._on_ready)
        hub.messageReceived.connect(self._on_message)
        hub.dialogReceived.connect(self._on_dialog)
        hub.authRejected.connect(lambda _code: self.sessionEnded.emit())

    def start(self) -> None:
        """Load the dialog list and connect to the hub; the hub's ``ready`` syncs again."""
        self._supervisor.spawn(self.refresh_dialogs(), name="load dialogs")
        self.hub.start()

    async def close(self) -> None:
        await self.hub.stop()

    def _report(self, error: ApiError, action: str) -> None:
        log.warning("%s failed: %s", action, error)
        if error.code in SESSION_ERRORS:
            self.sessionEnded.emit()
            return
        self.errorOccurred.emit(error_text(error.code))

    # Dialogs.

    async def refresh_dialogs(self) -> None:
        try:
            dialogs = await self.api.dialogs()
        except ApiError as error:
            self._report(error, "Loading dialogs")
            return
        self.dialogs.set_dialogs(dialogs)

    async def create_dialog(self, phone: str) -> DialogOut:
        """Open the direct dialog with the owner of ``phone``; raises ``ApiError``."""
        dialog = await self.api.create_dialog(phone=phone)
        self.dialogs.upsert(dialog)
        return dialog

    def _on_dialog(self, dialog: DialogOut) -> None:
        self.dialogs.upsert(dialog)

    # Messages.

    def messages(self, dialog_id: int) -> MessageListModel:
        """Return the model of a dialog, loading its latest page on first use."""
        model = self._models.get(dialog_id)
        if model is None:
            model = MessageListModel(dialog_id, self.user.id, self)
            self._models[dialog_id] = model
            self._supervisor.spawn(self.load_latest(dialog_id), name=f"load dialog {dialog_id}")
        return model

    async def load_latest(self, dialog_id: int) -> None:
        model = self._models[dialog_id]
        try:
            page = await self.api.messages(dialog_id, limit=DEFAULT_PAGE_SIZE)
        except ApiError as error:
            self._report(error, f"Loading dialog {dialog_id}")
            return
        if len(page) < DEFAULT_PAGE_SIZE:
            model.history_complete = True
        self._merge(model, page)

    async def load_older(self, dialog_id: int) -> None:
        """Prepend the page before the oldest loaded message."""
        model = self._models.get(dialog_id)
        if model is None or model.history_complete or model.first_seq is None:
            return
        try:
            page = await self.api.messages(dialog_id, before_seq=model.first_seq, limit=DEFAULT_PAGE_SIZE)
        except ApiError as error:
            self._report(error, f"Loading older messages of dialog {dialog_id}")
            return
        if len(page) < DEFAULT_PAGE_SIZE:
            model.history_complete = True
        self._merge(model, page)

    async def catch_up(self, dialog_id: int, after_seq: int | None = None) -> None:
        """Fetch every message after ``after_seq`` (default: the model's last seq)."""
        model = self._models.get(dialog_id)
        if model is None:
            return
        cursor = model.last_seq if after_seq is None else after_seq
        while True:
            try:
                page = await self.api.messages(dialog_id, after_seq=cursor, limit=MAX_PAGE_SIZE)
            except ApiError as error:
                self._report(error, f"Catching up dialog {dialog_id}")
                return
            self._merge(model, page)
            if len(page) < MAX_PAGE_SIZE:
                return
            cursor = page[-1].seq

    def _merge(self, model: MessageListModel, messages: list[MessageOut]) -> None:
        if model.merge(messages):
            self.messageAdded.emit(model.dialog_id)
        if messages:
            self.dialogs.apply_message(max(messages, key=lambda message: message.seq))

    def _on_ready(self, _user_id: int, _session_id: int) -> None:
        self._supervisor.spawn(self._resync(), name="resync after hub ready")

    async def _resync(self) -> None:
        await self.refresh_dialogs()
        for dialog_id in list(self._models):
            await self.catch_up(dialog_id)

    def _on_message(self, message: MessageOut) -> None:
        if not self.dialogs.apply_message(message):
            # A message of a dialog this client has not seen: the list is stale.
            self._supervisor.spawn(self.refresh_dialogs(), name="load dialogs")
        model = self._models.get(message.dialog_id)
        if model is None:
            return
        previous_seq = model.last_seq
        self._merge(model, [message])
        if previous_seq and message.seq > previous_seq + 1:
            self._supervisor.spawn(
                self.catch_up(message.dialog_id, previous_seq),
                name=f"fill gap in dialog {message.dialog_id}",
            )

    # Sending.

    def send(self, dialog_id: int, text: str) -> str | None:
        """Show ``text`` as pending and post it; return its client id, or None if invalid."""
        text = text.strip()
        if not text or len(text) > MAX_MESSAGE_LENGTH:
            return None
        client_id = str(uuid.uuid4())
        model = self.messages(dialog_id)
        model.add_pending(client_id, text)
        self.messageAdded.emit(dialog_id)
        self._supervisor.spawn(self._post(dialog_id, client_id, text), name=f"send {client_id}")
        return client_id

    def retry(self, dialog_id: int, client_id: str) -> None:
        """Post a failed message again with the same client id, so it cannot double."""
        model = self._models.get(dialog_id)
        row = model.find_client_id(client_id) if model else None
        if model is None or row is None or model.item(row).state != MessageState.FAILED:
            return
        model.set_state(client_id, MessageState.PENDING)
        text = model.item(row).text
        self._supervisor.spawn(self._post(dialog_id, client_id, text), name=f"send {client_id}")

    async def _post(self, dialog_id: int, client_id: str, text: str) -> None:
        model = self._models[dialog_id]
        try:
            message = await self.api.send_message(dialog_id, client_id, text)
        except ApiError as error:
            model.set_state(client_id, MessageState.FAILED)
            self._report(error, f"Sending message {client_id} to dialog {dialog_id}")
            return
        self._merge(model, [message])
