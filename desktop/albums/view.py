"""One album: its photo grid, uploads by file dialog or drag and drop, and album actions."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.albums.api import AlbumsApi, ProgressCallback, resolve_media_url
from desktop.albums.cache import ImageLoader
from desktop.albums.dialogs import AlbumDialog
from desktop.albums.grid import CELL_SPACING, THUMBNAIL_SIZE, PhotoDelegate, PhotoGridModel
from desktop.albums.uploads import UploadPanel, UploadRow, is_upload_candidate
from desktop.albums.viewer import PhotoViewer
from desktop.api import ApiError
from desktop.errors import error_text
from desktop.tasks import TaskSupervisor
from shared.limits import MAX_PAGE_SIZE
from shared.photos import AlbumOut, PhotoOut

log = logging.getLogger("autoclub.desktop")

PHOTO_PAGE_SIZE = 60
"""Photos per page of the grid; a few screens of thumbnails."""

IMAGE_FILTER = "*.jpg *.jpeg *.png *.webp *.gif *.tif *.tiff *.heic *.heif *.avif"


class AlbumView(QWidget):
    """The photos of one album in a lazily painted grid.

    Signals:
        backRequested(): return to the album list.
        albumChanged(AlbumOut): the album was renamed, got a cover or a new photo count.
        albumDeleted(int): the album with this id was deleted.
        errorOccurred(str): a translated sentence for a failed action.
    """

    backRequested = Signal()
    albumChanged = Signal(object)
    albumDeleted = Signal(int)
    errorOccurred = Signal(str)

    def __init__(
        self,
        albums: AlbumsApi,
        loader: ImageLoader,
        supervisor: TaskSupervisor,
        album: AlbumOut,
        user_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("albumView")
        self.user_id = user_id
        """The signed-in user, who may delete their own photos."""
        self.albums = albums
        self.loader = loader
        self.album = album
        self._supervisor = supervisor
        self.viewer: PhotoViewer | None = None
        self.setAcceptDrops(album.can_upload)

        self.back_button = QPushButton(self.tr("← Albums"))
        self.back_button.setObjectName("link")
        self.back_button.clicked.connect(self.backRequested)
        self.title_label = QLabel()
        self.title_label.setObjectName("accountName")  # the style sheet's bold, larger label
        self.description_label = QLabel()
        self.description_label.setObjectName("hint")
        self.description_label.setWordWrap(True)
        self.upload_button = QPushButton(self.tr("Add photos…"))
        self.upload_button.setObjectName("primary")
        self.upload_button.clicked.connect(self.choose_files)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setObjectName("secondary")
        self.edit_button.clicked.connect(self.edit_album)
        self.cover_button = QPushButton(self.tr("Set as album cover"))
        self.cover_button.setObjectName("secondary")
        self.cover_button.clicked.connect(self.set_cover_from_selection)
        self.delete_photo_button = QPushButton(self.tr("Delete photo"))
        self.delete_photo_button.setObjectName("secondary")
        self.delete_photo_button.clicked.connect(self.delete_selected_photo)
        self.delete_button = QPushButton(self.tr("Delete album"))
        self.delete_button.setObjectName("secondary")
        self.delete_button.clicked.connect(self.delete_album)

        header = QHBoxLayout()
        header.addWidget(self.back_button)
        header.addWidget(self.title_label, 1)
        for button in (
            self.cover_button,
            self.delete_photo_button,
            self.edit_button,
            self.delete_button,
            self.upload_button,
        ):
            header.addWidget(button)

        self.model = PhotoGridModel(self)
        self._local_changes = 0
        self.model.moreRequested.connect(self._load_more)
        self.grid = QListView()
        self.grid.setObjectName("photoGrid")
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)
        self.grid.setGridSize(QSize(THUMBNAIL_SIZE + CELL_SPACING, THUMBNAIL_SIZE + CELL_SPACING))
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.grid.setAcceptDrops(False)
        self.grid.viewport().setAcceptDrops(False)
        self.grid.setModel(self.model)
        self.grid.setItemDelegate(PhotoDelegate(loader, self.resolve, self.grid))
        self.grid.activated.connect(self._open_index)
        self.grid.doubleClicked.connect(self._open_index)
        self.grid.selectionModel().selectionChanged.connect(self._update_actions)
        loader.loaded.connect(self._on_image_loaded)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("hint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.uploads = UploadPanel(self._upload, supervisor)
        self.uploads.photoUploaded.connect(self._on_uploaded)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.description_label)
        layout.addWidget(self.uploads)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.empty_label)
        self._show_album()

    def resolve(self, url: str) -> str:
        return resolve_media_url(self.albums.api, url)

    # Loading.

    def load(self) -> None:
        """Load the first page of photos, replacing what the grid shows."""
        self._supervisor.spawn(self._load_first(), name=f"photos of album {self.album.id}")

    async def _load_first(self) -> None:
        # An upload or deletion that finishes while the page loads makes the page
        # stale, so it is fetched again instead of hiding that change.
        changes = self._local_changes
        try:
            page = await self.albums.photos(self.album.id, limit=min(PHOTO_PAGE_SIZE, MAX_PAGE_SIZE))
        except ApiError as error:
            self._report(error, "loading photos")
            return
        if changes != self._local_changes:
            await self._load_first()
            return
        self.model.reset(page.photos, page.next_after)
        self._update_empty()

    def _load_more(self, after: int) -> None:
        self._supervisor.spawn(self._load_page(after), name=f"photos of album {self.album.id} after {after}")

    async def _load_page(self, after: int) -> None:
        try:
            page = await self.albums.photos(self.album.id, after=after, limit=PHOTO_PAGE_SIZE)
        except ApiError as error:
            self.model.page_failed()
            self._report(error, "loading more photos")
            return
        self.model.append_page(page.photos, page.next_after)

    def _on_image_loaded(self, _url: str) -> None:
        # Repaint only what is on screen; items off screen paint when scrolled to.
        self.grid.viewport().update()

    # Album state.

    def _show_album(self) -> None:
        album = self.album
        self.title_label.setText(album.title)
        self.description_label.setText(album.description)
        self.description_label.setVisible(bool(album.description))
        self.upload_button.setVisible(album.can_upload)
        self.setAcceptDrops(album.can_upload)
        for button in (self.edit_button, self.delete_button, self.cover_button):
            button.setVisible(album.can_manage)
        self._update_actions()
        self._update_empty()

    def _set_album(self, album: AlbumOut) -> None:
        self.album = album
        self._show_album()
        self.albumChanged.emit(album)

    def _update_empty(self) -> None:
        if self.album.can_upload:
            text = self.tr("No photos yet. Add some with “Add photos…” or drop files here.")
        else:
            text = self.tr("No photos yet.")
        self.empty_label.setText(text)
        self.empty_label.setVisible(self.model.rowCount() == 0)

    def selected_photo(self) -> PhotoOut | None:
        indexes = self.grid.selectionModel().selectedIndexes()
        return self.model.photo(indexes[0].row()) if indexes else None

    def _update_actions(self) -> None:
        photo = self.selected_photo()
        self.cover_button.setEnabled(photo is not None)
        can_delete = photo is not None and (self.album.can_manage or photo.uploader_id == self.user_id)
        self.delete_photo_button.setVisible(self.album.can_upload or self.album.can_manage)
        self.delete_photo_button.setEnabled(can_delete)

    # Viewer.

    def _open_index(self, index: QModelIndex) -> None:
        self.open_viewer(index.row())

    def _follow_viewer(self, row: int) -> None:
        self.grid.setCurrentIndex(self.model.index(row))

    def open_viewer(self, row: int) -> PhotoViewer:
        """Open the viewer on photo ``row`` of the grid."""
        viewer = PhotoViewer(self.model.photos(), row, self.loader, self.resolve, self)
        viewer.currentChanged.connect(self._follow_viewer)
        viewer.finished.connect(viewer.deleteLater)
        self.viewer = viewer
        viewer.open()
        return viewer

    # Uploads.

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Add photos"), "", self.tr("Images (%1)").replace("%1", IMAGE_FILTER)
        )
        self.upload_files([Path(path) for path in paths])

    def upload_files(self, paths: list[Path]) -> list[UploadRow]:
        """Start uploading the files among ``paths``; folders are skipped. Returns their rows."""
        files = [path for path in paths if is_upload_candidate(path)]
        return self.uploads.add_files(files) if files else []

    async def _upload(self, filename: str, data: bytes, progress: ProgressCallback) -> PhotoOut:
        return await self.albums.upload_photo(self.album.id, filename, data, progress)

    def _on_uploaded(self, photo: PhotoOut) -> None:
        self._local_changes += 1
        self.model.prepend(photo)
        self._update_empty()
        self.album = self.album.model_copy(update={"photo_count": self.album.photo_count + 1})
        self.albumChanged.emit(self.album)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.album.can_upload and event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if not self.album.can_upload or not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.upload_files(paths)

    # Album actions.

    def edit_album(self) -> None:
        dialog = AlbumDialog(self.album.title, self.album.description, self)
        dialog.submitted.connect(self._spawn_update)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _spawn_update(self, title: str, description: str) -> None:
        changes = {"title": title, "description": description}
        self._supervisor.spawn(self.update_album(changes), name=f"update album {self.album.id}")

    async def update_album(self, changes: dict[str, Any]) -> None:
        try:
            album = await self.albums.update_album(self.album.id, changes)
        except ApiError as error:
            self._report(error, "updating the album")
            return
        self._set_album(album)

    def set_cover_from_selection(self) -> None:
        photo = self.selected_photo()
        if photo is not None:
            self._supervisor.spawn(self.update_album({"cover_photo_id": photo.id}), name="set album cover")

    def delete_selected_photo(self) -> None:
        photo = self.selected_photo()
        if photo is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete photo"), self.tr("Delete this photo for everyone?")
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._supervisor.spawn(self.delete_photo(photo.id), name=f"delete photo {photo.id}")

    async def delete_photo(self, photo_id: int) -> None:
        try:
            await self.albums.delete_photo(photo_id)
        except ApiError as error:
            self._report(error, "deleting a photo")
            return
        self._local_changes += 1
        self.model.remove(photo_id)
        self._update_empty()
        try:
            self._set_album(await self.albums.album(self.album.id))
        except ApiError as error:
            self._report(error, "reloading the album")

    def delete_album(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Delete album"),
            self.tr("Delete the album “%1” with all its photos?").replace("%1", self.album.title),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._supervisor.spawn(self.remove_album(), name=f"delete album {self.album.id}")

    async def remove_album(self) -> None:
        try:
            await self.albums.delete_album(self.album.id)
        except ApiError as error:
            self._report(error, "deleting the album")
            return
        self.albumDeleted.emit(self.album.id)

    def _report(self, error: ApiError, action: str) -> None:
        log.warning("Album %s: %s failed: %s", self.album.id, action, error)
        self.errorOccurred.emit(error_text(error.code))
