"""Online state of the user's friends, from the hub's ``ready`` and ``presence`` frames."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, Signal

from desktop.social.text import fill

RECENT_DAYS = 7
"""Older than this, "last seen" names the date instead of counting days."""


@dataclass(frozen=True)
class Presence:
    online: bool
    last_seen: datetime | None


def parse_time(value: Any) -> datetime | None:
    """Parse an ISO 8601 time from a frame. None for null or an invalid value."""
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class PresenceModel(QObject):
    """Who of the user's friends is online, and when the others were last seen.

    Only friends are known: the hub sends presence for friends only, so
    ``is_online`` is False for anyone else.

    Signals:
        changed(int): the presence of the user with this id changed.
        reset(): every entry was replaced, as after a ``ready`` frame.
    """

    changed = Signal(int)
    reset = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: dict[int, Presence] = {}

    def is_online(self, user_id: int) -> bool:
        entry = self._entries.get(user_id)
        return entry is not None and entry.online

    def get(self, user_id: int) -> Presence | None:
        return self._entries.get(user_id)

    def known_ids(self) -> set[int]:
        return set(self._entries)

    def set(self, user_id: int, online: bool, last_seen: datetime | None) -> None:
        entry = Presence(online, last_seen)
        if self._entries.get(user_id) != entry:
            self._entries[user_id] = entry
            self.changed.emit(user_id)

    def forget(self, user_id: int) -> None:
        """Drop a user who is no longer a friend."""
        if self._entries.pop(user_id, None) is not None:
            self.changed.emit(user_id)

    def apply_ready(self, entries: list[Any]) -> None:
        """Replace every entry with the ``presence`` list of a ``ready`` frame."""
        self._entries = {}
        for item in entries:
            if isinstance(item, dict) and isinstance(item.get("user_id"), int):
                self._entries[item["user_id"]] = Presence(
                    bool(item.get("online")), parse_time(item.get("last_seen"))
                )
        self.reset.emit()

    def apply_frame(self, frame: dict[str, Any]) -> None:
        """Apply one ``presence`` frame. Frames without an integer ``user_id`` are skipped."""
        user_id = frame.get("user_id")
        if isinstance(user_id, int):
            self.set(user_id, bool(frame.get("online")), parse_time(frame.get("last_seen")))


def presence_text(presence: Presence | None, now: datetime | None = None) -> str:
    """Return "online" or "last seen 5 minutes ago" in the UI language. Empty when unknown."""
    if presence is None:
        return ""
    if presence.online:
        return QCoreApplication.translate("SocialPresence", "online")
    if presence.last_seen is None:
        return QCoreApplication.translate("SocialPresence", "last seen a long time ago")

    now = now or datetime.now(UTC)
    minutes = max(0, int((now - presence.last_seen).total_seconds() // 60))
    if minutes < 1:
        return QCoreApplication.translate("SocialPresence", "last seen just now")
    if minutes < 60:
        return QCoreApplication.translate("SocialPresence", "last seen %n minute(s) ago", "", minutes)
    hours = minutes // 60
    if hours < 24:
        return QCoreApplication.translate("SocialPresence", "last seen %n hour(s) ago", "", hours)
    days = hours // 24
    if days <= RECENT_DAYS:
        return QCoreApplication.translate("SocialPresence", "last seen %n day(s) ago", "", days)
    local = presence.last_seen.astimezone()
    date = QLocale().toString(QDate(local.year, local.month, local.day), QLocale.FormatType.LongFormat)
    return fill(QCoreApplication.translate("SocialPresence", "last seen on %1"), date)
