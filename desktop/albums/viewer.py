"""Full-size photo viewer: the medium or large variant, Left and Right to move, Esc to close."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from desktop.albums.cache import ImageLoader
from shared.photos import PhotoOut

MEDIUM_VARIANT_SIDE = 1024
"""Maximum side of the ``medium`` variant in pixels; a larger viewer gets ``large``."""


def choose_variant(photo: PhotoOut, width: int, height: int, device_pixel_ratio: float = 1.0) -> str:
    """Return the URL of ``medium`` if it fills a ``width`` x ``height`` area, else of ``large``."""
    needed = max(width, height) * device_pixel_ratio
    if needed <= MEDIUM_VARIANT_SIDE:
        return photo.variants.medium.url
    return photo.variants.large.url


def fit_rect(image: QSize, area: QRect) -> QRect:
    """Return the largest rectangle of the image's aspect ratio centred in ``area``; never upscaled."""
    if image.width() <= 0 or image.height() <= 0:
        return QRect()
    scale = min(area.width() / image.width(), area.height() / image.height(), 1.0)
    width = round(image.width() * scale)
    height = round(image.height() * scale)
    return QRect(
        area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2, width, height
    )


class PhotoCanvas(QWidget):
    """Paints one pixmap fitted to the widget on a dark background."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pixmap: QPixmap | None = None
        self.natural_size = QSize()
        """Size of the photo, so that a blurred preview is drawn as large as the photo would be."""

    def set_pixmap(self, pixmap: QPixmap | None, natural_size: QSize) -> None:
        self.pixmap = pixmap
        self.natural_size = natural_size
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#111418"))
        if self.pixmap is not None and not self.pixmap.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(fit_rect(self.natural_size, self.rect()), self.pixmap)
        painter.end()


class PhotoViewer(QDialog):
    """Shows one photo of a list at a time.

    Signals:
        currentChanged(int): the index of the photo now shown.
    """

    currentChanged = Signal(int)

    def __init__(
        self,
        photos: list[PhotoOut],
        index: int,
        loader: ImageLoader,
        resolve: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("photoViewer")
        self.setWindowTitle(self.tr("Photo"))
        self.photos = photos
        self.index = index
        self.loader = loader
        self._resolve = resolve
        self.canvas = PhotoCanvas()
        self.counter = QLabel()
        self.counter.setObjectName("hint")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.counter)
        self.resize(1000, 720)
        loader.loaded.connect(self._on_loaded)
        self.show_photo(index)

    @property
    def photo(self) -> PhotoOut:
        return self.photos[self.index]

    def current_url(self) -> str:
        ratio = self.devicePixelRatioF()
        return self._resolve(choose_variant(self.photo, self.canvas.width(), self.canvas.height(), ratio))

    def show_photo(self, index: int) -> None:
        """Show photo ``index``, drawing the thumbnail or preview until the variant loads."""
        if not 0 <= index < len(self.photos):
            return
        self.index = index
        self.counter.setText(
            self.tr("%1 of %2").replace("%1", str(index + 1)).replace("%2", str(len(self.photos)))
        )
        self._refresh_pixmap()
        self.currentChanged.emit(index)

    def _refresh_pixmap(self) -> None:
        photo = self.photo
        url = self.current_url()
        pixmap = self.loader.pixmap(url)
        if pixmap is None:
            self.loader.request(url)
            pixmap = self.loader.pixmap(self._resolve(photo.variants.small.url))
            if pixmap is None:
                pixmap = self.loader.preview(f"preview:{photo.id}", photo.preview)
        self.canvas.set_pixmap(pixmap, QSize(photo.width, photo.height))

    def _on_loaded(self, url: str) -> None:
        if url == self.current_url():
            self._refresh_pixmap()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Right:
            self.show_photo(min(self.index + 1, len(self.photos) - 1))
        elif event.key() == Qt.Key.Key_Left:
            self.show_photo(max(self.index - 1, 0))
        else:
            super().keyPressEvent(event)  # Esc rejects the dialog, which closes it.

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.photos:
            self._refresh_pixmap()
