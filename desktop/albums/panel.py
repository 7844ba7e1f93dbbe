"""The albums of one owner (a club or a user): the album list and the open album."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.albums.api import AlbumsApi, resolve_media_url
from desktop.albums.cache import ImageLoader
from desktop.albums.dialogs import AlbumDialog
from desktop.albums.view import AlbumView
from desktop.api import ApiError
from desktop.errors import error_text
from desktop.tasks import TaskSupervisor
from shared.photos import AlbumOut, OwnerType

log = logging.getLogger("autoclub.desktop")

ALBUM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ALBUM_ICON_SIZE = 120


class AlbumsPanel(QWidget):
    """Album list of a club or a user, with "New album" for a caller who may create one.

    NOTE: the list loads every page of albums at once and keeps one item per
    album, which suits owners with tens of albums, not thousands.

    Signals:
        errorOccurred(str): a translated sentence for a failed action.
        albumOpened(AlbumView): an album's grid is now shown.
    """

    errorOccurred = Signal(str)
    albumOpened = Signal(object)

    def __init__(
        self,
        albums: AlbumsApi,
        loader: ImageLoader,
        supervisor: TaskSupervisor,
        owner_type: OwnerType,
        owner_id: int,
        user_id: int,
        *,
        can_create: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.albums_api = albums
        self.loader = loader
        self.owner_type: OwnerType = owner_type
        self.owner_id = owner_id
        self.user_id = user_id
        self._supervisor = supervisor
        self.albums: list[AlbumOut] = []
        # Counts local changes to the list, so a load that overlapped one is redone.
        self._generation = 0
        self.album_view: AlbumView | None = None

        self.new_button = QPushButton(self.tr("New album…"))
        self.new_button.setObjectName("secondary")
        self.new_button.clicked.connect(self.ask_new_album)
        self.new_button.setVisible(can_create)
        self.count_label = QLabel()
        self.count_label.setObjectName("hint")
        header = QHBoxLayout()
        header.addWidget(self.count_label, 1)
        header.addWidget(self.new_button)

        self.list = QListWidget()
        self.list.setObjectName("albumList")
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setIconSize(QSize(ALBUM_ICON_SIZE, ALBUM_ICON_SIZE))
        self.list.setGridSize(QSize(ALBUM_ICON_SIZE + 40, ALBUM_ICON_SIZE + 48))
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._on_item)
        self.list.itemClicked.connect(self._on_item)
        loader.loaded.connect(self._on_image_loaded)

        self.list_page = QWidget()
        list_layout = QVBoxLayout(self.list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(header)
        list_layout.addWidget(self.list, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def set_can_create(self, can_create: bool) -> None:
        self.new_button.setVisible(can_create)

    # Loading.

    def load(self) -> None:
        self._supervisor.spawn(self.refresh(), name=f"albums of {self.owner_type} {self.owner_id}")

    async def refresh(self) -> None:
        """Load every album of the owner and show the list.

        A local change (a new, changed or deleted album) made while the list
        loads makes the loaded list stale, so it is fetched again.
        """
        generation = self._generation
        albums: list[AlbumOut] = []
        after: int | None = None
        try:
            while True:
                page = await self.albums_api.albums(self.owner_type, self.owner_id, after=after)
                albums.extend(page.albums)
                if page.next_after is None:
                    break
                after = page.next_after
        except ApiError as error:
            self._report(error, "loading albums")
            return
        if generation != self._generation:
            await self.refresh()
            return
        self.set_albums(albums)

    def set_albums(self, albums: list[AlbumOut]) -> None:
        self.albums = list(albums)
        self.list.clear()
        for album in self.albums:
            item = QListWidgetItem(self._item_text(album))
            item.setData(ALBUM_ID_ROLE, album.id)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.list.addItem(item)
            self._set_icon(item, album)
        if albums:
            self.count_label.setText(self.tr("Albums: %1").replace("%1", str(len(albums))))
        else:
            self.count_label.setText(self.tr("No albums yet."))

    def _item_text(self, album: AlbumOut) -> str:
        photos = self.tr("%n photo(s)", "", album.photo_count)
        return f"{album.title}\n{photos}"

    def _cover_url(self, album: AlbumOut) -> str | None:
        if album.cover is None:
            return None
        return resolve_media_url(self.albums_api.api, album.cover.variants.square.url)

    def _set_icon(self, item: QListWidgetItem, album: AlbumOut) -> None:
        url = self._cover_url(album)
        pixmap: QPixmap | None = None
        if url is not None and album.cover is not None:
            pixmap = self.loader.pixmap(url)
            if pixmap is None:
                self.loader.request(url)
                pixmap = self.loader.preview(f"preview:{album.cover.id}", album.cover.preview)
        if pixmap is None:
            pixmap = QPixmap(ALBUM_ICON_SIZE, ALBUM_ICON_SIZE)
            pixmap.fill(Qt.GlobalColor.lightGray)
        item.setIcon(QIcon(pixmap))

    def _on_image_loaded(self, url: str) -> None:
        for row, album in enumerate(self.albums):
            item = self.list.item(row)
            if item is not None and self._cover_url(album) == url:
                self._set_icon(item, album)

    # Opening an album.

    def _on_item(self, item: QListWidgetItem) -> None:
        album_id = item.data(ALBUM_ID_ROLE)
        for album in self.albums:
            if album.id == album_id:
                self.open_album(album)
                return

    def open_album(self, album: AlbumOut) -> AlbumView:
        """Show the grid of ``album`` in place of the list."""
        self.close_album()
        view = AlbumView(self.albums_api, self.loader, self._supervisor, album, self.user_id)
        view.backRequested.connect(self.close_album)
        view.albumChanged.connect(self._on_album_changed)
        view.albumDeleted.connect(self._on_album_deleted)
        view.errorOccurred.connect(self.errorOccurred)
        self.album_view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        view.load()
        self.albumOpened.emit(view)
        return view

    def close_album(self) -> None:
        view, self.album_view = self.album_view, None
        self.stack.setCurrentWidget(self.list_page)
        if view is not None:
            self.stack.removeWidget(view)
            view.deleteLater()

    def _on_album_changed(self, album: AlbumOut) -> None:
        self._generation += 1
        self.set_albums([album if old.id == album.id else old for old in self.albums])

    def _on_album_deleted(self, album_id: int) -> None:
        self.close_album()
        self._generation += 1
        self.set_albums([album for album in self.albums if album.id != album_id])

    # Creating.

    def ask_new_album(self) -> None:
        dialog = AlbumDialog(parent=self)
        dialog.submitted.connect(self.create_album)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def create_album(self, title: str, description: str) -> None:
        self._supervisor.spawn(self._create(title, description), name="create album")

    async def _create(self, title: str, description: str) -> AlbumOut | None:
        try:
            album = await self.albums_api.create_album(self.owner_type, self.owner_id, title, description)
        except ApiError as error:
            self._report(error, "creating an album")
            return None
        self._generation += 1
        self.set_albums([album, *self.albums])
        self.open_album(album)
        return album

    def _report(self, error: ApiError, action: str) -> None:
        log.warning("Albums of %s %s: %s failed: %s", self.owner_type, self.owner_id, action, error)
        self.errorOccurred.emit(error_text(error.code))
