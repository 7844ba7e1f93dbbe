"""What every service function needs: the database, the bus and the settings."""

from __future__ import annotations

from dataclasses import dataclass

from server.bus import EventBus
from server.config import Settings
from server.db.engine import Database
from server.sms import SmsGateway


@dataclass
class ServerContext:
    settings: Settings
    database: Database
    bus: EventBus
    sms: SmsGateway
    secret: str
