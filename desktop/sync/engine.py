"""The sync engine: the cache kept in step with the server, over any number of reconnects.

After every ``ready`` from the hub the engine calls ``POST /api/v1/sync``
with the cursor of every cached dialog until ``has_more`` is false, and only
then applies the live frames that arrived meanwhile. Frames and resyncs go
through one queue that a single task works off, so the frames wait behind
the resync without a separate buffer. Messages are unique in the cache by
``(dialog_id, seq)``, so a message that comes from both the resync and a
frame is stored once. A ``message.new`` whose seq is past the stored cursor
+ 1 first fetches the gap over HTTP, so messages are stored in seq order.
After the resync the outbox resends what is waiting.
"""

from __future__ import annotations

import asyncio
import logging
import random
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from desktop.api import ApiError
from desktop.sync.connection import HubConnection, HubState
from desktop.sync.frames import (
    DialogNewFrame,
    DialogReadFrame,
    ErrorFrame,
    HubFrame,
    MessageNewFrame,
    ReadyFrame,
    backoff_delay,
)
from desktop.sync.outbox import SESSION_ERRORS, Outbox
from desktop.sync.store import CachedMessage, Store
from shared.api import DialogOut, MessageOut, SyncResponse, UserOut
from shared.frames import FrameType
from shared.limits import MAX_PAGE_SIZE

log = logging.getLogger("autoclub.desktop")

SYNC_PAGE_MESSAGES = 500
"""Messages per ``/sync`` call; the server accepts 1 to 1000."""

RESYNC_BACKOFF_BASE_SECONDS = 0.5
RESYNC_BACKOFF_MAX_SECONDS = 15.0
"""Delays between attempts of a failed resync while the hub stays connected."""


class SyncState(StrEnum):
    """Connection state as the window shows it."""

    OFFLINE = "offline"
    """The last attempt to reach the hub failed; retrying with backoff.

    NOTE: only the hub connection sets it; failed HTTP calls while the hub is up do not."""
    CONNECTING = "connecting"
    UPDATING = "updating"
    """Connected; fetching what was missed before live frames apply."""
    ONLINE = "online"


class SyncApi(Protocol):
    """The calls of ``desktop.api.ApiClient`` that the engine makes."""

    async def send_message(self, dialog_id: int, client_id: str, text: str) -> MessageOut: ...

    async def sync(self, known: dict[int, int], limit: int = ...) -> SyncResponse: ...

    async def mark_read(self, dialog_id: int, seq: int) -> int: ...

    async def dialog(self, dialog_id: int) -> DialogOut: ...

    async def messages(
        self,
        dialog_id: int,
        *,
        after_seq: int | None = ...,
        before_seq: int | None = ...,
        limit: int | None = ...,
    ) -> list[MessageOut]: ...


class SyncListener(Protocol):
    """Receiver of the engine's changes, e.g. the Qt models; every method runs on the event loop."""

    def sync_state_changed(self, state: SyncState) -> None: ...

    def dialogs_changed(self, dialogs: list[DialogOut]) -> None: ...

    def dialogs_removed(self, dialog_ids: list[int]) -> None: ...

    def messages_changed(self, dialog_id: int, messages: list[CachedMessage]) -> None:
        """Receive rows of one dialog that are new or changed state, in seq order, unsent last."""

    def session_rejected(self) -> None:
        """Learn that the server rejected the token; the user must sign in again."""


@dataclass(frozen=True)
class _Resync:
    generation: int


@dataclass(frozen=True)
class _Frame:
    data: dict[str, Any]
    frame: HubFrame | None


class SyncEngine:
    """Keeps one account's cache in step with the server and sends its outbox.

    The owner creates the ``HubConnection`` (``desktop.hub.HubClient`` has
    one) and calls ``start()`` and ``stop()``; the engine listens to the
    connection and starts it.
    """

    def __init__(
        self,
        api: SyncApi,
        store: Store,
        connection: HubConnection,
        own_user_id: int,
        listener: SyncListener,
        *,
        send_backoff_base: float = 0.5,
        send_backoff_max: float = 30.0,
        rng: random.Random | None = None,
    ) -> None:
        self.api = api
        self.store = store
        self.connection = connection
        self.own_user_id = own_user_id
        self._listener = listener
        self._rng = rng or random.Random()
        self.outbox = Outbox(
            store,
            api,
            own_user_id,
            confirm=self._confirm_own,
            changed=lambda message: self._listener.messages_changed(message.dialog_id, [message]),
            session_rejected=self._reject_session,
            backoff_base=send_backoff_base,
            backoff_max=send_backoff_max,
            rng=self._rng,
        )
        self._queue: asyncio.Queue[_Resync | _Frame] = asyncio.Queue()
        self._worker: asyncio.Task[None] | None = None
        self._dialog_lock = asyncio.Lock()
        """Held for each read-modify-write of a cached dialog."""
        self._state = SyncState.CONNECTING
        self._hub_state = HubState.STOPPED
        self._session_rejected = False

    # Lifecycle.

    @property
    def state(self) -> SyncState:
        return self._state

    @property
    def idle(self) -> bool:
        """True when online with no queued frame and nothing left to send."""
        return self._state == SyncState.ONLINE and self._queue.empty() and not self.outbox.busy

    async def start(self) -> None:
        """Start sending the stored outbox, applying frames, and the hub connection."""
        self.connection.add_listener(self)
        await self.outbox.start()
        if self._worker is None or self._worker.done():
            self._worker = asyncio.get_running_loop().create_task(self._work(), name="sync engine")
        self._set_state(SyncState.CONNECTING)
        if self.connection.state == HubState.ONLINE:
            # Another owner started the connection and it is past ``ready`` already.
            self.hub_ready(ReadyFrame(self.own_user_id, 0))
        self.connection.start()

    async def stop(self) -> None:
        """Stop the connection, the frame worker and the outbox; the store stays open."""
        self.connection.remove_listener(self)
        await self.connection.stop()
        await self.outbox.stop()
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.cancel()
            await asyncio.gather(worker, return_exceptions=True)

    def _set_state(self, state: SyncState) -> None:
        if state != self._state:
            self._state = state
            self._listener.sync_state_changed(state)

    def _reject_session(self) -> None:
        if not self._session_rejected:
            self._session_rejected = True
            self._listener.session_rejected()

    # HubListener methods, called by the connection.

    def hub_state_changed(self, state: HubState) -> None:
        previous, self._hub_state = self._hub_state, state
        if state == HubState.CONNECTING and self._state in (SyncState.ONLINE, SyncState.UPDATING):
            self._set_state(SyncState.CONNECTING)
        elif state == HubState.OFFLINE:
            # A drop after ready reconnects at once or soon: show "connecting" until an attempt fails.
            self._set_state(SyncState.CONNECTING if previous == HubState.ONLINE else SyncState.OFFLINE)
        elif state == HubState.STOPPED:
            self._set_state(SyncState.OFFLINE)

    def hub_ready(self, frame: ReadyFrame) -> None:
        self._set_state(SyncState.UPDATING)
        self._queue.put_nowait(_Resync(self.connection.generation))

    def hub_frame(self, data: dict[str, Any], frame: HubFrame | None) -> None:
        self._queue.put_nowait(_Frame(data, frame))

    def hub_rejected(self, close_code: int) -> None:
        self._reject_session()

    # The worker that applies resyncs and frames in arrival order.

    async def _work(self) -> None:
        while True:
            item = await self._queue.get()
            try:
                if isinstance(item, _Resync):
                    await self._resync(item.generation)
                else:
                    await self._apply_frame(item.data, item.frame)
            except ApiError as error:
                if error.code in SESSION_ERRORS:
                    self._reject_session()
                else:
                    # The next ready resyncs, and the next message.new fetches any gap.
                    log.warning("Applying %r failed: %s", item, error)
            except Exception:
                log.exception("Applying %r failed", item)

    async def _resync(self, generation: int) -> None:
        attempt = 0
        while True:
            if generation != self.connection.generation or self.connection.state != HubState.ONLINE:
                # The socket dropped; the resync of the next ready replaces this one.
                return
            try:
                await self.sync_now()
                break
            except ApiError as error:
                if error.code in SESSION_ERRORS:
                    self._reject_session()
                    return
                delay = backoff_delay(
                    attempt,
                    base=RESYNC_BACKOFF_BASE_SECONDS,
                    maximum=RESYNC_BACKOFF_MAX_SECONDS,
                    rng=self._rng,
                )
                attempt += 1
                log.info("Resync failed (%s); attempt %d, retry in %.1f s", error.code, attempt, delay)
                await asyncio.sleep(delay)
        if generation == self.connection.generation:
            self._set_state(SyncState.ONLINE)
        await self.outbox.resume()

    async def sync_now(self) -> None:
        """Fetch dialogs, read state and missed messages until ``has_more`` is false; raises ``ApiError``."""
        # NOTE: a dialog new to the cache starts at seq 0, so its whole history comes over, page by page.
        stale_cursors: dict[int, int] = {}
        while True:
            known = await self.store.cursors()
            response = await self.api.sync(known, SYNC_PAGE_MESSAGES)
            stale_cursors.update(await self._apply_sync(response))
            if not response.has_more:
                break
        for dialog_id, seq in stale_cursors.items():
            # The user read these offline; tell the server now.
            await self.api.mark_read(dialog_id, seq)

    async def _apply_sync(self, response: SyncResponse) -> dict[int, int]:
        """Store one ``/sync`` response; return the read cursors that are ahead of the server's."""
        if response.removed_dialog_ids:
            await self.store.remove_dialogs(response.removed_dialog_ids)
            self._listener.dialogs_removed(list(response.removed_dialog_ids))
        stale: dict[int, int] = {}
        async with self._dialog_lock:
            cached = {dialog.id: dialog for dialog in await self.store.dialogs()}
            merged: list[DialogOut] = []
            for dialog in response.dialogs:
                local = cached.get(dialog.id)
                if local is not None and local.read_seq > dialog.read_seq:
                    stale[dialog.id] = local.read_seq
                merged.append(_merge_read_state(dialog, local))
            await self.store.save_dialogs(merged)
            stored = await self.store.store_messages(response.messages)
            final = [await self._recount_unread(dialog) for dialog in merged]
        for dialog_id, rows in _by_dialog(stored).items():
            self._listener.messages_changed(dialog_id, rows)
        self._listener.dialogs_changed(final)
        return stale

    async def _recount_unread(self, dialog: DialogOut) -> DialogOut:
        """Count unread messages in the cache when it contains the whole dialog; save the read state."""
        synced = await self.store.cursor(dialog.id)
        unread = dialog.unread_count
        if synced is not None and synced >= dialog.last_seq:
            unread = await self.store.unread_count(dialog.id, self.own_user_id, dialog.read_seq)
        updated = dialog.model_copy(update={"unread_count": unread})
        await self.store.set_read_state(
            dialog.id, read_seq=dialog.read_seq, peer_read_seq=dialog.peer_read_seq, unread_count=unread
        )
        return updated

    # Live frames.

    async def _apply_frame(self, data: dict[str, Any], frame: HubFrame | None) -> None:
        if isinstance(frame, MessageNewFrame):
            await self._apply_message(frame.message)
        elif isinstance(frame, DialogNewFrame):
            await self._apply_new_dialog(frame.dialog)
        elif isinstance(frame, DialogReadFrame):
            await self._apply_read(frame)
        elif isinstance(frame, ErrorFrame):
            log.warning("Hub sent an error frame: %s %s", frame.code, frame.message)
        elif data["type"] in (FrameType.DIALOG_UPDATED, FrameType.MEMBER_ADDED, FrameType.MEMBER_REMOVED):
            await self._apply_dialog_change(data)

    async def _apply_message(self, message: MessageOut) -> None:
        synced = await self.store.cursor(message.dialog_id)
        if synced is None:
            # A dialog this cache has not seen: fetch it, then its history from seq 0.
            await self._apply_new_dialog(await self.api.dialog(message.dialog_id))
            return
        if message.seq <= synced:
            return
        if message.seq > synced + 1:
            log.info(
                "Dialog %s: message seq %s after stored seq %s; fetching the gap",
                message.dialog_id,
                message.seq,
                synced,
            )
            await self._fill_gap(message.dialog_id, synced, message.seq)
        await self._store_confirmed([message])

    async def _fill_gap(self, dialog_id: int, after_seq: int, until_seq: int) -> None:
        cursor = after_seq
        while cursor < until_seq:
            page = await self.api.messages(dialog_id, after_seq=cursor, limit=MAX_PAGE_SIZE)
            if not page:
                return
            await self._store_confirmed(page)
            cursor = page[-1].seq
            if len(page) < MAX_PAGE_SIZE:
                return

    async def _confirm_own(self, message: MessageOut) -> None:
        """Store the server's copy of a message this client sent."""
        await self._store_confirmed([message])

    async def _store_confirmed(self, messages: list[MessageOut]) -> None:
        """Store confirmed messages of one dialog and move its last message and read cursor."""
        if not messages:
            return
        dialog_id = messages[0].dialog_id
        async with self._dialog_lock:
            stored = await self.store.store_messages(messages)
            dialog = await self.store.dialog(dialog_id)
            updated: DialogOut | None = None
            if dialog is not None:
                newest = max(messages, key=lambda message: message.seq)
                own_seqs = [message.seq for message in messages if message.sender_id == self.own_user_id]
                changes: dict[str, Any] = {}
                if dialog.last_message is None or newest.seq >= dialog.last_message.seq:
                    changes["last_message"] = newest
                    changes["last_seq"] = max(dialog.last_seq, newest.seq)
                if own_seqs and max(own_seqs) > dialog.read_seq:
                    # Sending a message moves the sender's read cursor to it, on the server too.
                    changes["read_seq"] = max(own_seqs)
                if changes:
                    dialog = dialog.model_copy(update=changes)
                    await self.store.save_dialogs([dialog])
                updated = await self._recount_unread(dialog)
        if stored:
            self._listener.messages_changed(dialog_id, stored)
        if updated is not None:
            self._listener.dialogs_changed([updated])

    async def _apply_new_dialog(self, dialog: DialogOut) -> None:
        async with self._dialog_lock:
            local = await self.store.dialog(dialog.id)
            merged = _merge_read_state(dialog, local)
            await self.store.save_dialogs([merged])
            merged = await self._recount_unread(merged)
        self._listener.dialogs_changed([merged])
        synced = await self.store.cursor(dialog.id) or 0
        if dialog.last_seq > synced:
            await self._fill_gap(dialog.id, synced, dialog.last_seq)

    async def _apply_read(self, frame: DialogReadFrame) -> None:
        async with self._dialog_lock:
            dialog = await self.store.dialog(frame.dialog_id)
            if dialog is None:
                return
            if frame.user_id == self.own_user_id:
                if frame.seq <= dialog.read_seq:
                    return
                dialog = dialog.model_copy(update={"read_seq": frame.seq})
            elif dialog.kind == "direct":
                if dialog.peer_read_seq is not None and frame.seq <= dialog.peer_read_seq:
                    return
                dialog = dialog.model_copy(update={"peer_read_seq": frame.seq})
            else:
                return
            dialog = await self._recount_unread(dialog)
        self._listener.dialogs_changed([dialog])

    async def _apply_dialog_change(self, data: dict[str, Any]) -> None:
        try:
            dialog_id = int(data["dialog_id"])
        except (KeyError, TypeError, ValueError):
            log.warning("Hub sent a %s frame without a dialog id: %r", data["type"], data)
            return
        if data["type"] == FrameType.MEMBER_REMOVED and data.get("user_id") == self.own_user_id:
            await self.store.remove_dialogs([dialog_id])
            self._listener.dialogs_removed([dialog_id])
            return
        async with self._dialog_lock:
            dialog = await self.store.dialog(dialog_id)
            if dialog is None:
                return
            changes: dict[str, Any] = {}
            if data["type"] == FrameType.DIALOG_UPDATED:
                if isinstance(data.get("title"), str):
                    changes["title"] = data["title"]
                if isinstance(data.get("roles"), dict):
                    changes["roles"] = {int(user_id): role for user_id, role in data["roles"].items()}
            elif data["type"] == FrameType.MEMBER_ADDED:
                user = UserOut.model_validate(data["user"])
                changes["members"] = [member for member in dialog.members if member.id != user.id] + [user]
            else:
                removed = data.get("user_id")
                changes["members"] = [member for member in dialog.members if member.id != removed]
            dialog = DialogOut.model_validate({**dialog.model_dump(), **changes})
            await self.store.save_dialogs([dialog])
        self._listener.dialogs_changed([dialog])

    # Calls from the UI.

    async def send(self, dialog_id: int, text: str) -> CachedMessage:
        """Write a message to the outbox and show it as sending; the outbox sends it."""
        message = await self.outbox.send(dialog_id, text)
        self._listener.messages_changed(dialog_id, [message])
        return message

    async def retry(self, row_id: int) -> CachedMessage | None:
        """Send a failed message again with its client id."""
        return await self.outbox.retry(row_id)

    async def add_dialog(self, dialog: DialogOut) -> None:
        """Cache a dialog the user just opened through the API."""
        await self._apply_new_dialog(dialog)

    async def mark_read(self, dialog_id: int, seq: int) -> None:
        """Move the user's read cursor to ``seq``: at once in the cache, then on the server.

        When the server cannot be reached, the next resync sends the cursor.
        """
        async with self._dialog_lock:
            dialog = await self.store.dialog(dialog_id)
            if dialog is None or seq <= dialog.read_seq:
                return
            dialog = await self._recount_unread(dialog.model_copy(update={"read_seq": seq}))
        self._listener.dialogs_changed([dialog])
        try:
            await self.api.mark_read(dialog_id, seq)
        except ApiError as error:
            if error.code in SESSION_ERRORS:
                self._reject_session()
            else:
                log.info(
                    "Marking dialog %s read up to %s failed; the next resync retries: %s",
                    dialog_id,
                    seq,
                    error,
                )


def _merge_read_state(dialog: DialogOut, local: DialogOut | None) -> DialogOut:
    """Return the server's dialog with read cursors that never move back from the cached ones."""
    if local is None:
        return dialog
    peer_read = dialog.peer_read_seq
    if local.peer_read_seq is not None:
        peer_read = max(peer_read or 0, local.peer_read_seq)
    return dialog.model_copy(
        update={"read_seq": max(dialog.read_seq, local.read_seq), "peer_read_seq": peer_read}
    )


def _by_dialog(messages: list[CachedMessage]) -> dict[int, list[CachedMessage]]:
    grouped: dict[int, list[CachedMessage]] = {}
    for message in messages:
        grouped.setdefault(message.dialog_id, []).append(message)
    return grouped
