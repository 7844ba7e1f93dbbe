"""Run a few independent Pillow calls at once: on helper threads and on the caller.

Pillow releases the GIL while it resizes and encodes, so such calls use
separate cores when they run on separate threads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def parallel_map(
    executor: Executor, function: Callable[[Item], Result], items: Sequence[Item]
) -> list[Result]:
    """Return ``[function(item) for item in items]``, computed on several threads.

    The calling thread runs the first item and then every item that no helper
    thread has started yet, from the last one back. So it never sits idle while
    work is queued, and ``executor`` may have fewer workers than there are
    items. Raises the first exception of ``function`` that the calling thread
    meets, after cancelling the items that have not started.
    """
    if not items:
        return []
    futures = [executor.submit(function, item) for item in items[1:]]
    try:
        first = function(items[0])
        inline_results: dict[int, Result] = {}
        for index in reversed(range(len(futures))):
            if futures[index].cancel():
                inline_results[index] = function(items[index + 1])
        rest = [
            inline_results[index] if index in inline_results else future.result()
            for index, future in enumerate(futures)
        ]
    except BaseException:
        for future in futures:
            future.cancel()
        raise
    return [first, *rest]
