"""A user's profile page: name, presence, the friend button and, on one's own page, the visitors."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.social.presence import presence_text
from desktop.social.service import SocialService
from desktop.social.text import fill
from desktop.social.widgets import Avatar
from shared.api import ProfileOut, VisitorOut

USER_ID_DATA = Qt.ItemDataRole.UserRole + 1


def local_time(moment: datetime) -> str:
    """Return a date and time in the UI language, e.g. ``04.12.2026 20:01``."""
    stamp = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(stamp, QLocale.FormatType.ShortFormat)


class UserProfilePage(QWidget):
    """The profile of one user. Loads itself with ``load()``.

    Viewing another user's profile records a visit on the server, so the page
    fetches it once and afterwards follows friend changes from the service.

    Signals:
        backRequested(): the user pressed "Back".
        profileRequested(int): the user chose a visitor to see their profile.
    """

    backRequested = Signal()
    profileRequested = Signal(int)

    def __init__(
        self, service: SocialService, user_id: int, *, show_back: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("userProfilePage")
        self.service = service
        self.user_id = user_id
        self.profile: ProfileOut | None = None
        self.is_own = user_id == service.user.id

        self.back_button = QPushButton(self.tr("← Back"))
        self.back_button.setObjectName("secondary")
        self.back_button.clicked.connect(self.backRequested)
        self.back_button.setVisible(show_back)

        self.avatar = Avatar(72)
        self.name_label = QLabel()
        self.name_label.setObjectName("title")
        self.phone_label = QLabel()
        self.phone_label.setObjectName("subtitle")
        self.phone_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.presence_label = QLabel()
        self.presence_label.setObjectName("subtitle")
        names = QVBoxLayout()
        names.addWidget(self.name_label)
        names.addWidget(self.phone_label)
        names.addWidget(self.presence_label)
        names.addStretch(1)
        header = QHBoxLayout()
        header.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        header.addSpacing(12)
        header.addLayout(names, 1)

        self.message_button = QPushButton(self.tr("Write a message"))
        self.message_button.setObjectName("primary")
        self.message_button.clicked.connect(self._write)
        self.friend_button = QPushButton()
        self.friend_button.setObjectName("secondary")
        self.friend_button.clicked.connect(self._friend_action)
        self.decline_button = QPushButton()
        self.decline_button.setObjectName("secondary")
        self.decline_button.clicked.connect(self._decline)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message_button)
        buttons.addWidget(self.friend_button)
        buttons.addWidget(self.decline_button)
        buttons.addStretch(1)

        self.visitors_title = QLabel(self.tr("Who visited your profile"))
        self.visitors_title.setObjectName("sectionTitle")
        self.visitors_list = QListWidget()
        self.visitors_list.setObjectName("visitorsList")
        self.visitors_list.itemActivated.connect(self._open_visitor)
        self.visitors_list.itemClicked.connect(self._open_visitor)
        self.visitors_empty = QLabel(self.tr("Nobody has visited your profile yet."))
        self.visitors_empty.setObjectName("hint")

        self.status_label = QLabel()
        self.status_label.setObjectName("hint")
        self.status_label.setWordWrap(True)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(header)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addWidget(self.visitors_title)
        layout.addWidget(self.visitors_list, 1)
        layout.addWidget(self.visitors_empty)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        for button in (self.message_button, self.friend_button, self.decline_button):
            button.hide()
        self.visitors_title.setVisible(self.is_own)
        self.visitors_list.setVisible(self.is_own)
        self.visitors_empty.setVisible(self.is_own)
        self.name_label.setText(service.name_of(user_id) if not self.is_own else service.user.display_name)
        self.avatar.set_user(user_id, self.name_label.text())

        service.friendsChanged.connect(self._update_friendship)
        service.presence.changed.connect(self._on_presence)
        if self.is_own:
            service.visitorsChanged.connect(self.load_visitors)

    # Loading.

    def load(self) -> None:
        self.service.supervisor.spawn(self._load(), name=f"load profile {self.user_id}")

    async def _load(self) -> None:
        self.status_label.setText(self.tr("Loading…"))
        profile = await self.service.profile(self.user_id)
        if profile is None:
            self.status_label.setText(self.tr("Could not load the profile."))
            return
        self.status_label.clear()
        self.show_profile(profile)
        if self.is_own:
            await self._load_visitors()

    def show_profile(self, profile: ProfileOut) -> None:
        self.profile = profile
        self.name_label.setText(profile.user.display_name)
        self.avatar.set_user(profile.user.id, profile.user.display_name)
        self.phone_label.setText(profile.user.phone or "")
        self.phone_label.setVisible(bool(profile.user.phone))
        self._update_presence()
        self._update_buttons(profile.friendship)

    def load_visitors(self) -> None:
        self.service.supervisor.spawn(self._load_visitors(), name="load profile visitors")

    async def _load_visitors(self) -> None:
        visitors = await self.service.visitors()
        if visitors is not None:
            self.show_visitors(visitors)

    def show_visitors(self, visitors: list[VisitorOut]) -> None:
        self.visitors_list.clear()
        for visitor in visitors:
            line = fill(
                self.tr("%1 — %2, visits: %3"),
                visitor.user.display_name,
                local_time(visitor.visited_at),
                str(visitor.visits),
            )
            item = QListWidgetItem(line)
            item.setData(USER_ID_DATA, visitor.user.id)
            self.visitors_list.addItem(item)
        self.visitors_empty.setVisible(not visitors)

    # Presence and friendship.

    def friendship(self) -> str:
        return self.profile.friendship if self.profile is not None else "none"

    def _update_friendship(self) -> None:
        if self.profile is None or self.is_own:
            return
        state = self.service.friendship(self.user_id)
        if state != self.profile.friendship:
            self.profile = self.profile.model_copy(update={"friendship": state})
            self._update_buttons(state)
            self._update_presence()

    def _on_presence(self, user_id: int) -> None:
        if user_id == self.user_id:
            self._update_presence()

    def _update_presence(self) -> None:
        friends = self.friendship() == "friends"
        text = presence_text(self.service.presence.get(self.user_id)) if friends else ""
        self.presence_label.setText(text)
        self.presence_label.setVisible(bool(text))
        self.avatar.set_online(friends and self.service.presence.is_online(self.user_id))

    def _update_buttons(self, state: str) -> None:
        texts = {
            "none": (self.tr("Add to friends"), ""),
            "outgoing": (self.tr("Cancel friend request"), ""),
            "incoming": (self.tr("Accept friend request"), self.tr("Decline")),
            "friends": (self.tr("Remove from friends"), ""),
        }
        own = state == "self"
        self.message_button.setVisible(not own)
        friend_text, decline_text = texts.get(state, ("", ""))
        self.friend_button.setText(friend_text)
        self.friend_button.setVisible(bool(friend_text))
        self.decline_button.setText(decline_text)
        self.decline_button.setVisible(bool(decline_text))

    # Actions.

    def _write(self) -> None:
        self.service.supervisor.spawn(
            self.service.open_direct_dialog(self.user_id), name=f"open dialog with {self.user_id}"
        )

    def _friend_action(self) -> None:
        state = self.friendship()
        if state in ("none", "incoming"):
            self.service.supervisor.spawn(self._add(), name=f"add friend {self.user_id}")
        elif state == "outgoing":
            self.service.supervisor.spawn(self._remove(), name=f"cancel request to {self.user_id}")
        elif state == "friends":
            question = fill(self.tr("Remove %1 from your friends?"), self.name_label.text())
            answer = QMessageBox.question(self, self.tr("Remove from friends"), question)
            if answer == QMessageBox.StandardButton.Yes:
                self.service.supervisor.spawn(self._remove(), name=f"unfriend {self.user_id}")

    def _decline(self) -> None:
        self.service.supervisor.spawn(self._remove(), name=f"decline request of {self.user_id}")

    async def _add(self) -> None:
        self.friend_button.setEnabled(False)
        generation = self.service.friends_generation
        status = await self.service.add_friend(self.user_id)
        self.friend_button.setEnabled(True)
        if status is not None:
            self._apply_answer(status, generation)

    async def _remove(self) -> None:
        self.friend_button.setEnabled(False)
        generation = self.service.friends_generation
        done = await self.service.remove_friend(self.user_id)
        self.friend_button.setEnabled(True)
        if done:
            self._apply_answer("none", generation)

    def _apply_answer(self, status: str, generation: int) -> None:
        """Show the state an action returned, unless a newer friend list came meanwhile.

        The hub's frames can overtake the HTTP answer: when the friend list was
        refreshed after the click, it is newer than the answer, so it wins.
        """
        if self.profile is None:
            return
        if self.service.friends_generation != generation:
            self._update_friendship()
            return
        self.profile = self.profile.model_copy(update={"friendship": status})
        self._update_buttons(status)
        self._update_presence()

    def _open_visitor(self, item: QListWidgetItem) -> None:
        user_id = item.data(USER_ID_DATA)
        if isinstance(user_id, int):
            self.profileRequested.emit(user_id)
