"""Event bus from the API (which commits and publishes) to the hub (which delivers).

In one process the bus is an in-memory queue; with several API and hub
processes it is Redis pub/sub on one channel per namespace. Both keep the publish order for
each subscriber, which the hub relies on: a ``join`` published before a
``frame`` is applied before that frame is delivered.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

logger = logging.getLogger("autoclub.bus")

EventKind = Literal["frame", "join", "leave", "revoke"]

REDIS_RECONNECT_SECONDS = 1.0


def user_room(user_id: int) -> str:
    return f"user:{user_id}"


def dialog_room(dialog_id: int) -> str:
    return f"dialog:{dialog_id}"


@dataclass(frozen=True)
class Event:
    """One instruction for the hub.

    - ``frame``: send ``frame`` to every connection in any of ``rooms``, except
      the connections of ``exclude_user_ids``.
    - ``join`` / ``leave``: add or remove the connections of ``user_ids`` to ``rooms``.
    - ``revoke``: close the connections of the sessions in ``session_ids``, which
      belong to the users in ``user_ids``.
    """

    kind: EventKind
    rooms: tuple[str, ...] = ()
    frame: dict[str, Any] | None = None
    user_ids: tuple[int, ...] = ()
    session_ids: tuple[int, ...] = ()
    exclude_user_ids: tuple[int, ...] = ()

    def to_json(self) -> str:
        return json.dumps(
            {
                "kind": self.kind,
                "rooms": self.rooms,
                "frame": self.frame,
                "user_ids": self.user_ids,
                "session_ids": self.session_ids,
                "exclude_user_ids": self.exclude_user_ids,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, data: str | bytes) -> Event:
        raw = json.loads(data)
        return cls(
            kind=raw["kind"],
            rooms=tuple(raw.get("rooms") or ()),
            frame=raw.get("frame"),
            user_ids=tuple(raw.get("user_ids") or ()),
            session_ids=tuple(raw.get("session_ids") or ()),
            exclude_user_ids=tuple(raw.get("exclude_user_ids") or ()),
        )


Handler = Callable[[Event], Awaitable[None]]


class EventBus(Protocol):
    async def publish(self, event: Event) -> None: ...

    def subscribe(self, handler: Handler) -> None:
        """Call ``handler`` for every event from now on, one at a time, in order."""

    async def start(self) -> None: ...

    async def close(self) -> None: ...


@dataclass
class InMemoryBus:
    """Bus for one process: a queue and a consumer task per subscriber."""

    _queues: list[tuple[asyncio.Queue[Event], Handler]] = field(default_factory=list)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    def subscribe(self, handler: Handler) -> None:
        queue: asyncio.Queue[Event] = asyncio.Queue()
        self._queues.append((queue, handler))
        task = asyncio.get_running_loop().create_task(_consume(queue, handler))
        self._tasks.add(task)

    async def publish(self, event: Event) -> None:
        for queue, _handler in self._queues:
            queue.put_nowait(event)

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()


async def _consume(queue: asyncio.Queue[Event], handler: Handler) -> None:
    while True:
        event = await queue.get()
        try:
            await handler(event)
        except Exception:
            logger.exception("Event handler failed for a %s event", event.kind)


class RedisBus:
    """Bus across processes over Redis pub/sub.

    NOTE: pub/sub is at-most-once; events published while a hub is
    disconnected from Redis are lost to it. Clients resync from their cursor on
    reconnect, so no message is lost, only its live delivery.
    """

    def __init__(self, url: str, namespace: str) -> None:
        import redis.asyncio as redis

        self._redis = redis.Redis.from_url(url)
        self._channel = f"{namespace}:events"
        self._handlers: list[Handler] = []
        self._task: asyncio.Task[None] | None = None
        self._subscribed = asyncio.Event()

    def subscribe(self, handler: Handler) -> None:
        self._handlers.append(handler)

    async def publish(self, event: Event) -> None:
        await self._redis.publish(self._channel, event.to_json())

    async def start(self) -> None:
        if self._handlers and self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._listen())
            await self._subscribed.wait()

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        await self._redis.aclose()

    async def _listen(self) -> None:
        from redis.exceptions import RedisError

        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(self._channel)
                    self._subscribed.set()
                    logger.info("Subscribed to Redis channel %s", self._channel)
                    async for message in pubsub.listen():
                        if message["type"] == "message":
                            await self._dispatch(message["data"])
            except RedisError as error:
                logger.warning("Redis subscription lost (%s); retrying", error)
                await asyncio.sleep(REDIS_RECONNECT_SECONDS)

    async def _dispatch(self, data: bytes) -> None:
        try:
            event = Event.from_json(data)
        except (ValueError, KeyError):
            logger.warning("Skipped a malformed event on %s", self._channel)
            return
        for handler in self._handlers:
            try:
                await handler(event)
            except Exception:
                logger.exception("Event handler failed for a %s event", event.kind)


def create_bus(redis_url: str | None, namespace: str) -> EventBus:
    if redis_url:
        return RedisBus(redis_url, namespace)
    return InMemoryBus()
