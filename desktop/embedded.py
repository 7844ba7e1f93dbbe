"""The bundled server as a child process, for a desktop with no server configured.

The child is ``python -m server`` on 127.0.0.1 with ports picked by the OS. It
writes a ready file with its URLs once it listens, and its console SMS gateway
prints each sign-in code on stdout, which the sign-in screen shows, since a
local server sends no real SMS.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, Signal

log = logging.getLogger("autoclub.desktop")

START_TIMEOUT_SECONDS = 30.0
"""Time for the child to write its ready file; the first start runs database
migrations, which takes a few seconds on a slow disk."""

STOP_TIMEOUT_SECONDS = 5.0
"""Time between SIGTERM and SIGKILL when stopping the child."""

READY_POLL_SECONDS = 0.05

SMS_LINE = re.compile(r"^SMS phone=(\S+) code=(\d+)")
"""A line of the console SMS gateway: ``SMS phone=+79141234567 code=123456 text="..."``."""

STDERR_TAIL_LINES = 20
"""Lines of the child's stderr kept for the error shown when it fails to start."""


class EmbeddedServerError(Exception):
    """The embedded server failed to start."""


@dataclass(frozen=True)
class ServerAddress:
    api_url: str
    hub_url: str


def parse_sms_line(line: str) -> tuple[str, str] | None:
    """Return ``(phone, code)`` from a console SMS gateway line, or None for other lines."""
    match = SMS_LINE.match(line.strip())
    if match is None:
        return None
    return match.group(1), match.group(2)


def read_ready_file(path: Path) -> ServerAddress | None:
    """Return the URLs from a complete ready file, or None while it is missing or partial."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ServerAddress(api_url=str(data["api_url"]), hub_url=str(data["hub_url"]))
    except (FileNotFoundError, ValueError, KeyError, TypeError):
        return None


def project_root() -> Path:
    """Return the folder that contains the ``desktop`` and ``server`` packages."""
    return Path(__file__).resolve().parent.parent


class EmbeddedServer(QObject):
    """Starts, watches and stops the bundled server.

    Signals:
        codeReceived(phone, code): the console SMS gateway printed a sign-in code.
        exited(exit_code): the child ended on its own after it was ready, not
            through ``stop()``.
    """

    codeReceived = Signal(str, str)
    exited = Signal(int)

    def __init__(
        self,
        data_dir: Path,
        *,
        program: str = sys.executable,
        arguments: list[str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``arguments`` replaces ``-m server`` before the options, for tests with a stub server."""
        super().__init__(parent)
        self.data_dir = data_dir
        self.ready_file = data_dir / "ready.json"
        self._program = program
        self._module_arguments = arguments if arguments is not None else ["-m", "server"]
        self._process: QProcess | None = None
        self._stdout_buffer = b""
        self._stderr_tail: deque[str] = deque(maxlen=STDERR_TAIL_LINES)
        self._stopping = False
        self.address: ServerAddress | None = None
        self.codes: dict[str, str] = {}
        """The last code printed for each phone number."""

    def arguments(self) -> list[str]:
        return [
            *self._module_arguments,
            "--data-dir",
            str(self.data_dir),
            "--host",
            "127.0.0.1",
            "--api-port",
            "0",
            "--hub-port",
            "0",
            "--sms-gateway",
            "console",
            "--ready-file",
            str(self.ready_file),
        ]

    def is_running(self) -> bool:
        return self._process is not None and self._process.state() != QProcess.ProcessState.NotRunning

    async def start(self, wait_seconds: float = START_TIMEOUT_SECONDS) -> ServerAddress:
        """Start the child and wait for its ready file; raise ``EmbeddedServerError`` on failure."""
        if self.is_running() and self.address is not None:
            return self.address
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.ready_file.unlink(missing_ok=True)

        process = QProcess(self)
        environment = QProcessEnvironment.systemEnvironment()
        python_path = [str(project_root())]
        if environment.contains("PYTHONPATH"):
            python_path.append(environment.value("PYTHONPATH"))
        environment.insert("PYTHONPATH", os.pathsep.join(python_path))
        environment.insert("PYTHONUNBUFFERED", "1")
        process.setProcessEnvironment(environment)
        process.readyReadStandardOutput.connect(self._read_stdout)
        process.readyReadStandardError.connect(self._read_stderr)
        process.finished.connect(self._on_finished)
        self._process = process
        self._stopping = False

        arguments = self.arguments()
        log.info("Starting embedded server: %s %s", self._program, " ".join(arguments))
        process.start(self._program, arguments)

        address = await self._wait_ready(process, wait_seconds)
        self.address = address
        log.info("Embedded server ready: API %s, hub %s", address.api_url, address.hub_url)
        return address

    async def _wait_ready(self, process: QProcess, wait_seconds: float) -> ServerAddress:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait_seconds
        while True:
            address = read_ready_file(self.ready_file)
            if address is not None:
                return address
            if process.state() == QProcess.ProcessState.NotRunning:
                if process.error() == QProcess.ProcessError.FailedToStart:
                    raise EmbeddedServerError(f"cannot run {self._program}: {process.errorString()}")
                raise EmbeddedServerError(
                    f"the embedded server exited with code {process.exitCode()} before it was "
                    f"ready; its last output: {self.stderr_tail() or '(none)'}"
                )
            if loop.time() > deadline:
                await self.stop()
                raise EmbeddedServerError(
                    f"the embedded server did not write {self.ready_file} within {wait_seconds:.0f} s; "
                    f"its last output: {self.stderr_tail() or '(none)'}"
                )
            await asyncio.sleep(READY_POLL_SECONDS)

    def stderr_tail(self) -> str:
        return "\n".join(self._stderr_tail)

    async def stop(self, wait_seconds: float = STOP_TIMEOUT_SECONDS) -> None:
        """Send SIGTERM, wait up to ``wait_seconds``, then kill the child."""
        process = self._process
        if process is None or process.state() == QProcess.ProcessState.NotRunning:
            return
        self._stopping = True
        finished = asyncio.get_running_loop().create_future()

        def on_finished(*_args: object) -> None:
            if not finished.done():
                finished.set_result(None)

        process.finished.connect(on_finished)
        log.info("Stopping embedded server (pid %s)", process.processId())
        process.terminate()
        try:
            await asyncio.wait_for(finished, wait_seconds)
        except TimeoutError:
            log.warning("Embedded server did not stop within %.0f s; killing it", wait_seconds)
            process.kill()
            await finished
        self.address = None

    def _read_stdout(self) -> None:
        assert self._process is not None
        self._stdout_buffer += bytes(self._process.readAllStandardOutput().data())
        *lines, self._stdout_buffer = self._stdout_buffer.split(b"\n")
        for raw_line in lines:
            line = raw_line.decode("utf-8", errors="replace")
            sms = parse_sms_line(line)
            if sms is None:
                log.debug("Embedded server: %s", line)
                continue
            phone, code = sms
            log.info("Embedded server sent a sign-in code to %s", phone)
            self.codes[phone] = code
            self.codeReceived.emit(phone, code)

    def _read_stderr(self) -> None:
        assert self._process is not None
        text = bytes(self._process.readAllStandardError().data()).decode("utf-8", errors="replace")
        for line in text.splitlines():
            if line.strip():
                self._stderr_tail.append(line)
                log.debug("Embedded server stderr: %s", line)

    def _on_finished(self, exit_code: int, _status: QProcess.ExitStatus) -> None:
        if self._stopping:
            log.info("Embedded server stopped with code %s", exit_code)
            return
        if self.address is None:
            # Still starting: start() raises EmbeddedServerError with the output.
            return
        log.error(
            "Embedded server exited unexpectedly with code %s; last output: %s",
            exit_code,
            self.stderr_tail() or "(none)",
        )
        self.address = None
        self.exited.emit(exit_code)
