"""Load generator for ``benchmarks.hub_fanout``: many WebSocket clients in one process.

Each client is a minimal RFC 6455 client on a plain ``asyncio.Protocol``: it
sends the upgrade request and the hub's ``auth`` frame, waits for ``ready``,
replies to pings with pongs and records every ``message.new`` frame. It stays
minimal to spend little CPU per frame, because this process shares the
machine with the server it measures. The event loop is uvloop when it is
installed.

A message frame carries its send time in the message text as
``fanout <index> <CLOCK_MONOTONIC ns> ...``; CLOCK_MONOTONIC is one clock for
all processes on a Linux machine, so the latency is receipt minus that time.

The parent process drives this one with JSON lines on stdin and reads JSON
lines on stdout:

- ``{"command": "connect", "count": K}``: connect the next K tokens; replies
  ``connected``.
- ``{"command": "expect", "messages": M}``: start a phase of M messages
  numbered 0 to M-1; replies ``expecting``.
- ``{"command": "finish", "timeout": T}``: wait until every client has every
  message or T seconds pass; replies ``result`` with latencies and counts.
- ``{"command": "close"}``: close every connection; replies ``closed`` and exits.

Usage: python -m benchmarks.fanout_clients --url ws://127.0.0.1:PORT/ --tokens FILE
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import json
import os
import re
import resource
import struct
import sys
import time
from pathlib import Path
from typing import Any, cast

HANDSHAKE_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
"""Magic string of the Sec-WebSocket-Accept computation (RFC 6455, section 1.3)."""

OPCODE_TEXT = 0x1
OPCODE_CLOSE = 0x8
OPCODE_PING = 0x9
OPCODE_PONG = 0xA

CONNECT_TIMEOUT_SECONDS = 30.0
"""Time for one client from TCP connect to the ``ready`` frame; the hub checks each token over HTTP."""

CLOSE_TIMEOUT_SECONDS = 5.0

CLOSE_TRY_AGAIN_LATER = 1013
"""Close code of a hub that could not check the token in time; the client retries."""

RETRY_ATTEMPTS = 5
RETRY_BACKOFF_SECONDS = 1.0
"""Wait before the second attempt; the n-th retry waits n times this."""

MESSAGE_PATTERN = re.compile(rb'"text":"fanout (\d+) (\d+) ')


def raise_open_files_limit() -> None:
    """Raise the soft limit of open files to the hard limit; each client is one socket."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def mask_frame(opcode: int, payload: bytes) -> bytes:
    """Return a final client frame; clients must mask every frame (RFC 6455, section 5.3)."""
    key = os.urandom(4)
    length = len(payload)
    if length < 126:
        header = struct.pack("!BB", 0x80 | opcode, 0x80 | length)
    elif length < 65536:
        header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, length)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, length)
    repeated = (key * (length // 4 + 1))[:length]
    masked = (int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")).to_bytes(length, "big")
    return header + key + masked


class Stats:
    """Counters and latencies of the current message phase, shared by all clients."""

    def __init__(self) -> None:
        self.messages = 0
        self.expected = 0
        self.received = 0
        self.duplicates = 0
        self.unexpected_frames = 0
        self.latencies_ns: list[int] = []
        self.first_receipt_ns = 0
        self.last_receipt_ns = 0
        self.frame_bytes = 0
        self.complete = asyncio.Event()

    def reset(self, messages: int, clients: int) -> None:
        self.__init__()  # type: ignore[misc]
        self.messages = messages
        self.expected = messages * clients


class FanoutClient(asyncio.Protocol):
    """One hub connection, from the upgrade request to the close frame."""

    def __init__(self, stats: Stats, host: str, port: int, path: str, token: str) -> None:
        self.stats = stats
        self.host = host
        self.port = port
        self.path = path
        self.token = token
        self.key = base64.b64encode(os.urandom(16))
        self.transport: asyncio.Transport | None = None
        self.upgraded = False
        self.buffer = b""
        self.seen = bytearray()
        self.ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.close_code: int | None = None
        self.close_sent = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports implement asyncio.Transport without subclassing it.
        self.transport = cast(asyncio.Transport, transport)
        request = (
            f"GET {self.path} HTTP/1.1\r\n"
            f"Host: {self.host}:{self.port}\r\n"
            "Upgrade: websocket\r\n"
            "Connection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {self.key.decode()}\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n"
        )
        self.transport.write(request.encode())

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.ready.done():
            self.ready.set_exception(
                ConnectionError(f"connection lost before ready: close code {self.close_code}, {exc!r}")
            )
        if not self.closed.done():
            self.closed.set_result(None)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.upgraded and not self._read_upgrade_response():
            return
        self._read_frames(time.monotonic_ns())

    def _read_upgrade_response(self) -> bool:
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return False
        head, self.buffer = self.buffer[:end], self.buffer[end + 4 :]
        expected = base64.b64encode(hashlib.sha1(self.key + HANDSHAKE_GUID).digest())
        status, *header_lines = head.split(b"\r\n")
        headers = {}
        for line in header_lines:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        if not status.startswith(b"HTTP/1.1 101") or headers.get(b"sec-websocket-accept") != expected:
            self.ready.set_exception(ConnectionError(f"upgrade rejected: {status.decode(errors='replace')}"))
            assert self.transport is not None
            self.transport.close()
            return False
        self.upgraded = True
        auth = json.dumps({"type": "auth", "token": self.token, "protocol": 1}).encode()
        assert self.transport is not None
        self.transport.write(mask_frame(OPCODE_TEXT, auth))
        return True

    def _read_frames(self, now_ns: int) -> None:
        buffer = self.buffer
        offset = 0
        size = len(buffer)
        while size - offset >= 2:
            first, second = buffer[offset], buffer[offset + 1]
            length = second & 0x7F
            header = 2
            if length == 126:
                if size - offset < 4:
                    break
                length = struct.unpack_from("!H", buffer, offset + 2)[0]
                header = 4
            elif length == 127:
                if size - offset < 10:
                    break
                length = struct.unpack_from("!Q", buffer, offset + 2)[0]
                header = 10
            if size - offset < header + length:
                break
            payload = buffer[offset + header : offset + header + length]
            offset += header + length
            self._on_frame(first & 0x0F, first & 0x80, payload, now_ns)
        self.buffer = buffer[offset:]

    def _on_frame(self, opcode: int, final: int, payload: bytes, now_ns: int) -> None:
        if opcode == OPCODE_TEXT and final:
            self._on_text(payload, now_ns)
        elif opcode == OPCODE_PING:
            assert self.transport is not None
            self.transport.write(mask_frame(OPCODE_PONG, payload))
        elif opcode == OPCODE_CLOSE:
            self.close_code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else 1005
            assert self.transport is not None
            if not self.close_sent:
                self.close_sent = True
                self.transport.write(mask_frame(OPCODE_CLOSE, payload[:2]))
            # The server closes TCP next (RFC 6455, section 7.1.1); close() aborts a server that does not.
        elif opcode != OPCODE_PONG:
            # The hub and the bare server send whole frames; a fragment is unexpected.
            self.stats.unexpected_frames += 1

    def _on_text(self, payload: bytes, now_ns: int) -> None:
        stats = self.stats
        match = MESSAGE_PATTERN.search(payload)
        if match is None:
            # Not a benchmark message, so rare: parse it in full.
            if _frame_type(payload) == "ready" and not self.ready.done():
                self.ready.set_result(None)
            else:
                stats.unexpected_frames += 1
            return

        index = int(match[1])
        if index >= len(self.seen) or self.seen[index]:
            stats.duplicates += 1
            return
        self.seen[index] = 1
        stats.latencies_ns.append(now_ns - int(match[2]))
        stats.received += 1
        if not stats.first_receipt_ns:
            stats.first_receipt_ns = now_ns
            stats.frame_bytes = len(payload)
        stats.last_receipt_ns = now_ns
        if stats.received == stats.expected:
            stats.complete.set()

    def close(self) -> None:
        if self.transport is not None and not self.transport.is_closing() and not self.close_sent:
            self.close_sent = True
            self.transport.write(mask_frame(OPCODE_CLOSE, struct.pack("!H", 1000)))


class LoadGenerator:
    def __init__(self, url: str, tokens: list[str], concurrency: int) -> None:
        match = re.fullmatch(r"ws://([^:/]+):(\d+)(/.*)?", url)
        if match is None:
            raise ValueError(f"invalid hub URL {url!r}; expected ws://HOST:PORT/")
        self.host, self.port, self.path = match[1], int(match[2]), match[3] or "/"
        self.tokens = tokens
        self.concurrency = concurrency
        self.clients: list[FanoutClient] = []
        self.stats = Stats()
        self.retries = 0
        self.requested = 0

    async def connect(self, count: int) -> dict[str, Any]:
        start = self.requested
        self.requested += count
        self.retries = 0
        if start + count > len(self.tokens):
            raise ValueError(f"{start + count} clients requested but only {len(self.tokens)} tokens given")
        slots = asyncio.Semaphore(self.concurrency)
        began = time.monotonic()
        outcomes = await asyncio.gather(
            *(self._connect_one(self.tokens[index], slots) for index in range(start, start + count)),
            return_exceptions=True,
        )
        errors = [repr(outcome) for outcome in outcomes if isinstance(outcome, BaseException)]
        return {
            "event": "connected",
            "count": count - len(errors),
            "failed": len(errors),
            "errors": errors[:5],
            "retries": self.retries,
            "seconds": time.monotonic() - began,
        }

    async def _connect_one(self, token: str, slots: asyncio.Semaphore) -> None:
        """Connect one client; retry a close with 1013 (try again later) as a real client does."""
        loop = asyncio.get_running_loop()
        for attempt in range(1, RETRY_ATTEMPTS + 1):
            async with slots:
                client = FanoutClient(self.stats, self.host, self.port, self.path, token)
                await loop.create_connection(lambda bound=client: bound, self.host, self.port)
                try:
                    await asyncio.wait_for(client.ready, CONNECT_TIMEOUT_SECONDS)
                except ConnectionError:
                    if client.close_code != CLOSE_TRY_AGAIN_LATER or attempt == RETRY_ATTEMPTS:
                        raise
                else:
                    self.clients.append(client)
                    return
            self.retries += 1
            await asyncio.sleep(RETRY_BACKOFF_SECONDS * attempt)

    def expect(self, messages: int) -> dict[str, Any]:
        self.stats.reset(messages, len(self.clients))
        for client in self.clients:
            client.seen = bytearray(messages)
        return {"event": "expecting", "messages": messages, "clients": len(self.clients)}

    async def finish(self, wait_seconds: float) -> dict[str, Any]:
        stats = self.stats
        try:
            await asyncio.wait_for(stats.complete.wait(), wait_seconds)
        except TimeoutError:
            pass
        latencies = sorted(stats.latencies_ns)
        closed = sum(1 for client in self.clients if client.closed.done())
        return {
            "event": "result",
            "expected": stats.expected,
            "received": stats.received,
            "missing": stats.expected - stats.received,
            "duplicates": stats.duplicates,
            "unexpected_frames": stats.unexpected_frames,
            "closed_connections": closed,
            "first_receipt_ns": stats.first_receipt_ns,
            "last_receipt_ns": stats.last_receipt_ns,
            "frame_bytes": stats.frame_bytes,
            "p50_ms": _percentile(latencies, 0.50) / 1e6,
            "p99_ms": _percentile(latencies, 0.99) / 1e6,
            "max_ms": (latencies[-1] / 1e6) if latencies else float("nan"),
        }

    async def close(self) -> dict[str, Any]:
        for client in self.clients:
            client.close()
        waits = [client.closed for client in self.clients]
        if waits:
            await asyncio.wait(waits, timeout=CLOSE_TIMEOUT_SECONDS)
        unclosed = 0
        for client in self.clients:
            if client.transport is not None and not client.closed.done():
                unclosed += 1
                client.transport.abort()
        return {"event": "closed", "aborted": unclosed}


def _frame_type(payload: bytes) -> object:
    try:
        frame = json.loads(payload)
    except ValueError:
        return None
    return frame.get("type") if isinstance(frame, dict) else None


def _percentile(sorted_values: list[int], fraction: float) -> float:
    """Return the nearest-rank percentile of sorted values, or NaN for none."""
    if not sorted_values:
        return float("nan")
    rank = max(0, min(len(sorted_values) - 1, round(fraction * len(sorted_values)) - 1))
    return float(sorted_values[rank])


def _reply(content: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(content) + "\n")
    sys.stdout.flush()


async def serve_commands(generator: LoadGenerator) -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := await reader.readline():
        command = json.loads(line)
        name = command["command"]
        if name == "connect":
            _reply(await generator.connect(int(command["count"])))
        elif name == "expect":
            _reply(generator.expect(int(command["messages"])))
        elif name == "finish":
            _reply(await generator.finish(float(command["timeout"])))
        elif name == "close":
            _reply(await generator.close())
            return
        else:
            _reply({"event": "error", "message": f"unknown command {name!r}"})
    # The parent went away without "close": drop the connections at once.
    for client in generator.clients:
        if client.transport is not None:
            client.transport.abort()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--url", required=True, help="WebSocket URL, e.g. ws://127.0.0.1:8701/")
    parser.add_argument("--tokens", type=Path, required=True, help="file with one session token per line")
    parser.add_argument("--concurrency", type=int, default=100, help="connections opened at the same time")
    args = parser.parse_args()

    raise_open_files_limit()
    tokens = args.tokens.read_text().split()
    try:
        import uvloop
    except ImportError:
        runner: Any = asyncio.run
    else:
        runner = uvloop.run

    async def run() -> None:
        await serve_commands(LoadGenerator(args.url, tokens, args.concurrency))

    runner(run())


if __name__ == "__main__":
    main()
