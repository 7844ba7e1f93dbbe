"""Social additions to the chats section: presence dots and typing in the dialog list and header.

The chats section belongs to ``desktop.views.main_window``; this module only
decorates it from outside: a ``DialogDelegate`` subclass for the list, and a
subtitle label, a clickable title and typing frames for the open chat.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QBoxLayout, QLabel, QStyle, QStyleOptionViewItem

from desktop.delegates import SELECTED_ROW, DialogDelegate
from desktop.models import ITEM_ROLE
from desktop.social.presence import presence_text
from desktop.social.service import SocialService
from desktop.social.typing import typing_text
from desktop.social.widgets import ONLINE_COLOR, paint_presence_dot
from desktop.views.main_window import ChatsPage
from shared.api import DialogOut

Index = QModelIndex | QPersistentModelIndex


def direct_peer_id(dialog: DialogOut | None) -> int | None:
    if dialog is None or dialog.kind != "direct" or dialog.peer is None:
        return None
    return dialog.peer.id


def dialog_typing_text(service: SocialService, dialog: DialogOut) -> str:
    """Return "Anna is typing…" for a dialog, with every current typer's name. Empty for none."""
    return typing_text(service.typer_names(dialog.id))


class SocialDialogDelegate(DialogDelegate):
    """The dialog row of ``DialogDelegate`` plus a presence dot for online friends and a typing line.

    The base class paints the row; this one paints over the avatar corner and,
    while someone types, over the preview line, with the base class's geometry.
    """

    def __init__(self, service: SocialService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service

    def decoration(self, dialog: DialogOut) -> tuple[bool, str]:
        """Return whether to draw the online dot and the typing text (empty for none)."""
        peer_id = direct_peer_id(dialog)
        online = peer_id is not None and self.service.presence.is_online(peer_id)
        return online, dialog_typing_text(self.service, dialog)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        dialog = index.data(ITEM_ROLE)
        if not isinstance(dialog, DialogOut):
            return
        online, typing = self.decoration(dialog)
        if not online and not typing:
            return
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        background = SELECTED_ROW if selected else option.palette.base().color()
        avatar = QRectF(
            rect.left() + self.MARGIN,
            rect.top() + (rect.height() - self.AVATAR) / 2,
            self.AVATAR,
            self.AVATAR,
        )
        if online:
            paint_presence_dot(painter, avatar, background)
        if typing:
            self._paint_typing(painter, option, avatar, background, typing)

    def _paint_typing(
        self, painter: QPainter, option: QStyleOptionViewItem, avatar: QRectF, background: QColor, text: str
    ) -> None:
        rect: QRect = option.rect
        title_font = QFont(option.font)
        title_font.setBold(True)
        small_font = QFont(option.font)
        small_font.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.9))
        small_metrics = QFontMetrics(small_font)
        line_height = QFontMetrics(title_font).height()
        top = rect.top() + (rect.height() - line_height - small_metrics.height() - 4) // 2
        left = int(avatar.right()) + self.MARGIN
        # NOTE: the preview line's geometry copies DialogDelegate.paint. The right
        # quarter stays untouched, for whatever the base class draws at the end of it.
        width = (rect.right() - self.MARGIN - left) * 3 // 4
        line = QRect(left, top + line_height + 4, width, small_metrics.height())
        painter.save()
        painter.fillRect(line, background)
        painter.setFont(small_font)
        painter.setPen(ONLINE_COLOR)
        painter.drawText(
            line,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            small_metrics.elidedText(text, Qt.TextElideMode.ElideRight, width),
        )
        painter.restore()


class ChatHeaderExtras(QObject):
    """Decorates a ``ChatsPage``: typing and presence under the chat title, profile on title click.

    Signals:
        groupRequested(int): the user clicked the title of a group chat.
    """

    groupRequested = Signal(int)

    def __init__(self, service: SocialService, page: ChatsPage) -> None:
        super().__init__(page)
        self.service = service
        self.page = page
        view = page.chat_view

        self.subtitle = QLabel()
        self.subtitle.setObjectName("chatSubtitle")
        self.subtitle.setStyleSheet("padding: 0 16px 6px 16px; color: #6b7480;")
        self.subtitle.hide()
        layout = view.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(layout.indexOf(view.title) + 1, self.subtitle)
        view.title.setCursor(Qt.CursorShape.PointingHandCursor)
        view.title.setToolTip(self.tr("Show the profile or the group's members"))
        view.title.installEventFilter(self)

        self.delegate = SocialDialogDelegate(service, page.dialog_list)
        page.dialog_list.setItemDelegate(self.delegate)

        view.composer.edit.textChanged.connect(self._on_text_changed)
        view.composer.sendRequested.connect(self._on_sent)
        page.dialogShown.connect(self.update_subtitle)
        service.typing.changed.connect(self._on_typing)
        service.presence.changed.connect(self._on_presence)
        service.presence.reset.connect(self._repaint_list)

    def open_dialog(self) -> DialogOut | None:
        dialog_id = self.page.open_dialog_id
        return None if dialog_id is None else self.page.service.dialogs.dialog(dialog_id)

    def update_subtitle(self) -> None:
        dialog = self.open_dialog()
        text = ""
        typing = False
        if dialog is not None:
            text = dialog_typing_text(self.service, dialog)
            typing = bool(text)
            peer_id = direct_peer_id(dialog)
            if not text and peer_id is not None and self.service.friendship(peer_id) == "friends":
                text = presence_text(self.service.presence.get(peer_id))
        self.subtitle.setText(text)
        self.subtitle.setProperty("typing", typing)
        self.subtitle.setVisible(bool(text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page.chat_view.title and event.type() == QEvent.Type.MouseButtonRelease:
            self.open_title()
            return True
        return False

    def open_title(self) -> None:
        """Show the peer's profile for a direct chat, or the members of a group."""
        dialog = self.open_dialog()
        if dialog is None:
            return
        peer_id = direct_peer_id(dialog)
        if peer_id is not None:
            self.service.profileRequested.emit(peer_id)
        elif dialog.kind == "group":
            self.groupRequested.emit(dialog.id)

    def _on_text_changed(self) -> None:
        dialog_id = self.page.open_dialog_id
        if dialog_id is not None and self.page.chat_view.composer.text().strip():
            self.service.user_typing(dialog_id)

    def _on_sent(self, _text: str) -> None:
        dialog_id = self.page.open_dialog_id
        if dialog_id is not None:
            self.service.throttle.reset(dialog_id)

    def _on_typing(self, dialog_id: int) -> None:
        if dialog_id == self.page.open_dialog_id:
            self.update_subtitle()
        self._repaint_list()

    def _on_presence(self, user_id: int) -> None:
        if direct_peer_id(self.open_dialog()) == user_id:
            self.update_subtitle()
        self._repaint_list()

    def _repaint_list(self) -> None:
        self.page.dialog_list.viewport().update()
