"""Photo pixmaps: a cache bounded by bytes and a loader that decodes off the GUI thread.

``ImageLoader.request(url)`` downloads a variant with httpx, decodes it into a
``QImage`` in a worker thread (``asyncio.to_thread``), converts it to a
``QPixmap`` on the GUI thread, stores it in the cache and emits ``loaded``.
Views call ``request`` from paint code, so only items on screen are fetched.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPixmap

from desktop.api import ApiError
from desktop.tasks import TaskSupervisor

log = logging.getLogger("autoclub.desktop")

DEFAULT_CACHE_BYTES = 64 * 1024 * 1024
"""Memory for decoded pixmaps: about 160 square thumbnails of 320x320 plus a few
2048-pixel photos for the viewer."""

MAX_PARALLEL_DOWNLOADS = 6
"""Downloads at the same time; the same as a browser's connections per host."""

Fetcher = Callable[[str], Awaitable[bytes]]


def pixmap_bytes(pixmap: QPixmap) -> int:
    """Return the memory of a pixmap's pixels in bytes (at least 1, so every entry counts)."""
    return max(1, pixmap.width() * pixmap.height() * max(pixmap.depth(), 8) // 8)


class PixmapLRU:
    """Least recently used pixmaps, evicted once their total size exceeds ``max_bytes``.

    A pixmap larger than ``max_bytes`` on its own is not stored.
    """

    def __init__(self, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, tuple[QPixmap, int]] = OrderedDict()
        self._total = 0

    @property
    def total_bytes(self) -> int:
        return self._total

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def get(self, key: str) -> QPixmap | None:
        """Return the pixmap of ``key`` and mark it as the most recently used one."""
        item = self._items.get(key)
        if item is None:
            return None
        self._items.move_to_end(key)
        return item[0]

    def put(self, key: str, pixmap: QPixmap) -> None:
        size = pixmap_bytes(pixmap)
        self.remove(key)
        if size > self.max_bytes:
            log.debug(
                "Pixmap %s of %d bytes exceeds the cache of %d bytes; not cached", key, size, self.max_bytes
            )
            return
        self._items[key] = (pixmap, size)
        self._total += size
        while self._total > self.max_bytes:
            _evicted, (_pixmap, evicted_size) = self._items.popitem(last=False)
            self._total -= evicted_size

    def remove(self, key: str) -> None:
        item = self._items.pop(key, None)
        if item is not None:
            self._total -= item[1]

    def clear(self) -> None:
        self._items.clear()
        self._total = 0


def decode_image(data: bytes) -> QImage:
    """Decode image bytes into a ``QImage``; safe in a worker thread. Returns a null image on failure."""
    image = QImage()
    image.loadFromData(data)
    return image


def decode_data_uri(uri: str) -> QImage:
    """Decode a ``data:image/...;base64,`` URI such as a photo's ``preview``; null image on failure."""
    header, _, payload = uri.partition(",")
    if not header.startswith("data:") or not header.endswith(";base64"):
        return QImage()
    try:
        return decode_image(base64.b64decode(payload, validate=True))
    except (binascii.Error, ValueError):
        return QImage()


class ImageLoader(QObject):
    """Loads photo variants into a shared ``PixmapLRU``, each URL once at a time.

    Signals:
        loaded(str): the pixmap of this URL is now in the cache.
        failed(str): downloading or decoding this URL failed; it is not retried
            until ``forget_failures``.
    """

    loaded = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        fetch: Fetcher,
        supervisor: TaskSupervisor,
        cache: PixmapLRU | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.cache = cache if cache is not None else PixmapLRU()
        self.requested: list[str] = []
        """Every URL whose download started, in order; tests read it."""
        self._fetch = fetch
        self._supervisor = supervisor
        self._in_flight: set[str] = set()
        self._failed: set[str] = set()
        self._slots = asyncio.Semaphore(MAX_PARALLEL_DOWNLOADS)

    def pixmap(self, url: str) -> QPixmap | None:
        return self.cache.get(url)

    def request(self, url: str) -> None:
        """Start loading ``url`` unless it is cached, loading or failed before."""
        if url in self.cache or url in self._in_flight or url in self._failed:
            return
        self._in_flight.add(url)
        self.requested.append(url)
        self._supervisor.spawn(self._load(url), name=f"load image {url}")

    def forget_failures(self) -> None:
        self._failed.clear()

    def preview(self, key: str, uri: str) -> QPixmap | None:
        """Return the decoded inline preview stored under ``key``, decoding it at first use.

        A preview is a few hundred bytes, so it is decoded right here on the
        GUI thread: that is what lets the grid paint it at once.
        """
        pixmap = self.cache.get(key)
        if pixmap is None:
            image = decode_data_uri(uri)
            if image.isNull():
                return None
            pixmap = QPixmap.fromImage(image)
            self.cache.put(key, pixmap)
        return pixmap

    async def _load(self, url: str) -> None:
        try:
            async with self._slots:
                data = await self._fetch(url)
                image = await asyncio.to_thread(decode_image, data)
        except ApiError as error:
            self._fail(url, f"download failed: {error}")
            return
        finally:
            self._in_flight.discard(url)
        if image.isNull():
            self._fail(url, f"{len(data)} bytes are not a decodable image")
            return
        self.cache.put(url, QPixmap.fromImage(image))
        self.loaded.emit(url)

    def _fail(self, url: str, reason: str) -> None:
        log.warning("Could not load photo %s: %s", url, reason)
        self._failed.add(url)
        self.failed.emit(url)
