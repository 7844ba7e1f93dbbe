"""A bare ``websockets`` broadcast server: the yardstick for ``benchmarks.hub_fanout``.

It accepts the same clients as the hub: it reads one first frame (the ``auth``
frame, not checked), replies ``{"type":"ready"}`` and then reads and drops
frames. Each line on stdin is one text frame that it sends to every connected
client with ``websockets.asyncio.server.broadcast``; it replies ``sent N`` on
stdout after each. Compression is off and the keepalive pings use the hub's
default interval and timeout, so idle work is the same as the hub's.

Usage: python -m benchmarks.fanout_bare READY_FILE
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed

from benchmarks.fanout_clients import raise_open_files_limit
from shared.frames import AUTH_TIMEOUT_SECONDS, PING_INTERVAL_SECONDS, PING_TIMEOUT_SECONDS

MAX_FRAME_BYTES = 64 * 1024


async def main(ready_file: Path) -> None:
    clients: set[ServerConnection] = set()

    async def handle(socket: ServerConnection) -> None:
        try:
            await asyncio.wait_for(socket.recv(), AUTH_TIMEOUT_SECONDS)
            await socket.send('{"type":"ready"}')
        except (ConnectionClosed, TimeoutError):
            return
        clients.add(socket)
        try:
            async for _frame in socket:
                pass
        except ConnectionClosed:
            pass
        finally:
            clients.discard(socket)

    async with serve(
        handle,
        "127.0.0.1",
        0,
        compression=None,
        ping_interval=PING_INTERVAL_SECONDS,
        ping_timeout=PING_TIMEOUT_SECONDS,
        max_size=MAX_FRAME_BYTES,
    ) as server:
        port = server.sockets[0].getsockname()[1]
        temporary = ready_file.with_name(ready_file.name + ".tmp")
        temporary.write_text(json.dumps({"hub_url": f"ws://127.0.0.1:{port}/", "pid": os.getpid()}))
        os.replace(temporary, ready_file)

        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader()
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        while line := await reader.readline():
            broadcast(clients, line.decode().rstrip("\n"))
            sys.stdout.write(f"sent {len(clients)}\n")
            sys.stdout.flush()


if __name__ == "__main__":
    raise_open_files_limit()
    asyncio.run(main(Path(sys.argv[1])))
