"""Locks by key: mutual exclusion per key, and nothing kept once no task uses a key."""

from __future__ import annotations

import asyncio

from server.hub.locks import KeyedLocks


async def test_locks_exclude_per_key() -> None:
    locks = KeyedLocks()
    order: list[str] = []

    async def hold(key: int, name: str, pause: float) -> None:
        async with locks.hold(key):
            order.append(f"{name} in")
            await asyncio.sleep(pause)
            order.append(f"{name} out")

    await asyncio.gather(hold(1, "a", 0.05), hold(1, "b", 0), hold(2, "c", 0))

    # "c" uses another key, so it does not wait for "a". "b" waits for "a".
    assert order.index("c out") < order.index("a out")
    assert order.index("a out") < order.index("b in")
    assert len(locks) == 0


async def test_locks_released_on_error() -> None:
    locks = KeyedLocks()

    async def fail() -> None:
        async with locks.hold("key"):
            raise ValueError("boom")

    for _ in range(2):
        try:
            await fail()
        except ValueError:
            pass
    async with locks.hold("key"):
        assert len(locks) == 1
    assert len(locks) == 0
