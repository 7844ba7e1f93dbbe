"""Throwaway PostgreSQL databases, one per test server, when a URL is configured.

``AUTOCLUB_TEST_DATABASE_URL`` (e.g. ``postgresql+asyncpg://postgres@127.0.0.1:5432/postgres``)
switches the whole suite from SQLite to PostgreSQL. Each server gets a new
database next to the one named in the URL, dropped when the test ends.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy.engine import make_url

ENV_NAME = "AUTOCLUB_TEST_DATABASE_URL"


def configured_url() -> str | None:
    return os.environ.get(ENV_NAME) or None


def _admin_dsn(url: str) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def _run(function: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run a coroutine to completion from sync code, even inside a running loop."""
    with ThreadPoolExecutor(max_workers=1) as executor:
        executor.submit(asyncio.run, function()).result()


def create_database(base_url: str) -> str:
    """Create an empty database and return its SQLAlchemy URL."""
    import asyncpg

    name = f"autoclub_test_{secrets.token_hex(6)}"

    async def run() -> None:
        connection = await asyncpg.connect(_admin_dsn(base_url))
        try:
            await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()

    _run(run)
    return make_url(base_url).set(database=name).render_as_string(hide_password=False)


def drop_database(base_url: str, url: str) -> None:
    import asyncpg

    name = make_url(url).database

    async def run() -> None:
        connection = await asyncpg.connect(_admin_dsn(base_url))
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await connection.close()

    _run(run)
