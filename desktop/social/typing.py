"""Who is typing in which dialog, and how often this client says that it is typing.

``TypingTracker`` shows a typer for ``TYPING_EXPIRY_SECONDS`` after their last
``typing`` frame and drops them at once when their message arrives.
``TypingThrottle`` decides when the composer sends the next ``typing`` frame.
Both take the clock as a function, so tests run them without waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from desktop.social.text import fill
from shared.frames import TYPING_EXPIRY_SECONDS

TYPING_SEND_INTERVAL_SECONDS = 3.0
"""The composer sends ``typing`` at most this often. The hub relays at most one
per 2 seconds, and other clients keep the indicator for 5 seconds, so a frame
every 3 seconds keeps it lit without gaps."""

Clock = Callable[[], float]


class TypingTracker(QObject):
    """Typers per dialog, each with the monotonic time their indicator expires.

    Signals:
        changed(int): the typers of the dialog with this id changed.
    """

    changed = Signal(int)

    def __init__(
        self,
        *,
        expiry_seconds: float = TYPING_EXPIRY_SECONDS,
        clock: Clock = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.expiry_seconds = expiry_seconds
        self._clock = clock
        self._expiries: dict[int, dict[int, float]] = {}
        """Dialog id to typer id to the clock time the indicator goes off."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.expire)

    def typers(self, dialog_id: int) -> list[int]:
        """Return the ids typing in a dialog, the earliest typer first."""
        now = self._clock()
        typers = self._expiries.get(dialog_id, {})
        return [user_id for user_id, expiry in typers.items() if expiry > now]

    def note_typing(self, dialog_id: int, user_id: int) -> None:
        """Record a ``typing`` frame. The indicator stays for the expiry time from now."""
        typers = self._expiries.setdefault(dialog_id, {})
        is_new = user_id not in typers
        typers[user_id] = self._clock() + self.expiry_seconds
        self._schedule()
        if is_new:
            self.changed.emit(dialog_id)

    def clear(self, dialog_id: int, user_id: int) -> None:
        """Drop a typer at once, as when their message arrives."""
        typers = self._expiries.get(dialog_id)
        if typers is None or typers.pop(user_id, None) is None:
            return
        if not typers:
            del self._expiries[dialog_id]
        self._schedule()
        self.changed.emit(dialog_id)

    def clear_all(self) -> None:
        dialog_ids = list(self._expiries)
        self._expiries.clear()
        self._timer.stop()
        for dialog_id in dialog_ids:
            self.changed.emit(dialog_id)

    def expire(self) -> None:
        """Drop every typer whose time is up and schedule the next expiry."""
        now = self._clock()
        changed: list[int] = []
        for dialog_id in list(self._expiries):
            typers = self._expiries[dialog_id]
            for user_id in [user_id for user_id, expiry in typers.items() if expiry <= now]:
                del typers[user_id]
                if dialog_id not in changed:
                    changed.append(dialog_id)
            if not typers:
                del self._expiries[dialog_id]
        self._schedule()
        for dialog_id in changed:
            self.changed.emit(dialog_id)

    def _schedule(self) -> None:
        expiries = [expiry for typers in self._expiries.values() for expiry in typers.values()]
        if not expiries:
            self._timer.stop()
            return
        delay = max(0.0, min(expiries) - self._clock())
        # One millisecond more, so the timer never fires just before the expiry time.
        self._timer.start(int(delay * 1000) + 1)


class TypingThrottle:
    """Tells the composer whether to send ``typing`` now: once per interval and dialog."""

    def __init__(self, interval_seconds: float = TYPING_SEND_INTERVAL_SECONDS, clock: Clock = time.monotonic):
        self.interval_seconds = interval_seconds
        self._clock = clock
        self._last_sent: dict[int, float] = {}

    def should_send(self, dialog_id: int) -> bool:
        """Return True, and note the time, when the last frame for this dialog is old enough."""
        now = self._clock()
        last = self._last_sent.get(dialog_id)
        if last is not None and now - last < self.interval_seconds:
            return False
        self._last_sent[dialog_id] = now
        return True

    def reset(self, dialog_id: int) -> None:
        """Forget the last frame, as after sending a message, so the next keystroke sends at once."""
        self._last_sent.pop(dialog_id, None)


def typing_text(names: Sequence[str]) -> str:
    """Return "Anna is typing…" for the given typers in the UI language. Empty for none.

    Three or more typers show the first two names and a count of the rest, with
    the plural form of the count from the translation (Russian has three).
    """
    if not names:
        return ""
    if len(names) == 1:
        return fill(QCoreApplication.translate("SocialTyping", "%1 is typing…"), names[0])
    if len(names) == 2:
        return fill(QCoreApplication.translate("SocialTyping", "%1 and %2 are typing…"), names[0], names[1])
    return fill(
        QCoreApplication.translate("SocialTyping", "%1, %2 and %n more are typing…", "", len(names) - 2),
        names[0],
        names[1],
    )
