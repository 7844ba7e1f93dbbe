"""Chat state of one signed-in account in Qt models, on top of the sync engine.

The app opens from the local cache at once (dialogs, their last messages and
every stored message), so it can be read offline. ``desktop.sync.engine``
keeps the cache in step with the server and sends the outbox. This module
turns its changes into the Qt item models and signals of the views.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.api import ApiClient, ApiError
from desktop.errors import error_text
from desktop.hub import HubClient
from desktop.models import DialogListModel, MessageListModel, MessageState
from desktop.sync.engine import SyncEngine, SyncState
from desktop.sync.store import CachedMessage, DeliveryState, Store, StoreError
from desktop.tasks import TaskSupervisor
from shared.api import DialogOut, MessageOut, UserOut
from shared.errors import ErrorCode
from shared.limits import DEFAULT_PAGE_SIZE, MAX_MESSAGE_LENGTH

log = logging.getLogger("autoclub.desktop")

SESSION_ERRORS = frozenset({ErrorCode.INVALID_TOKEN, ErrorCode.NOT_AUTHENTICATED})


def connection_text(state: str) -> str:
    """Return the line the window shows for a ``SyncState`` value; empty when online."""
    texts = {
        SyncState.CONNECTING.value: QCoreApplication.translate("SyncConnectionState", "Connecting…"),
        SyncState.UPDATING.value: QCoreApplication.translate("SyncConnectionState", "Updating…"),
        SyncState.OFFLINE.value: QCoreApplication.translate("SyncConnectionState", "Offline"),
    }
    return texts.get(state, "")


class ChatService(QObject):
    """Keeps the models of one account in step with the cache, the API and the hub.

    ``cache_path`` is the account's SQLite cache; the default ``":memory:"``
    keeps nothing between runs.

    Signals:
        errorOccurred(str): a translated sentence for the status area.
        sessionEnded(): the token was rejected; the user must sign in again.
        messageAdded(int): a message of the dialog with this id was added or changed state.
        stateChanged(str): a ``SyncState`` value: offline, connecting, updating or online.
        loaded(): the dialogs and open dialogs were filled from the cache.
    """

    errorOccurred = Signal(str)
    sessionEnded = Signal()
    messageAdded = Signal(int)
    stateChanged = Signal(str)
    loaded = Signal()

    def __init__(
        self,
        api: ApiClient,
        hub: HubClient,
        user: UserOut,
        supervisor: TaskSupervisor,
        parent: QObject | None = None,
        *,
        cache_path: Path | str = ":memory:",
    ) -> None:
        super().__init__(parent)
        self.api = api
        self.hub = hub
        self.user = user
        self.cache_path = cache_path
        self._supervisor = supervisor
        self.dialogs = DialogListModel(user.id, self)
        self._models: dict[int, MessageListModel] = {}
        self.engine: SyncEngine | None = None
        self.store: Store | None = None
        self._state = SyncState.CONNECTING
        self._open_dialog_id: int | None = None
        self._closed = False

    @property
    def state(self) -> SyncState:
        return self._state

    def start(self) -> None:
        """Show the cached chats, then connect; the hub's ``ready`` resyncs and sends the outbox."""
        self._supervisor.spawn(self._start(), name="start chats")

    async def _start(self) -> None:
        self.store = await self._open_store()
        if self._closed:
            await self.store.close()
            return
        self.engine = SyncEngine(self.api, self.store, self.hub.connection, self.user.id, self)
        self.dialogs.set_dialogs(await self.store.dialogs())
        for dialog_id in list(self._models):
            await self.load_latest(dialog_id)
        self.loaded.emit()
        await self.engine.start()

    async def _open_store(self) -> Store:
        try:
            return await Store.open(self.cache_path)
        except (StoreError, sqlite3.Error, OSError) as error:
            # The app still works without a cache; it only cannot open offline.
            log.error("Cannot open the cache %s, keeping it in memory: %r", self.cache_path, error)
            return await Store.open(":memory:")

    async def close(self) -> None:
        self._closed = True
        if self.engine is not None:
            await self.engine.stop()
        else:
            await self.hub.stop()
        if self.store is not None:
            await self.store.close()
            self.store = None

    def _report(self, error: ApiError, action: str) -> None:
        log.warning("%s failed: %s", action, error)
        if error.code in SESSION_ERRORS:
            self.sessionEnded.emit()
            return
        self.errorOccurred.emit(error_text(error.code))

    # SyncListener methods, called by the engine.

    def sync_state_changed(self, state: SyncState) -> None:
        self._state = state
        self.stateChanged.emit(state.value)

    def dialogs_changed(self, dialogs: list[DialogOut]) -> None:
        for dialog in dialogs:
            self.dialogs.upsert(dialog)
            model = self._models.get(dialog.id)
            if model is not None and dialog.kind == "direct" and dialog.peer_read_seq:
                model.set_peer_read_seq(dialog.peer_read_seq)

    def dialogs_removed(self, dialog_ids: list[int]) -> None:
        for dialog_id in dialog_ids:
            self.dialogs.remove(dialog_id)

    def messages_changed(self, dialog_id: int, messages: list[CachedMessage]) -> None:
        model = self._models.get(dialog_id)
        if model is not None and model.apply_cached(messages):
            self.messageAdded.emit(dialog_id)
        for message in messages:
            if message.state == DeliveryState.FAILED and message.error_code:
                self.errorOccurred.emit(error_text(message.error_code))
        if dialog_id == self._open_dialog_id:
            self._mark_open_dialog_read()

    def session_rejected(self) -> None:
        self.sessionEnded.emit()

    # Dialogs.

    async def refresh_dialogs(self) -> None:
        """Resync with the server now; reports errors through ``errorOccurred``."""
        if self.engine is None:
            return
        try:
            await self.engine.sync_now()
        except ApiError as error:
            self._report(error, "Syncing dialogs")

    async def create_dialog(self, phone: str) -> DialogOut:
        """Open the direct dialog with the owner of ``phone``; raises ``ApiError``."""
        dialog = await self.api.create_dialog(phone=phone)
        if self.engine is not None:
            await self.engine.add_dialog(dialog)
        self.dialogs.upsert(dialog)
        return dialog

    def set_open_dialog(self, dialog_id: int | None) -> None:
        """Name the dialog the user has open and in view; its new messages are marked read."""
        self._open_dialog_id = dialog_id
        if dialog_id is not None:
            self._mark_open_dialog_read()

    def _mark_open_dialog_read(self) -> None:
        dialog_id = self._open_dialog_id
        model = self._models.get(dialog_id) if dialog_id is not None else None
        dialog = self.dialogs.dialog(dialog_id) if dialog_id is not None else None
        if model is None or dialog is None or self.engine is None:
            return
        if model.last_seq > dialog.read_seq:
            self._supervisor.spawn(self.engine.mark_read(model.dialog_id, model.last_seq), name="mark read")

    # Messages.

    def messages(self, dialog_id: int) -> MessageListModel:
        """Return the model of a dialog, loading its latest page from the cache on first use."""
        model = self._models.get(dialog_id)
        if model is None:
            model = MessageListModel(dialog_id, self.user.id, self)
            dialog = self.dialogs.dialog(dialog_id)
            if dialog is not None and dialog.peer_read_seq:
                model.peer_read_seq = dialog.peer_read_seq
            self._models[dialog_id] = model
            if self.store is not None:
                self._supervisor.spawn(self.load_latest(dialog_id), name=f"load dialog {dialog_id}")
        return model

    async def load_latest(self, dialog_id: int) -> None:
        model = self._models[dialog_id]
        if self.store is None:
            return
        rows = await self.store.page(dialog_id, limit=DEFAULT_PAGE_SIZE)
        if sum(1 for row in rows if row.seq is not None) < DEFAULT_PAGE_SIZE:
            model.history_complete = True
        if model.apply_cached(rows):
            self.messageAdded.emit(dialog_id)
        if dialog_id == self._open_dialog_id:
            self._mark_open_dialog_read()

    async def load_older(self, dialog_id: int) -> None:
        """Prepend the cached page before the oldest loaded message."""
        model = self._models.get(dialog_id)
        if model is None or model.history_complete or model.first_seq is None or self.store is None:
            return
        rows = await self.store.page(dialog_id, before_seq=model.first_seq, limit=DEFAULT_PAGE_SIZE)
        if len(rows) < DEFAULT_PAGE_SIZE:
            model.history_complete = True
        model.apply_cached(rows)

    def merge(self, messages: list[MessageOut]) -> None:
        """Show confirmed messages that came from elsewhere, e.g. a test."""
        for message in messages:
            model = self._models.get(message.dialog_id)
            if model is not None and model.merge([message]):
                self.messageAdded.emit(message.dialog_id)

    # Sending.

    def send(self, dialog_id: int, text: str) -> str | None:
        """Show ``text`` as sending and put it in the outbox; return its client id, or None if invalid."""
        text = text.strip()
        if not text or len(text) > MAX_MESSAGE_LENGTH or self.engine is None:
            return None
        client_id = str(uuid.uuid4())
        model = self.messages(dialog_id)
        model.add_pending(client_id, text)
        self.messageAdded.emit(dialog_id)
        self._supervisor.spawn(self._enqueue(dialog_id, client_id, text), name=f"send {client_id}")
        return client_id

    async def _enqueue(self, dialog_id: int, client_id: str, text: str) -> None:
        assert self.engine is not None
        message = await self.engine.outbox.send(dialog_id, text, client_id=client_id)
        self.messages_changed(dialog_id, [message])

    def retry(self, dialog_id: int, client_id: str) -> None:
        """Send a failed message again with the same client id, so it cannot double."""
        model = self._models.get(dialog_id)
        row = model.find_client_id(client_id) if model else None
        if model is None or row is None or self.engine is None:
            return
        item = model.item(row)
        if item.state != MessageState.FAILED or item.row_id is None:
            return
        model.set_state(client_id, MessageState.PENDING)
        self._supervisor.spawn(self.engine.retry(item.row_id), name=f"retry {client_id}")
