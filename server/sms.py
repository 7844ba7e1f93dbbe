"""SMS gateways that deliver sign-in codes.

``console`` prints one line per SMS on stdout (the embedded default; the
desktop app reads it to show the code of its local server), ``file:PATH``
appends one JSON object per line, and an ``http(s)://`` URL receives a JSON
POST for a real provider's adapter.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from pathlib import Path
from typing import Protocol

import httpx

logger = logging.getLogger("autoclub.api")

HTTP_GATEWAY_TIMEOUT_SECONDS = 10.0


class SmsDeliveryError(Exception):
    """The gateway did not accept the SMS."""


class SmsGateway(Protocol):
    async def send(self, phone: str, text: str, code: str) -> None:
        """Deliver ``text`` to ``phone``; ``code`` is given separately for test gateways."""


class ConsoleGateway:
    """Prints ``SMS phone=+7... code=123456 text="..."`` on stdout."""

    async def send(self, phone: str, text: str, code: str) -> None:
        print(f"SMS phone={phone} code={code} text={json.dumps(text, ensure_ascii=False)}", flush=True)


class FileGateway:
    """Appends ``{"phone", "text", "code"}`` as one JSON line to a file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = asyncio.Lock()

    async def send(self, phone: str, text: str, code: str) -> None:
        line = json.dumps({"phone": phone, "text": text, "code": code}, ensure_ascii=False) + "\n"
        async with self._lock:
            await asyncio.to_thread(self._append, line)

    def _append(self, line: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as file:
            file.write(line)


class HttpGateway:
    """POSTs ``{"phone", "text"}`` as JSON to a provider adapter; any 2xx is success."""

    def __init__(self, url: str) -> None:
        self.url = url

    async def send(self, phone: str, text: str, code: str) -> None:
        try:
            async with httpx.AsyncClient(timeout=HTTP_GATEWAY_TIMEOUT_SECONDS) as client:
                response = await client.post(self.url, json={"phone": phone, "text": text})
                response.raise_for_status()
        except httpx.HTTPError as error:
            raise SmsDeliveryError(f"SMS gateway failed: {error}") from error


def create_gateway(spec: str) -> SmsGateway:
    """Create the gateway named by the ``sms_gateway`` setting."""
    if spec == "console":
        if sys.stdout is None:
            raise ValueError("the console SMS gateway needs stdout")
        return ConsoleGateway()
    if spec.startswith("file:"):
        return FileGateway(Path(spec.removeprefix("file:")))
    if spec.startswith(("http://", "https://")):
        return HttpGateway(spec)
    raise ValueError(f"unknown SMS gateway {spec!r}; use console, file:PATH or an http(s) URL")
