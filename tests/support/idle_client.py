"""A hub client in its own process: authenticates, prints "ready", then idles.

Tests freeze it with SIGSTOP (a silent peer whose TCP connection stays up) or
kill it with SIGKILL (no close frame) to check what the hub notices.
Usage: python -m tests.support.idle_client HUB_URL TOKEN
"""

from __future__ import annotations

import asyncio
import json
import sys

from websockets.asyncio.client import connect


async def main(url: str, token: str) -> None:
    async with connect(url, compression=None, ping_interval=None) as socket:
        await socket.send(json.dumps({"type": "auth", "token": token, "protocol": 1}))
        ready = json.loads(await socket.recv())
        print(ready["type"], flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
