"""Running the server: the API on uvicorn and the hub, in one process or split."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import os
import signal
import socket
from collections.abc import Generator
from pathlib import Path
from typing import Literal

import uvicorn

from server.api.app import create_app
from server.bus import create_bus
from server.config import Settings
from server.db.engine import Database
from server.db.migrate import migrate
from server.hub.api_client import ApiClient
from server.hub.server import Hub
from server.media import Storage
from server.presence import create_presence
from server.services.context import ServerContext
from server.services.photos import close_storage, create_storage
from server.sms import create_gateway

logger = logging.getLogger("autoclub.server")

Role = Literal["all", "api", "hub"]

KEEP_ALIVE_SECONDS = 75
"""How long the API keeps an idle HTTP connection open."""

GRACEFUL_SHUTDOWN_SECONDS = 5
"""Seconds the API waits for requests in flight when it stops.

A client that stalls in the middle of a request must not keep the server from stopping."""


class _Uvicorn(uvicorn.Server):
    """uvicorn without its own signal handling; ``run`` below owns the signals."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


def _listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.setblocking(False)
    return sock


def _url(scheme: str, host: str, sock: socket.socket) -> str:
    port = sock.getsockname()[1]
    reachable = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    if ":" in reachable:
        reachable = f"[{reachable}]"
    return f"{scheme}://{reachable}:{port}"


def _write_ready_file(path: Path, content: dict[str, object]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(content))
    os.replace(temporary, path)


def _freeze_start_up_objects() -> None:
    """Keep the objects of start-up out of every later garbage collection.

    Modules, classes and the app's routes live as long as the process. Left in
    the collector's oldest generation, each full collection walks all of them
    again (about 150,000 objects and 30 ms on the benchmark machine), in the
    middle of delivering frames.
    """
    gc.collect()
    gc.freeze()


async def run(settings: Settings, *, role: Role = "all", ready_file: Path | None = None) -> None:
    """Serve until SIGINT or SIGTERM, then close sockets and connections cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    secret = settings.resolved_internal_secret()
    bus = create_bus(settings.redis_url, settings.redis_namespace)
    presence = create_presence(settings.redis_url, settings.redis_namespace)
    await presence.start()
    database: Database | None = None
    storage: Storage | None = None
    api_server: _Uvicorn | None = None
    api_task: asyncio.Task[None] | None = None
    hub: Hub | None = None
    ready: dict[str, object] = {"pid": os.getpid()}

    try:
        # The hub's socket is bound first, so the API can tell clients its port.
        hub_sock = _listen(settings.host, settings.hub_port) if role in ("all", "hub") else None

        if role in ("all", "api"):
            database = Database(settings.resolved_database_url)
            await migrate(database)
            storage = create_storage(settings)
            context = ServerContext(
                settings=settings,
                database=database,
                bus=bus,
                sms=create_gateway(settings.sms_gateway),
                secret=secret,
                presence=presence,
                storage=storage,
                photo_slots=asyncio.Semaphore(settings.photo_workers),
                hub_port=hub_sock.getsockname()[1] if hub_sock is not None else None,
            )
            api_sock = _listen(settings.host, settings.api_port)
            config = uvicorn.Config(
                create_app(context),
                log_config=None,
                access_log=False,
                lifespan="off",
                ws="none",
                proxy_headers=True,
                # Longer than the 5 s after which httpx drops idle connections, so a
                # client never reuses a connection the server is closing at that moment.
                timeout_keep_alive=KEEP_ALIVE_SECONDS,
                timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
                forwarded_allow_ips=settings.forwarded_allow_ips,
            )
            api_server = _Uvicorn(config)
            api_task = asyncio.create_task(api_server.serve(sockets=[api_sock]))
            while not api_server.started:
                if api_task.done():
                    await api_task
                    raise RuntimeError("the API server stopped during start-up")
                await asyncio.sleep(0.01)
            ready["api_url"] = _url("http", settings.host, api_sock)
            logger.info("API listening on %s", ready["api_url"])

        if hub_sock is not None:
            api_url = settings.api_url or str(ready.get("api_url") or "")
            if not api_url:
                raise ValueError("a hub on its own needs api_url (--api-url or AUTOCLUB_API_URL)")
            hub = Hub(bus, ApiClient(api_url, secret), presence, settings)
            await hub.start(hub_sock)
            ready["hub_url"] = _url("ws", settings.host, hub_sock) + "/"
            logger.info("Hub listening on %s", ready["hub_url"])

        _freeze_start_up_objects()
        if ready_file is not None:
            _write_ready_file(ready_file, ready)
        await stop.wait()
        logger.info("Shutting down")
    finally:
        if hub is not None:
            await hub.stop()
        if api_server is not None and api_task is not None:
            api_server.should_exit = True
            await api_task
        await bus.close()
        await presence.close()
        if storage is not None:
            close_storage(storage)
        if database is not None:
            await database.dispose()
        logger.info("Stopped")
