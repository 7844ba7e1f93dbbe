"""The hub's registry on its own: rooms of users, connections of users and sessions, delivery."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from server.bus import dialog_room, user_room
from server.hub import registry as registry_module
from server.hub.registry import Connection, Registry


class FakeTransport:
    def __init__(self, unsent: int = 0) -> None:
        self.unsent = unsent

    def get_write_buffer_size(self) -> int:
        return self.unsent


class FakeSocket:
    def __init__(self, name: str, unsent: int = 0) -> None:
        self.id = uuid.uuid4()
        self.name = name
        self.transport = FakeTransport(unsent)


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], dict[str, Any]]]:
    """Record each ``broadcast`` as (socket names, decoded frame) instead of writing to sockets."""
    calls: list[tuple[list[str], dict[str, Any]]] = []

    def fake_broadcast(sockets: list[FakeSocket], message: str) -> None:
        calls.append((sorted(socket.name for socket in sockets), json.loads(message)))

    monkeypatch.setattr(registry_module, "broadcast", fake_broadcast)
    return calls


def connect(
    registry: Registry, name: str, user_id: int, session_id: int, dialogs: list[int], unsent: int = 0
) -> Connection:
    connection = Connection(FakeSocket(name, unsent), user_id, session_id)  # type: ignore[arg-type]
    registry.add(connection, [dialog_room(dialog_id) for dialog_id in dialogs])
    return connection


def recipients(registry: Registry, sent: list[Any], room: str, **kwargs: Any) -> list[str]:
    sent.clear()
    registry.deliver([room], {"type": "t"}, **kwargs)
    return sent[0][0] if sent else []


def test_deliver_to_every_member_connection(sent: list[Any]) -> None:
    registry = Registry()
    connect(registry, "alice-desktop", 1, 10, [7])
    connect(registry, "alice-phone", 1, 11, [7])
    connect(registry, "bob", 2, 20, [7])
    connect(registry, "carol", 3, 30, [8])

    count = registry.deliver([dialog_room(7)], {"type": "message.new", "text": "Привет"})

    assert count == 3
    assert sent == [(["alice-desktop", "alice-phone", "bob"], {"type": "message.new", "text": "Привет"})]


def test_deliver_skips_excluded_users(sent: list[Any]) -> None:
    registry = Registry()
    connect(registry, "alice", 1, 10, [7])
    connect(registry, "bob-desktop", 2, 20, [7])
    connect(registry, "bob-phone", 2, 21, [7])

    count = registry.deliver([dialog_room(7)], {"type": "typing"}, [1])

    assert count == 2
    assert sent[0][0] == ["bob-desktop", "bob-phone"]


def test_backlogged_connections_over_limit() -> None:
    registry = Registry()
    connect(registry, "alice", 1, 10, [7], unsent=1_000_000)
    slow = connect(registry, "bob-slow", 2, 20, [7], unsent=1_000_001)
    connect(registry, "bob-fast", 2, 21, [7])

    assert registry.backlogged(1_000_000) == [slow]


def test_deliver_to_several_rooms_once(sent: list[Any]) -> None:
    registry = Registry()
    connect(registry, "alice", 1, 10, [7, 8])
    connect(registry, "bob", 2, 20, [8])

    registry.deliver([dialog_room(7), dialog_room(8), user_room(1)], {"type": "t"})

    assert sent[0][0] == ["alice", "bob"]


def test_user_rooms_union_of_handshakes(sent: list[Any]) -> None:
    registry = Registry()
    desktop = connect(registry, "desktop", 1, 10, [7])
    connect(registry, "phone", 1, 11, [8])

    assert recipients(registry, sent, dialog_room(7)) == ["desktop", "phone"]

    # The user stays in the rooms while one connection is left.
    registry.remove(desktop)
    assert recipients(registry, sent, dialog_room(7)) == ["phone"]
    assert registry.in_room(1, dialog_room(8))


def test_join_leave_move_all_connections(sent: list[Any]) -> None:
    registry = Registry()
    connect(registry, "alice-1", 1, 10, [])
    connect(registry, "alice-2", 1, 11, [])
    connect(registry, "bob", 2, 20, [7])

    registry.join([1, 99], [dialog_room(7)])  # user 99 has no connection: nothing to join
    assert recipients(registry, sent, dialog_room(7)) == ["alice-1", "alice-2", "bob"]
    assert 99 not in registry.user_rooms

    registry.leave([1], [dialog_room(7)])
    assert recipients(registry, sent, dialog_room(7)) == ["bob"]
    assert not registry.in_room(1, dialog_room(7))


def test_remove_last_connection_forgets_user() -> None:
    registry = Registry()
    alice = connect(registry, "alice", 1, 10, [7])
    bob = connect(registry, "bob", 2, 20, [7])

    registry.remove(alice)
    registry.remove(alice)  # a second removal changes nothing
    registry.remove(bob)

    assert registry.by_user == {}
    assert registry.user_rooms == {}
    assert registry.rooms == {}


def test_registry_connections_of_sessions() -> None:
    registry = Registry()
    first = connect(registry, "first", 1, 10, [])
    second = connect(registry, "second", 1, 10, [])
    other_session = connect(registry, "other-session", 1, 11, [])
    connect(registry, "other-user", 2, 20, [])

    assert registry.of_sessions([1], [10]) == [first, second]
    assert registry.of_sessions([1], [10, 11, 20]) == [first, second, other_session]
    registry.remove(first)
    assert registry.of_sessions([1], [10]) == [second]
    assert registry.of_sessions([3], [10]) == []


def test_registry_interns_room_names() -> None:
    registry = Registry()
    connect(registry, "alice", 1, 10, [12345])
    connect(registry, "bob", 2, 20, [12345])

    names = [room for rooms in registry.user_rooms.values() for room in rooms if room.startswith("dialog:")]
    assert len(names) == 2
    assert names[0] is names[1]


def test_room_sockets_follow_membership(sent: list[Any]) -> None:
    """Each change of a room's members shows in its next delivery, after earlier ones filled the cache."""
    registry = Registry()
    alice = connect(registry, "alice", 1, 10, [7])
    assert recipients(registry, sent, dialog_room(7)) == ["alice"]

    connect(registry, "bob", 2, 20, [7])
    assert recipients(registry, sent, dialog_room(7)) == ["alice", "bob"]

    connect(registry, "alice-phone", 1, 11, [])
    assert recipients(registry, sent, dialog_room(7)) == ["alice", "alice-phone", "bob"]

    registry.leave([2], [dialog_room(7)])
    assert recipients(registry, sent, dialog_room(7)) == ["alice", "alice-phone"]

    registry.join([2], [dialog_room(7)])
    assert recipients(registry, sent, dialog_room(7)) == ["alice", "alice-phone", "bob"]

    registry.remove(alice)
    assert recipients(registry, sent, dialog_room(7)) == ["alice-phone", "bob"]


def test_room_sockets_kept_only_for_members(sent: list[Any]) -> None:
    registry = Registry()
    alice = connect(registry, "alice", 1, 10, [7])

    assert registry.deliver([dialog_room(99)], {"type": "t"}) == 0
    assert registry.deliver([dialog_room(7)], {"type": "t"}) == 1
    assert set(registry._sockets) == {dialog_room(7)}

    registry.remove(alice)
    assert registry._sockets == {}
