"""Albums against a real server: create, upload several files with progress and failures, edit, delete."""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.albums.panel import AlbumsPanel
from desktop.albums.view import AlbumView
from desktop.api import ApiClient
from desktop.clubs.section import ClubsSection
from desktop.errors import error_text
from desktop.tasks import TaskSupervisor
from shared.api import UserOut
from shared.errors import ErrorCode
from tests.desktop.conftest import Runner, timeout_ms
from tests.support.server import ServerProcess
from tests.support.users import ApiUser, sign_in

MEDIA_DATA = Path(__file__).resolve().parents[1] / "media" / "data"

Section = Callable[[ServerProcess, ApiUser], ClubsSection]


@pytest.fixture
def http(run: Runner, server: ServerProcess) -> Iterator[httpx.AsyncClient]:
    client = httpx.AsyncClient(base_url=server.api_url, timeout=10)
    yield client
    run(client.aclose())


@pytest.fixture
def section(qtbot: QtBot, run: Runner) -> Iterator[Section]:
    """Build the Clubs section of a signed-in user, without a hub connection."""
    supervisor = TaskSupervisor()
    clients: list[ApiClient] = []

    def build(server: ServerProcess, owner: ApiUser) -> ClubsSection:
        api = ApiClient(server.api_url, owner.token)
        clients.append(api)
        me = UserOut(id=owner.id, display_name=owner.display_name, phone=owner.phone)
        widget = ClubsSection(api, None, me, supervisor)
        qtbot.addWidget(widget)
        widget.resize(1000, 760)
        widget.show()
        return widget

    yield build
    run(supervisor.cancel_all())
    for api in clients:
        run(api.aclose())


def image_file(path: Path, size: tuple[int, int], *, noise: bool = False) -> Path:
    """Write a JPEG or PNG (by suffix); ``noise`` makes it large, as a camera photo is."""
    if noise:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (40, 120, 200))
    buffer = io.BytesIO()
    image.save(buffer, "PNG" if path.suffix == ".png" else "JPEG", quality=92)
    path.write_bytes(buffer.getvalue())
    return path


def open_new_album(qtbot: QtBot, panel: AlbumsPanel, title: str) -> AlbumView:
    with qtbot.waitSignal(panel.albumOpened, timeout=timeout_ms(5)) as opened:
        panel.create_album(title, "")
    view: AlbumView = opened.args[0]
    return view


def upload_and_wait(qtbot: QtBot, view: AlbumView, paths: list[Path], timeout: float = 20) -> list[Any]:
    with qtbot.waitSignal(view.uploads.allFinished, timeout=timeout_ms(timeout)):
        rows = view.upload_files(paths)
    return rows


def test_upload_several_files_with_progress_and_failures(
    qtbot: QtBot,
    run: Runner,
    server: ServerProcess,
    http: httpx.AsyncClient,
    section: Section,
    tmp_path: Path,
) -> None:
    alice = run(sign_in(server, http, "Алиса"))
    widget = section(server, alice)
    photos_page = widget.open_my_photos()
    panel = photos_page.panel
    qtbot.waitUntil(lambda: panel.count_label.text() == "No albums yet.", timeout=timeout_ms(5))
    assert panel.new_button.isVisible()
    view = open_new_album(qtbot, panel, "Летняя встреча")
    assert view.album.owner_type == "user"
    assert view.album.can_upload

    big = image_file(tmp_path / "big.jpg", (640, 480), noise=True)
    assert big.stat().st_size > 4 * 64 * 1024  # several chunks, so several progress steps
    small = image_file(tmp_path / "small.png", (300, 200))
    files = [
        big,
        small,
        MEDIA_DATA / "image_invalid.jpg",
        MEDIA_DATA / "truncated_jpeg.jpg",
        MEDIA_DATA / "16384x16384.png",
    ]
    progress: dict[str, list[int]] = {}
    with qtbot.waitSignal(view.uploads.allFinished, timeout=timeout_ms(30)):
        rows = view.upload_files(files)
        for row in rows:
            values = progress.setdefault(row.path.name, [])
            row.progress.valueChanged.connect(values.append)
    assert len(rows) == len(files)

    assert [photo.id for photo in view.model.photos()] and view.model.rowCount() == 2
    assert progress["big.jpg"] == sorted(progress["big.jpg"])
    assert len(progress["big.jpg"]) >= 4
    assert progress["big.jpg"][-1] == 100
    assert progress["small.png"][-1] == 100

    failed = {row.path.name: row.error_label.text() for row in view.uploads.failed_rows()}
    assert failed == {
        "image_invalid.jpg": f"image_invalid.jpg: {error_text(ErrorCode.NOT_AN_IMAGE)}",
        "truncated_jpeg.jpg": f"truncated_jpeg.jpg: {error_text(ErrorCode.IMAGE_DAMAGED)}",
        "16384x16384.png": f"16384x16384.png: {error_text(ErrorCode.IMAGE_TOO_LARGE)}",
    }
    assert view.uploads.isVisible()
    for row in view.uploads.failed_rows():
        qtbot.mouseClick(row.close_button, Qt.MouseButton.LeftButton)
    assert view.uploads.rows == []
    assert not view.uploads.isVisible()

    # The album list counts the new photos; the grid paints their thumbnails.
    assert view.album.photo_count == 2
    assert panel.albums[0].photo_count == 2
    thumbnails = {view.resolve(photo.variants.square.url) for photo in view.model.photos()}
    qtbot.waitUntil(lambda: all(url in view.loader.cache for url in thumbnails), timeout=timeout_ms(5))

    # The viewer opens on a double-clicked photo and moves with the arrow keys.
    viewer = view.open_viewer(0)
    qtbot.waitExposed(viewer)
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.index == 1
    qtbot.waitUntil(lambda: viewer.current_url() in view.loader.cache, timeout=timeout_ms(5))
    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()


def test_drop_files_onto_album(
    qtbot: QtBot,
    run: Runner,
    server: ServerProcess,
    http: httpx.AsyncClient,
    section: Section,
    tmp_path: Path,
) -> None:
    alice = run(sign_in(server, http, "Алиса"))
    widget = section(server, alice)
    view = open_new_album(qtbot, widget.open_my_photos().panel, "Перетаскивание")
    files = [image_file(tmp_path / f"drop-{index}.jpg", (200 + index, 150)) for index in range(3)]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in files])

    enter = QDragEnterEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(view.uploads.allFinished, timeout=timeout_ms(20)):
        QApplication.sendEvent(view, drop)
    assert drop.isAccepted()
    assert [row.error_label.text() for row in view.uploads.failed_rows()] == []
    assert view.model.rowCount() == 3


def test_album_edit_cover_and_delete(
    qtbot: QtBot,
    run: Runner,
    server: ServerProcess,
    http: httpx.AsyncClient,
    section: Section,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args, **_kwargs: QMessageBox.StandardButton.Yes)
    alice = run(sign_in(server, http, "Алиса"))
    widget = section(server, alice)
    panel = widget.open_my_photos().panel
    view = open_new_album(qtbot, panel, "Черновик")
    upload_and_wait(qtbot, view, [image_file(tmp_path / f"p{index}.jpg", (320, 240)) for index in range(2)])
    assert view.model.rowCount() == 2

    with qtbot.waitSignal(view.albumChanged, timeout=timeout_ms(5)):
        run(view.update_album({"title": "Трек-день", "description": "Сентябрь, Приморское кольцо"}))
    assert view.title_label.text() == "Трек-день"
    assert view.description_label.text() == "Сентябрь, Приморское кольцо"

    view.grid.setCurrentIndex(view.model.index(1))
    assert view.cover_button.isEnabled()
    chosen = view.model.photo(1)
    with qtbot.waitSignal(view.albumChanged, timeout=timeout_ms(5)):
        qtbot.mouseClick(view.cover_button, Qt.MouseButton.LeftButton)
    assert view.album.cover is not None
    assert view.album.cover.id == chosen.id
    # The album list reloads on its own after the change.
    qtbot.waitUntil(lambda: bool(panel.albums) and panel.albums[0].cover is not None, timeout=timeout_ms(5))

    # Pick the other photo by id: the grid may have reloaded in server order meanwhile.
    other = next(row for row in range(view.model.rowCount()) if view.model.photo(row).id != chosen.id)
    view.grid.setCurrentIndex(view.model.index(other))
    with qtbot.waitSignal(view.albumChanged, timeout=timeout_ms(5)):
        qtbot.mouseClick(view.delete_photo_button, Qt.MouseButton.LeftButton)
    assert [photo.id for photo in view.model.photos()] == [chosen.id]
    assert view.album.photo_count == 1

    album_id = view.album.id
    with qtbot.waitSignal(view.albumDeleted, timeout=timeout_ms(5)):
        qtbot.mouseClick(view.delete_button, Qt.MouseButton.LeftButton)
    assert panel.album_view is None
    assert all(album.id != album_id for album in panel.albums)
    assert run(alice.get(f"/api/v1/albums/{album_id}")).status_code == 404


def test_club_album_member_uploads_without_managing(
    qtbot: QtBot,
    run: Runner,
    server: ServerProcess,
    http: httpx.AsyncClient,
    section: Section,
    tmp_path: Path,
) -> None:
    bob = run(sign_in(server, http, "Боб"))
    body = {"title": f"Фотоклуб {uuid.uuid4().hex[:6]}", "city": "Москва", "topic": "Lada"}
    club = run(bob.post("/api/v1/clubs", json=body)).json()["club"]
    album = run(
        bob.post("/api/v1/albums", json={"owner_type": "club", "owner_id": club["id"], "title": "Встречи"})
    ).json()["album"]
    alice = run(sign_in(server, http, "Алиса"))
    assert run(alice.post(f"/api/v1/clubs/{club['id']}/join")).status_code == 200

    widget = section(server, alice)
    page = widget.open_club(run(widget.clubs_api.club(club["id"])))
    panel = page.albums_panel
    qtbot.waitUntil(lambda: [a.id for a in panel.albums] == [album["id"]], timeout=timeout_ms(5))
    assert not panel.new_button.isVisible()  # only the owner and admins create club albums

    panel.list.setCurrentRow(0)
    panel._on_item(panel.list.item(0))
    view = panel.album_view
    assert view is not None
    assert view.upload_button.isVisible()
    assert not view.edit_button.isVisible()
    assert not view.delete_button.isVisible()
    upload_and_wait(qtbot, view, [image_file(tmp_path / "meet.jpg", (400, 300))])
    assert view.model.rowCount() == 1
    view.grid.setCurrentIndex(view.model.index(0))
    assert view.delete_photo_button.isEnabled()  # her own photo


def test_upload_size_limits(
    qtbot: QtBot, run: Runner, start_server: Any, section: Section, tmp_path: Path
) -> None:
    server: ServerProcess = start_server(max_upload_mb="1")
    client = httpx.AsyncClient(base_url=server.api_url, timeout=10)
    try:
        alice = run(sign_in(server, client, "Алиса"))
        widget = section(server, alice)
        view = open_new_album(qtbot, widget.open_my_photos().panel, "Большие файлы")
        just_over = tmp_path / "just_over.jpg"
        just_over.write_bytes(os.urandom(1024 * 1024 + 10 * 1024))
        far_over = tmp_path / "far_over.jpg"
        far_over.write_bytes(os.urandom(8 * 1024 * 1024))
        upload_and_wait(qtbot, view, [just_over, far_over])
    finally:
        run(client.aclose())

    failed = {row.path.name: row.error_label.text() for row in view.uploads.failed_rows()}
    assert failed == {
        "just_over.jpg": f"just_over.jpg: {error_text(ErrorCode.FILE_TOO_LARGE)}",
        "far_over.jpg": f"far_over.jpg: {error_text(ErrorCode.PAYLOAD_TOO_LARGE)}",
    }
    assert view.model.rowCount() == 0
