"""One open dialog: its title, the message list and the composer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QMenu, QVBoxLayout, QWidget

from desktop.delegates import MessageDelegate
from desktop.models import ITEM_ROLE, MessageItem, MessageListModel, MessageState
from desktop.views.composer import Composer

SCROLL_STICK_PIXELS = 48
"""A view scrolled to within this distance of the bottom follows new messages."""


class ChatView(QWidget):
    """Signals:
    sendRequested(int, str): the user sent text to the dialog with this id.
    olderRequested(int): the user scrolled to the top of the loaded history.
    retryRequested(int, str): the user double-clicked a failed message or chose "Try again"
        in its context menu (dialog id, client id).
    """

    sendRequested = Signal(int, str)
    olderRequested = Signal(int)
    retryRequested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatView")
        self._model: MessageListModel | None = None
        self.title = QLabel()
        self.title.setObjectName("chatTitle")
        self.list = QListView()
        self.list.setObjectName("messageList")
        self.list.setItemDelegate(MessageDelegate(self.list))
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.list.setUniformItemSizes(False)
        self.list.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.list.doubleClicked.connect(self._on_double_clicked)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_context_menu)
        self.composer = Composer()
        self.composer.sendRequested.connect(self._on_send)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.composer)

    @property
    def model(self) -> MessageListModel | None:
        return self._model

    def set_dialog(self, model: MessageListModel, title: str) -> None:
        if self._model is not None:
            self._model.rowsInserted.disconnect(self._on_rows_inserted)
        self._model = model
        self.title.setText(title)
        self.list.setModel(model)
        model.rowsInserted.connect(self._on_rows_inserted)
        self.list.scrollToBottom()
        self.composer.edit.setFocus()

    def _at_bottom(self) -> bool:
        bar = self.list.verticalScrollBar()
        return bar.maximum() - bar.value() <= SCROLL_STICK_PIXELS

    def _on_rows_inserted(self, _parent: QModelIndex, first: int, _last: int) -> None:
        assert self._model is not None
        appended = first >= self._model.rowCount() - 1 - (_last - first)
        if appended:
            self.list.scrollToBottom()

    def _on_scrolled(self, value: int) -> None:
        if value == 0 and self._model is not None and not self._model.history_complete:
            self.olderRequested.emit(self._model.dialog_id)

    def _on_send(self, text: str) -> None:
        if self._model is not None:
            self.sendRequested.emit(self._model.dialog_id, text)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        item = index.data(ITEM_ROLE)
        if self._model is not None and isinstance(item, MessageItem):
            if item.state == MessageState.FAILED:
                self.retryRequested.emit(self._model.dialog_id, item.client_id)

    def retry_menu(self, index: QModelIndex) -> QMenu | None:
        """Build the context menu of a failed message, or return None for other rows."""
        item = index.data(ITEM_ROLE)
        if self._model is None or not isinstance(item, MessageItem) or item.state != MessageState.FAILED:
            return None
        menu = QMenu(self.list)
        action = menu.addAction(QCoreApplication.translate("SyncMessageActions", "Try again"))
        action.setData((self._model.dialog_id, item.client_id))
        menu.triggered.connect(self._on_retry_action)
        return menu

    def _on_retry_action(self, action: QAction) -> None:
        dialog_id, client_id = action.data()
        self.retryRequested.emit(dialog_id, client_id)

    def _on_context_menu(self, position: QPoint) -> None:
        menu = self.retry_menu(self.list.indexAt(position))
        if menu is not None:
            menu.exec(self.list.viewport().mapToGlobal(position))
            menu.deleteLater()
