"""Bring a database schema to the newest Alembic revision."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from server.db.engine import Database

logger = logging.getLogger("autoclub.db")

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def _alembic_config(connection: Connection) -> Config:
    config = Config(MIGRATIONS_DIR / "alembic.ini")
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> tuple[str | None, str | None]:
    config = _alembic_config(connection)
    before = MigrationContext.configure(connection).get_current_revision()
    command.upgrade(config, "head")
    head = ScriptDirectory.from_config(config).get_current_head()
    return before, head


async def migrate(database: Database) -> None:
    """Upgrade the schema to head; a no-op when it is already there."""
    async with database.engine.begin() as connection:
        before, head = await connection.run_sync(_upgrade)

    if before == head:
        logger.info("Database schema is up to date at revision %s", head)
    else:
        logger.info("Migrated database schema from revision %s to %s", before, head)


def migrate_url(url: str) -> None:
    """Synchronous entry point for the ``migrate`` command."""

    async def run() -> None:
        database = Database(url)
        try:
            await migrate(database)
        finally:
            await database.dispose()

    asyncio.run(run())
