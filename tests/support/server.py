"""A real ``autoclub-server`` process on loopback, as a test fixture uses it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.timing import seconds

START_TIMEOUT_SECONDS = 30.0

# Generous limits so that many tests from 127.0.0.1 never trip the rate limiter;
# tests of the limiter pass their own values.
TEST_DEFAULTS = {
    "codes_per_address_per_hour": "100000",
    "codes_per_number_per_hour": "1000",
    "code_resend_seconds": "0",
}


class ServerProcess:
    """``python -m server`` with a ``file:`` SMS gateway, its own data folder and free ports.

    ``restart`` keeps the ports, the data folder and the database, as an admin
    restarting the service would.
    """

    def __init__(
        self, data_dir: Path, database_url: str | None = None, command: str = "serve", **settings: str
    ) -> None:
        self.command = command
        self.data_dir = data_dir
        self.database_url = database_url
        self.settings = {**TEST_DEFAULTS, **settings}
        self.sms_file = data_dir / "sms.jsonl"
        self.ready_file = data_dir / "ready.json"
        self.log_file = data_dir / "server.log"
        self.api_url = ""
        self.hub_url = ""
        self.api_port = 0
        self.hub_port = 0
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> ServerProcess:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.ready_file.unlink(missing_ok=True)
        args = [
            sys.executable, "-m", "server", self.command,
            "--data-dir", str(self.data_dir),
            "--host", "127.0.0.1",
            "--api-port", str(self.api_port),
            "--hub-port", str(self.hub_port),
            "--sms-gateway", f"file:{self.sms_file}",
            "--ready-file", str(self.ready_file),
            "--log-level", "DEBUG",
        ]  # fmt: skip
        if self.database_url:
            args += ["--database-url", self.database_url]
        for name, value in self.settings.items():
            args += ["--" + name.replace("_", "-"), value]

        log = self.log_file.open("ab")
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env={**os.environ})
        log.close()

        deadline = time.monotonic() + seconds(START_TIMEOUT_SECONDS)
        while not self.ready_file.exists():
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log()}")
            if time.monotonic() > deadline:
                self.kill()
                raise TimeoutError(f"server did not start in time:\n{self.log()}")
            time.sleep(0.02)

        ready = json.loads(self.ready_file.read_text())
        if "api_url" in ready:
            self.api_url = ready["api_url"]
            self.api_port = int(self.api_url.rsplit(":", 1)[1])
        if "hub_url" in ready:
            self.hub_url = ready["hub_url"]
            self.hub_port = int(self.hub_url.rstrip("/").rsplit(":", 1)[1])
        return self

    def stop(self, timeout: float = 30.0) -> int | None:
        """Stop with SIGTERM, as a service manager does; return the exit code."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(seconds(timeout))
        except subprocess.TimeoutExpired:
            self.kill()
            raise

    def kill(self) -> None:
        """Kill with SIGKILL: no cleanup, as after a crash or power loss."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def restart(self) -> None:
        self.stop()
        self.start()

    def log(self) -> str:
        return self.log_file.read_text(errors="replace") if self.log_file.exists() else ""

    def sms(self) -> list[dict[str, str]]:
        if not self.sms_file.exists():
            return []
        return [json.loads(line) for line in self.sms_file.read_text().splitlines() if line]

    def last_code(self, phone: str) -> str:
        """Return the newest code sent to ``phone`` (E.164)."""
        for entry in reversed(self.sms()):
            if entry["phone"] == phone:
                return entry["code"]
        raise LookupError(f"no SMS was sent to {phone}")
