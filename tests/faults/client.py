"""A headless Autoclub client for the fault-injection tests: the sync engine with no Qt.

Run as ``python -m tests.faults.client --api URL --hub URL --user-id ID --cache FILE``
with the session token in the ``AUTOCLUB_TOKEN`` environment variable. It
reads one JSON command per line on stdin and writes one JSON event per line
on stdout:

- ``{"cmd": "send", "dialogs": [ids], "count": n, "rate": per_second, "prefix": text}``
  writes ``n`` messages round-robin over the dialogs into the outbox, at most
  ``rate`` per second, then replies ``{"event": "sent", "client_ids": [...]}``;
- ``{"cmd": "status"}`` replies ``{"event": "status", "state", "idle", "outbox", "cursors"}``;
- ``{"cmd": "stop"}`` stops the engine, closes the cache and answers
  ``{"event": "stopped", "qt_loaded": bool}`` before it exits.

State changes arrive unasked as ``{"event": "state", "state": ...}``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from desktop.api import ApiClient
from desktop.sync.connection import HubConnection
from desktop.sync.engine import SyncEngine, SyncState
from desktop.sync.store import CachedMessage, Store
from shared.api import DialogOut


class Reporter:
    """The engine's listener: writes state changes to stdout and ignores the rest."""

    def sync_state_changed(self, state: SyncState) -> None:
        emit({"event": "state", "state": state.value})

    def dialogs_changed(self, dialogs: list[DialogOut]) -> None:
        pass

    def dialogs_removed(self, dialog_ids: list[int]) -> None:
        pass

    def messages_changed(self, dialog_id: int, messages: list[CachedMessage]) -> None:
        pass

    def session_rejected(self) -> None:
        emit({"event": "session_rejected"})


def emit(event: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


async def send_stream(engine: SyncEngine, command: dict[str, Any]) -> None:
    dialogs: list[int] = command["dialogs"]
    interval = 1.0 / float(command.get("rate") or 1e9)
    client_ids: list[str] = []
    for index in range(int(command["count"])):
        dialog_id = dialogs[index % len(dialogs)]
        message = await engine.send(dialog_id, f"{command['prefix']} {index}")
        client_ids.append(message.client_id)
        await asyncio.sleep(interval)
    emit({"event": "sent", "tag": command.get("tag", ""), "client_ids": client_ids})


async def status(engine: SyncEngine) -> dict[str, Any]:
    return {
        "event": "status",
        "state": engine.state.value,
        "idle": engine.idle,
        "outbox": await engine.store.outgoing_count(),
        "cursors": {str(key): value for key, value in (await engine.store.cursors()).items()},
    }


async def run(arguments: argparse.Namespace) -> None:
    store = await Store.open(arguments.cache)
    api = ApiClient(arguments.api, os.environ["AUTOCLUB_TOKEN"])
    connection = HubConnection(
        arguments.hub, os.environ["AUTOCLUB_TOKEN"], backoff_base=0.2, backoff_max=arguments.backoff_max
    )
    engine = SyncEngine(
        api,
        store,
        connection,
        arguments.user_id,
        Reporter(),
        send_backoff_base=0.2,
        send_backoff_max=arguments.backoff_max,
    )
    await engine.start()
    emit({"event": "started"})

    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    streams: set[asyncio.Task[None]] = set()
    while line := await reader.readline():
        command = json.loads(line)
        if command["cmd"] == "send":
            task = loop.create_task(send_stream(engine, command))
            streams.add(task)
            task.add_done_callback(streams.discard)
        elif command["cmd"] == "status":
            emit(await status(engine))
        elif command["cmd"] == "stop":
            break
    for task in list(streams):
        task.cancel()
    await engine.stop()
    await api.aclose()
    await store.close()
    emit({"event": "stopped", "qt_loaded": any(name.startswith("PySide6") for name in sys.modules)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", required=True, help="base URL of the HTTP API")
    parser.add_argument("--hub", required=True, help="URL of the hub")
    parser.add_argument("--user-id", type=int, required=True, help="id of the signed-in user")
    parser.add_argument("--cache", type=Path, required=True, help="SQLite cache file")
    parser.add_argument(
        "--backoff-max", type=float, default=2.0, help="maximum reconnect and resend delay, in seconds"
    )
    parser.add_argument("--log", type=Path, help="write the client's log to this file")
    arguments = parser.parse_args()
    logging.basicConfig(
        filename=arguments.log,
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    asyncio.run(run(arguments))


if __name__ == "__main__":
    main()
