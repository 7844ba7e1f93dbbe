"""``autoclub-server``: run the server or migrate its database."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from server import __version__
from server.config import Settings, load_settings

COMMANDS = {
    "serve": "run the API and the hub in one process (default)",
    "api": "run only the HTTP API (several processes need --redis-url)",
    "hub": "run only the WebSocket hub (needs --api-url and --redis-url)",
    "migrate": "upgrade the database schema to the newest version and exit",
}


def _add_setting_flags(parser: argparse.ArgumentParser) -> None:
    for name, field in Settings.model_fields.items():
        flag = "--" + name.replace("_", "-")
        default = field.default
        help_text = f"{field.description} [env AUTOCLUB_{name.upper()}; default: {default}]"
        parser.add_argument(flag, dest=name, default=None, help=help_text, metavar=name.upper())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="autoclub-server",
        description="Autoclub server: phone sign-in, chats and the live hub for car clubs. "
        "Settings come from flags, AUTOCLUB_* environment variables and a TOML file, in that order.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="commands:\n" + "\n".join(f"  {name:<8} {text}" for name, text in COMMANDS.items()),
    )
    parser.add_argument("command", nargs="?", default="serve", choices=list(COMMANDS), help="what to do")
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        help="TOML file with settings by field name, e.g. api_port = 8700 [env AUTOCLUB_CONFIG]",
    )
    parser.add_argument(
        "--ready-file",
        type=Path,
        default=None,
        help="write {api_url, hub_url, pid} as JSON to this file once listening",
    )
    _add_setting_flags(parser)
    return parser


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # The access log and per-request noise of these libraries is not for admins.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("websockets").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
    logging.getLogger("asyncio").setLevel(logging.INFO)
    # uvicorn's start-up lines repeat ours under the misleading name "uvicorn.error".
    logging.getLogger("uvicorn.error").setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    import os

    args = build_parser().parse_args(argv)
    overrides: dict[str, Any] = {name: getattr(args, name) for name in Settings.model_fields}
    config_file = args.config or (
        Path(os.environ["AUTOCLUB_CONFIG"]) if os.environ.get("AUTOCLUB_CONFIG") else None
    )

    try:
        settings = load_settings(config_file, **overrides)
    except FileNotFoundError as error:
        print(f"autoclub-server: {error}", file=sys.stderr)
        return 2
    except ValidationError as error:
        for problem in error.errors():
            field = ".".join(str(part) for part in problem["loc"])
            print(f"autoclub-server: invalid setting {field}: {problem['msg']}", file=sys.stderr)
        return 2

    _configure_logging(settings.log_level)

    if args.command == "migrate":
        from server.db.migrate import migrate_url

        settings.data_dir.mkdir(parents=True, exist_ok=True)
        migrate_url(settings.resolved_database_url)
        return 0

    logging.getLogger("autoclub.server").info(
        "Starting autoclub-server %s (%s), data in %s", __version__, args.command, settings.data_dir
    )
    from server.runner import run

    try:
        asyncio.run(
            run(settings, role=args.command if args.command != "serve" else "all", ready_file=args.ready_file)
        )
    except OSError as error:
        logging.getLogger("autoclub.server").error("Could not start: %s", error)
        return 1
    return 0
