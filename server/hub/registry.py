"""The hub's registry of connections by user, session and room; it does no I/O but sending."""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.server import ServerConnection, broadcast

from server.bus import user_room

logger = logging.getLogger("autoclub.hub")


@dataclass(eq=False, slots=True)
class Connection:
    """One authenticated socket. Hashable by identity, so it can sit in sets."""

    socket: ServerConnection
    connection_id: str
    user_id: int
    session_id: int
    rooms: set[str] = field(default_factory=set)


class Registry:
    """Connections by user, by session and by room."""

    def __init__(self) -> None:
        self.by_user: dict[int, set[Connection]] = defaultdict(set)
        self.by_session: dict[int, set[Connection]] = defaultdict(set)
        self.rooms: dict[str, set[Connection]] = defaultdict(set)

    def add(self, connection: Connection, rooms: Iterable[str]) -> None:
        self.by_user[connection.user_id].add(connection)
        self.by_session[connection.session_id].add(connection)
        self._join(connection, [user_room(connection.user_id), *rooms])

    def remove(self, connection: Connection) -> None:
        _discard(self.by_user, connection.user_id, connection)
        _discard(self.by_session, connection.session_id, connection)
        for room in connection.rooms:
            _discard(self.rooms, room, connection)
        connection.rooms.clear()

    def join(self, user_ids: Iterable[int], rooms: Iterable[str]) -> None:
        room_list = list(rooms)
        for user_id in user_ids:
            for connection in self.by_user.get(user_id, ()):
                self._join(connection, room_list)

    def leave(self, user_ids: Iterable[int], rooms: Iterable[str]) -> None:
        room_list = list(rooms)
        for user_id in user_ids:
            for connection in self.by_user.get(user_id, ()):
                for room in room_list:
                    connection.rooms.discard(room)
                    _discard(self.rooms, room, connection)

    def connections_in(self, rooms: Sequence[str]) -> Collection[Connection]:
        """Return the connections in any of ``rooms``, each once; do not modify the result."""
        if len(rooms) == 1:
            # The common case (one dialog's room) needs no copy.
            return self.rooms.get(rooms[0], ())
        members: set[Connection] = set()
        for room in rooms:
            members.update(self.rooms.get(room, ()))
        return members

    def deliver(
        self,
        rooms: Sequence[str],
        frame: dict[str, Any],
        exclude_user_ids: Iterable[int] = (),
        max_buffer_bytes: int | None = None,
    ) -> tuple[int, list[Connection]]:
        """Send ``frame`` to every open connection in ``rooms``.

        The frame is serialised once for all recipients. ``broadcast`` writes to
        each socket's buffer without waiting, so a slow client never delays the
        others, and it skips connections that are closing. Backpressure
        policy: a connection whose unsent bytes exceed ``max_buffer_bytes`` gets
        nothing more and is returned as too slow, for the caller to close.

        Returns:
            How many connections the frame went to (closing ones included), and
            the ones that are too slow.
        """
        excluded = set(exclude_user_ids)
        recipients = []
        too_slow = []
        for connection in self.connections_in(rooms):
            if excluded and connection.user_id in excluded:
                continue
            socket = connection.socket
            if max_buffer_bytes is not None and socket.transport.get_write_buffer_size() > max_buffer_bytes:
                too_slow.append(connection)
                continue
            recipients.append(socket)
        if recipients:
            broadcast(recipients, json.dumps(frame, ensure_ascii=False, separators=(",", ":")))
        return len(recipients), too_slow

    def _join(self, connection: Connection, rooms: Iterable[str]) -> None:
        for room in rooms:
            connection.rooms.add(room)
            self.rooms[room].add(connection)


def _discard(index: dict[Any, set[Connection]], key: Any, connection: Connection) -> None:
    members = index.get(key)
    if members is None:
        return
    members.discard(connection)
    if not members:
        del index[key]
