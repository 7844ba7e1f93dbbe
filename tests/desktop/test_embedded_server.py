"""EmbeddedServer: start, ready file, SMS lines on stdout, stop; with a stub and the real server."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.api import ApiClient
from desktop.embedded import EmbeddedServer, EmbeddedServerError, parse_sms_line, read_ready_file
from tests.desktop.conftest import Runner, timeout_ms

STUB = textwrap.dedent(
    """
    import argparse, json, os, signal, sys, time
    parser = argparse.ArgumentParser()
    for flag in ("--data-dir", "--host", "--api-port", "--hub-port", "--sms-gateway", "--ready-file"):
        parser.add_argument(flag)
    args = parser.parse_args()
    if os.environ.get("STUB_FAIL"):
        print("database is locked", file=sys.stderr, flush=True)
        sys.exit(3)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("starting up", flush=True)
    with open(args.ready_file + ".tmp", "w") as f:
        json.dump({"api_url": "http://127.0.0.1:1", "hub_url": "ws://127.0.0.1:2/", "pid": os.getpid()}, f)
    os.replace(args.ready_file + ".tmp", args.ready_file)
    print('SMS phone=+79141234567 code=123456 text="Autoclub: код 123456"', flush=True)
    while True:
        time.sleep(0.1)
    """
)


@pytest.fixture
def stub(tmp_path: Path) -> Path:
    path = tmp_path / "stub_server.py"
    path.write_text(STUB)
    return path


def test_parse_sms_line() -> None:
    assert parse_sms_line('SMS phone=+79141234567 code=004321 text="x y"') == ("+79141234567", "004321")
    assert parse_sms_line("INFO something else") is None


def test_partial_ready_file_ignored(tmp_path: Path) -> None:
    path = tmp_path / "ready.json"
    assert read_ready_file(path) is None
    path.write_text('{"api_url": "http://127.0.0.1:1"')
    assert read_ready_file(path) is None


def test_stub_starts_and_reports_code(qtbot: QtBot, run: Runner, stub: Path, tmp_path: Path) -> None:
    server = EmbeddedServer(tmp_path / "data", arguments=[str(stub)])
    with qtbot.waitSignal(server.codeReceived, timeout=timeout_ms(10)) as blocker:
        address = run(server.start())
    assert address.api_url == "http://127.0.0.1:1"
    assert address.hub_url == "ws://127.0.0.1:2/"
    assert blocker.args == ["+79141234567", "123456"]
    assert server.codes == {"+79141234567": "123456"}
    with qtbot.assertNotEmitted(server.exited):
        run(server.stop())
    assert not server.is_running()


def test_stub_failure_names_output(
    run: Runner, stub: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUB_FAIL", "1")
    server = EmbeddedServer(tmp_path / "data", arguments=[str(stub)])
    with pytest.raises(EmbeddedServerError, match=r"exited with code 3.*database is locked"):
        run(server.start())


def test_missing_program_reported(run: Runner, tmp_path: Path) -> None:
    server = EmbeddedServer(tmp_path / "data", program=str(tmp_path / "no-such-python"))
    with pytest.raises(EmbeddedServerError, match="cannot run"):
        run(server.start())


def test_real_server_sends_code_to_stdout(qtbot: QtBot, run: Runner, tmp_path: Path) -> None:
    server = EmbeddedServer(tmp_path / "data", program=sys.executable)
    address = run(server.start(), timeout=40)
    api = ApiClient(address.api_url)
    try:
        with qtbot.waitSignal(server.codeReceived, timeout=timeout_ms(10)) as blocker:
            sent = run(api.request_code("+7 914 765-43-21"))
        assert sent.phone == "+79147654321"
        assert blocker.args[0] == "+79147654321"
        assert len(blocker.args[1]) == 6
    finally:
        run(api.aclose())
        run(server.stop())
