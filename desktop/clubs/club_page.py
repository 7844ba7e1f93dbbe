"""One club: cover banner, details, membership, albums, members and join requests."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.albums.api import AlbumsApi, resolve_media_url
from desktop.albums.cache import ImageLoader
from desktop.albums.panel import AlbumsPanel
from desktop.albums.view import IMAGE_FILTER
from desktop.api import ApiError
from desktop.clubs.api import ClubsApi
from desktop.clubs.banner import BannerWidget, FocalPointDialog
from desktop.clubs.editor import ClubEditorDialog
from desktop.errors import error_text
from desktop.tasks import TaskSupervisor
from shared.clubs import ClubFrameType, ClubMemberOut, ClubOut, ClubRole, JoinRequestOut

log = logging.getLogger("autoclub.desktop")

USER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ClubPage(QWidget):
    """The page of one club as the signed-in user sees it.

    Signals:
        backRequested(): return to the club list.
        chatRequested(int): open the club's chat, a dialog with this id.
        clubChanged(ClubOut): the club or the caller's membership changed.
        errorOccurred(str): a translated sentence for a failed action.
    """

    backRequested = Signal()
    chatRequested = Signal(int)
    clubChanged = Signal(object)
    errorOccurred = Signal(str)

    def __init__(
        self,
        clubs: ClubsApi,
        albums: AlbumsApi,
        loader: ImageLoader,
        supervisor: TaskSupervisor,
        club: ClubOut,
        user_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clubPage")
        self.clubs_api = clubs
        self.loader = loader
        self.club = club
        self.user_id = user_id
        self._supervisor = supervisor
        self.members: list[ClubMemberOut] = []
        self.requests: list[JoinRequestOut] = []

        self.banner = BannerWidget(loader, self.resolve)
        self.back_button = QPushButton(self.tr("← Clubs"), self.banner)
        self.back_button.setObjectName("bannerButton")
        self.back_button.setStyleSheet(
            "QPushButton { background: rgba(0, 0, 0, 110); color: white; border: none;"
            " border-radius: 8px; padding: 6px 12px; font-weight: bold; }"
        )
        self.back_button.move(12, 12)
        self.back_button.clicked.connect(self.backRequested)

        self.title_label = QLabel()
        self.title_label.setObjectName("title")
        self.title_label.setWordWrap(True)
        self.details_label = QLabel()
        self.details_label.setObjectName("subtitle")
        self.description_label = QLabel()
        self.description_label.setWordWrap(True)
        self.description_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label = QLabel()
        self.status_label.setObjectName("hint")

        self.join_button = QPushButton()
        self.join_button.setObjectName("primary")
        self.join_button.clicked.connect(self.join)
        self.chat_button = QPushButton(self.tr("Open chat"))
        self.chat_button.setObjectName("primary")
        self.chat_button.clicked.connect(self._open_chat)
        self.leave_button = QPushButton()
        self.leave_button.setObjectName("secondary")
        self.leave_button.clicked.connect(self.confirm_leave)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("secondary")
        self.edit_button.clicked.connect(self.edit)
        self.cover_button = QPushButton(self.tr("Cover"))
        self.cover_button.setObjectName("secondary")
        self.cover_menu = QMenu(self)
        self.upload_cover_action = self.cover_menu.addAction(self.tr("Upload a cover…"))
        self.upload_cover_action.triggered.connect(self.choose_cover)
        self.focal_action = self.cover_menu.addAction(self.tr("Set the focal point…"))
        self.focal_action.triggered.connect(self.pick_focal_point)
        self.remove_cover_action = self.cover_menu.addAction(self.tr("Remove the cover"))
        self.remove_cover_action.triggered.connect(self.remove_cover)
        self.cover_button.setMenu(self.cover_menu)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        for button in (
            self.join_button,
            self.chat_button,
            self.leave_button,
            self.edit_button,
            self.cover_button,
        ):
            actions.addWidget(button)
        actions.addWidget(self.status_label)
        actions.addStretch(1)

        self.albums_panel = AlbumsPanel(
            albums, loader, supervisor, "club", club.id, user_id, can_create=self.is_admin
        )
        self.albums_panel.errorOccurred.connect(self.errorOccurred)
        self.members_tab = self._build_members_tab()
        self.requests_tab = self._build_requests_tab()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.albums_panel, self.tr("Albums"))
        self.tabs.addTab(self.members_tab, self.tr("Members"))

        info = QVBoxLayout()
        info.setContentsMargins(20, 12, 20, 8)
        info.setSpacing(6)
        info.addWidget(self.title_label)
        info.addWidget(self.details_label)
        info.addWidget(self.description_label)
        info.addLayout(actions)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addLayout(info)
        tabs_box = QVBoxLayout()
        tabs_box.setContentsMargins(12, 0, 12, 12)
        tabs_box.addWidget(self.tabs)
        layout.addLayout(tabs_box, 1)
        self.set_club(club)

    def resolve(self, url: str) -> str:
        return resolve_media_url(self.clubs_api.api, url)

    @property
    def is_admin(self) -> bool:
        return self.club.my_role in ("owner", "admin")

    @property
    def is_owner(self) -> bool:
        return self.club.my_role == "owner"

    # Tabs.

    def _build_members_tab(self) -> QWidget:
        self.member_list = QListWidget()
        self.member_list.setObjectName("memberList")
        self.member_list.currentItemChanged.connect(self._update_member_actions)
        self.make_admin_button = QPushButton(self.tr("Make admin"))
        self.make_member_button = QPushButton(self.tr("Make member"))
        self.make_owner_button = QPushButton(self.tr("Hand the club over…"))
        self.remove_member_button = QPushButton(self.tr("Remove from club"))
        self.make_admin_button.clicked.connect(self._make_selected_admin)
        self.make_member_button.clicked.connect(self._make_selected_member)
        self.make_owner_button.clicked.connect(self._confirm_hand_over)
        self.remove_member_button.clicked.connect(self._confirm_remove)
        buttons = QHBoxLayout()
        for button in (
            self.make_admin_button,
            self.make_member_button,
            self.make_owner_button,
            self.remove_member_button,
        ):
            button.setObjectName("secondary")
            buttons.addWidget(button)
        buttons.addStretch(1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.member_list, 1)
        layout.addLayout(buttons)
        return tab

    def _build_requests_tab(self) -> QWidget:
        self.request_list = QListWidget()
        self.request_list.setObjectName("requestList")
        self.request_list.currentItemChanged.connect(self._update_request_actions)
        self.approve_button = QPushButton(self.tr("Approve"))
        self.approve_button.setObjectName("primary")
        self.approve_button.clicked.connect(self._approve_selected)
        self.decline_button = QPushButton(self.tr("Decline"))
        self.decline_button.setObjectName("secondary")
        self.decline_button.clicked.connect(self._decline_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.decline_button)
        buttons.addStretch(1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.request_list, 1)
        layout.addLayout(buttons)
        return tab

    # Showing the club.

    def set_club(self, club: ClubOut) -> None:
        """Show ``club``: its fields, cover and what the caller may do."""
        self.club = club
        self.banner.set_cover(club.cover)
        self.title_label.setText(club.title)
        members = self.tr("%n member(s)", "", club.member_count)
        self.details_label.setText(f"{club.city} · {club.topic} · {members}")
        self.description_label.setText(club.description)
        self.description_label.setVisible(bool(club.description))
        self._update_membership()
        self.edit_button.setVisible(self.is_admin)
        self.cover_button.setVisible(self.is_admin)
        self.focal_action.setEnabled(club.cover is not None)
        self.remove_cover_action.setEnabled(club.cover is not None)
        self.upload_cover_action.setText(
            self.tr("Replace the cover…") if club.cover is not None else self.tr("Upload a cover…")
        )
        self.albums_panel.set_can_create(self.is_admin)
        self._update_requests_tab()
        self._update_member_actions()

    def _update_membership(self) -> None:
        club = self.club
        member = club.my_status == "member"
        pending = club.my_status == "pending"
        self.join_button.setVisible(club.my_status == "none")
        self.join_button.setText(self.tr("Join") if club.join_policy == "open" else self.tr("Ask to join"))
        self.chat_button.setVisible(member and club.dialog_id is not None)
        self.leave_button.setVisible((member and club.my_role != "owner") or pending)
        self.leave_button.setText(self.tr("Cancel request") if pending else self.tr("Leave"))
        if pending:
            self.status_label.setText(self.tr("Request sent. The club's admins will answer it."))
        elif club.my_role == "owner":
            self.status_label.setText(self.tr("You own this club."))
        elif club.my_role == "admin":
            self.status_label.setText(self.tr("You are an admin of this club."))
        elif member:
            self.status_label.setText(self.tr("You are a member."))
        else:
            self.status_label.setText("")

    def _update_requests_tab(self) -> None:
        index = self.tabs.indexOf(self.requests_tab)
        if self.is_admin and index < 0:
            self.tabs.addTab(self.requests_tab, self.tr("Requests"))
        elif not self.is_admin and index >= 0:
            self.tabs.removeTab(index)
        index = self.tabs.indexOf(self.requests_tab)
        if index >= 0:
            title = self.tr("Requests (%1)").replace("%1", str(len(self.requests)))
            self.tabs.setTabText(index, title if self.requests else self.tr("Requests"))

    def role_text(self, role: ClubRole) -> str:
        texts = {"owner": self.tr("owner"), "admin": self.tr("admin"), "member": self.tr("member")}
        return texts[role]

    def set_members(self, members: list[ClubMemberOut]) -> None:
        self.members = list(members)
        self.member_list.clear()
        for member in self.members:
            text = f"{member.user.display_name} — {self.role_text(member.role)}"
            if member.user.id == self.user_id:
                text += " " + self.tr("(you)")
            item = QListWidgetItem(text)
            item.setData(USER_ID_ROLE, member.user.id)
            self.member_list.addItem(item)
        self._update_member_actions()

    def set_requests(self, requests: list[JoinRequestOut]) -> None:
        self.requests = list(requests)
        self.request_list.clear()
        for request in self.requests:
            item = QListWidgetItem(request.user.display_name)
            item.setData(USER_ID_ROLE, request.user.id)
            self.request_list.addItem(item)
        self._update_request_actions()
        self._update_requests_tab()

    def selected_member(self) -> ClubMemberOut | None:
        item = self.member_list.currentItem()
        if item is None:
            return None
        user_id = item.data(USER_ID_ROLE)
        return next((member for member in self.members if member.user.id == user_id), None)

    def _update_member_actions(self, *_current_and_previous: object) -> None:
        member = self.selected_member()
        other = member is not None and member.user.id != self.user_id
        role = member.role if member is not None else None
        self.make_admin_button.setVisible(self.is_owner)
        self.make_member_button.setVisible(self.is_owner)
        self.make_owner_button.setVisible(self.is_owner)
        self.remove_member_button.setVisible(self.is_admin)
        self.make_admin_button.setEnabled(other and role == "member")
        self.make_member_button.setEnabled(other and role == "admin")
        self.make_owner_button.setEnabled(other)
        # The owner removes anyone else; an admin removes plain members only.
        self.remove_member_button.setEnabled(other and (self.is_owner or role == "member"))

    def _update_request_actions(self, *_current_and_previous: object) -> None:
        selected = self.request_list.currentItem() is not None
        self.approve_button.setEnabled(selected)
        self.decline_button.setEnabled(selected)

    # Loading.

    def load(self) -> None:
        self._supervisor.spawn(self.refresh(), name=f"club {self.club.id}")
        self.albums_panel.load()

    async def refresh(self) -> None:
        """Reload the club, its members and, for admins, its join requests."""
        try:
            self.set_club(await self.clubs_api.club(self.club.id))
            self.set_members(await self._all_members())
            if self.is_admin:
                self.set_requests(await self._all_requests())
            else:
                self.set_requests([])
        except ApiError as error:
            self._report(error, "loading the club")

    async def _all_members(self) -> list[ClubMemberOut]:
        members: list[ClubMemberOut] = []
        after: int | None = None
        while True:
            page = await self.clubs_api.members(self.club.id, after=after)
            members.extend(page.members)
            if page.next_after is None:
                return members
            after = page.next_after

    async def _all_requests(self) -> list[JoinRequestOut]:
        requests: list[JoinRequestOut] = []
        after: int | None = None
        while True:
            page = await self.clubs_api.requests(self.club.id, after=after)
            requests.extend(page.requests)
            if page.next_after is None:
                return requests
            after = page.next_after

    def _run(self, coro: Awaitable[Any], action: str) -> None:
        async def guarded() -> None:
            try:
                await coro
            except ApiError as error:
                self._report(error, action)

        self._supervisor.spawn(guarded(), name=f"club {self.club.id}: {action}")

    def _apply(self, club: ClubOut) -> None:
        self.set_club(club)
        self.clubChanged.emit(club)

    # Membership.

    def join(self) -> None:
        self._run(self._join(), "joining")

    async def _join(self) -> None:
        club = await self.clubs_api.join(self.club.id)
        self._apply(club)
        if club.my_status == "member":
            self.set_members(await self._all_members())
            self.albums_panel.load()

    def confirm_leave(self) -> None:
        if self.club.my_status == "pending":
            self._run(self._leave(), "withdrawing the request")
            return
        answer = QMessageBox.question(
            self, self.tr("Leave club"), self.tr("Leave “%1” and its chat?").replace("%1", self.club.title)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(self._leave(), "leaving")

    async def _leave(self) -> None:
        await self.clubs_api.leave(self.club.id)
        self._apply(await self.clubs_api.club(self.club.id))
        self.set_members(await self._all_members())

    def _open_chat(self) -> None:
        if self.club.dialog_id is not None:
            self.chatRequested.emit(self.club.dialog_id)

    # Admin: fields and cover.

    def edit(self) -> ClubEditorDialog:
        dialog = ClubEditorDialog(
            lambda changes: self.clubs_api.update(self.club.id, changes), self._supervisor, self.club, self
        )
        dialog.saved.connect(self._apply)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def choose_cover(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Cover photo"), "", self.tr("Images (%1)").replace("%1", IMAGE_FILTER)
        )
        if path:
            self.upload_cover(Path(path))

    def upload_cover(self, path: Path) -> None:
        self.status_label.setText(self.tr("Uploading the cover…"))
        self._run(self._upload_cover(path), "uploading the cover")

    async def _upload_cover(self, path: Path) -> None:
        try:
            data = await asyncio.to_thread(path.read_bytes)
        except OSError as error:
            log.warning("Could not read cover %s: %s", path, error)
            self.errorOccurred.emit(self.tr("Could not read the file %1.").replace("%1", path.name))
            self._update_membership()
            return
        try:
            club = await self.clubs_api.upload_cover(self.club.id, path.name, data)
        except ApiError:
            self._update_membership()
            raise
        self._apply(club)

    def pick_focal_point(self) -> FocalPointDialog | None:
        """Open the focal point picker on the cover, if its variant is loaded."""
        cover = self.club.cover
        pixmap = self.banner.image.pixmap()
        if cover is None or pixmap is None:
            return None
        dialog = FocalPointDialog(pixmap, cover.focal_x, cover.focal_y, self)
        dialog.chosen.connect(self.set_focal_point)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def set_focal_point(self, focal_x: float, focal_y: float) -> None:
        self._run(self._set_focal_point(focal_x, focal_y), "setting the focal point")

    async def _set_focal_point(self, focal_x: float, focal_y: float) -> None:
        self._apply(await self.clubs_api.set_focal_point(self.club.id, focal_x, focal_y))

    def remove_cover(self) -> None:
        self._run(self._remove_cover(), "removing the cover")

    async def _remove_cover(self) -> None:
        self._apply(await self.clubs_api.remove_cover(self.club.id))

    # Admin: members and requests.

    def _make_selected_admin(self) -> None:
        self._set_selected_role("admin")

    def _make_selected_member(self) -> None:
        self._set_selected_role("member")

    def _set_selected_role(self, role: ClubRole) -> None:
        member = self.selected_member()
        if member is not None:
            self.set_role(member.user.id, role)

    def set_role(self, user_id: int, role: ClubRole) -> None:
        self._run(self._set_role(user_id, role), f"setting the role of user {user_id}")

    async def _set_role(self, user_id: int, role: ClubRole) -> None:
        await self.clubs_api.set_role(self.club.id, user_id, role)
        await self.refresh()

    def _confirm_hand_over(self) -> None:
        member = self.selected_member()
        if member is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Hand the club over"),
            self.tr("Make %1 the owner? You will become an admin.").replace("%1", member.user.display_name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.set_role(member.user.id, "owner")

    def _confirm_remove(self) -> None:
        member = self.selected_member()
        if member is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove from club"),
            self.tr("Remove %1 from the club and its chat?").replace("%1", member.user.display_name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_member(member.user.id)

    def remove_member(self, user_id: int) -> None:
        self._run(self._remove_member(user_id), f"removing user {user_id}")

    async def _remove_member(self, user_id: int) -> None:
        await self.clubs_api.remove_member(self.club.id, user_id)
        await self.refresh()

    def _approve_selected(self) -> None:
        self._resolve_selected(approve=True)

    def _decline_selected(self) -> None:
        self._resolve_selected(approve=False)

    def _resolve_selected(self, *, approve: bool) -> None:
        item = self.request_list.currentItem()
        if item is not None:
            self.resolve_request(int(item.data(USER_ID_ROLE)), approve=approve)

    def resolve_request(self, user_id: int, *, approve: bool) -> None:
        action = "approving" if approve else "declining"
        self._run(self._resolve_request(user_id, approve), f"{action} the request of user {user_id}")

    async def _resolve_request(self, user_id: int, approve: bool) -> None:
        if approve:
            await self.clubs_api.approve(self.club.id, user_id)
        else:
            await self.clubs_api.decline(self.club.id, user_id)
        await self.refresh()

    # Live updates.

    def handle_frame(self, frame: dict[str, Any]) -> None:
        """Apply a club frame about this club: refetch what it changed."""
        kind = frame.get("type")
        if kind == ClubFrameType.REQUEST_DECLINED:
            self.errorOccurred.emit(
                self.tr("Your request to join “%1” was declined.").replace("%1", self.club.title)
            )
        elif kind == ClubFrameType.REMOVED:
            self.errorOccurred.emit(self.tr("You were removed from “%1”.").replace("%1", self.club.title))
        self._supervisor.spawn(self.refresh(), name=f"club {self.club.id} after {kind}")

    def _report(self, error: ApiError, action: str) -> None:
        log.warning("Club %s: %s failed: %s", self.club.id, action, error)
        self.errorOccurred.emit(error_text(error.code))
