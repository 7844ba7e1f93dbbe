"""The ``autoclub-server`` command line: help, settings sources and migrate."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from server.config import Settings, load_settings


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def test_help_lists_every_setting_with_default() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for name in Settings.model_fields:
        assert "--" + name.replace("_", "-") in text
        assert f"AUTOCLUB_{name.upper()}" in text
    assert "default: 8700" in text
    assert "seconds" in text
    assert "migrate" in text


def test_invalid_setting_exits_with_message() -> None:
    result = run_cli("--api-port", "99999", "migrate")
    assert result.returncode == 2
    assert "api_port" in result.stderr


def test_unknown_sms_gateway_rejected() -> None:
    result = run_cli("--sms-gateway", "carrier-pigeon", "migrate")
    assert result.returncode == 2
    assert "sms_gateway" in result.stderr


def test_missing_config_file_reported(tmp_path: Path) -> None:
    result = run_cli("--config", str(tmp_path / "nope.toml"), "migrate")
    assert result.returncode == 2
    assert "config file not found" in result.stderr


def test_precedence_flag_env_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "autoclub.toml"
    config.write_text('api_port = 9001\nhub_port = 9002\nhost = "0.0.0.0"\n')
    monkeypatch.setenv("AUTOCLUB_HUB_PORT", "9102")

    settings = load_settings(config, api_port=None, host="127.0.0.2")
    assert settings.api_port == 9001  # from the file
    assert settings.hub_port == 9102  # the environment beats the file
    assert settings.host == "127.0.0.2"  # a flag beats both


def test_migrate_command_creates_schema(tmp_path: Path) -> None:
    import sqlite3

    result = run_cli("migrate", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    tables = {
        row[0] for row in sqlite3.connect(tmp_path / "autoclub.db").execute("SELECT name FROM sqlite_master")
    }
    assert {
        "users",
        "sessions",
        "sign_in_codes",
        "dialogs",
        "dialog_members",
        "messages",
        "alembic_version",
    } <= tables

    again = run_cli("migrate", "--data-dir", str(tmp_path))
    assert again.returncode == 0
    assert "up to date" in again.stderr


def test_migrations_match_models() -> None:
    """A model change without a migration fails here, before an admin's upgrade does."""
    import asyncio

    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import Connection

    from server.db.engine import Database
    from server.db.migrate import migrate
    from server.db.models import Base

    def diff(connection: Connection) -> list[object]:
        return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))

    async def check() -> list[object]:
        database = Database("sqlite+aiosqlite://")
        try:
            await migrate(database)
            async with database.engine.connect() as connection:
                return await connection.run_sync(diff)
        finally:
            await database.dispose()

    assert asyncio.run(check()) == []
