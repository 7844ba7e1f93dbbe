"""Fixtures for desktop tests: offscreen Qt and a qasync loop on pytest-qt's QApplication.

Tests here are plain (synchronous) pytest-qt tests. The ``qloop`` fixture makes
a qasync loop the running asyncio loop of the test thread. Its callbacks are Qt
timers and socket notifiers, so ``qtbot.waitSignal`` and ``qtbot.waitUntil``
drive the app's coroutines while they wait.
"""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Callable, Coroutine, Iterator
from typing import Any, TypeVar

# Both must be set before the first QApplication and the first keyring call.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

import pytest
import qasync
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.i18n import install_translators, remove_translators
from tests.support.timing import seconds

T = TypeVar("T")

Runner = Callable[..., Any]


def timeout_ms(value: float) -> int:
    """Return a pytest-qt timeout in milliseconds for ``value`` seconds, scaled for slow machines."""
    return int(seconds(value) * 1000)


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` as key events, one per character.

    ``qtbot.keyClicks`` maps characters to keys through an ASCII table, so it
    aborts on Cyrillic or emoji. A key event that carries only the text works
    for any character, as an input method's does.
    """
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character)
            QApplication.sendEvent(widget, event)


@pytest.fixture
def qloop(qapp: QApplication, qtbot: QtBot) -> Iterator[asyncio.AbstractEventLoop]:
    loop = qasync.QEventLoop(qapp, already_running=True)
    try:
        yield loop
    finally:
        tasks = [task for task in asyncio.all_tasks(loop) if not task.done()]
        for task in tasks:
            task.cancel()
        qtbot.waitUntil(lambda: all(task.done() for task in tasks), timeout=timeout_ms(5))
        # qasync's stop() would call QApplication.exit() with no exec() running,
        # which makes the next nested event loop of pytest-qt return at once.
        loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
        asyncio.events._set_running_loop(None)
        loop.close()


@pytest.fixture
def run(qloop: asyncio.AbstractEventLoop, qtbot: QtBot) -> Runner:
    """Run a coroutine on the qasync loop until it finishes and return its result."""

    def run_coroutine(coro: Coroutine[Any, Any, T], timeout: float = 10.0) -> T:
        task = qloop.create_task(coro)
        qtbot.waitUntil(task.done, timeout=timeout_ms(timeout))
        return task.result()

    return run_coroutine


@pytest.fixture
def language(qapp: QApplication) -> Iterator[Callable[[str], None]]:
    """Install the UI translation of a language for one test."""
    installed: list[Any] = []

    def install(name: str) -> None:
        remove_translators(qapp, installed)
        installed[:] = install_translators(qapp, name)

    yield install
    remove_translators(qapp, installed)
    QLocale.setDefault(QLocale(QLocale.Language.English))


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Destroy each test's widgets and collect its garbage before the next test starts.

    pytest-qt closes a test's widgets with ``deleteLater``. Outside a running
    event loop Qt keeps those deletions until the next test's first wait, where
    a crash in a destructor would show up in the middle of an unrelated test.
    """
    result = yield
    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()
    return result


OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"
"""Qt's offscreen platform warns on every size-constraint change of a top-level
widget. The warning is about the platform plugin, not the app."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/desktop/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))
