"""Room changes and revocations that happen while a handshake is in flight.

The hub requests a user's dialogs from the API, and the API may add the user
to a room, or remove them, while that response is on its way. The bus event of such
a change reaches the hub before the connection is registered, so the registry
cannot apply it to that connection. A session can be revoked in the same
window. The log keeps join, leave and revoke events for as long as a handshake
that started before them is open, and the handshake replays them on its
connection before registering it. Replaying is safe whether or not the
response already included the change, because joining and leaving are idempotent and
the events replay in order.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable
from typing import Literal

Kind = Literal["join", "leave", "revoke"]

Change = tuple[Kind, tuple[str, ...], frozenset[int]]
"""A logged event: its kind, its rooms (join and leave) and its session ids (revoke)."""


class MembershipLog:
    def __init__(self) -> None:
        self._version = 0
        self._events: deque[tuple[int, frozenset[int], Change]] = deque()
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

    def record(
        self, kind: Kind, user_ids: Iterable[int], rooms: Iterable[str], session_ids: Iterable[int] = ()
    ) -> None:
        self._version += 1
        if self._open:
            change: Change = (kind, tuple(rooms), frozenset(session_ids))
            self._events.append((self._version, frozenset(user_ids), change))

    def since(self, mark: int, user_id: int) -> list[Change]:
        """Return the changes of ``user_id`` after ``mark``, oldest first."""
        return [change for version, users, change in self._events if version > mark and user_id in users]
