"""One scalable time unit for every wait in the tests.

Set ``AUTOCLUB_TEST_TIME_SCALE=3`` on a slow machine to triple every timeout
without touching the tests.
"""

from __future__ import annotations

import os

SCALE = float(os.environ.get("AUTOCLUB_TEST_TIME_SCALE", "1"))


def seconds(value: float) -> float:
    return value * SCALE
