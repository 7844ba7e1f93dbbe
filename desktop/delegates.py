"""Item delegates that paint dialog rows and message bubbles.

Messages are painted, not built from widgets, so a long dialog costs only the
rows on screen. Text layout uses ``QTextLayout`` with wrapping at word
boundaries, or anywhere inside a word too long for one line.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractScrollArea, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.formatting import dialog_time, initials, message_time
from desktop.models import (
    IS_OWN_ROLE,
    ITEM_ROLE,
    PREVIEW_ROLE,
    TIMESTAMP_ROLE,
    UNREAD_ROLE,
    MessageItem,
    MessageState,
)

Index = QModelIndex | QPersistentModelIndex

OWN_BUBBLE = QColor("#2f6fde")
OWN_TEXT = QColor("#ffffff")
OTHER_BUBBLE = QColor("#eef1f6")
OTHER_TEXT = QColor("#1b1f24")
FAILED_TEXT = QColor("#d93025")
SELECTED_ROW = QColor("#e3ecfc")
MUTED_TEXT = QColor("#6b7480")
UNREAD_BADGE = QColor("#2f6fde")
AVATAR_COLORS = ("#e17055", "#00b894", "#0984e3", "#6c5ce7", "#fdcb6e", "#e84393", "#00cec9")


def _available_width(option: QStyleOptionViewItem) -> int:
    widget = option.widget
    if isinstance(widget, QAbstractScrollArea):
        return int(widget.viewport().width())
    return int(option.rect.width())


def _text_layout(text: str, font: QFont, width: float) -> tuple[QTextLayout, QSizeF]:
    """Lay ``text`` out in lines at most ``width`` pixels wide."""
    layout = QTextLayout(text, font)
    text_option = QTextOption()
    text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(text_option)
    layout.beginLayout()
    height = 0.0
    natural_width = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, height))
        height += line.height()
        natural_width = max(natural_width, line.naturalTextWidth())
    layout.endLayout()
    return layout, QSizeF(natural_width, height)


class MessageDelegate(QStyledItemDelegate):
    """Paints a message as a bubble: own messages on the right, others on the left."""

    OUTER_MARGIN = 12
    VERTICAL_GAP = 3
    PADDING_X = 12
    PADDING_Y = 7
    META_GAP = 2
    MAX_BUBBLE_FRACTION = 0.72
    CACHE_SIZE = 2000

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._size_cache: OrderedDict[tuple[str, str, int, str], QSize] = OrderedDict()

    STATUS_ICON_WIDTH = 18
    """Space right of the time for the state icon of an own message."""

    @staticmethod
    def meta_text(item: MessageItem) -> str:
        """Return the small text under a bubble: the time, or "Not sent" for a failed message."""
        if item.state == MessageState.FAILED:
            return QCoreApplication.translate("MessageDelegate", "Not sent")
        return message_time(item.created_at)

    @staticmethod
    def status_tooltip(item: MessageItem) -> str:
        """Return the words for the state icon of an own message."""
        texts = {
            MessageState.PENDING: QCoreApplication.translate("SyncMessageState", "Sending"),
            MessageState.SENT: QCoreApplication.translate("SyncMessageState", "Sent"),
            MessageState.READ: QCoreApplication.translate("SyncMessageState", "Read"),
            MessageState.FAILED: QCoreApplication.translate(
                "SyncMessageState", "Not sent. Double-click or right-click to try again."
            ),
        }
        return texts[item.state]

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        text_font = QFont(option.font)
        meta_font = QFont(text_font)
        meta_font.setPointSizeF(max(6.0, text_font.pointSizeF() * 0.8))
        return text_font, meta_font

    def _max_text_width(self, option: QStyleOptionViewItem) -> int:
        bubble = int(_available_width(option) * self.MAX_BUBBLE_FRACTION)
        return max(60, bubble - 2 * self.PADDING_X)

    def _bubble_size(self, item: MessageItem, option: QStyleOptionViewItem, own: bool) -> QSize:
        text_font, meta_font = self._fonts(option)
        max_width = self._max_text_width(option)
        meta = self.meta_text(item)
        key = (item.client_id, item.text, max_width, f"{meta} {own}")
        cached = self._size_cache.get(key)
        if cached is not None:
            self._size_cache.move_to_end(key)
            return cached
        _, text_size = _text_layout(item.text, text_font, max_width)
        meta_metrics = QFontMetrics(meta_font)
        meta_width = meta_metrics.horizontalAdvance(meta)
        if own:
            meta_width += self.STATUS_ICON_WIDTH
        width = int(max(text_size.width(), meta_width)) + 1 + 2 * self.PADDING_X
        height = int(text_size.height()) + 1 + self.META_GAP + meta_metrics.height() + 2 * self.PADDING_Y
        size = QSize(width, height)
        self._size_cache[key] = size
        if len(self._size_cache) > self.CACHE_SIZE:
            self._size_cache.popitem(last=False)
        return size

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        item = index.data(ITEM_ROLE)
        if not isinstance(item, MessageItem):
            return super().sizeHint(option, index)
        bubble = self._bubble_size(item, option, bool(index.data(IS_OWN_ROLE)))
        return QSize(_available_width(option), bubble.height() + 2 * self.VERTICAL_GAP)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        item = index.data(ITEM_ROLE)
        if not isinstance(item, MessageItem):
            super().paint(painter, option, index)
            return
        own = bool(index.data(IS_OWN_ROLE))
        text_font, meta_font = self._fonts(option)
        bubble_size = self._bubble_size(item, option, own)
        row_rect: QRect = option.rect
        left = (
            row_rect.right() - self.OUTER_MARGIN - bubble_size.width()
            if own
            else row_rect.left() + self.OUTER_MARGIN
        )
        bubble = QRectF(left, row_rect.top() + self.VERTICAL_GAP, bubble_size.width(), bubble_size.height())

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        bubble_color = QColor(OWN_BUBBLE if own else OTHER_BUBBLE)
        if item.state == MessageState.PENDING:
            bubble_color.setAlphaF(0.7)
        painter.setBrush(bubble_color)
        painter.drawRoundedRect(bubble, 14, 14)

        text_color = OWN_TEXT if own else OTHER_TEXT
        painter.setPen(text_color)
        layout, text_size = _text_layout(item.text, text_font, self._max_text_width(option))
        layout.draw(painter, QPointF(bubble.left() + self.PADDING_X, bubble.top() + self.PADDING_Y))

        painter.setFont(meta_font)
        meta_color = QColor(FAILED_TEXT if item.state == MessageState.FAILED else text_color)
        if item.state != MessageState.FAILED:
            meta_color.setAlphaF(0.7)
        painter.setPen(meta_color)
        meta_rect = QRectF(
            bubble.left() + self.PADDING_X,
            bubble.top() + self.PADDING_Y + text_size.height() + self.META_GAP,
            bubble.width() - 2 * self.PADDING_X,
            QFontMetrics(meta_font).height(),
        )
        if own:
            icon_rect = QRectF(
                meta_rect.right() - self.STATUS_ICON_WIDTH + 4,
                meta_rect.top(),
                self.STATUS_ICON_WIDTH - 4,
                meta_rect.height(),
            )
            meta_rect.setRight(meta_rect.right() - self.STATUS_ICON_WIDTH)
            paint_status_icon(painter, icon_rect, item.state, meta_color)
        painter.drawText(
            meta_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.meta_text(item)
        )
        painter.restore()


def paint_status_icon(painter: QPainter, rect: QRectF, state: MessageState, color: QColor) -> None:
    """Draw the state of an own message: a clock, one tick, two ticks, or a red "!" in a circle."""
    painter.save()
    size = min(rect.width(), rect.height(), 12.0)
    box = QRectF(0, 0, size, size)
    box.moveCenter(rect.center())
    pen = QPen(color, 1.4)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(pen)
    if state == MessageState.PENDING:
        painter.drawEllipse(box.adjusted(1, 1, -1, -1))
        center = box.center()
        painter.drawLine(center, QPointF(center.x(), box.top() + 3))
        painter.drawLine(center, QPointF(box.right() - 3.5, center.y()))
    elif state == MessageState.FAILED:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(FAILED_TEXT)
        painter.drawEllipse(box)
        painter.setPen(QPen(QColor("#ffffff"), 1.6))
        painter.drawLine(
            QPointF(box.center().x(), box.top() + 2.5), QPointF(box.center().x(), box.bottom() - 4.5)
        )
        painter.drawPoint(QPointF(box.center().x(), box.bottom() - 2.5))
    else:
        offsets = (0.0, 3.5) if state == MessageState.READ else (1.5,)
        for offset in offsets:
            path = QPainterPath(QPointF(box.left() + offset, box.center().y()))
            path.lineTo(box.left() + offset + size * 0.3, box.bottom() - 2.5)
            path.lineTo(box.left() + offset + size * 0.75, box.top() + 2.5)
            painter.drawPath(path)
    painter.restore()


class DialogDelegate(QStyledItemDelegate):
    """Paints a dialog row: avatar with initials, name, time and last message."""

    ROW_HEIGHT = 64
    AVATAR = 44
    MARGIN = 10

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(_available_width(option), self.ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        rect: QRect = option.rect
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        preview = str(index.data(PREVIEW_ROLE) or "")
        timestamp = index.data(TIMESTAMP_ROLE)
        dialog = index.data(ITEM_ROLE)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected:
            painter.fillRect(rect, SELECTED_ROW)

        avatar = QRectF(
            rect.left() + self.MARGIN,
            rect.top() + (rect.height() - self.AVATAR) / 2,
            self.AVATAR,
            self.AVATAR,
        )
        seed = zlib.crc32(str(getattr(dialog, "id", title)).encode())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(AVATAR_COLORS[seed % len(AVATAR_COLORS)]))
        painter.drawEllipse(avatar)
        avatar_font = QFont(option.font)
        avatar_font.setBold(True)
        painter.setFont(avatar_font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(avatar, Qt.AlignmentFlag.AlignCenter, initials(title))

        text_left = int(avatar.right()) + self.MARGIN
        text_width = rect.right() - self.MARGIN - text_left
        base_font = QFont(option.font)
        title_font = QFont(base_font)
        title_font.setBold(True)
        small_font = QFont(base_font)
        small_font.setPointSizeF(max(6.0, base_font.pointSizeF() * 0.9))

        time_text = dialog_time(timestamp) if timestamp is not None else ""
        small_metrics = QFontMetrics(small_font)
        time_width = small_metrics.horizontalAdvance(time_text)
        line_height = QFontMetrics(title_font).height()
        top = rect.top() + (rect.height() - line_height - small_metrics.height() - 4) // 2

        painter.setFont(small_font)
        painter.setPen(MUTED_TEXT)
        painter.drawText(
            QRect(rect.right() - self.MARGIN - time_width, top, time_width, line_height),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            time_text,
        )

        painter.setFont(title_font)
        painter.setPen(OTHER_TEXT)
        title_width = max(0, text_width - time_width - self.MARGIN)
        elided_title = QFontMetrics(title_font).elidedText(title, Qt.TextElideMode.ElideRight, title_width)
        painter.drawText(
            QRect(text_left, top, title_width, line_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            elided_title,
        )

        unread = index.data(UNREAD_ROLE)
        preview_width = text_width
        if isinstance(unread, int) and unread > 0:
            badge = self._paint_unread_badge(painter, small_font, unread, rect, top + line_height + 4)
            preview_width = max(0, text_width - int(badge.width()) - self.MARGIN)

        painter.setFont(small_font)
        painter.setPen(MUTED_TEXT)
        elided_preview = small_metrics.elidedText(preview, Qt.TextElideMode.ElideRight, preview_width)
        painter.drawText(
            QRect(text_left, top + line_height + 4, text_width, small_metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            elided_preview,
        )
        painter.restore()

    def _paint_unread_badge(
        self, painter: QPainter, font: QFont, unread: int, rect: QRect, top: int
    ) -> QRectF:
        """Draw the unread count as a pill at the right end of the preview line; return its rectangle."""
        text = str(unread) if unread < 1000 else "999+"
        badge_font = QFont(font)
        badge_font.setBold(True)
        metrics = QFontMetrics(badge_font)
        height = metrics.height() + 2
        width = max(height, metrics.horizontalAdvance(text) + 10)
        badge = QRectF(rect.right() - self.MARGIN - width, top, width, height)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(UNREAD_BADGE)
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setFont(badge_font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
        return badge
