"""The club cover: a banner cropped around the focal point, and the focal point picker."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QLinearGradient,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.albums.cache import ImageLoader
from desktop.albums.viewer import fit_rect
from shared.clubs import CoverOut

BANNER_HEIGHT = 220
"""Height of the banner on the club page in device-independent pixels."""

MEDIUM_VARIANT_SIDE = 1024


def banner_crop_rect(
    image_width: float, image_height: float, banner_aspect: float, focal_x: float, focal_y: float
) -> QRectF:
    """Return the part of an image that a banner of ``banner_aspect`` (width / height) shows.

    The rectangle is the largest one of the banner's aspect ratio that fits in
    the image. It is centred on the focal point, given in fractions of the width
    and height with (0, 0) at the top left, and then shifted into the image. An
    empty image or a non-positive aspect ratio gives an empty rectangle.
    """
    if image_width <= 0 or image_height <= 0 or banner_aspect <= 0:
        return QRectF()
    if image_width / image_height > banner_aspect:
        height = image_height
        width = image_height * banner_aspect
    else:
        width = image_width
        height = image_width / banner_aspect
    center_x = min(max(focal_x, 0.0), 1.0) * image_width
    center_y = min(max(focal_y, 0.0), 1.0) * image_height
    left = min(max(center_x - width / 2, 0.0), image_width - width)
    top = min(max(center_y - height / 2, 0.0), image_height - height)
    return QRectF(left, top, width, height)


def focal_point_at(position: QPointF, image_rect: QRectF) -> tuple[float, float]:
    """Return the focal point of a click at ``position`` on an image drawn in ``image_rect``.

    The point is in fractions of the image's width and height, clamped to 0..1.
    """
    if image_rect.width() <= 0 or image_rect.height() <= 0:
        return 0.5, 0.5
    x = (position.x() - image_rect.left()) / image_rect.width()
    y = (position.y() - image_rect.top()) / image_rect.height()
    return min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0)


def cover_variant_url(cover: CoverOut, width: float) -> str:
    """Return the ``medium`` variant when it is wide enough for ``width`` pixels, else ``large``."""
    if width <= MEDIUM_VARIANT_SIDE:
        return cover.photo.variants.medium.url
    return cover.photo.variants.large.url


class CoverImage:
    """The best pixmap available for a cover: the variant, its preview, or none."""

    def __init__(
        self, loader: ImageLoader, resolve: Callable[[str], str], on_change: Callable[[], None]
    ) -> None:
        self.loader = loader
        self.resolve = resolve
        self.cover: CoverOut | None = None
        self._on_change = on_change
        self._url = ""
        loader.loaded.connect(self._on_loaded)

    def set_cover(self, cover: CoverOut | None, width: float) -> None:
        self.cover = cover
        self._url = self.resolve(cover_variant_url(cover, width)) if cover is not None else ""
        self._on_change()

    def pixmap(self) -> QPixmap | None:
        cover = self.cover
        if cover is None:
            return None
        pixmap = self.loader.pixmap(self._url)
        if pixmap is not None:
            return pixmap
        self.loader.request(self._url)
        return self.loader.preview(f"preview:{cover.photo.id}", cover.photo.preview)

    def _on_loaded(self, url: str) -> None:
        if url == self._url:
            self._on_change()


class BannerWidget(QWidget):
    """The cover cropped to the widget's aspect ratio around its focal point.

    Without a cover it paints a gradient, so the page keeps its shape.
    """

    def __init__(
        self, loader: ImageLoader, resolve: Callable[[str], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clubBanner")
        self.setFixedHeight(BANNER_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.image = CoverImage(loader, resolve, self.update)

    def set_cover(self, cover: CoverOut | None) -> None:
        self.image.set_cover(cover, max(self.width(), 1) * self.devicePixelRatioF())

    def source_rect(self) -> QRectF:
        """Return the part of the current pixmap that the banner shows, in the pixmap's pixels."""
        pixmap = self.image.pixmap()
        cover = self.image.cover
        if pixmap is None or cover is None or self.height() <= 0:
            return QRectF()
        return banner_crop_rect(
            pixmap.width(), pixmap.height(), self.width() / self.height(), cover.focal_x, cover.focal_y
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        pixmap = self.image.pixmap()
        if pixmap is None:
            gradient = QLinearGradient(0, 0, self.width(), self.height())
            gradient.setColorAt(0.0, QColor("#2f6fde"))
            gradient.setColorAt(1.0, QColor("#1b2a4a"))
            painter.fillRect(self.rect(), gradient)
        else:
            painter.drawPixmap(QRectF(self.rect()), pixmap, self.source_rect())
        painter.end()


class CoverPreview(QWidget):
    """The whole cover with a marker at the focal point; a click moves the point.

    Signals:
        focalPicked(float, float): the new focal point as fractions of width and height.
    """

    focalPicked = Signal(float, float)

    def __init__(self, image: QPixmap, focal_x: float, focal_y: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = image
        self.focal = (focal_x, focal_y)
        self.setMinimumSize(QSize(480, 320))
        self.setCursor(Qt.CursorShape.CrossCursor)

    def image_rect(self) -> QRect:
        return fit_rect(self.image.size(), self.rect()) if not self.image.isNull() else QRect()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.focal = focal_point_at(event.position(), QRectF(self.image_rect()))
        self.update()
        self.focalPicked.emit(*self.focal)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(self.rect(), QColor("#111418"))
        target = self.image_rect()
        if not target.isEmpty():
            painter.drawPixmap(target, self.image)
            center = QPointF(
                target.left() + self.focal[0] * target.width(), target.top() + self.focal[1] * target.height()
            )
            painter.setPen(QPen(QColor("#000000"), 4))
            painter.drawEllipse(center, 12, 12)
            painter.setPen(QPen(QColor("#ffffff"), 2))
            painter.drawEllipse(center, 12, 12)
        painter.end()


class FocalPointDialog(QDialog):
    """Picks the cover's focal point by a click on the whole cover; OK saves it.

    Signals:
        chosen(float, float): OK; the focal point as fractions of the width and height.
    """

    chosen = Signal(float, float)

    def __init__(self, image: QPixmap, focal_x: float, focal_y: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Focal point of the cover"))
        hint = QLabel(self.tr("Click the part of the photo that must stay in view when the banner crops it."))
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        self.preview = CoverPreview(image, focal_x, focal_y)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        self.resize(720, 520)

    def focal_point(self) -> tuple[float, float]:
        return self.preview.focal

    def accept(self) -> None:
        super().accept()
        self.chosen.emit(*self.focal_point())
