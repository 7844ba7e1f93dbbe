"""Group chats: creating one, and the members page with roles, adding, removing and leaving."""

from __future__ import annotations

from collections.abc import Awaitable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.api import ApiError
from desktop.social.service import SocialService
from desktop.social.sessions_view import Confirm, ask_yes_no
from desktop.social.text import fill
from desktop.social.widgets import Avatar
from shared.api import DialogOut, UserOut
from shared.errors import ErrorCode

USER_ID_DATA = Qt.ItemDataRole.UserRole + 1

GONE_ERRORS = frozenset({ErrorCode.DIALOG_NOT_FOUND, ErrorCode.NOT_A_MEMBER, ErrorCode.FORBIDDEN})
"""Errors after which the user is no longer in the group, so its page closes."""


class NewGroupDialog(QDialog):
    """A title and members picked from friends and people the user chats with."""

    def __init__(self, service: SocialService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New group"))
        self.service = service
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("Group name, e.g. Night ride to Baikal"))
        self.title_edit.textChanged.connect(self._update_ok)
        self.people = QListWidget()
        self.people.setObjectName("groupPeople")
        for user in service.contacts():
            item = QListWidgetItem(user.display_name)
            item.setData(USER_ID_DATA, user.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.people.addItem(item)
        empty = QLabel(self.tr("Add friends or start chats to invite people; you can add members later too."))
        empty.setObjectName("hint")
        empty.setWordWrap(True)
        empty.setVisible(self.people.count() == 0)
        self.status_label = QLabel()
        self.status_label.setObjectName("hint")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("Create group"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Name")))
        layout.addWidget(self.title_edit)
        layout.addWidget(QLabel(self.tr("Members")))
        layout.addWidget(self.people, 1)
        layout.addWidget(empty)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.resize(420, 480)
        self._update_ok()

    def selected_ids(self) -> list[int]:
        ids = []
        for row in range(self.people.count()):
            item = self.people.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(int(item.data(USER_ID_DATA)))
        return ids

    def _update_ok(self) -> None:
        self.create_button.setEnabled(bool(self.title_edit.text().strip()))

    def submit(self) -> None:
        title = self.title_edit.text().strip()
        if title:
            self.service.supervisor.spawn(self._create(title, self.selected_ids()), name="create group")

    async def _create(self, title: str, member_ids: list[int]) -> None:
        self.create_button.setEnabled(False)
        self.status_label.setText(self.tr("Creating…"))
        dialog = await self.service.create_group(title, member_ids)
        if dialog is None:
            self.status_label.setText(self.tr("Could not create the group."))
            self._update_ok()
            return
        self.accept()


class MemberRow(QWidget):
    """A member: name, role, and the actions the viewer's role allows on them.

    Signals:
        roleChangeRequested(int, str): the role button was clicked; the user id and ``new_role``.
        removeRequested(int): the remove button was clicked; the user id.
    """

    roleChangeRequested = Signal(int, str)
    removeRequested = Signal(int)

    def __init__(self, user: UserOut, role: str, is_self: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user_id = user.id
        self.new_role = ""
        avatar = Avatar(32)
        avatar.set_user(user.id, user.display_name)
        name = user.display_name + (self.tr(" (you)") if is_self else "")
        self.name_label = QLabel(name)
        roles = {"owner": self.tr("owner"), "admin": self.tr("admin"), "member": ""}
        self.role_label = QLabel(roles.get(role, ""))
        self.role_label.setObjectName("hint")
        self.role_button = QPushButton()
        self.role_button.setObjectName("secondary")
        self.role_button.hide()
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("secondary")
        self.remove_button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(avatar)
        layout.addWidget(self.name_label, 1)
        layout.addWidget(self.role_label)
        layout.addWidget(self.role_button)
        layout.addWidget(self.remove_button)
        self.role_button.clicked.connect(self._request_role_change)
        self.remove_button.clicked.connect(self._request_removal)

    def _request_role_change(self) -> None:
        self.roleChangeRequested.emit(self.user_id, self.new_role)

    def _request_removal(self) -> None:
        self.removeRequested.emit(self.user_id)


class GroupMembersDialog(QDialog):
    """The members page of a group. Follows member and role frames while open.

    Owner and admins rename the group, add members and remove members; only
    the owner removes admins and promotes members to admins; anyone leaves.

    Signals:
        left(int): the user left the group with this id.
    """

    left = Signal(int)

    def __init__(
        self,
        service: SocialService,
        dialog_id: int,
        confirm: Confirm = ask_yes_no,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Group members"))
        self.service = service
        self.dialog_id = dialog_id
        self.confirm = confirm
        self.group: DialogOut | None = None
        self.rows: list[MemberRow] = []

        self.title_edit = QLineEdit()
        self.rename_button = QPushButton(self.tr("Rename"))
        self.rename_button.setObjectName("secondary")
        self.rename_button.clicked.connect(self._rename)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_edit, 1)
        title_row.addWidget(self.rename_button)

        self.count_label = QLabel()
        self.count_label.setObjectName("sectionTitle")
        self.rows_widget = QWidget()
        self.rows_box = QVBoxLayout(self.rows_widget)
        self.rows_box.setContentsMargins(0, 0, 0, 0)
        self.rows_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows_widget)

        self.add_combo = QComboBox()
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setObjectName("primary")
        self.add_button.clicked.connect(self._add)
        self.add_row = QWidget()
        add_layout = QHBoxLayout(self.add_row)
        add_layout.setContentsMargins(0, 0, 0, 0)
        add_layout.addWidget(QLabel(self.tr("Add a member:")))
        add_layout.addWidget(self.add_combo, 1)
        add_layout.addWidget(self.add_button)

        self.leave_button = QPushButton(self.tr("Leave the group"))
        self.leave_button.setObjectName("secondary")
        self.leave_button.clicked.connect(self._leave)
        self.status_label = QLabel()
        self.status_label.setObjectName("hint")
        self.status_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addWidget(self.count_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.add_row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.resize(460, 520)
        service.dialogChanged.connect(self._on_dialog_changed)
        service.friendsChanged.connect(self._fill_candidates)

    # Loading.

    def my_role(self) -> str | None:
        if self.group is None:
            return None
        return self.group.roles.get(self.service.user.id)

    def load(self) -> None:
        self.service.supervisor.spawn(self._load(), name=f"load group {self.dialog_id}")

    async def _load(self) -> None:
        try:
            group = await self.service.api.dialog(self.dialog_id)
        except ApiError as error:
            if error.code in GONE_ERRORS:
                self.close()
                return
            self.status_label.setText(self.tr("Could not load the group."))
            return
        if self.service.dialogs is not None:
            self.service.dialogs.upsert(group)
        self.show_group(group)

    def _on_dialog_changed(self, dialog_id: int) -> None:
        if dialog_id == self.dialog_id:
            self.load()

    def show_group(self, group: DialogOut) -> None:
        self.group = group
        role = self.my_role()
        manager = role in ("owner", "admin")
        self.title_edit.setText(group.title or "")
        self.title_edit.setReadOnly(not manager)
        self.rename_button.setVisible(manager)
        self.add_row.setVisible(manager)
        self.count_label.setText(self.tr("%n member(s)", "", len(group.members)))

        while self.rows_box.count() > 1:
            item = self.rows_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        order = {"owner": 0, "admin": 1, "member": 2}
        members = sorted(
            group.members,
            key=lambda user: (order.get(group.roles.get(user.id, "member"), 2), user.display_name.casefold()),
        )
        self.rows = []
        for position, user in enumerate(members):
            row = self._member_row(user, group.roles.get(user.id, "member"), role)
            self.rows_box.insertWidget(position, row)
            self.rows.append(row)
        self._fill_candidates()

    def _member_row(self, user: UserOut, member_role: str, my_role: str | None) -> MemberRow:
        is_self = user.id == self.service.user.id
        row = MemberRow(user, member_role, is_self)
        if is_self or member_role == "owner":
            return row
        if my_role == "owner":
            row.role_button.setText(
                self.tr("Remove admin") if member_role == "admin" else self.tr("Make admin")
            )
            row.new_role = "member" if member_role == "admin" else "admin"
            row.roleChangeRequested.connect(self._set_role)
            row.role_button.show()
        if my_role == "owner" or (my_role == "admin" and member_role == "member"):
            row.removeRequested.connect(self._remove)
            row.remove_button.show()
        return row

    def _fill_candidates(self) -> None:
        members = {user.id for user in self.group.members} if self.group else set()
        self.add_combo.clear()
        for user in self.service.contacts():
            if user.id not in members:
                self.add_combo.addItem(user.display_name, user.id)
        self.add_button.setEnabled(self.add_combo.count() > 0)

    def row_of(self, user_id: int) -> MemberRow | None:
        return next((row for row in self.rows if row.user_id == user_id), None)

    # Actions.

    def _spawn_then_reload(self, action: str, call: Awaitable[bool]) -> None:
        async def run() -> None:
            if await call:
                await self._load()

        self.service.supervisor.spawn(run(), name=f"{action} in group {self.dialog_id}")

    def _add(self) -> None:
        user_id = self.add_combo.currentData()
        if isinstance(user_id, int):
            self._spawn_then_reload("add member", self.service.add_member(self.dialog_id, user_id))

    def _remove(self, user_id: int) -> None:
        self._spawn_then_reload("remove member", self.service.remove_member(self.dialog_id, user_id))

    def _set_role(self, user_id: int, role: str) -> None:
        self._spawn_then_reload("set role", self.service.set_role(self.dialog_id, user_id, role))

    def _rename(self) -> None:
        title = self.title_edit.text().strip()
        if title and self.group is not None and title != self.group.title:
            self._spawn_then_reload("rename", self.service.rename_group(self.dialog_id, title))

    def _leave(self) -> None:
        name = self.group.title if self.group is not None and self.group.title else ""
        question = fill(self.tr("Leave the group “%1”? You will stop getting its messages."), name)
        if self.confirm(self, self.tr("Leave the group"), question):
            self.service.supervisor.spawn(self._leave_group(), name=f"leave group {self.dialog_id}")

    async def _leave_group(self) -> None:
        if await self.service.remove_member(self.dialog_id, self.service.user.id):
            self.left.emit(self.dialog_id)
            self.close()
