"""The app window: a status page, the sign-in screen or the chats."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.chat import ChatService, connection_text
from desktop.delegates import DialogDelegate
from desktop.models import ID_ROLE, dialog_title
from desktop.tasks import TaskSupervisor
from desktop.views.chat_view import ChatView
from shared.api import DialogOut


class StatusPage(QWidget):
    """A centred message with an optional button, for start-up and fatal errors."""

    actionClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QLabel()
        self.detail.setObjectName("subtitle")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton()
        self.button.setObjectName("primary")
        self.button.clicked.connect(self.actionClicked)
        self.button.hide()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)

    def show_status(self, title: str, detail: str = "", button: str = "") -> None:
        self.title.setText(title)
        self.detail.setText(detail)
        self.button.setText(button)
        self.button.setVisible(bool(button))


class ChatsPage(QWidget):
    """Dialog list on the left, the open dialog on the right.

    Signals:
        newChatRequested(): the user pressed "New chat".
        dialogShown(int): the chat view now shows the dialog with this id.
    """

    newChatRequested = Signal()
    dialogShown = Signal(int)

    def __init__(
        self, service: ChatService, supervisor: TaskSupervisor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self._supervisor = supervisor

        self.account_label = QLabel(service.user.display_name)
        self.account_label.setObjectName("accountName")
        new_chat = QPushButton(self.tr("New chat"))
        new_chat.setObjectName("secondary")
        new_chat.clicked.connect(self.newChatRequested)
        header = QHBoxLayout()
        header.setContentsMargins(12, 10, 10, 10)
        header.addWidget(self.account_label, 1)
        header.addWidget(new_chat)

        self.dialog_list = QListView()
        self.dialog_list.setObjectName("dialogList")
        self.dialog_list.setModel(service.dialogs)
        self.dialog_list.setItemDelegate(DialogDelegate(self.dialog_list))
        self.dialog_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.dialog_list.setUniformItemSizes(True)
        self.dialog_list.selectionModel().selectionChanged.connect(self._on_selection)
        service.dialogs.modelReset.connect(self._restore_selection)

        self.empty_label = QLabel(self.tr("No chats yet. Start one with “New chat”."))
        self.empty_label.setObjectName("hint")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.connection_label = QLabel()
        self.connection_label.setObjectName("connection")
        self.connection_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.connection_label.hide()
        service.stateChanged.connect(self._on_sync_state)
        self._on_sync_state(service.state.value)
        service.dialogs.modelReset.connect(self._update_empty)
        service.dialogs.rowsInserted.connect(self._update_empty)

        left = QWidget()
        left.setObjectName("sidebar")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addLayout(header)
        left_layout.addWidget(self.connection_label)
        left_layout.addWidget(self.dialog_list, 1)
        left_layout.addWidget(self.empty_label)

        self.placeholder = QLabel(self.tr("Choose a chat on the left or start a new one."))
        self.placeholder.setObjectName("hint")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chat_view = ChatView()
        self.chat_view.sendRequested.connect(self._send)
        self.chat_view.olderRequested.connect(self._load_older)
        self.chat_view.retryRequested.connect(service.retry)
        self.right = QStackedWidget()
        self.right.addWidget(self.placeholder)
        self.right.addWidget(self.chat_view)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 700])
        splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._open_dialog_id: int | None = None
        self._update_empty()

    @property
    def open_dialog_id(self) -> int | None:
        return self._open_dialog_id

    def open_dialog(self, dialog: DialogOut | int) -> None:
        """Show a dialog in the chat view and select its row."""
        dialog_id = dialog if isinstance(dialog, int) else dialog.id
        if not isinstance(dialog, int):
            self.service.dialogs.upsert(dialog)
        found = self.service.dialogs.dialog(dialog_id)
        if found is None:
            return
        self._open_dialog_id = dialog_id
        self.service.set_open_dialog(dialog_id)
        model = self.service.messages(dialog_id)
        self.chat_view.set_dialog(model, dialog_title(found, self.service.user.id))
        self.right.setCurrentWidget(self.chat_view)
        self._restore_selection()
        self.dialogShown.emit(dialog_id)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        dialog_id = indexes[0].data(ID_ROLE)
        if isinstance(dialog_id, int) and dialog_id != self._open_dialog_id:
            self.open_dialog(dialog_id)

    def _restore_selection(self) -> None:
        if self._open_dialog_id is None:
            return
        row = self.service.dialogs.row_of(self._open_dialog_id)
        if row is None:
            return
        index: QModelIndex = self.service.dialogs.index(row)
        if self.dialog_list.currentIndex() != index:
            self.dialog_list.setCurrentIndex(index)

    def _update_empty(self) -> None:
        self.empty_label.setVisible(self.service.dialogs.rowCount() == 0)

    def _on_sync_state(self, state: str) -> None:
        text = connection_text(state)
        self.connection_label.setText(text)
        self.connection_label.setVisible(bool(text))

    def _send(self, dialog_id: int, text: str) -> None:
        self.service.send(dialog_id, text)

    def _load_older(self, dialog_id: int) -> None:
        self._supervisor.spawn(self.service.load_older(dialog_id), name=f"older of {dialog_id}")


class AppWindow(QMainWindow):
    """Top-level window; the controller swaps its pages.

    Signals:
        closing(): the user closed the window or chose Quit.
        signOutRequested(), newChatRequested(), languageChosen(str).
    """

    closing = Signal()
    signOutRequested = Signal()
    newChatRequested = Signal()
    languageChosen = Signal(str)

    def __init__(self, language_setting: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Autoclub")
        self.resize(1000, 680)
        self.setMinimumSize(720, 480)
        self.pages = QStackedWidget()
        self.status_page = StatusPage()
        self.pages.addWidget(self.status_page)
        self.setCentralWidget(self.pages)
        self.build_menu(language_setting)
        self.set_signed_in(False)

    def build_menu(self, language_setting: str) -> None:
        """Fill the menu bar; called again after a language switch."""
        menu = self.menuBar().addMenu(self.tr("&Autoclub"))
        self.new_chat_action = QAction(self.tr("&New chat…"), self)
        self.new_chat_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_chat_action.triggered.connect(self.newChatRequested)
        menu.addAction(self.new_chat_action)

        language_menu = menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        group.triggered.connect(self._on_language_action)
        for value, label in (
            ("system", self.tr("System language")),
            ("ru", "Русский"),
            ("en", "English"),
        ):
            action = QAction(label, self, checkable=True)
            action.setChecked(value == language_setting)
            action.setData(value)
            group.addAction(action)
            language_menu.addAction(action)

        menu.addSeparator()
        self.sign_out_action = QAction(self.tr("&Sign out"), self)
        self.sign_out_action.triggered.connect(self.signOutRequested)
        menu.addAction(self.sign_out_action)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)

    def _on_language_action(self, action: QAction) -> None:
        self.languageChosen.emit(action.data())

    def set_signed_in(self, signed_in: bool) -> None:
        self.new_chat_action.setEnabled(signed_in)
        self.sign_out_action.setEnabled(signed_in)

    def show_page(self, page: QWidget) -> None:
        """Show ``page``, replacing any earlier page except the status page."""
        for index in range(self.pages.count() - 1, 0, -1):
            old = self.pages.widget(index)
            if old is not None and old is not page:
                self.pages.removeWidget(old)
                old.deleteLater()
        if self.pages.indexOf(page) < 0:
            self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)

    def show_status(self, title: str, detail: str = "", button: str = "") -> None:
        self.status_page.show_status(title, detail, button)
        self.pages.setCurrentWidget(self.status_page)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
