"""The hub's registry of connections by user, and of users by room.

Rooms hold users, not connections: every connection of a user is in the same
rooms, because the API joins and removes users, never single sockets. So a user
with five devices costs one entry per room instead of five, and a connection
costs only its place in its user's list. The registry does no I/O but sending.

Delivery to one room sends to a list of that room's sockets, built at the
room's first delivery and rebuilt after its membership changes. A message then
costs the hub no Python work per recipient beyond what ``broadcast`` does.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from websockets.asyncio.server import ServerConnection, broadcast

from server.bus import user_room

logger = logging.getLogger("autoclub.hub")


@dataclass(eq=False, slots=True)
class Connection:
    """One authenticated socket."""

    socket: ServerConnection
    user_id: int
    session_id: int

    @property
    def connection_id(self) -> str:
        """The socket's id as the hub's log lines show it."""
        return connection_id(self.socket)


def connection_id(socket: ServerConnection) -> str:
    return socket.id.hex[:8]


class Registry:
    """Connections by user, the rooms of each connected user, and the sockets of each room.

    A user is in rooms while at least one of their connections is registered.
    Removing the last one takes the user out of every room.
    """

    def __init__(self) -> None:
        self.by_user: dict[int, list[Connection]] = {}
        self.user_rooms: dict[int, set[str]] = {}
        self.rooms: dict[str, set[int]] = {}
        self._sockets: dict[str, list[ServerConnection]] = {}

    def add(self, connection: Connection, rooms: Iterable[str]) -> None:
        """Register ``connection`` and put its user in ``rooms`` and the user's own room.

        The rooms come from the connection's handshake. A user's rooms are the
        union over their connections, so a second device never takes the
        first one out of a room.
        """
        self.by_user.setdefault(connection.user_id, []).append(connection)
        self._forget_sockets(self.user_rooms.get(connection.user_id, ()))
        self._join(connection.user_id, [user_room(connection.user_id), *rooms])

    def remove(self, connection: Connection) -> None:
        """Unregister ``connection``, or do nothing when it is not registered."""
        connections = self.by_user.get(connection.user_id)
        if connections is None or connection not in connections:
            return
        connections.remove(connection)
        self._forget_sockets(self.user_rooms.get(connection.user_id, ()))
        if not connections:
            del self.by_user[connection.user_id]
            for room in self.user_rooms.pop(connection.user_id, ()):
                members = self.rooms[room]
                members.discard(connection.user_id)
                if not members:
                    del self.rooms[room]

    def join(self, user_ids: Iterable[int], rooms: Iterable[str]) -> None:
        """Put each connected user of ``user_ids`` in ``rooms``, skipping users with no connection."""
        room_list = list(rooms)
        for user_id in user_ids:
            if user_id in self.by_user:
                self._join(user_id, room_list)

    def leave(self, user_ids: Iterable[int], rooms: Iterable[str]) -> None:
        room_list = list(rooms)
        for user_id in user_ids:
            joined = self.user_rooms.get(user_id)
            if joined is None:
                continue
            for room in room_list:
                joined.discard(room)
                self._sockets.pop(room, None)
                members = self.rooms.get(room)
                if members is not None:
                    members.discard(user_id)
                    if not members:
                        del self.rooms[room]

    def of_sessions(self, user_ids: Iterable[int], session_ids: Iterable[int]) -> list[Connection]:
        """Return the connections of ``session_ids``, which belong to ``user_ids``."""
        sessions = set(session_ids)
        return [
            connection
            for user_id in user_ids
            for connection in self.by_user.get(user_id, ())
            if connection.session_id in sessions
        ]

    def in_room(self, user_id: int, room: str) -> bool:
        return room in self.user_rooms.get(user_id, ())

    def users_in(self, rooms: Sequence[str]) -> Iterable[int]:
        """Return the users in any of ``rooms``, each once. Callers must not modify the result."""
        if len(rooms) == 1:
            # The common case (one dialog's room) needs no copy.
            return self.rooms.get(rooms[0], ())
        users: set[int] = set()
        for room in rooms:
            users.update(self.rooms.get(room, ()))
        return users

    def deliver(
        self, rooms: Sequence[str], frame: dict[str, Any], exclude_user_ids: Iterable[int] = ()
    ) -> int:
        """Send ``frame`` to every connection of every user in ``rooms``; return how many.

        The frame is serialised once for all recipients. ``broadcast`` writes to
        each socket's buffer without waiting, so a slow client never delays the
        others, and it skips connections that are closing. The count includes
        those. Clients that fall behind are found by ``backlogged``.
        """
        excluded = set(exclude_user_ids)
        if len(rooms) == 1 and not excluded:
            room = rooms[0]
            recipients = self._sockets.get(room)
            if recipients is None:
                # Only rooms with a connected member are kept, so the cache never outgrows ``rooms``.
                members = self.rooms.get(room)
                if members is None:
                    return 0
                recipients = self._sockets[room] = self._sockets_of(members)
        else:
            recipients = self._sockets_of(user for user in self.users_in(rooms) if user not in excluded)
        if recipients:
            broadcast(recipients, json.dumps(frame, ensure_ascii=False, separators=(",", ":")))
        return len(recipients)

    def backlogged(self, max_buffer_bytes: int) -> list[Connection]:
        """Return the connections with more than ``max_buffer_bytes`` written but not yet sent."""
        return [
            connection
            for connections in self.by_user.values()
            for connection in connections
            if connection.socket.transport.get_write_buffer_size() > max_buffer_bytes
        ]

    def _sockets_of(self, user_ids: Iterable[int]) -> list[ServerConnection]:
        by_user = self.by_user
        return [connection.socket for user_id in user_ids for connection in by_user[user_id]]

    def _forget_sockets(self, rooms: Iterable[str]) -> None:
        for room in rooms:
            self._sockets.pop(room, None)

    def _join(self, user_id: int, rooms: Iterable[str]) -> None:
        joined = self.user_rooms.setdefault(user_id, set())
        for room in rooms:
            # Each handshake builds its own room names, so the registry keeps one interned copy of each.
            room = sys.intern(room)
            joined.add(room)
            self.rooms.setdefault(room, set()).add(user_id)
            self._sockets.pop(room, None)
