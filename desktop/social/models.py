"""Qt item model of the friend list, with live presence."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.social.presence import PresenceModel, presence_text
from shared.api import FriendOut

Index = QModelIndex | QPersistentModelIndex

USER_ID_ROLE = Qt.ItemDataRole.UserRole + 101
ONLINE_ROLE = Qt.ItemDataRole.UserRole + 102
PRESENCE_TEXT_ROLE = Qt.ItemDataRole.UserRole + 103


class FriendListModel(QAbstractListModel):
    """Friends, online ones first, then by name. Presence comes live from a ``PresenceModel``."""

    def __init__(self, presence: PresenceModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.presence = presence
        self._rows: list[FriendOut] = []
        presence.changed.connect(self._on_presence)
        presence.reset.connect(self._refresh_all)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        friend = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return friend.user.display_name
        if role == USER_ID_ROLE:
            return friend.user.id
        if role == ONLINE_ROLE:
            return self.presence.is_online(friend.user.id)
        if role == PRESENCE_TEXT_ROLE:
            return presence_text(self.presence.get(friend.user.id))
        return None

    def set_friends(self, friends: list[FriendOut]) -> None:
        self.beginResetModel()
        self._rows = sorted(
            friends,
            key=lambda friend: (
                not self.presence.is_online(friend.user.id),
                friend.user.display_name.casefold(),
            ),
        )
        self.endResetModel()

    def friends(self) -> list[FriendOut]:
        return list(self._rows)

    def row_of(self, user_id: int) -> int | None:
        for row, friend in enumerate(self._rows):
            if friend.user.id == user_id:
                return row
        return None

    def _on_presence(self, user_id: int) -> None:
        row = self.row_of(user_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def _refresh_all(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))
