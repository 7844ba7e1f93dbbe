"""Times and names formatted for the UI language set by ``QLocale.setDefault``."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QLocale, QTime


def message_time(moment: datetime) -> str:
    """Return the local wall-clock time of a message, e.g. ``14:03``."""
    local = moment.astimezone()
    return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)


def dialog_time(moment: datetime, now: datetime | None = None) -> str:
    """Return a short stamp for the dialog list: the time today, else the date."""
    local = moment.astimezone()
    today = (now or datetime.now().astimezone()).astimezone()
    if local.date() == today.date():
        return message_time(moment)
    date = QDate(local.year, local.month, local.day)
    if local.year == today.year:
        return QLocale().toString(date, "d MMM")
    return QLocale().toString(date, QLocale.FormatType.ShortFormat)


def initials(name: str) -> str:
    """Return up to two capital letters for an avatar, from the first two words."""
    words = [word for word in name.split() if word[:1].isalnum()]
    letters = "".join(word[0] for word in words[:2]).upper()
    return letters or "?"
