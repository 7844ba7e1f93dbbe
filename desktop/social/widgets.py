"""Small painted pieces shared by the social views: avatars, presence dots and the toast."""

from __future__ import annotations

import zlib

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from desktop.formatting import initials

AVATAR_COLORS = ("#e17055", "#00b894", "#0984e3", "#6c5ce7", "#fdcb6e", "#e84393", "#00cec9")
ONLINE_COLOR = QColor("#2eb85c")
MUTED_COLOR = QColor("#6b7480")

TOAST_SECONDS = 6.0
"""How long a notification stays before it slides away, unless the pointer is over it."""

TOAST_MARGIN = 16


def avatar_color(user_id: int) -> QColor:
    return QColor(AVATAR_COLORS[zlib.crc32(str(user_id).encode()) % len(AVATAR_COLORS)])


def paint_avatar(painter: QPainter, rect: QRectF, name: str, user_id: int, font: QFont) -> None:
    """Paint a coloured circle with the initials of ``name``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(avatar_color(user_id))
    painter.drawEllipse(rect)
    bold = QFont(font)
    bold.setBold(True)
    bold.setPointSizeF(max(6.0, rect.height() * 0.3))
    painter.setFont(bold)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.restore()


def paint_presence_dot(painter: QPainter, avatar: QRectF, ring: QColor) -> None:
    """Paint the green "online" dot on the lower right of an avatar, with a ring of the background colour."""
    diameter = max(8.0, avatar.width() * 0.28)
    dot = QRectF(avatar.right() - diameter, avatar.bottom() - diameter, diameter, diameter)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ring)
    painter.drawEllipse(dot.adjusted(-2, -2, 2, 2))
    painter.setBrush(ONLINE_COLOR)
    painter.drawEllipse(dot)
    painter.restore()


class Avatar(QWidget):
    """A round avatar with initials and, for online friends, a presence dot."""

    def __init__(self, size: int = 40, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size = size
        self.name = ""
        self.user_id = 0
        self.online = False
        self.setFixedSize(size, size)

    def set_user(self, user_id: int, name: str) -> None:
        self.user_id = user_id
        self.name = name
        self.update()

    def set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(self._size, self._size)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(1, 1, self._size - 2, self._size - 2)
        paint_avatar(painter, rect, self.name, self.user_id, self.font())
        if self.online:
            paint_presence_dot(painter, rect, self.palette().window().color())
        painter.end()


class SocialToast(QWidget):
    """An in-window notification in the top right corner of its parent. Click to act on it.

    Notifications that arrive while one shows wait in a queue.

    Signals:
        activated(str, int): the user clicked a notification (its kind and user id).
    """

    activated = Signal(str, int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("socialToast")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#socialToast { background: #1f2933; border-radius: 10px; }"
            " #socialToast QLabel { color: #ffffff; }"
        )
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.avatar = Avatar(32)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 16, 10)
        layout.setSpacing(10)
        layout.addWidget(self.avatar)
        layout.addWidget(self.label, 1)
        self.setFixedWidth(340)
        self._queue: list[tuple[str, str, int, str]] = []
        self._current: tuple[str, str, int, str] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._next)
        parent.installEventFilter(self)
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    def notify(self, kind: str, text: str, user_id: int, name: str = "") -> None:
        """Show a notification now, or after the ones already waiting."""
        self._queue.append((kind, text, user_id, name))
        if self._current is None:
            self._next()

    def _next(self) -> None:
        if not self._queue:
            self._current = None
            self.hide()
            return
        self._current = self._queue.pop(0)
        _kind, text, user_id, name = self._current
        self.label.setText(text)
        self.avatar.set_user(user_id, name or text)
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()
        self._timer.start(int(TOAST_SECONDS * 1000))

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.move(parent.width() - self.width() - TOAST_MARGIN, TOAST_MARGIN + 24)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def enterEvent(self, _event: QEvent) -> None:
        self._timer.stop()

    def leaveEvent(self, _event: QEvent) -> None:
        if self._current is not None:
            self._timer.start(int(TOAST_SECONDS * 1000 / 2))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._current is not None:
            kind, _text, user_id, _name = self._current
            self._timer.stop()
            self._next()
            self.activated.emit(kind, user_id)
