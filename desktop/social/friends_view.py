"""The Friends section: requests, the friend list with presence, adding by phone, and profiles."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.social.models import ONLINE_ROLE, PRESENCE_TEXT_ROLE, USER_ID_ROLE, FriendListModel
from desktop.social.profile_view import UserProfilePage
from desktop.social.service import SocialService
from desktop.social.text import fill
from desktop.social.widgets import MUTED_COLOR, ONLINE_COLOR, Avatar, paint_avatar, paint_presence_dot
from shared.api import FriendRequestOut

Index = QModelIndex | QPersistentModelIndex

SELECTED_ROW = QColor("#e3ecfc")


class FriendDelegate(QStyledItemDelegate):
    """Paints a friend: avatar with a presence dot, name, and "online" or "last seen …"."""

    ROW_HEIGHT = 56
    AVATAR = 40
    MARGIN = 10

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(option.rect.width(), self.ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        rect: QRect = option.rect
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        user_id = int(index.data(USER_ID_ROLE) or 0)
        online = bool(index.data(ONLINE_ROLE))
        status = str(index.data(PRESENCE_TEXT_ROLE) or "")
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        background = SELECTED_ROW if selected else option.palette.base().color()

        painter.save()
        painter.fillRect(rect, background)
        avatar = QRectF(
            rect.left() + self.MARGIN,
            rect.top() + (rect.height() - self.AVATAR) / 2,
            self.AVATAR,
            self.AVATAR,
        )
        paint_avatar(painter, avatar, name, user_id, option.font)
        if online:
            paint_presence_dot(painter, avatar, background)

        left = int(avatar.right()) + self.MARGIN
        width = rect.right() - self.MARGIN - left
        name_font = QFont(option.font)
        name_font.setBold(True)
        small_font = QFont(option.font)
        small_font.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.9))
        name_height = QFontMetrics(name_font).height()
        small_height = QFontMetrics(small_font).height()
        top = rect.top() + (rect.height() - name_height - small_height - 2) // 2

        painter.setFont(name_font)
        painter.setPen(QColor("#1b1f24"))
        painter.drawText(
            QRect(left, top, width, name_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(name_font).elidedText(name, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(small_font)
        painter.setPen(ONLINE_COLOR if online else MUTED_COLOR)
        painter.drawText(
            QRect(left, top + name_height + 2, width, small_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(small_font).elidedText(status, Qt.TextElideMode.ElideRight, width),
        )
        painter.restore()


class RequestRow(QWidget):
    """A friend request: the other user's name and buttons to accept, decline or cancel.

    Signals:
        profileRequested(int), acceptRequested(int), removeRequested(int): with the other user's id.
    """

    profileRequested = Signal(int)
    acceptRequested = Signal(int)
    removeRequested = Signal(int)

    def __init__(self, request: FriendRequestOut, incoming: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user_id = request.user.id
        avatar = Avatar(32)
        avatar.set_user(request.user.id, request.user.display_name)
        self.name_button = QPushButton(request.user.display_name)
        self.name_button.setObjectName("link")
        self.name_button.setFlat(True)
        self.name_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.name_button.clicked.connect(self._request_profile)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 2, 10, 2)
        layout.addWidget(avatar)
        layout.addWidget(self.name_button, 1, Qt.AlignmentFlag.AlignLeft)
        self.accept_button: QPushButton | None = None
        if incoming:
            self.accept_button = QPushButton(self.tr("Accept"))
            self.accept_button.setObjectName("primary")
            self.accept_button.clicked.connect(self._request_accept)
            layout.addWidget(self.accept_button)
        self.remove_button = QPushButton(self.tr("Decline") if incoming else self.tr("Cancel request"))
        self.remove_button.setObjectName("secondary")
        self.remove_button.clicked.connect(self._request_removal)
        layout.addWidget(self.remove_button)

    def _request_profile(self) -> None:
        self.profileRequested.emit(self.user_id)

    def _request_accept(self) -> None:
        self.acceptRequested.emit(self.user_id)

    def _request_removal(self) -> None:
        self.removeRequested.emit(self.user_id)


class FriendsPage(QWidget):
    """Incoming and outgoing requests, the friend list and a search by phone number.

    Signals:
        profileRequested(int): show this user's profile.
        ownProfileRequested(), newGroupRequested().
    """

    profileRequested = Signal(int)
    ownProfileRequested = Signal()
    newGroupRequested = Signal()

    def __init__(self, service: SocialService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("friendsPage")
        self.service = service
        self.model = FriendListModel(service.presence, self)

        title = QLabel(self.tr("Friends"))
        title.setObjectName("title")
        own_profile = QPushButton(self.tr("My profile"))
        own_profile.setObjectName("secondary")
        own_profile.clicked.connect(self.ownProfileRequested)
        new_group = QPushButton(self.tr("New group…"))
        new_group.setObjectName("secondary")
        new_group.clicked.connect(self.newGroupRequested)
        header = QHBoxLayout()
        header.addWidget(title, 1)
        header.addWidget(new_group)
        header.addWidget(own_profile)

        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText(self.tr("Phone number, e.g. +7 914 123-45-67"))
        self.phone_edit.returnPressed.connect(self._find)
        self.find_button = QPushButton(self.tr("Find"))
        self.find_button.setObjectName("primary")
        self.find_button.clicked.connect(self._find)
        search = QHBoxLayout()
        search.addWidget(self.phone_edit, 1)
        search.addWidget(self.find_button)

        self.incoming_title = QLabel()
        self.incoming_title.setObjectName("sectionTitle")
        self.incoming_box = QVBoxLayout()
        self.incoming_box.setSpacing(0)
        self.outgoing_title = QLabel(self.tr("Sent requests"))
        self.outgoing_title.setObjectName("sectionTitle")
        self.outgoing_box = QVBoxLayout()
        self.outgoing_box.setSpacing(0)

        self.friends_title = QLabel()
        self.friends_title.setObjectName("sectionTitle")
        self.list = QListView()
        self.list.setObjectName("friendList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(FriendDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.activated.connect(self._open_index)
        self.list.clicked.connect(self._open_index)
        self.empty_label = QLabel(self.tr("No friends yet. Find people by their phone number above."))
        self.empty_label.setObjectName("hint")
        self.empty_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addLayout(search)
        layout.addWidget(self.incoming_title)
        layout.addLayout(self.incoming_box)
        layout.addWidget(self.outgoing_title)
        layout.addLayout(self.outgoing_box)
        layout.addWidget(self.friends_title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)

        self.incoming_rows: list[RequestRow] = []
        self.outgoing_rows: list[RequestRow] = []
        service.friendsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the requests and the list from the service's latest friend list."""
        friends = self.service.friends
        self.model.set_friends(friends.friends)
        self.incoming_rows = self._fill(self.incoming_box, friends.incoming, incoming=True)
        self.outgoing_rows = self._fill(self.outgoing_box, friends.outgoing, incoming=False)
        self.incoming_title.setText(fill(self.tr("Friend requests (%1)"), str(len(friends.incoming))))
        self.incoming_title.setVisible(bool(friends.incoming))
        self.outgoing_title.setVisible(bool(friends.outgoing))
        self.friends_title.setText(fill(self.tr("Friends (%1)"), str(len(friends.friends))))
        self.empty_label.setVisible(not friends.friends)

    def _fill(
        self, box: QVBoxLayout, requests: list[FriendRequestOut], *, incoming: bool
    ) -> list[RequestRow]:
        while box.count():
            item = box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        rows = []
        for request in requests:
            row = RequestRow(request, incoming)
            row.profileRequested.connect(self.profileRequested)
            row.acceptRequested.connect(self._accept)
            row.removeRequested.connect(self._remove)
            box.addWidget(row)
            rows.append(row)
        return rows

    def _accept(self, user_id: int) -> None:
        self.service.supervisor.spawn(self.service.add_friend(user_id), name=f"accept friend {user_id}")

    def _remove(self, user_id: int) -> None:
        self.service.supervisor.spawn(self.service.remove_friend(user_id), name=f"remove friend {user_id}")

    def _open_index(self, index: QModelIndex) -> None:
        user_id = index.data(USER_ID_ROLE)
        if isinstance(user_id, int):
            self.profileRequested.emit(user_id)

    def _context_menu(self, position: QPoint) -> None:
        index = self.list.indexAt(position)
        user_id = index.data(USER_ID_ROLE)
        if not isinstance(user_id, int):
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open profile"), lambda: self.profileRequested.emit(user_id))
        menu.addAction(
            self.tr("Write a message"),
            lambda: self.service.supervisor.spawn(
                self.service.open_direct_dialog(user_id), name=f"open dialog with {user_id}"
            ),
        )
        menu.addAction(self.tr("Remove from friends"), lambda: self._remove(user_id))
        menu.popup(self.list.viewport().mapToGlobal(position))

    def _find(self) -> None:
        phone = self.phone_edit.text().strip()
        if phone:
            self.service.supervisor.spawn(self._find_phone(phone), name="find user by phone")

    async def _find_phone(self, phone: str) -> None:
        self.find_button.setEnabled(False)
        try:
            user = await self.service.find_by_phone(phone)
        finally:
            self.find_button.setEnabled(True)
        if user is not None:
            self.phone_edit.clear()
            self.profileRequested.emit(user.id)


class ProfileStack(QStackedWidget):
    """A root page with profile pages pushed over it. "Back" pops one."""

    def __init__(self, service: SocialService, root: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.root = root
        self.addWidget(root)

    def current_profile(self) -> UserProfilePage | None:
        page = self.currentWidget()
        return page if isinstance(page, UserProfilePage) else None

    def show_profile(self, user_id: int) -> UserProfilePage:
        """Push the profile of ``user_id`` and load it."""
        current = self.current_profile()
        if current is not None and current.user_id == user_id:
            return current
        page = UserProfilePage(self.service, user_id)
        page.backRequested.connect(self.pop)
        page.profileRequested.connect(self.show_profile)
        self.addWidget(page)
        self.setCurrentWidget(page)
        page.load()
        return page

    def pop(self) -> None:
        page = self.currentWidget()
        if page is self.root or page is None:
            return
        self.removeWidget(page)
        page.deleteLater()

    def pop_all(self) -> None:
        while self.currentWidget() is not self.root and self.count() > 1:
            self.pop()


class FriendsSection(ProfileStack):
    """The home section "Friends": ``FriendsPage`` with profiles pushed over it."""

    def __init__(self, service: SocialService, parent: QWidget | None = None) -> None:
        page = FriendsPage(service)
        super().__init__(service, page, parent)
        self.page = page
        self.page.profileRequested.connect(self.show_profile)
        self.page.ownProfileRequested.connect(self._show_own_profile)

    def _show_own_profile(self) -> None:
        self.show_profile(self.service.user.id)
