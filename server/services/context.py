"""The server context that every service function takes: database, bus, settings and stores."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from server.bus import EventBus
from server.config import Settings
from server.db.engine import Database
from server.media import Storage
from server.presence import PresenceStore
from server.sms import SmsGateway


@dataclass
class ServerContext:
    settings: Settings
    database: Database
    bus: EventBus
    sms: SmsGateway
    secret: str
    presence: PresenceStore
    storage: Storage
    # Bounds the photos processed at once (settings.photo_workers in the server).
    photo_slots: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(2))
    # Orders "insert photo rows" against "delete objects no row refers to" in this
    # process, so a deletion never removes an object that a new photo shares.
    storage_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    # The hub's port when it runs in this process, for GET /api/v1/server-info.
    hub_port: int | None = None
