"""The photo grid: a list model of ``PhotoOut`` and a delegate that paints square thumbnails.

The delegate requests a thumbnail only when Qt paints its item, so an album
of thousands of photos downloads only what is on screen. Until the thumbnail
arrives it paints the photo's inline blurred ``preview``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.albums.cache import ImageLoader
from shared.photos import PhotoOut

PHOTO_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

THUMBNAIL_SIZE = 150
"""Side of a grid cell's image in device-independent pixels."""

CELL_SPACING = 6

ModelIndex = QModelIndex | QPersistentModelIndex


class PhotoGridModel(QAbstractListModel):
    """Photos of one album, newest first, loaded a keyset page at a time.

    The view calls ``fetchMore`` when it scrolls to the end. The model then
    emits ``moreRequested`` with the ``after`` cursor, and the owner appends
    the page with ``append_page``.

    Signals:
        moreRequested(int): load the page after this photo id.
    """

    moreRequested = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._photos: list[PhotoOut] = []
        self._next_after: int | None = None
        self._loading = False

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._photos)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._photos):
            return None
        photo = self._photos[index.row()]
        if role == PHOTO_ROLE:
            return photo
        if role == ID_ROLE:
            return photo.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{photo.width} × {photo.height}"
        return None

    def photo(self, row: int) -> PhotoOut:
        return self._photos[row]

    def photos(self) -> list[PhotoOut]:
        return list(self._photos)

    def row_of(self, photo_id: int) -> int | None:
        for row, photo in enumerate(self._photos):
            if photo.id == photo_id:
                return row
        return None

    # Paging.

    def reset(self, photos: list[PhotoOut], next_after: int | None) -> None:
        self.beginResetModel()
        self._photos = list(photos)
        self._next_after = next_after
        self._loading = False
        self.endResetModel()

    def append_page(self, photos: list[PhotoOut], next_after: int | None) -> None:
        known = {photo.id for photo in self._photos}
        fresh = [photo for photo in photos if photo.id not in known]
        if fresh:
            first = len(self._photos)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._photos.extend(fresh)
            self.endInsertRows()
        self._next_after = next_after
        self._loading = False

    def page_failed(self) -> None:
        """Allow ``fetchMore`` again after a page failed to load."""
        self._loading = False

    def canFetchMore(self, parent: ModelIndex) -> bool:
        return not parent.isValid() and self._next_after is not None and not self._loading

    def fetchMore(self, parent: ModelIndex) -> None:
        if not self.canFetchMore(parent) or self._next_after is None:
            return
        self._loading = True
        self.moreRequested.emit(self._next_after)

    # Changes.

    def prepend(self, photo: PhotoOut) -> None:
        """Insert a newly uploaded photo at the top, where the newest photos are."""
        if self.row_of(photo.id) is not None:
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._photos.insert(0, photo)
        self.endInsertRows()

    def remove(self, photo_id: int) -> None:
        row = self.row_of(photo_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._photos[row]
        self.endRemoveRows()


class PhotoDelegate(QStyledItemDelegate):
    """Paints a square thumbnail, the blurred preview while it loads, or a grey tile."""

    def __init__(
        self, loader: ImageLoader, resolve: Callable[[str], str], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.loader = loader
        self._resolve = resolve

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return QSize(THUMBNAIL_SIZE + CELL_SPACING, THUMBNAIL_SIZE + CELL_SPACING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        photo = index.data(PHOTO_ROLE)
        if not isinstance(photo, PhotoOut):
            return
        rect: QRect = option.rect.adjusted(
            CELL_SPACING // 2, CELL_SPACING // 2, -(CELL_SPACING // 2), -(CELL_SPACING // 2)
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        url = self._resolve(photo.variants.square.url)
        pixmap = self.loader.pixmap(url)
        if pixmap is None:
            self.loader.request(url)
            pixmap = self.loader.preview(f"preview:{photo.id}", photo.preview)
        if pixmap is None:
            painter.fillRect(rect, QColor("#dfe4ec"))
        else:
            draw_cover(painter, rect, pixmap)
        state = option.state
        if state & QStyle.StateFlag.State_Selected:
            painter.setPen(QPen(QColor("#2f6fde"), 3))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()


def draw_cover(painter: QPainter, rect: QRect, pixmap: QPixmap) -> None:
    """Draw ``pixmap`` scaled to fill ``rect``, cropping the centre of the longer side."""
    if pixmap.width() <= 0 or pixmap.height() <= 0:
        return
    scale = max(rect.width() / pixmap.width(), rect.height() / pixmap.height())
    source_width = rect.width() / scale
    source_height = rect.height() / scale
    source = QRect(
        round((pixmap.width() - source_width) / 2),
        round((pixmap.height() - source_height) / 2),
        round(source_width),
        round(source_height),
    )
    painter.drawPixmap(rect, pixmap, source)
