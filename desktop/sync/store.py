"""The per-account SQLite cache: dialogs, messages, users, read state and the outbox.

One file per account (``cache.sqlite3`` in the account folder), in WAL mode,
opened through ``aiosqlite`` so that queries run off the event loop. Confirmed
messages are unique by ``(dialog_id, seq)``. Messages the user wrote carry
their client id from the moment they are written, and are unique by
``(dialog_id, sender_id, client_id)``. The server's copy turns the pending
row into a confirmed one in place.

The schema version is SQLite's ``user_version``. ``MIGRATIONS[n]`` takes a
cache from version ``n`` to ``n + 1``; opening a cache runs the missing steps
in one transaction each.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import aiosqlite

from shared.api import DialogOut, MessageOut, UserOut

log = logging.getLogger("autoclub.desktop")

CACHE_FILE_NAME = "cache.sqlite3"

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 0 → 1: dialogs, confirmed messages and users.
    (
        "CREATE TABLE users (id INTEGER PRIMARY KEY, display_name TEXT NOT NULL, phone TEXT)",
        "CREATE TABLE dialogs (id INTEGER PRIMARY KEY, body TEXT NOT NULL,"
        " synced_seq INTEGER NOT NULL DEFAULT 0)",
        "CREATE TABLE messages (row_id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " dialog_id INTEGER NOT NULL, seq INTEGER, id INTEGER, sender_id INTEGER NOT NULL,"
        " client_id TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL)",
        "CREATE UNIQUE INDEX messages_by_seq ON messages (dialog_id, seq)",
        "CREATE UNIQUE INDEX messages_by_client_id ON messages (dialog_id, sender_id, client_id)",
    ),
    # 1 → 2: delivery state of the user's own messages, and read cursors.
    (
        "ALTER TABLE messages ADD COLUMN state TEXT NOT NULL DEFAULT 'sent'",
        "ALTER TABLE messages ADD COLUMN error_code TEXT",
        "UPDATE messages SET state = 'sending' WHERE seq IS NULL",
        "CREATE INDEX messages_outbox ON messages (state, dialog_id, row_id)",
        "ALTER TABLE dialogs ADD COLUMN read_seq INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE dialogs ADD COLUMN peer_read_seq INTEGER",
        "ALTER TABLE dialogs ADD COLUMN unread_count INTEGER NOT NULL DEFAULT 0",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

_MESSAGE_COLUMNS = "row_id, dialog_id, seq, id, sender_id, client_id, text, created_at, state, error_code"


class DeliveryState(StrEnum):
    """Delivery state of a message on its way to the server; read receipts come from the dialog."""

    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True)
class CachedMessage:
    """A message row of the cache: confirmed (with ``seq``) or still in the outbox."""

    row_id: int
    dialog_id: int
    client_id: str
    sender_id: int
    text: str
    created_at: datetime
    state: DeliveryState
    seq: int | None = None
    id: int | None = None
    error_code: str | None = None
    """The server's error code of a ``failed`` message."""

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> CachedMessage:
        return cls(
            row_id=row[0],
            dialog_id=row[1],
            seq=row[2],
            id=row[3],
            sender_id=row[4],
            client_id=row[5],
            text=row[6],
            created_at=datetime.fromisoformat(row[7]),
            state=DeliveryState(row[8]),
            error_code=row[9],
        )


class StoreError(Exception):
    """The cache could not be opened or upgraded."""


class Store:
    """The cache of one account. Every method is a coroutine that runs one transaction.

    An ``asyncio.Lock`` serialises the methods, because SQLite transactions on
    one connection must not interleave.
    """

    def __init__(self, connection: aiosqlite.Connection, path: Path | str) -> None:
        self._db = connection
        self.path = path
        self._lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str) -> Store:
        """Open or create the cache at ``path`` (``":memory:"`` for none) and upgrade its schema.

        A cache with a schema newer than ``SCHEMA_VERSION`` is renamed to
        ``<name>.v<version>`` and a fresh one is created, since its tables
        cannot be read safely; everything but unsent messages comes back from
        the server.
        """
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(str(path), isolation_level=None)
        store = cls(connection, path)
        try:
            version = await store.schema_version()
            if version > SCHEMA_VERSION and path != ":memory:":
                await connection.close()
                aside = Path(path).with_name(f"{Path(path).name}.v{version}")
                log.warning(
                    "Cache %s has schema version %d, newer than %d; moving it to %s",
                    path,
                    version,
                    SCHEMA_VERSION,
                    aside,
                )
                await asyncio.to_thread(Path(path).replace, aside)
                connection = await aiosqlite.connect(str(path), isolation_level=None)
                store = cls(connection, path)
            await store._configure()
            await store._migrate()
        except BaseException:
            await connection.close()
            raise
        return store

    async def close(self) -> None:
        async with self._lock:
            await self._db.close()

    async def _configure(self) -> None:
        await self._db.execute("PRAGMA journal_mode = WAL")
        # NORMAL in WAL mode survives an app crash; a power loss may drop the last commits.
        await self._db.execute("PRAGMA synchronous = NORMAL")
        await self._db.execute("PRAGMA foreign_keys = ON")

    async def schema_version(self) -> int:
        async with self._db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def _migrate(self) -> None:
        version = await self.schema_version()
        for step in range(version, SCHEMA_VERSION):
            async with self._transaction():
                for statement in MIGRATIONS[step]:
                    await self._db.execute(statement)
                # PRAGMA takes no parameters; ``step`` is an int from range().
                await self._db.execute(f"PRAGMA user_version = {step + 1}")
            log.info("Upgraded cache %s to schema version %d", self.path, step + 1)

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[None]:
        await self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            await self._db.execute("ROLLBACK")
            raise
        await self._db.execute("COMMIT")

    # Dialogs and users.

    async def dialogs(self) -> list[DialogOut]:
        """Return every cached dialog with its read state."""
        async with self._lock:
            rows = await self._db.execute_fetchall(
                "SELECT body, read_seq, peer_read_seq, unread_count FROM dialogs"
            )
        return [_dialog_from_row(row) for row in rows]

    async def dialog(self, dialog_id: int) -> DialogOut | None:
        async with self._lock:
            rows = list(
                await self._db.execute_fetchall(
                    "SELECT body, read_seq, peer_read_seq, unread_count FROM dialogs WHERE id = ?",
                    (dialog_id,),
                )
            )
        return _dialog_from_row(rows[0]) if rows else None

    async def save_dialogs(self, dialogs: Iterable[DialogOut]) -> None:
        """Insert or replace dialogs, their read state and their members."""
        async with self._lock, self._transaction():
            for dialog in dialogs:
                await self._db.execute(
                    "INSERT INTO dialogs (id, body, read_seq, peer_read_seq, unread_count)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body,"
                    " read_seq = excluded.read_seq, peer_read_seq = excluded.peer_read_seq,"
                    " unread_count = excluded.unread_count",
                    (
                        dialog.id,
                        dialog.model_dump_json(),
                        dialog.read_seq,
                        dialog.peer_read_seq,
                        dialog.unread_count,
                    ),
                )
                await self._save_users(dialog.members)

    async def _save_users(self, users: Iterable[UserOut]) -> None:
        for user in users:
            await self._db.execute(
                "INSERT INTO users (id, display_name, phone) VALUES (?, ?, ?) ON CONFLICT (id)"
                " DO UPDATE SET display_name = excluded.display_name,"
                " phone = coalesce(excluded.phone, users.phone)",
                (user.id, user.display_name, user.phone),
            )

    async def users(self) -> list[UserOut]:
        async with self._lock:
            rows = await self._db.execute_fetchall("SELECT id, display_name, phone FROM users ORDER BY id")
        return [UserOut(id=row[0], display_name=row[1], phone=row[2]) for row in rows]

    async def remove_dialogs(self, dialog_ids: Iterable[int]) -> None:
        """Delete dialogs the user left, with their messages and unsent messages."""
        async with self._lock, self._transaction():
            for dialog_id in dialog_ids:
                await self._db.execute("DELETE FROM messages WHERE dialog_id = ?", (dialog_id,))
                await self._db.execute("DELETE FROM dialogs WHERE id = ?", (dialog_id,))

    async def cursors(self) -> dict[int, int]:
        """Return, for each dialog, the seq up to which every message is stored."""
        async with self._lock:
            rows = await self._db.execute_fetchall("SELECT id, synced_seq FROM dialogs")
        return {row[0]: row[1] for row in rows}

    async def cursor(self, dialog_id: int) -> int | None:
        """Return the seq up to which every message of a dialog is stored; None for an unknown dialog."""
        async with self._lock:
            rows = list(
                await self._db.execute_fetchall("SELECT synced_seq FROM dialogs WHERE id = ?", (dialog_id,))
            )
        return int(rows[0][0]) if rows else None

    async def unread_count(self, dialog_id: int, own_user_id: int, read_seq: int) -> int:
        """Count stored messages from others after ``read_seq``."""
        async with self._lock:
            rows = list(
                await self._db.execute_fetchall(
                    "SELECT count(*) FROM messages WHERE dialog_id = ? AND seq > ? AND sender_id != ?",
                    (dialog_id, read_seq, own_user_id),
                )
            )
        return int(rows[0][0])

    # Messages.

    async def store_messages(self, messages: Iterable[MessageOut]) -> list[CachedMessage]:
        """Store confirmed messages; return the rows that are new or were pending until now.

        A message already stored is skipped, so the POST's response, the hub
        echo and a resync of the same message store it once.
        """
        changed: list[int] = []
        dialog_ids: set[int] = set()
        async with self._lock, self._transaction():
            for message in messages:
                row_id = await self._store_one(message)
                if row_id is not None:
                    changed.append(row_id)
                    dialog_ids.add(message.dialog_id)
            for dialog_id in dialog_ids:
                await self._advance_cursor(dialog_id)
            return await self._rows_by_id(changed)

    async def _store_one(self, message: MessageOut) -> int | None:
        created_at = message.created_at.isoformat()
        cursor = await self._db.execute(
            "UPDATE messages SET seq = ?, id = ?, created_at = ?, text = ?, state = 'sent', error_code = NULL"
            " WHERE dialog_id = ? AND sender_id = ? AND client_id = ? AND seq IS NULL RETURNING row_id",
            (
                message.seq,
                message.id,
                created_at,
                message.text,
                message.dialog_id,
                message.sender_id,
                message.client_id,
            ),
        )
        confirmed = await cursor.fetchone()
        await cursor.close()
        if confirmed is not None:
            return int(confirmed[0])
        cursor = await self._db.execute(
            "INSERT OR IGNORE INTO messages"
            " (dialog_id, seq, id, sender_id, client_id, text, created_at, state)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 'sent') RETURNING row_id",
            (
                message.dialog_id,
                message.seq,
                message.id,
                message.sender_id,
                message.client_id,
                message.text,
                created_at,
            ),
        )
        inserted = await cursor.fetchone()
        await cursor.close()
        return int(inserted[0]) if inserted is not None else None

    async def _advance_cursor(self, dialog_id: int) -> None:
        """Move ``synced_seq`` past every stored seq that follows it without a gap."""
        rows = list(
            await self._db.execute_fetchall("SELECT synced_seq FROM dialogs WHERE id = ?", (dialog_id,))
        )
        if not rows:
            return
        synced = int(rows[0][0])
        seqs = await self._db.execute_fetchall(
            "SELECT seq FROM messages WHERE dialog_id = ? AND seq > ? ORDER BY seq", (dialog_id, synced)
        )
        for (seq,) in seqs:
            if seq != synced + 1:
                break
            synced = seq
        await self._db.execute("UPDATE dialogs SET synced_seq = ? WHERE id = ?", (synced, dialog_id))

    async def _rows_by_id(self, row_ids: Sequence[int]) -> list[CachedMessage]:
        if not row_ids:
            return []
        placeholders = ", ".join("?" for _ in row_ids)
        rows = await self._db.execute_fetchall(
            f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE row_id IN ({placeholders})"
            " ORDER BY seq IS NULL, seq, row_id",
            tuple(row_ids),
        )
        return [CachedMessage.from_row(row) for row in rows]

    async def page(
        self, dialog_id: int, *, before_seq: int | None = None, limit: int = 50
    ) -> list[CachedMessage]:
        """Return up to ``limit`` confirmed messages before ``before_seq``, in ascending seq.

        Without ``before_seq`` it is the newest page, followed by the
        messages that are still sending or failed, in the order written.
        """
        async with self._lock:
            bound = before_seq if before_seq is not None else 1 << 62
            rows = list(
                await self._db.execute_fetchall(
                    f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE dialog_id = ? AND seq < ?"
                    " ORDER BY seq DESC LIMIT ?",
                    (dialog_id, bound, limit),
                )
            )
            rows.reverse()
            if before_seq is None:
                rows += await self._db.execute_fetchall(
                    f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE dialog_id = ? AND seq IS NULL"
                    " ORDER BY row_id",
                    (dialog_id,),
                )
        return [CachedMessage.from_row(row) for row in rows]

    async def messages(self, dialog_id: int) -> list[CachedMessage]:
        """Return every row of a dialog: confirmed in seq order, then unconfirmed in written order."""
        async with self._lock:
            rows = await self._db.execute_fetchall(
                f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE dialog_id = ?"
                " ORDER BY seq IS NULL, seq, row_id",
                (dialog_id,),
            )
        return [CachedMessage.from_row(row) for row in rows]

    # Outbox.

    async def enqueue(
        self, dialog_id: int, sender_id: int, client_id: str, text: str, created_at: datetime
    ) -> CachedMessage:
        """Write a message the user is sending, in state ``sending``."""
        async with self._lock, self._transaction():
            cursor = await self._db.execute(
                "INSERT INTO messages (dialog_id, sender_id, client_id, text, created_at, state)"
                " VALUES (?, ?, ?, ?, ?, 'sending') RETURNING row_id",
                (dialog_id, sender_id, client_id, text, created_at.isoformat()),
            )
            row = await cursor.fetchone()
            await cursor.close()
            assert row is not None
            return (await self._rows_by_id([int(row[0])]))[0]

    async def outgoing_dialogs(self) -> list[int]:
        """Return the dialogs that have messages in state ``sending``."""
        async with self._lock:
            rows = await self._db.execute_fetchall(
                "SELECT DISTINCT dialog_id FROM messages WHERE state = 'sending' ORDER BY dialog_id"
            )
        return [int(row[0]) for row in rows]

    async def next_outgoing(self, dialog_id: int) -> CachedMessage | None:
        """Return the oldest message of a dialog still in state ``sending``."""
        async with self._lock:
            rows = list(
                await self._db.execute_fetchall(
                    f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE state = 'sending' AND dialog_id = ?"
                    " ORDER BY row_id LIMIT 1",
                    (dialog_id,),
                )
            )
        return CachedMessage.from_row(rows[0]) if rows else None

    async def outgoing_count(self) -> int:
        async with self._lock:
            rows = list(
                await self._db.execute_fetchall("SELECT count(*) FROM messages WHERE state = 'sending'")
            )
        return int(rows[0][0])

    async def set_delivery_state(
        self, row_id: int, state: DeliveryState, error_code: str | None = None
    ) -> CachedMessage | None:
        """Mark an unconfirmed message as sending or failed; None if it is confirmed or gone."""
        async with self._lock, self._transaction():
            await self._db.execute(
                "UPDATE messages SET state = ?, error_code = ? WHERE row_id = ? AND seq IS NULL",
                (state.value, error_code, row_id),
            )
            rows = await self._rows_by_id([row_id])
        return rows[0] if rows and rows[0].seq is None else None

    async def set_read_state(
        self, dialog_id: int, *, read_seq: int, peer_read_seq: int | None, unread_count: int
    ) -> None:
        async with self._lock, self._transaction():
            await self._db.execute(
                "UPDATE dialogs SET read_seq = ?, peer_read_seq = ?, unread_count = ? WHERE id = ?",
                (read_seq, peer_read_seq, unread_count, dialog_id),
            )


def _dialog_from_row(row: Sequence[Any]) -> DialogOut:
    dialog = DialogOut.model_validate_json(row[0])
    return dialog.model_copy(update={"read_seq": row[1], "peer_read_seq": row[2], "unread_count": row[3]})
