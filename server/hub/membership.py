"""Room changes that happen while a handshake is in flight.

The hub requests a user's dialogs from the API, and the API may add the user
to a room, or remove them, while that response is on its way. The bus event of such
a change reaches the hub before the connection is registered, so the registry
cannot apply it to that connection. The log keeps join and leave events for as
long as a handshake that started before them is open, and the handshake replays
them on its user once registered. Replaying is safe whether or not the
response already included the change, because joining and leaving are idempotent and
the events replay in order.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable
from typing import Literal

Change = Literal["join", "leave"]


class MembershipLog:
    def __init__(self) -> None:
        self._version = 0
        self._events: deque[tuple[int, Change, frozenset[int], tuple[str, ...]]] = deque()
        self._open: Counter[int] = Counter()
        """Handshakes in flight by the version at which they started."""

    def __len__(self) -> int:
        return len(self._events)

    def begin(self) -> int:
        """Record a handshake that starts now, and return the mark to pass to ``since`` and ``end``."""
        self._open[self._version] += 1
        return self._version

    def end(self, mark: int) -> None:
        """Record that the handshake of ``mark`` is over, and drop events no open handshake needs."""
        self._open[mark] -= 1
        if self._open[mark] <= 0:
            del self._open[mark]
        oldest = min(self._open, default=self._version)
        while self._events and self._events[0][0] <= oldest:
            self._events.popleft()

    def record(self, change: Change, user_ids: Iterable[int], rooms: Iterable[str]) -> None:
        self._version += 1
        if self._open:
            self._events.append((self._version, change, frozenset(user_ids), tuple(rooms)))

    def since(self, mark: int, user_id: int) -> list[tuple[Change, tuple[str, ...]]]:
        """Return the changes of ``user_id`` after ``mark``, oldest first."""
        return [
            (change, rooms)
            for version, change, users, rooms in self._events
            if version > mark and user_id in users
        ]
