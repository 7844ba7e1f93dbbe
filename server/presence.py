"""Presence: connection counts per user, shared by the hub and the API.

The hub counts connections; the API reads the result for friend lists and
profiles. Several connections of one user count as one presence. In one
process both sides share an ``InMemoryPresence``; across processes they share
``RedisPresence``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections import Counter
from collections.abc import Iterable
from typing import Protocol

logger = logging.getLogger("autoclub.hub")

HUB_HEARTBEAT_SECONDS = 10.0
"""How often a hub renews its liveness key in Redis."""

HUB_ALIVE_TTL_SECONDS = 30
"""A hub that has not renewed its key for this long counts as gone, with its users."""


class PresenceStore(Protocol):
    async def connect(self, user_id: int) -> bool:
        """Count a new connection; return True when the user just came online."""

    async def disconnect(self, user_id: int) -> bool:
        """Uncount a connection; return True when the user just went offline."""

    async def online(self, user_ids: Iterable[int]) -> set[int]:
        """Return the subset of ``user_ids`` that is online."""

    async def start(self) -> None: ...

    async def close(self) -> None: ...


class InMemoryPresence:
    def __init__(self) -> None:
        self._connections: Counter[int] = Counter()

    async def connect(self, user_id: int) -> bool:
        self._connections[user_id] += 1
        return self._connections[user_id] == 1

    async def disconnect(self, user_id: int) -> bool:
        if self._connections[user_id] <= 0:
            return False
        self._connections[user_id] -= 1
        if self._connections[user_id] == 0:
            del self._connections[user_id]
            return True
        return False

    async def online(self, user_ids: Iterable[int]) -> set[int]:
        return {user_id for user_id in user_ids if self._connections.get(user_id, 0) > 0}

    async def start(self) -> None:
        return None

    async def close(self) -> None:
        return None


class RedisPresence:
    """Presence across hub processes.

    Each hub counts its own connections in memory and keeps, per online user,
    its instance id in the Redis set ``{namespace}:presence:user:{id}``. A user
    is online while that set names a hub whose ``{namespace}:presence:hub:{instance}``
    key is alive.

    NOTE: when a hub process dies, its users count as offline once its key
    expires (``HUB_ALIVE_TTL_SECONDS``), but their friends get no
    ``presence`` frame for it; they see it on their next friend list fetch.
    """

    def __init__(self, url: str, namespace: str) -> None:
        import redis.asyncio as redis

        self._redis = redis.Redis.from_url(url, decode_responses=True)
        self._namespace = namespace
        self.instance = secrets.token_hex(6)
        self._local: Counter[int] = Counter()
        self._heartbeat: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self._redis.set(self._alive_key(self.instance), "1", ex=HUB_ALIVE_TTL_SECONDS)
        self._heartbeat = asyncio.get_running_loop().create_task(self._beat())

    async def _beat(self) -> None:
        from redis.exceptions import RedisError

        while True:
            await asyncio.sleep(HUB_HEARTBEAT_SECONDS)
            try:
                await self._redis.set(self._alive_key(self.instance), "1", ex=HUB_ALIVE_TTL_SECONDS)
            except RedisError as error:
                logger.warning("Could not renew hub presence key: %s", error)

    async def connect(self, user_id: int) -> bool:
        self._local[user_id] += 1
        if self._local[user_id] > 1:
            return False
        was_online = bool(await self.online([user_id]))
        await self._redis.sadd(self._user_key(user_id), self.instance)
        return not was_online

    async def disconnect(self, user_id: int) -> bool:
        if self._local[user_id] <= 0:
            return False
        self._local[user_id] -= 1
        if self._local[user_id] > 0:
            return False
        del self._local[user_id]
        await self._redis.srem(self._user_key(user_id), self.instance)
        return not await self.online([user_id])

    async def online(self, user_ids: Iterable[int]) -> set[int]:
        ids = list(user_ids)
        if not ids:
            return set()
        async with self._redis.pipeline(transaction=False) as pipe:
            for user_id in ids:
                pipe.smembers(self._user_key(user_id))
            instance_sets: list[set[str]] = await pipe.execute()

        instances = sorted(set().union(*instance_sets))
        alive: set[str] = set()
        if instances:
            flags = await self._redis.mget([self._alive_key(instance) for instance in instances])
            alive = {instance for instance, flag in zip(instances, flags, strict=True) if flag}
        return {user_id for user_id, members in zip(ids, instance_sets, strict=True) if members & alive}

    async def close(self) -> None:
        if self._heartbeat is not None:
            self._heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._heartbeat
        for user_id in list(self._local):
            await self._redis.srem(self._user_key(user_id), self.instance)
        await self._redis.delete(self._alive_key(self.instance))
        await self._redis.aclose()

    def _user_key(self, user_id: int) -> str:
        return f"{self._namespace}:presence:user:{user_id}"

    def _alive_key(self, instance: str) -> str:
        return f"{self._namespace}:presence:hub:{instance}"


def create_presence(redis_url: str | None, namespace: str) -> PresenceStore:
    if redis_url:
        return RedisPresence(redis_url, namespace)
    return InMemoryPresence()
