"""Wires the social layer into the app: home sections, chat decorations, toasts and the menu.

``AppController`` creates one ``SocialFeature`` per signed-in account and calls
``attach`` every time it builds the home page (after sign-in and after a
language switch), so every widget here is rebuilt in the current language.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu
from shiboken6 import Shiboken

from desktop.api import ApiClient
from desktop.chat import ChatService
from desktop.hub import HubClient
from desktop.social.chat_extras import ChatHeaderExtras
from desktop.social.friends_view import FriendsSection, ProfileStack
from desktop.social.groups_view import GroupMembersDialog, NewGroupDialog
from desktop.social.profile_view import UserProfilePage
from desktop.social.service import NotificationKind, SocialService
from desktop.social.sessions_view import SettingsSection
from desktop.social.widgets import SocialToast
from desktop.tasks import TaskSupervisor
from desktop.views.home import HomePage
from desktop.views.main_window import ChatsPage
from shared.api import DialogOut, UserOut

MENU_ACTION_NAME = "socialNewGroupAction"


class SocialFeature(QObject):
    """The social layer of one signed-in account and the widgets it adds to the window."""

    def __init__(
        self,
        api: ApiClient,
        hub: HubClient,
        user: UserOut,
        supervisor: TaskSupervisor,
        chats: ChatService,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.service = SocialService(api, hub, user, supervisor, chats.dialogs, parent=self)
        self.service.errorOccurred.connect(chats.errorOccurred)
        self.service.sessionEnded.connect(chats.sessionEnded)
        self.service.notified.connect(self._on_notified)
        self.service.incomingCountChanged.connect(self._update_badge)
        self.service.dialogOpened.connect(self._show_dialog)
        self.service.profileRequested.connect(self.show_profile)
        self.toast = SocialToast(window)
        self.toast.activated.connect(self._on_toast_activated)
        self.home: HomePage | None = None
        self.chats_page: ChatsPage | None = None
        self.friends: FriendsSection | None = None
        self.own_profile: ProfileStack | None = None
        self.settings: SettingsSection | None = None
        self.chat_extras: ChatHeaderExtras | None = None
        self.group_dialog: GroupMembersDialog | None = None

    def start(self) -> None:
        self.service.start()

    def close(self) -> None:
        """Remove what this feature added to the window. The window itself stays."""
        if not Shiboken.isValid(self):
            # The window, its parent, is already gone, and everything it owned with it.
            return
        self.service.detach()
        self.toast.deleteLater()
        if self.group_dialog is not None:
            self.group_dialog.close()
        for action in self.window.findChildren(QAction, MENU_ACTION_NAME):
            action.deleteLater()
        self.deleteLater()

    def attach(self, home: HomePage, chats_page: ChatsPage) -> None:
        """Add the Friends, Profile and Settings sections and decorate the chats section."""
        self.home = home
        self.chats_page = chats_page
        self.friends = FriendsSection(self.service)
        self.friends.page.newGroupRequested.connect(self.show_new_group)
        home.add_section("friends", self.tr("Friends"), self.friends)
        own_page = UserProfilePage(self.service, self.service.user.id, show_back=False)
        self.own_profile = ProfileStack(self.service, own_page)
        own_page.profileRequested.connect(self.own_profile.show_profile)
        own_page.load()
        home.add_section("profile", self.tr("Profile"), self.own_profile)
        self.settings = SettingsSection(self.service)
        home.add_section("settings", self.tr("Settings"), self.settings)
        self.chat_extras = ChatHeaderExtras(self.service, chats_page)
        self.chat_extras.groupRequested.connect(self.show_group)
        self._update_badge(len(self.service.friends.incoming))
        self._add_menu_action()

    def _add_menu_action(self) -> None:
        for old in self.window.findChildren(QAction, MENU_ACTION_NAME):
            old.deleteLater()
        menus = [action.menu() for action in self.window.menuBar().actions()]
        menu = next((menu for menu in menus if isinstance(menu, QMenu)), None)
        if menu is None:
            return
        action = QAction(self.tr("New &group…"), self.window)
        action.setObjectName(MENU_ACTION_NAME)
        action.triggered.connect(self.show_new_group)
        # Right after "New chat…", the first item of the app menu.
        existing = menu.actions()
        if len(existing) > 1:
            menu.insertAction(existing[1], action)
        else:
            menu.addAction(action)

    # Navigation.

    def show_profile(self, user_id: int) -> None:
        """Show a profile in the Friends section (one's own in the Profile section)."""
        if self.home is None:
            return
        if user_id == self.service.user.id and self.own_profile is not None:
            self.own_profile.pop_all()
            self.home.show_section("profile")
            return
        if self.friends is not None:
            self.home.show_section("friends")
            self.friends.show_profile(user_id)

    def _show_dialog(self, dialog: DialogOut) -> None:
        if self.home is not None and self.chats_page is not None:
            self.home.show_section("chats")
            self.chats_page.open_dialog(dialog)

    def show_new_group(self) -> None:
        dialog = NewGroupDialog(self.service, self.window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def show_group(self, dialog_id: int) -> GroupMembersDialog:
        """Open the members page of a group, or raise it if it is already open for that group."""
        if self.group_dialog is not None and self.group_dialog.dialog_id == dialog_id:
            self.group_dialog.raise_()
            return self.group_dialog
        if self.group_dialog is not None:
            self.group_dialog.close()
        dialog = GroupMembersDialog(self.service, dialog_id, parent=self.window)
        dialog.finished.connect(self._forget_group_dialog)
        self.group_dialog = dialog
        dialog.show()
        dialog.load()
        return dialog

    def _forget_group_dialog(self) -> None:
        if self.group_dialog is not None:
            self.group_dialog.deleteLater()
            self.group_dialog = None

    # Notifications and the badge.

    def _on_notified(self, kind: str, text: str, user_id: int) -> None:
        self.toast.notify(kind, text, user_id, self.service.name_of(user_id))

    def _on_toast_activated(self, kind: str, user_id: int) -> None:
        if kind in (
            NotificationKind.VISIT,
            NotificationKind.FRIEND_REQUEST,
            NotificationKind.FRIEND_ACCEPTED,
        ):
            self.show_profile(user_id)

    def _update_badge(self, count: int) -> None:
        if self.home is not None and "friends" in self.home.sections:
            self.home.set_badge("friends", count, self.tr("Friends"))
