"""Qt item models of the dialog list and of one dialog's messages."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desktop.sync.store import CachedMessage, DeliveryState
from shared.api import DialogOut, MessageOut

Index = QModelIndex | QPersistentModelIndex

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
"""Role that returns the row's whole item: a ``MessageItem`` or a ``DialogOut``."""
IS_OWN_ROLE = Qt.ItemDataRole.UserRole + 2
TIMESTAMP_ROLE = Qt.ItemDataRole.UserRole + 3
PREVIEW_ROLE = Qt.ItemDataRole.UserRole + 4
ID_ROLE = Qt.ItemDataRole.UserRole + 5
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 6
"""Role of the dialog list that returns the number of unread messages."""


class MessageState(enum.Enum):
    """Delivery state shown in a bubble: a clock, one tick, two ticks or a red "!"."""

    PENDING = "pending"
    """Written and waiting in the outbox (sending)."""
    SENT = "sent"
    READ = "read"
    """The peer of a direct dialog read up to this message; only the user's own messages."""
    FAILED = "failed"


_CACHED_STATES = {
    DeliveryState.SENDING: MessageState.PENDING,
    DeliveryState.SENT: MessageState.SENT,
    DeliveryState.FAILED: MessageState.FAILED,
}


@dataclass
class MessageItem:
    """A message row: a confirmed ``MessageOut`` or one the user is still sending."""

    client_id: str
    text: str
    sender_id: int
    created_at: datetime
    state: MessageState
    seq: int | None = None
    id: int | None = None
    row_id: int | None = None
    """Row of the local cache; the outbox retries a failed message by it."""
    error_code: str | None = None
    """The server's error code of a failed message."""

    @classmethod
    def from_message(cls, message: MessageOut) -> MessageItem:
        return cls(
            client_id=message.client_id,
            text=message.text,
            sender_id=message.sender_id,
            created_at=message.created_at,
            state=MessageState.SENT,
            seq=message.seq,
            id=message.id,
        )

    @classmethod
    def from_cached(cls, message: CachedMessage) -> MessageItem:
        return cls(
            client_id=message.client_id,
            text=message.text,
            sender_id=message.sender_id,
            created_at=message.created_at,
            state=_CACHED_STATES[message.state],
            seq=message.seq,
            id=message.id,
            row_id=message.row_id,
            error_code=message.error_code,
        )


class MessageListModel(QAbstractListModel):
    """Messages of one dialog: confirmed ones in ``seq`` order, then pending ones.

    Confirmed messages enter only through ``merge``, which deduplicates rows by
    server id and replaces a pending row with the confirmed message of the same
    ``client_id``. So a message returned by the POST, the hub echo and a history
    refetch shows once.
    """

    def __init__(self, dialog_id: int, own_user_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog_id = dialog_id
        self.own_user_id = own_user_id
        self._rows: list[MessageItem] = []
        self._confirmed = 0
        """Number of leading rows with a ``seq``; the rest are pending or failed."""
        self._ids: set[int] = set()
        self.history_complete = False
        """True once the oldest message has been loaded."""
        self.peer_read_seq = 0
        """The peer's read cursor in a direct dialog: own messages up to it show as read."""

    # Qt model interface.

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.text
        if role == ITEM_ROLE:
            return item
        if role == IS_OWN_ROLE:
            return item.sender_id == self.own_user_id
        if role == TIMESTAMP_ROLE:
            return item.created_at
        if role == ID_ROLE:
            return item.client_id
        return None

    # Reading.

    def items(self) -> list[MessageItem]:
        return list(self._rows)

    def texts(self) -> list[str]:
        return [item.text for item in self._rows]

    def item(self, row: int) -> MessageItem:
        return self._rows[row]

    @property
    def last_seq(self) -> int:
        """Highest confirmed ``seq``, 0 for none; history after it is what the app missed."""
        if self._confirmed == 0:
            return 0
        seq = self._rows[self._confirmed - 1].seq
        assert seq is not None
        return seq

    @property
    def first_seq(self) -> int | None:
        return self._rows[0].seq if self._confirmed else None

    def find_client_id(self, client_id: str) -> int | None:
        for row in range(len(self._rows) - 1, -1, -1):
            if self._rows[row].client_id == client_id:
                return row
        return None

    # Changing.

    def add_pending(self, client_id: str, text: str, *, created_at: datetime | None = None) -> None:
        """Append a message the user is sending, shown until the server confirms it."""
        item = MessageItem(
            client_id=client_id,
            text=text,
            sender_id=self.own_user_id,
            created_at=created_at or datetime.now(UTC),
            state=MessageState.PENDING,
        )
        self._append_pending(item)

    def _append_pending(self, item: MessageItem) -> None:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(item)
        self.endInsertRows()

    def set_peer_read_seq(self, seq: int) -> None:
        """Show the user's own confirmed messages up to ``seq`` as read."""
        if seq <= self.peer_read_seq:
            return
        self.peer_read_seq = seq
        changed = [
            row
            for row in range(self._confirmed)
            if self._rows[row].state == MessageState.SENT and self._is_read(self._rows[row])
        ]
        for row in changed:
            self._rows[row].state = MessageState.READ
        if changed:
            self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))

    def _is_read(self, item: MessageItem) -> bool:
        return item.sender_id == self.own_user_id and item.seq is not None and item.seq <= self.peer_read_seq

    def apply_cached(self, messages: Iterable[CachedMessage]) -> int:
        """Show rows of the local cache: confirmed ones merge, unsent ones appear or change state.

        Returns how many rows are new or changed.
        """
        changed = 0
        for message in messages:
            if message.dialog_id != self.dialog_id:
                continue
            item = MessageItem.from_cached(message)
            if message.seq is not None and message.id is not None:
                if message.id in self._ids:
                    continue
                self._ids.add(message.id)
                self._merge_item(item)
                changed += 1
                continue
            row = self.find_client_id(message.client_id)
            if row is None:
                self._append_pending(item)
            elif row >= self._confirmed:
                self._rows[row] = item
                index = self.index(row)
                self.dataChanged.emit(index, index)
            else:
                continue
            changed += 1
        return changed

    def set_state(self, client_id: str, state: MessageState) -> None:
        """Mark a message that is not yet confirmed as pending or failed."""
        row = self.find_client_id(client_id)
        if row is None or row < self._confirmed:
            return
        self._rows[row].state = state
        index = self.index(row)
        self.dataChanged.emit(index, index)

    def merge(self, messages: Iterable[MessageOut]) -> int:
        """Add confirmed messages of this dialog; return how many rows are new or confirmed."""
        changed = 0
        for message in messages:
            if message.dialog_id != self.dialog_id or message.id in self._ids:
                continue
            self._ids.add(message.id)
            self._merge_item(MessageItem.from_message(message))
            changed += 1
        return changed

    def _merge_item(self, item: MessageItem) -> None:
        assert item.seq is not None
        if self._is_read(item):
            item.state = MessageState.READ
        pending_row = self.find_client_id(item.client_id)
        if pending_row is not None and pending_row >= self._confirmed:
            if item.row_id is None:
                item.row_id = self._rows[pending_row].row_id
            at_slot = pending_row == self._confirmed and item.seq > self.last_seq
            if at_slot:
                self._rows[pending_row] = item
                self._confirmed += 1
                index = self.index(pending_row)
                self.dataChanged.emit(index, index)
                return
            self.beginRemoveRows(QModelIndex(), pending_row, pending_row)
            del self._rows[pending_row]
            self.endRemoveRows()
        self._insert_confirmed(item)

    def _insert_confirmed(self, item: MessageItem) -> None:
        assert item.seq is not None
        row = self._confirmed
        while row > 0 and (self._rows[row - 1].seq or 0) > item.seq:
            row -= 1
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, item)
        self._confirmed += 1
        self.endInsertRows()


def dialog_activity(dialog: DialogOut) -> datetime:
    """Return the time a dialog last changed: its last message, else its creation."""
    return dialog.last_message.created_at if dialog.last_message else dialog.created_at


def dialog_title(dialog: DialogOut, own_user_id: int) -> str:
    """Return the name to show for a dialog: the group title or the other person's name."""
    if dialog.title:
        return dialog.title
    if dialog.peer is not None:
        return dialog.peer.display_name
    others = [member.display_name for member in dialog.members if member.id != own_user_id]
    return ", ".join(others) or QCoreApplication.translate("DialogListModel", "Saved messages")


class DialogListModel(QAbstractListModel):
    """The user's dialogs, most recent activity first."""

    def __init__(self, own_user_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.own_user_id = own_user_id
        self._rows: list[DialogOut] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        dialog = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return dialog_title(dialog, self.own_user_id)
        if role == ITEM_ROLE:
            return dialog
        if role == ID_ROLE:
            return dialog.id
        if role == PREVIEW_ROLE:
            return self._preview(dialog)
        if role == UNREAD_ROLE:
            return dialog.unread_count
        if role == TIMESTAMP_ROLE:
            return dialog.last_message.created_at if dialog.last_message else None
        return None

    def _preview(self, dialog: DialogOut) -> str:
        message = dialog.last_message
        if message is None:
            return ""
        first_line = message.text.strip().splitlines()[0] if message.text.strip() else ""
        if message.sender_id == self.own_user_id:
            return QCoreApplication.translate("DialogListModel", "You: %1").replace("%1", first_line)
        return first_line

    def dialogs(self) -> list[DialogOut]:
        return list(self._rows)

    def dialog(self, dialog_id: int) -> DialogOut | None:
        row = self.row_of(dialog_id)
        return None if row is None else self._rows[row]

    def row_of(self, dialog_id: int) -> int | None:
        for row, dialog in enumerate(self._rows):
            if dialog.id == dialog_id:
                return row
        return None

    def set_dialogs(self, dialogs: Iterable[DialogOut]) -> None:
        """Replace all rows, as after a refetch; selection is kept by the caller's id."""
        self.beginResetModel()
        self._rows = sorted(dialogs, key=dialog_activity, reverse=True)
        self.endResetModel()

    def upsert(self, dialog: DialogOut) -> None:
        """Insert a dialog or replace the row with its id, keeping the activity order."""
        row = self.row_of(dialog.id)
        if row is None:
            target = self._position_for(dialog)
            self.beginInsertRows(QModelIndex(), target, target)
            self._rows.insert(target, dialog)
            self.endInsertRows()
            return
        self._rows[row] = dialog
        index = self.index(row)
        self.dataChanged.emit(index, index)
        self._move_to_position(row)

    def remove(self, dialog_id: int) -> None:
        row = self.row_of(dialog_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def total_unread(self) -> int:
        return sum(dialog.unread_count for dialog in self._rows)

    def apply_message(self, message: MessageOut) -> bool:
        """Show a new message as the dialog's last one; return False for an unknown dialog."""
        row = self.row_of(message.dialog_id)
        if row is None:
            return False
        dialog = self._rows[row]
        if message.seq <= dialog.last_seq and dialog.last_message is not None:
            return True
        self._rows[row] = dialog.model_copy(
            update={"last_message": message, "last_seq": max(dialog.last_seq, message.seq)}
        )
        index = self.index(row)
        self.dataChanged.emit(index, index)
        self._move_to_position(row)
        return True

    def _position_for(self, dialog: DialogOut, skip_row: int | None = None) -> int:
        activity = dialog_activity(dialog)
        position = 0
        for row, other in enumerate(self._rows):
            if row == skip_row:
                continue
            if dialog_activity(other) > activity:
                position += 1
        return position

    def _move_to_position(self, row: int) -> None:
        target = self._position_for(self._rows[row], skip_row=row)
        if target == row:
            return
        # beginMoveRows takes the destination in the numbering before the move.
        destination = target if target < row else target + 1
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._rows.insert(target, self._rows.pop(row))
        self.endMoveRows()
