"""Checks of the Qt binding itself that the app depends on."""

from __future__ import annotations

import subprocess
import sys

EMIT_SCRIPT = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Source(QObject):
    fired = Signal(int)

app = QCoreApplication([])
source = Source()
before = sys.getrefcount(True)
for number in range(5000):
    source.fired.emit(number)
print(sys.getrefcount(True) - before)
"""


def test_signal_emit_keeps_refcounts() -> None:
    """PySide6 6.12.0 leaked a reference on every emit until Python aborted."""
    result = subprocess.run(
        [sys.executable, "-c", EMIT_SCRIPT], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert abs(int(result.stdout.strip())) < 10
