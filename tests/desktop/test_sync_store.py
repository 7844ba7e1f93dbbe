"""The local cache: schema upgrades, pending rows, cursors and read state."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from desktop.sync.store import MIGRATIONS, SCHEMA_VERSION, DeliveryState, Store
from shared.api import DialogOut, MessageOut, UserOut

ME = UserOut(id=1, display_name="Алексей")
PEER = UserOut(id=2, display_name="Борис")
NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def dialog(dialog_id: int = 4, last_seq: int = 0) -> DialogOut:
    return DialogOut(
        id=dialog_id, kind="direct", peer=PEER, members=[ME, PEER], last_seq=last_seq, created_at=NOW
    )


def message(seq: int, sender: int = 2, client_id: str = "", dialog_id: int = 4) -> MessageOut:
    return MessageOut(
        id=100 + seq, dialog_id=dialog_id, seq=seq, sender_id=sender,
        client_id=client_id or f"peer-{seq}", text=f"text {seq}", created_at=NOW,
    )  # fmt: skip


async def test_new_cache_has_current_schema(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "cache.sqlite3")
    assert await store.schema_version() == SCHEMA_VERSION
    await store.close()
    with sqlite3.connect(tmp_path / "cache.sqlite3") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_upgrade_keeps_version_one_rows(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with sqlite3.connect(path) as connection:
        for statement in MIGRATIONS[0]:
            connection.execute(statement)
        connection.execute("PRAGMA user_version = 1")
        connection.execute("INSERT INTO dialogs (id, body) VALUES (4, ?)", (dialog().model_dump_json(),))
        connection.execute(
            "INSERT INTO messages (dialog_id, seq, id, sender_id, client_id, text, created_at)"
            " VALUES (4, 1, 101, 2, 'peer-1', 'old', ?), (4, NULL, NULL, 1, 'mine', 'unsent', ?)",
            (NOW.isoformat(), NOW.isoformat()),
        )
    connection.close()

    store = await Store.open(path)
    assert await store.schema_version() == SCHEMA_VERSION
    rows = await store.messages(4)
    assert [(row.text, row.state) for row in rows] == [
        ("old", DeliveryState.SENT),
        ("unsent", DeliveryState.SENDING),
    ]
    assert (await store.dialog(4)) is not None
    assert await store.outgoing_dialogs() == [4]
    await store.close()


async def test_newer_cache_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    connection.close()
    store = await Store.open(path)
    assert await store.schema_version() == SCHEMA_VERSION
    await store.close()
    assert (tmp_path / f"cache.sqlite3.v{SCHEMA_VERSION + 5}").exists()


async def test_pending_row_confirmed_in_place() -> None:
    store = await Store.open(":memory:")
    await store.save_dialogs([dialog()])
    pending = await store.enqueue(4, ME.id, "mine", "привет", NOW)
    assert pending.state == DeliveryState.SENDING
    assert pending.seq is None

    changed = await store.store_messages([message(1, sender=ME.id, client_id="mine")])
    assert [(row.row_id, row.seq, row.state) for row in changed] == [(pending.row_id, 1, DeliveryState.SENT)]
    assert await store.store_messages([message(1, sender=ME.id, client_id="mine")]) == []
    assert len(await store.messages(4)) == 1
    assert await store.outgoing_count() == 0
    await store.close()


async def test_cursor_stops_at_gap() -> None:
    store = await Store.open(":memory:")
    await store.save_dialogs([dialog(last_seq=4)])
    await store.store_messages([message(1), message(2), message(4)])
    assert await store.cursors() == {4: 2}
    await store.store_messages([message(3)])
    assert await store.cursor(4) == 4
    await store.close()


async def test_unread_counts_only_others_after_cursor() -> None:
    store = await Store.open(":memory:")
    await store.save_dialogs([dialog()])
    await store.store_messages([message(1), message(2, sender=ME.id), message(3), message(4)])
    assert await store.unread_count(4, ME.id, read_seq=0) == 3
    assert await store.unread_count(4, ME.id, read_seq=3) == 1
    await store.set_read_state(4, read_seq=3, peer_read_seq=2, unread_count=1)
    cached = await store.dialog(4)
    assert cached is not None
    assert (cached.read_seq, cached.peer_read_seq, cached.unread_count) == (3, 2, 1)
    await store.close()


async def test_failed_state_and_page_order() -> None:
    store = await Store.open(":memory:")
    await store.save_dialogs([dialog()])
    await store.store_messages([message(seq) for seq in range(1, 6)])
    pending = await store.enqueue(4, ME.id, "mine", "x", NOW)
    failed = await store.set_delivery_state(pending.row_id, DeliveryState.FAILED, "not_a_member")
    assert failed is not None and failed.error_code == "not_a_member"
    assert await store.next_outgoing(4) is None

    page = await store.page(4, limit=3)
    assert [row.seq for row in page] == [3, 4, 5, None]
    older = await store.page(4, before_seq=3, limit=3)
    assert [row.seq for row in older] == [1, 2]
    await store.close()
