"""Photo cache, loader, lazy grid and viewer with an in-process fetcher (no server)."""

from __future__ import annotations

import asyncio
import io
import threading
from datetime import UTC, datetime
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView
from pytestqt.qtbot import QtBot

import desktop.albums.cache as cache_module
from desktop.albums.cache import ImageLoader, PixmapLRU, decode_data_uri, pixmap_bytes
from desktop.albums.grid import CELL_SPACING, THUMBNAIL_SIZE, PhotoDelegate, PhotoGridModel
from desktop.albums.viewer import PhotoViewer, choose_variant, fit_rect
from desktop.api import NETWORK_ERROR, ApiError
from desktop.tasks import TaskSupervisor
from shared.photos import PhotoOut
from tests.desktop.conftest import timeout_ms

# QPixmap needs a QGuiApplication even in tests that show no widget.
pytestmark = pytest.mark.usefixtures("qapp")

TINY_WEBP_PREVIEW = "data:image/webp;base64,UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA="


def png_bytes(width: int = 40, height: int = 40, color: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def pixmap(width: int, height: int) -> QPixmap:
    image = QPixmap(width, height)
    image.fill(Qt.GlobalColor.red)
    return image


def make_photo(photo_id: int, width: int = 1600, height: int = 1200) -> PhotoOut:
    def variant(name: str, side: int) -> dict[str, Any]:
        return {"url": f"/media/photos/{photo_id}-{name}.png", "width": side, "height": side}

    return PhotoOut.model_validate(
        {
            "id": photo_id,
            "album_id": 1,
            "uploader_id": 1,
            "width": width,
            "height": height,
            "variants": {
                "square": variant("square", 320),
                "small": variant("small", 320),
                "medium": variant("medium", 1024),
                "large": variant("large", 2048),
            },
            "preview": TINY_WEBP_PREVIEW,
            "created_at": datetime(2025, 6, 1, tzinfo=UTC).isoformat(),
        }
    )


class FakeMedia:
    """Serves PNG bytes for any URL; with ``hold`` set, every fetch waits until it is released."""

    def __init__(self, *, hold: bool = False) -> None:
        self.fetched: list[str] = []
        self.release = asyncio.Event()
        if not hold:
            self.release.set()
        self.broken: set[str] = set()

    async def fetch(self, url: str) -> bytes:
        self.fetched.append(url)
        await self.release.wait()
        if url in self.broken:
            raise ApiError(NETWORK_ERROR, f"GET {url} failed")
        return png_bytes()


def resolve(url: str) -> str:
    return "http://127.0.0.1:9" + url


# The LRU by bytes.


def test_lru_evicts_least_recently_used() -> None:
    one = pixmap_bytes(pixmap(100, 100))
    cache = PixmapLRU(max_bytes=one * 3)
    for key in ("a", "b", "c"):
        cache.put(key, pixmap(100, 100))
    assert cache.get("a") is not None  # "a" is now the most recently used
    cache.put("d", pixmap(100, 100))
    assert "b" not in cache
    assert "a" in cache
    assert "c" in cache
    assert "d" in cache
    assert cache.total_bytes == one * 3


def test_lru_never_exceeds_bound() -> None:
    cache = PixmapLRU(max_bytes=1_000_000)
    for index in range(200):
        cache.put(f"photo-{index}", pixmap(100 + index % 7 * 40, 120))
        assert cache.total_bytes <= cache.max_bytes
    assert 0 < len(cache) < 200


def test_lru_skips_pixmap_larger_than_bound() -> None:
    cache = PixmapLRU(max_bytes=pixmap_bytes(pixmap(10, 10)))
    cache.put("small", pixmap(10, 10))
    cache.put("huge", pixmap(200, 200))
    assert "huge" not in cache
    assert "small" in cache


def test_lru_replacing_key_updates_size() -> None:
    cache = PixmapLRU(max_bytes=10_000_000)
    cache.put("a", pixmap(100, 100))
    cache.put("a", pixmap(10, 10))
    assert len(cache) == 1
    assert cache.total_bytes == pixmap_bytes(pixmap(10, 10))
    cache.remove("a")
    assert cache.total_bytes == 0


def test_pixmap_bytes_counts_pixels() -> None:
    assert pixmap_bytes(pixmap(100, 50)) == 100 * 50 * pixmap(1, 1).depth() // 8


def test_preview_data_uri_decodes() -> None:
    assert not decode_data_uri(TINY_WEBP_PREVIEW).isNull()
    assert decode_data_uri("data:image/webp;base64,!!!").isNull()
    assert decode_data_uri("https://example.invalid/x.webp").isNull()


# The loader.


def test_loader_decodes_off_gui_thread(qtbot: QtBot, qloop: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[threading.Thread] = []
    original = cache_module.decode_image

    def recording_decode(data: bytes) -> QImage:
        threads.append(threading.current_thread())
        return original(data)

    monkeypatch.setattr(cache_module, "decode_image", recording_decode)
    media = FakeMedia()
    loader = ImageLoader(media.fetch, TaskSupervisor())
    with qtbot.waitSignal(loader.loaded, timeout=timeout_ms(5)) as blocker:
        loader.request("http://127.0.0.1:9/a.png")
    assert blocker.args == ["http://127.0.0.1:9/a.png"]
    assert threads
    assert threads[0] is not threading.main_thread()
    loaded = loader.pixmap("http://127.0.0.1:9/a.png")
    assert loaded is not None
    assert loaded.width() == 40


def test_loader_fetches_each_url_once(qtbot: QtBot, qloop: Any) -> None:
    media = FakeMedia(hold=True)
    loader = ImageLoader(media.fetch, TaskSupervisor())
    for _ in range(3):
        loader.request("u1")
    loader.request("u2")
    qtbot.waitUntil(lambda: len(media.fetched) == 2, timeout=timeout_ms(5))
    media.release.set()
    qtbot.waitUntil(lambda: "u1" in loader.cache and "u2" in loader.cache, timeout=timeout_ms(5))
    loader.request("u1")
    assert media.fetched == ["u1", "u2"]
    assert loader.requested == ["u1", "u2"]


def test_loader_does_not_retry_failure(qtbot: QtBot, qloop: Any) -> None:
    media = FakeMedia()
    media.broken.add("bad")
    loader = ImageLoader(media.fetch, TaskSupervisor())
    with qtbot.waitSignal(loader.failed, timeout=timeout_ms(5)):
        loader.request("bad")
    loader.request("bad")
    assert media.fetched == ["bad"]
    loader.forget_failures()
    with qtbot.waitSignal(loader.failed, timeout=timeout_ms(5)):
        loader.request("bad")
    assert media.fetched == ["bad", "bad"]


# The grid.


def visible_rows(view: QListView, model: PhotoGridModel) -> set[int]:
    viewport = view.viewport().rect()
    return {row for row in range(model.rowCount()) if view.visualRect(model.index(row)).intersects(viewport)}


def make_grid(qtbot: QtBot, loader: ImageLoader, photos: int) -> tuple[QListView, PhotoGridModel]:
    model = PhotoGridModel()
    model.reset([make_photo(photo_id) for photo_id in range(photos, 0, -1)], None)
    view = QListView()
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setUniformItemSizes(True)
    side = THUMBNAIL_SIZE + CELL_SPACING
    view.setGridSize(QSize(side, side))
    view.setModel(model)
    view.setItemDelegate(PhotoDelegate(loader, resolve, view))
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.resize(side * 4 + 30, side * 2 + 10)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view, model


def test_grid_loads_only_visible_thumbnails(qtbot: QtBot, qloop: Any) -> None:
    media = FakeMedia(hold=True)
    loader = ImageLoader(media.fetch, TaskSupervisor())
    view, model = make_grid(qtbot, loader, photos=120)
    qtbot.waitUntil(lambda: len(loader.requested) > 0, timeout=timeout_ms(5))

    shown = visible_rows(view, model)
    requested_rows = {
        row
        for row in range(model.rowCount())
        if resolve(model.photo(row).variants.square.url) in loader.requested
    }
    assert requested_rows == shown
    assert len(shown) < 20
    # The blurred previews of the visible photos are painted while the thumbnails load.
    assert all(f"preview:{model.photo(row).id}" in loader.cache for row in shown)
    assert f"preview:{model.photo(model.rowCount() - 1).id}" not in loader.cache

    # Scrolling to the end requests the last rows only, not the ones in between.
    before = set(loader.requested)
    view.scrollToBottom()
    qtbot.waitUntil(lambda: len(loader.requested) > len(before), timeout=timeout_ms(5))
    now_shown = visible_rows(view, model)
    new_rows = {
        row
        for row in range(model.rowCount())
        if resolve(model.photo(row).variants.square.url) in set(loader.requested) - before
    }
    assert new_rows <= now_shown
    assert len(loader.requested) < 40
    media.release.set()
    qtbot.waitUntil(lambda: all(url in loader.cache for url in loader.requested), timeout=timeout_ms(5))


def test_grid_model_pages_on_fetch_more(qtbot: QtBot) -> None:
    model = PhotoGridModel()
    model.reset([make_photo(9), make_photo(8)], next_after=8)
    index = model.index(0).parent()
    with qtbot.waitSignal(model.moreRequested) as blocker:
        model.fetchMore(index)
    assert blocker.args == [8]
    assert not model.canFetchMore(index)  # one page at a time
    model.append_page([make_photo(8), make_photo(7)], None)
    assert [photo.id for photo in model.photos()] == [9, 8, 7]
    assert not model.canFetchMore(index)
    model.prepend(make_photo(10))
    model.remove(8)
    assert [photo.id for photo in model.photos()] == [10, 9, 7]


# The viewer.


def test_viewer_keys_move_and_escape_closes(qtbot: QtBot, qloop: Any) -> None:
    media = FakeMedia()
    loader = ImageLoader(media.fetch, TaskSupervisor())
    photos = [make_photo(3), make_photo(2), make_photo(1)]
    viewer = PhotoViewer(photos, 1, loader, resolve)
    qtbot.addWidget(viewer)
    viewer.resize(800, 600)
    viewer.show()
    qtbot.waitExposed(viewer)
    assert viewer.index == 1
    qtbot.waitUntil(lambda: viewer.current_url() in loader.cache, timeout=timeout_ms(5))
    assert viewer.current_url().endswith("2-medium.png")

    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.index == 2
    assert viewer.counter.text() == "3 of 3"
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.index == 2  # stays on the last photo
    qtbot.keyClick(viewer, Qt.Key.Key_Left)
    qtbot.keyClick(viewer, Qt.Key.Key_Left)
    assert viewer.index == 0
    qtbot.keyClick(viewer, Qt.Key.Key_Left)
    assert viewer.index == 0

    with qtbot.waitSignal(viewer.rejected, timeout=timeout_ms(2)):
        qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()


def test_viewer_variant_by_size() -> None:
    photo = make_photo(1)
    assert choose_variant(photo, 800, 600).endswith("-medium.png")
    assert choose_variant(photo, 1024, 700).endswith("-medium.png")
    assert choose_variant(photo, 1400, 900).endswith("-large.png")
    assert choose_variant(photo, 800, 600, device_pixel_ratio=2.0).endswith("-large.png")


def test_fit_rect_centres_without_upscaling() -> None:
    assert fit_rect(QImage(400, 200, QImage.Format.Format_RGB32).size(), QRect(0, 0, 1000, 1000)) == QRect(
        300, 400, 400, 200
    )
    assert fit_rect(QImage(2000, 1000, QImage.Format.Format_RGB32).size(), QRect(0, 0, 500, 500)) == QRect(
        0, 125, 500, 250
    )
