"""Signals of widgets connect to methods of Qt objects, never to lambdas or partials.

A lambda or ``functools.partial`` slot is a plain Python callable that PySide
keeps in a hidden receiver object, and it usually captures the widget that
owns the signal or its page. The desktop tests crashed with a segmentation
fault in ``QWidget::destroy`` when rows connected that way were deleted: 2 of 16
runs of ``test_social_live.py``. After the rows emitted their own signals to
bound methods, 40 runs passed. A bound method of a ``QObject`` is a plain Qt
connection, which Qt removes together with the receiver.
"""

from __future__ import annotations

import ast
from pathlib import Path

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"


def callable_slots(tree: ast.AST) -> list[tuple[int, str]]:
    """Return (line, kind) for each ``X.connect(lambda ...)`` or ``X.connect(partial(...))``."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr != "connect" or not node.args:
            continue
        slot = node.args[0]
        if isinstance(slot, ast.Lambda):
            found.append((node.lineno, "lambda"))
        elif isinstance(slot, ast.Call):
            name = slot.func.attr if isinstance(slot.func, ast.Attribute) else getattr(slot.func, "id", "")
            if name == "partial":
                found.append((node.lineno, "partial"))
    return found


def test_slot_check_finds_lambdas_and_partials() -> None:
    source = "a.clicked.connect(lambda: f())\nb.done.connect(functools.partial(f, 1))\nc.x.connect(self.f)\n"
    assert callable_slots(ast.parse(source)) == [(1, "lambda"), (2, "partial")]


def test_desktop_has_no_callable_slots() -> None:
    offenders = [
        f"{path.relative_to(DESKTOP.parent)}:{line} connects a {kind}"
        for path in sorted(DESKTOP.rglob("*.py"))
        for line, kind in callable_slots(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == []
