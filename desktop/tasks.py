"""Supervised asyncio tasks for Qt slots that start coroutines."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any, TypeVar

log = logging.getLogger("autoclub.desktop")

T = TypeVar("T")


class TaskSupervisor:
    """A set of running tasks that keeps each one referenced and logs its crash.

    A task created from a slot and not stored anywhere may be garbage-collected
    mid-flight, and its exception would only surface as "never retrieved".
    """

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coro: Coroutine[Any, Any, T], *, name: str) -> asyncio.Task[T]:
        """Start ``coro`` on the running loop and keep it until it finishes."""
        task = asyncio.get_running_loop().create_task(coro, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._on_done)
        return task

    def _on_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is not None:
            log.error("Task %s crashed", task.get_name(), exc_info=error)

    @property
    def running(self) -> int:
        return len(self._tasks)

    async def cancel_all(self) -> None:
        """Cancel every running task and wait until all of them have finished."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
