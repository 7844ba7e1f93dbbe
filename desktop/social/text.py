"""Placeholder substitution for translated texts."""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"%(\d)")


def fill(text: str, *values: str) -> str:
    """Replace ``%1``, ``%2``… with ``values`` in one pass.

    Chained ``str.replace`` calls would also replace a ``%2`` inside the first
    value, for example in a user's name.
    """

    def argument(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return values[number - 1] if 1 <= number <= len(values) else match.group(0)

    return _PLACEHOLDER.sub(argument, text)
