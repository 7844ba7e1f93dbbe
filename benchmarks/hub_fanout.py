"""Benchmark: fan-out of group messages from the hub to 1,000 and 5,000 clients.

Run from the repository root:

    .venv/bin/python -m benchmarks.hub_fanout --clients 1000 5000 --messages 50

For each client count the script runs two targets on 127.0.0.1, each in a
fresh subprocess:

- ``hub``: ``python -m server`` (API and hub in one process, or with
  ``--deployment split`` an API and a hub process joined by Redis) with a
  fresh SQLite database. Users, sessions and one group with every user are written
  to the database after ``python -m server migrate`` and before the server
  starts, because signing in thousands of users through SMS codes would take
  longer than the benchmark. Messages go through ``POST
  /api/v1/dialogs/{id}/messages`` and reach the clients through the hub.
- ``bare``: ``benchmarks.fanout_bare``, a plain ``websockets`` server that
  sends each frame with ``broadcast``. Its frames have the same fields and size
  as the hub's ``message.new`` frames.

The clients run in a third process (``benchmarks.fanout_clients``), and the
sender is this process. Each target goes through the same phases:

1. No clients: send the messages and take the server's CPU time. For the hub
   this is the cost of the API and the database without fan-out.
2. Connect a few warm-up clients, let RSS settle and take it; connect the
   rest, let RSS settle and take it again. The difference divided by the
   clients connected in between is the memory per idle connection.
3. Send the same number of messages, one HTTP request (or stdin line) at a
   time, ``--interval-ms`` apart (100 ms unless set). Each waits for the reply
   to the previous one. The same pace for both targets matters on loopback:
   the sender's ``send()`` also wakes the receiving client, and waking a
   sleeping client costs the sender more kernel time than adding to a socket
   the client is already reading. Then wait until every
   client has every message. The server's CPU time minus that of phase 1, divided by the
   deliveries, is the CPU time per delivery.

Latency runs from just before the send (the time is in the message text) to
the moment the client process reads the frame. Both processes read the same
CLOCK_MONOTONIC. The clients and the server share the machine's cores, so
the latency includes the time the clients wait for a core.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import psutil
import sqlalchemy
from sqlalchemy import create_engine, insert
from sqlalchemy.orm import Session as OrmSession

from benchmarks.fanout_clients import raise_open_files_limit
from server.db.models import Dialog, DialogMember, Session, User
from server.tokens import hash_token, new_token
from shared.frames import PING_INTERVAL_SECONDS

REPOSITORY_ROOT = Path(__file__).resolve().parents[1]

START_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 20.0
REPLY_TIMEOUT_SECONDS = 300.0
"""Maximum wait for a reply of the load generator.

Connecting 5,000 hub clients took 1 to 4 minutes on 2 cores.
"""

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"

RSS_SETTLE_MIN_SECONDS = 3.0
RSS_SETTLE_MAX_SECONDS = 20.0
RSS_SETTLE_TOLERANCE = 0.002
"""RSS counts as settled when two samples one second apart differ by less than this fraction."""


@dataclass
class TargetResult:
    target: str
    clients: int
    messages: int
    connect_seconds: float = 0.0
    connect_retries: int = 0
    deliveries: int = 0
    missing: int = 0
    duplicates: int = 0
    unexpected_frames: int = 0
    frame_bytes: int = 0
    deliveries_per_second: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    baseline_cpu_seconds: float = 0.0
    phase_cpu_seconds: float = 0.0
    phase_system_cpu_seconds: float = 0.0
    cpu_us_per_delivery: float = 0.0
    phase_seconds: float = 0.0
    cpu_us_per_delivery_less_idle: float = 0.0
    idle_cpu_percent: float = 0.0
    load_generator_cpu_us_per_delivery: float = 0.0
    rss_before_mib: float = 0.0
    rss_after_mib: float = 0.0
    kib_per_connection: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.missing or self.duplicates)


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


class LineProcess:
    """A subprocess that takes commands on stdin and replies with lines on stdout."""

    def __init__(self, args: list[str], stderr_path: Path) -> None:
        self._stderr = stderr_path.open("wb")
        self.process = subprocess.Popen(
            args,
            cwd=REPOSITORY_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
        )
        self.stderr_path = stderr_path
        self.name = args[2]
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def reply(self, timeout: float = REPLY_TIMEOUT_SECONDS) -> str:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"no reply from {self.name} within {timeout} s") from None
        if line is None:
            tail = self.stderr_path.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{self.name} exited with {self.process.wait()}:\n{tail}")
        return line.rstrip("\n")

    def command(self, content: dict[str, Any], timeout: float = REPLY_TIMEOUT_SECONDS) -> dict[str, Any]:
        self.send(json.dumps(content))
        reply: dict[str, Any] = json.loads(self.reply(timeout))
        return reply

    def stop(self) -> None:
        stop_process(self.process)
        self._stderr.close()


def stop_process(process: subprocess.Popen[Any]) -> None:
    """Stop with SIGTERM, then SIGKILL after a timeout; a no-op for an exited process."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            stream.close()


def wait_for_ready_file(path: Path, process: subprocess.Popen[Any], log_path: Path) -> dict[str, Any]:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not path.exists():
        if process.poll() is not None:
            tail = log_path.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"server exited with {process.returncode}:\n{tail}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"server wrote no ready file within {START_TIMEOUT_SECONDS} s")
        time.sleep(0.05)
    ready: dict[str, Any] = json.loads(path.read_text())
    return ready


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def system_cpu_seconds(process: psutil.Process) -> float:
    return float(process.cpu_times().system)


def settled_rss(process: psutil.Process) -> int:
    """Return the RSS once it changes by less than ``RSS_SETTLE_TOLERANCE`` in a second, or at a deadline."""
    time.sleep(RSS_SETTLE_MIN_SECONDS)
    deadline = time.monotonic() + RSS_SETTLE_MAX_SECONDS
    previous = process.memory_info().rss
    while True:
        time.sleep(1.0)
        current = process.memory_info().rss
        if abs(current - previous) < RSS_SETTLE_TOLERANCE * previous or time.monotonic() > deadline:
            return int(current)
        previous = current


# Seeding the database -----------------------------------------------------------------


@dataclass
class Seed:
    sender_token: str
    client_tokens: list[str]
    group_id: int


def seed_database(database: Path, clients: int, sessions_per_user: int) -> Seed:
    """Write a sender, ceil(clients / sessions_per_user) members with their sessions, and one group."""
    users = -(-clients // sessions_per_user)
    now = datetime.now(UTC)
    engine = create_engine(f"sqlite:///{database}")
    try:
        with OrmSession(engine) as db:
            sender = User(phone="+79140000000", display_name="Fan-out sender", created_at=now)
            db.add(sender)
            db.flush()
            sender_token = new_token()
            db.add(Session(user_id=sender.id, token_hash=hash_token(sender_token), device_name="benchmark"))

            rows = [
                {"phone": f"+7914{index + 1:07d}", "display_name": f"Member {index + 1}", "created_at": now}
                for index in range(users)
            ]
            member_ids = list(db.execute(insert(User).returning(User.id), rows).scalars())

            client_tokens = [new_token() for _ in range(clients)]
            sessions = [
                {
                    "user_id": member_ids[index // sessions_per_user],
                    "token_hash": hash_token(token),
                    "device_name": "benchmark",
                    "created_at": now,
                    "last_seen_at": now,
                }
                for index, token in enumerate(client_tokens)
            ]
            db.execute(insert(Session), sessions)

            group = Dialog(
                kind="group", title="Fan-out", owner_id=sender.id, created_at=now, last_activity_at=now
            )
            db.add(group)
            db.flush()
            members = [{"dialog_id": group.id, "user_id": sender.id, "role": "owner", "joined_at": now}]
            members += [
                {"dialog_id": group.id, "user_id": user_id, "role": "member", "joined_at": now}
                for user_id in member_ids
            ]
            db.execute(insert(DialogMember), members)
            db.commit()
            return Seed(sender_token, client_tokens, group.id)
    finally:
        engine.dispose()


# Targets ------------------------------------------------------------------------------


def message_text(index: int, text_bytes: int) -> str:
    """Return ``fanout <index> <send time, ns> `` padded with x to ``text_bytes`` characters."""
    head = f"fanout {index} {time.monotonic_ns()} "
    return head + "x" * max(0, text_bytes - len(head))


class HubTarget:
    """The Autoclub server with a seeded database.

    ``deployment`` is ``one-process`` (API and hub in one ``serve`` process,
    the default set-up of a club's server) or ``split`` (an ``api`` and a
    ``hub`` process joined by Redis, as when the server scales out). In
    ``split``, CPU time and memory are those of the hub process alone.
    """

    name = "hub"

    def __init__(
        self,
        workdir: Path,
        clients: int,
        sessions_per_user: int,
        text_bytes: int,
        deployment: str = "one-process",
        redis_url: str = DEFAULT_REDIS_URL,
    ) -> None:
        self.workdir = workdir
        self.text_bytes = text_bytes
        self.data_dir = workdir / "data"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "server",
                "migrate",
                "--data-dir",
                str(self.data_dir),
                "--log-level",
                "WARNING",
            ],
            cwd=REPOSITORY_ROOT,
            check=True,
        )
        self.seed = seed_database(self.data_dir / "autoclub.db", clients, sessions_per_user)
        self.processes: list[subprocess.Popen[Any]] = []
        self.log_path = workdir / "server.log"
        if deployment == "split":
            namespace = f"fanout-{uuid.uuid4().hex[:8]}"
            split = ["--redis-url", redis_url, "--redis-namespace", namespace]
            api_ready = self._start("api", [*split, "--api-port", "0"])
            hub_ready = self._start("hub", [*split, "--hub-port", "0", "--api-url", api_ready["api_url"]])
            api_url, self.url = api_ready["api_url"], hub_ready["hub_url"]
            hub_pid = self.processes[-1].pid
        else:
            ready = self._start("serve", ["--api-port", "0", "--hub-port", "0"])
            api_url, self.url = ready["api_url"], ready["hub_url"]
            hub_pid = self.processes[0].pid
        self.psutil = psutil.Process(hub_pid)
        self.http = httpx.Client(
            base_url=api_url, headers={"Authorization": f"Bearer {self.seed.sender_token}"}
        )

    def _start(self, command: str, options: list[str]) -> dict[str, Any]:
        """Start one server process with ``command`` and wait for its ready file."""
        ready_file = self.workdir / f"ready-{command}.json"
        log_path = self.log_path if command in ("serve", "hub") else self.workdir / f"{command}.log"
        with log_path.open("wb") as server_log:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "server",
                    command,
                    "--data-dir",
                    str(self.data_dir),
                    "--host",
                    "127.0.0.1",
                    "--sms-gateway",
                    f"file:{self.workdir / 'sms.jsonl'}",
                    "--ready-file",
                    str(ready_file),
                    *options,
                ],
                cwd=REPOSITORY_ROOT,
                stdout=server_log,
                stderr=subprocess.STDOUT,
            )
        self.processes.append(process)
        return wait_for_ready_file(ready_file, process, log_path)

    @property
    def tokens(self) -> list[str]:
        return self.seed.client_tokens

    def send(self, index: int) -> None:
        path = f"/api/v1/dialogs/{self.seed.group_id}/messages"
        response = self.http.post(
            path, json={"client_id": str(uuid.uuid4()), "text": message_text(index, self.text_bytes)}
        )
        if response.status_code != 201:
            raise RuntimeError(f"POST {path} returned HTTP {response.status_code}: {response.text}")

    def close(self) -> None:
        self.http.close()
        for process in reversed(self.processes):
            stop_process(process)


class BareTarget:
    name = "bare"

    def __init__(self, workdir: Path, clients: int, text_bytes: int) -> None:
        self.text_bytes = text_bytes
        self.tokens = ["unused"] * clients
        ready_file = workdir / "ready.json"
        self.server = LineProcess(
            [sys.executable, "-m", "benchmarks.fanout_bare", str(ready_file)], workdir / "bare.log"
        )
        ready = wait_for_ready_file(ready_file, self.server.process, workdir / "bare.log")
        self.url = ready["hub_url"]
        self.psutil = psutil.Process(self.server.process.pid)

    def send(self, index: int) -> None:
        # The same fields as a hub message.new frame, so the frame size matches.
        frame = {
            "type": "message.new",
            "message": {
                "id": index + 1,
                "dialog_id": 1,
                "seq": index + 1,
                "sender_id": 1,
                "client_id": str(uuid.uuid4()),
                "text": message_text(index, self.text_bytes),
                "created_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
            },
        }
        self.server.send(json.dumps(frame, ensure_ascii=False, separators=(",", ":")))
        self.server.reply()

    def close(self) -> None:
        self.server.stop()


def send_paced(target: HubTarget | BareTarget, messages: int, interval: float) -> None:
    """Send ``messages`` one after another, each at least ``interval`` seconds after the previous one."""
    start = time.monotonic()
    for index in range(messages):
        delay = start + index * interval - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        target.send(index)


def send_messages(target: HubTarget | BareTarget, messages: int, interval: float) -> float:
    """Send ``messages`` paced by ``interval``; return the server CPU seconds they took."""
    before = cpu_seconds(target.psutil)
    send_paced(target, messages, interval)
    # The hub delivers from a bus task after the response; give it a moment to finish.
    time.sleep(0.5)
    return cpu_seconds(target.psutil) - before


class ConnectFailed(RuntimeError):
    pass


def check_connected(reply: dict[str, Any]) -> None:
    if reply["failed"]:
        raise ConnectFailed(f"{reply['failed']} client connections failed, e.g. {reply['errors'][:3]}")


def measure(
    target: HubTarget | BareTarget, workdir: Path, args: argparse.Namespace, clients: int
) -> TargetResult:
    result = TargetResult(target=target.name, clients=clients, messages=args.messages)

    log(f"{target.name} x {clients}: phase 1, {args.messages} messages with no clients")
    send_messages(target, min(args.messages, 5), 0)  # warm up the API's code paths and caches
    result.baseline_cpu_seconds = send_messages(target, args.messages, args.interval_ms / 1000)

    tokens_file = workdir / "tokens.txt"
    tokens_file.write_text("\n".join(target.tokens))
    generator = LineProcess(
        [
            sys.executable,
            "-m",
            "benchmarks.fanout_clients",
            "--url",
            target.url,
            "--tokens",
            str(tokens_file),
            "--concurrency",
            str(args.concurrency),
        ],
        workdir / "clients.log",
    )
    try:
        warmup = min(args.warmup_clients, clients - 1)
        log(f"{target.name} x {clients}: phase 2, {warmup} warm-up clients, then {clients - warmup}")
        reply = generator.command({"command": "connect", "count": warmup})
        check_connected(reply)
        rss_before = settled_rss(target.psutil)

        reply = generator.command({"command": "connect", "count": clients - warmup})
        check_connected(reply)
        result.connect_seconds = reply["seconds"]
        result.connect_retries = reply["retries"]
        log(
            f"{target.name} x {clients}: connected in {reply['seconds']:.1f} s "
            f"after {reply['retries']} retries"
        )
        rss_after = settled_rss(target.psutil)
        result.rss_before_mib = rss_before / 2**20
        result.rss_after_mib = rss_after / 2**20
        result.kib_per_connection = (rss_after - rss_before) / 1024 / (clients - warmup)

        idle_start = cpu_seconds(target.psutil)
        time.sleep(args.idle_seconds)
        result.idle_cpu_percent = 100 * (cpu_seconds(target.psutil) - idle_start) / args.idle_seconds

        log(f"{target.name} x {clients}: phase 3, {args.messages} messages to {clients} clients")
        generator.command({"command": "expect", "messages": args.messages})
        generator_process = psutil.Process(generator.process.pid)
        generator_before = cpu_seconds(generator_process)
        server_before = cpu_seconds(target.psutil)
        server_system_before = system_cpu_seconds(target.psutil)
        first_send_ns = phase_start_ns = time.monotonic_ns()
        send_paced(target, args.messages, args.interval_ms / 1000)
        outcome = generator.command({"command": "finish", "timeout": args.finish_timeout})
        result.phase_cpu_seconds = cpu_seconds(target.psutil) - server_before
        result.phase_seconds = (time.monotonic_ns() - phase_start_ns) / 1e9
        result.phase_system_cpu_seconds = system_cpu_seconds(target.psutil) - server_system_before
        generator_cpu = cpu_seconds(generator_process) - generator_before
    finally:
        try:
            generator.command({"command": "close"}, timeout=STOP_TIMEOUT_SECONDS)
        except (TimeoutError, RuntimeError) as error:
            log(f"load generator did not close cleanly: {error}")
        generator.stop()

    result.deliveries = outcome["received"]
    result.missing = outcome["missing"]
    result.duplicates = outcome["duplicates"]
    result.unexpected_frames = outcome["unexpected_frames"]
    result.frame_bytes = outcome["frame_bytes"]
    result.p50_ms = outcome["p50_ms"]
    result.p99_ms = outcome["p99_ms"]
    result.max_ms = outcome["max_ms"]
    if result.deliveries:
        elapsed = (outcome["last_receipt_ns"] - first_send_ns) / 1e9
        result.deliveries_per_second = result.deliveries / elapsed
        fan_out_cpu = result.phase_cpu_seconds - result.baseline_cpu_seconds
        result.cpu_us_per_delivery = fan_out_cpu * 1e6 / result.deliveries
        # Keepalive pings and other idle work also run during the phase; this figure leaves them out.
        idle_cpu = result.idle_cpu_percent / 100 * result.phase_seconds
        result.cpu_us_per_delivery_less_idle = (fan_out_cpu - idle_cpu) * 1e6 / result.deliveries
        result.load_generator_cpu_us_per_delivery = generator_cpu * 1e6 / result.deliveries
    if outcome["closed_connections"]:
        result.notes.append(f"{outcome['closed_connections']} connections closed during the run")
    return result


def run_target(kind: str, clients: int, args: argparse.Namespace) -> TargetResult:
    with tempfile.TemporaryDirectory(prefix=f"fanout-{kind}-{clients}-") as directory:
        workdir = Path(directory)
        target: HubTarget | BareTarget
        if kind == "hub":
            target = HubTarget(
                workdir, clients, args.sessions_per_user, args.text_bytes, args.deployment, args.redis_url
            )
        else:
            target = BareTarget(workdir, clients, args.text_bytes)
        failed = True
        try:
            result = measure(target, workdir, args, clients)
            failed = result.failed
        finally:
            target.close()
            server_log = workdir / ("server.log" if kind == "hub" else "bare.log")
            if args.log_dir is not None:
                args.log_dir.mkdir(parents=True, exist_ok=True)
                for path in (server_log, workdir / "clients.log"):
                    if path.exists():
                        shutil.copyfile(path, args.log_dir / f"{kind}-{clients}-{path.name}")
            if failed and server_log.exists():
                log(
                    f"{kind} x {clients} failed; server log tail:\n"
                    f"{server_log.read_text(errors='replace')[-2000:]}"
                )
        return result


# Report -------------------------------------------------------------------------------


def machine_description() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, "
        f"websockets {importlib.metadata.version('websockets')}, SQLAlchemy {sqlalchemy.__version__}, "
        f"{platform.platform()}"
    )


def print_report(results: list[TargetResult]) -> None:
    by_key = {(result.target, result.clients): result for result in results}
    print()
    print(
        "| clients | deliveries/s | p50 | p99 | hub µs/delivery | hub KiB/idle connection "
        "| bare µs/delivery | bare KiB/connection |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for clients in sorted({result.clients for result in results}):
        hub = by_key.get(("hub", clients))
        bare = by_key.get(("bare", clients))
        cells = [f"{clients:,}"]
        if hub:
            cells += [
                f"{hub.deliveries_per_second:,.0f}",
                f"{hub.p50_ms:.0f} ms",
                f"{hub.p99_ms:.0f} ms",
                f"{hub.cpu_us_per_delivery:.1f}",
                f"{hub.kib_per_connection:.1f}",
            ]
        else:
            cells += ["-"] * 5
        cells += [f"{bare.cpu_us_per_delivery:.1f}", f"{bare.kib_per_connection:.1f}"] if bare else ["-", "-"]
        print("| " + " | ".join(cells) + " |")
    print()
    for result in results:
        print(
            f"{result.target} x {result.clients}: {result.deliveries:,} deliveries of {result.frame_bytes} B "
            f"frames, missing {result.missing}, duplicates {result.duplicates}, "
            f"unexpected frames {result.unexpected_frames}; "
            f"connect {result.connect_seconds:.1f} s ({result.connect_retries} retries after 1013); "
            f"server CPU {result.phase_cpu_seconds:.2f} s, "
            f"{result.phase_system_cpu_seconds:.2f} s of it in the kernel "
            f"(no clients: {result.baseline_cpu_seconds:.2f} s), "
            f"idle {result.idle_cpu_percent:.1f} % of a core; "
            f"phase {result.phase_seconds:.1f} s, {result.cpu_us_per_delivery_less_idle:.1f} µs/delivery "
            f"without idle CPU; "
            f"RSS {result.rss_before_mib:.1f} -> {result.rss_after_mib:.1f} MiB; "
            f"{result.deliveries_per_second:,.0f} deliveries/s, p50 {result.p50_ms:.1f} ms, "
            f"p99 {result.p99_ms:.1f} ms, max {result.max_ms:.1f} ms; "
            f"load generator {result.load_generator_cpu_us_per_delivery:.1f} µs CPU/delivery"
        )
        for note in result.notes:
            print(f"  note: {note}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.hub_fanout",
        description=__doc__.split("\n", 1)[0],
        epilog="Exit status 1 when a client missed a message or a connection failed.",
    )
    parser.add_argument(
        "--clients",
        type=int,
        nargs="+",
        default=[1000, 5000],
        help="connected clients per run (default: 1000 5000)",
    )
    parser.add_argument("--messages", type=int, default=50, help="group messages per phase (default: 50)")
    parser.add_argument(
        "--interval-ms",
        type=float,
        default=100.0,
        help="time from one send to the next, the same for both targets, so that each client's socket "
        "sees the same pattern of wake-ups; 0 sends each message once the previous send returns "
        "(default: 100)",
    )
    parser.add_argument(
        "--sessions-per-user",
        type=int,
        default=5,
        help="hub connections of one user, as devices (default: 5)",
    )
    parser.add_argument(
        "--text-bytes",
        type=int,
        default=100,
        help="length of each message text, in characters (default: 100)",
    )
    parser.add_argument(
        "--targets",
        nargs="+",
        choices=["hub", "bare"],
        default=["hub", "bare"],
        help="what to measure (default: hub bare)",
    )
    parser.add_argument(
        "--deployment",
        choices=["one-process", "split"],
        default="one-process",
        help="one-process: API and hub in one process, measured together; split: API and hub processes "
        "joined by Redis, the hub measured alone (default: one-process)",
    )
    parser.add_argument(
        "--redis-url",
        default=DEFAULT_REDIS_URL,
        help=f"Redis server of the split deployment (default: {DEFAULT_REDIS_URL})",
    )
    parser.add_argument(
        "--warmup-clients",
        type=int,
        default=100,
        help="clients connected before the first RSS sample, so the first handshakes' one-off allocations "
        "are not counted per connection (default: 100)",
    )
    parser.add_argument(
        "--concurrency", type=int, default=50, help="client handshakes in flight at once (default: 50)"
    )
    parser.add_argument(
        "--idle-seconds",
        type=float,
        default=PING_INTERVAL_SECONDS,
        help="seconds of idle CPU sampling with all clients; one keepalive interval, so that every "
        f"connection sends one ping in it (default: {PING_INTERVAL_SECONDS:g})",
    )
    parser.add_argument(
        "--log-dir",
        type=Path,
        default=None,
        help="folder to copy the server and client logs of each run into",
    )
    parser.add_argument(
        "--finish-timeout",
        type=float,
        default=60.0,
        help="seconds to wait after the last send for the last delivery (default: 60)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if any(count < 2 for count in args.clients):
        print("hub_fanout: --clients must be at least 2", file=sys.stderr)
        return 2
    raise_open_files_limit()
    limit = psutil.Process().rlimit(psutil.RLIMIT_NOFILE)[0]
    needed = max(args.clients) + 100
    if limit < needed:
        print(f"hub_fanout: open-files limit {limit} is below {needed}; raise `ulimit -Hn`", file=sys.stderr)
        return 2

    log(f"machine: {machine_description()}; open-files limit {limit}")
    results = []
    for clients in args.clients:
        for kind in args.targets:
            try:
                results.append(run_target(kind, clients, args))
            except (ConnectFailed, TimeoutError, RuntimeError) as error:
                print(f"hub_fanout: {kind} with {clients} clients failed: {error}", file=sys.stderr)
                return 1
            log(f"{kind} x {clients}: {results[-1].cpu_us_per_delivery:.1f} µs/delivery")
    print(f"machine: {machine_description()}")
    print(f"hub deployment: {args.deployment}")
    print_report(results)
    return 1 if any(result.failed for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
