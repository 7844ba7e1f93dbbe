"""Messages on their way to the server: stored first, then sent in order, each exactly once.

A message the user writes is stored in the cache in state ``sending`` before
any network call, so it survives a crash or a restart of the app. One worker
per dialog sends the dialog's messages oldest first, one at a time, so the
server numbers them in the order they were written. Every attempt for a
message reuses its client id, and the server stores a client id once per
sender and dialog, so retries never duplicate a message.

Errors decide what happens next:

- no response, 5xx, 408 or 429: retry after ``backoff_delay``, or after the
  ``Retry-After`` header when the server sent one;
- 401 (the token is dead): stop and keep the messages for the next sign-in;
- any other 4xx (``message_too_long``, ``not_a_member``, ...): the message
  becomes ``failed`` and waits for a manual retry; later messages go on.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Protocol

from desktop.api import BAD_RESPONSE, NETWORK_ERROR, ApiError
from desktop.sync.frames import backoff_delay
from desktop.sync.store import CachedMessage, DeliveryState, Store
from shared.api import MessageOut
from shared.errors import ErrorCode

log = logging.getLogger("autoclub.desktop")

SEND_BACKOFF_BASE_SECONDS = 0.5
"""First delay before resending after a network error or a 5xx; doubles per attempt."""

SEND_BACKOFF_MAX_SECONDS = 30.0
"""Maximum delay between two attempts to send one message."""

SESSION_ERRORS = frozenset({ErrorCode.INVALID_TOKEN, ErrorCode.NOT_AUTHENTICATED})
RETRYABLE_STATUSES = frozenset({408, 429})


class MessageSender(Protocol):
    """The part of ``desktop.api.ApiClient`` that the outbox uses."""

    async def send_message(self, dialog_id: int, client_id: str, text: str) -> MessageOut: ...


def is_retryable(error: ApiError) -> bool:
    """Return True for errors that another attempt with the same client id can fix."""
    if error.code in SESSION_ERRORS:
        return False
    if error.status is None or error.code == NETWORK_ERROR:
        return True
    if error.status >= 500 or error.status in RETRYABLE_STATUSES:
        return True
    # A 2xx or 4xx body that does not parse will not parse on the next attempt either.
    return error.code == BAD_RESPONSE and error.status >= 500


class Outbox:
    """Sends the cached messages in state ``sending`` and records the outcome.

    ``confirm`` receives the server's copy of each sent message and stores
    it (the engine also moves read cursors and notifies the UI). ``changed``
    receives rows whose state became ``sending`` or ``failed``.
    ``session_rejected`` is called once the API rejects the token.
    """

    def __init__(
        self,
        store: Store,
        sender: MessageSender,
        own_user_id: int,
        *,
        confirm: Callable[[MessageOut], Awaitable[None]],
        changed: Callable[[CachedMessage], None],
        session_rejected: Callable[[], None],
        backoff_base: float = SEND_BACKOFF_BASE_SECONDS,
        backoff_max: float = SEND_BACKOFF_MAX_SECONDS,
        rng: random.Random | None = None,
    ) -> None:
        self._store = store
        self._sender = sender
        self._own_user_id = own_user_id
        self._confirm = confirm
        self._changed = changed
        self._session_rejected = session_rejected
        self._backoff_base = backoff_base
        self._backoff_max = backoff_max
        self._rng = rng or random.Random()
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._more: set[int] = set()
        """Dialogs that got a message while their worker was running."""
        self._wake = asyncio.Event()
        self._running = False

    @property
    def busy(self) -> bool:
        """True while a worker is sending or waiting to retry."""
        return any(not task.done() for task in self._workers.values())

    async def start(self) -> None:
        """Start sending the cached messages in state ``sending``, as after an app restart."""
        self._running = True
        for dialog_id in await self._store.outgoing_dialogs():
            self._ensure_worker(dialog_id)

    async def stop(self) -> None:
        self._running = False
        workers = list(self._workers.values())
        self._workers.clear()
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)

    def wake(self) -> None:
        """Cut every backoff wait short and resend now, as when the connection returns.

        A wait for a ``Retry-After`` from the server is not cut short.
        """
        self._wake.set()
        self._wake = asyncio.Event()
        if self._running:
            for task_dialog in list(self._workers):
                self._ensure_worker(task_dialog)

    async def resume(self) -> None:
        """Start workers for every dialog with messages to send; used after a resync."""
        if not self._running:
            return
        self.wake()
        for dialog_id in await self._store.outgoing_dialogs():
            self._ensure_worker(dialog_id)

    async def send(self, dialog_id: int, text: str, *, client_id: str | None = None) -> CachedMessage:
        """Store ``text`` as a message in state ``sending`` and queue it; return the stored row."""
        message = await self._store.enqueue(
            dialog_id, self._own_user_id, client_id or str(uuid.uuid4()), text, datetime.now(UTC)
        )
        self._ensure_worker(dialog_id)
        return message

    async def retry(self, row_id: int) -> CachedMessage | None:
        """Queue a failed message again with its client id; None if it is not unconfirmed."""
        message = await self._store.set_delivery_state(row_id, DeliveryState.SENDING)
        if message is None:
            return None
        self._changed(message)
        self._ensure_worker(message.dialog_id)
        return message

    def _ensure_worker(self, dialog_id: int) -> None:
        if not self._running:
            return
        task = self._workers.get(dialog_id)
        if task is not None and not task.done():
            self._more.add(dialog_id)
            return
        self._workers[dialog_id] = asyncio.get_running_loop().create_task(
            self._drain(dialog_id), name=f"outbox of dialog {dialog_id}"
        )

    async def _drain(self, dialog_id: int) -> None:
        attempt = 0
        while self._running:
            message = await self._store.next_outgoing(dialog_id)
            if message is None:
                if dialog_id in self._more:
                    self._more.discard(dialog_id)
                    continue
                return
            try:
                confirmed = await self._sender.send_message(dialog_id, message.client_id, message.text)
            except ApiError as error:
                if error.code in SESSION_ERRORS:
                    log.warning("Sending message %s stopped: the session was rejected", message.client_id)
                    self._running = False
                    self._session_rejected()
                    return
                if is_retryable(error):
                    await self._wait_before_retry(dialog_id, message, error, attempt)
                    attempt += 1
                    continue
                attempt = 0
                await self._fail(message, error)
                continue
            attempt = 0
            await self._confirm(confirmed)

    async def _wait_before_retry(
        self, dialog_id: int, message: CachedMessage, error: ApiError, attempt: int
    ) -> None:
        delay = backoff_delay(attempt, base=self._backoff_base, maximum=self._backoff_max, rng=self._rng)
        if error.retry_after is not None:
            delay = max(delay, error.retry_after)
        log.info(
            "Sending message %s to dialog %s failed (%s); attempt %d, retry in %.1f s",
            message.client_id,
            dialog_id,
            error.code,
            attempt + 1,
            delay,
        )
        if error.retry_after is not None:
            await asyncio.sleep(delay)
            return
        try:
            await asyncio.wait_for(self._wake.wait(), delay)
        except TimeoutError:
            pass

    async def _fail(self, message: CachedMessage, error: ApiError) -> None:
        log.warning(
            "Message %s to dialog %s failed for good: %s (HTTP %s)",
            message.client_id,
            message.dialog_id,
            error.code,
            error.status,
        )
        failed = await self._store.set_delivery_state(message.row_id, DeliveryState.FAILED, error.code)
        if failed is not None:
            self._changed(failed)
