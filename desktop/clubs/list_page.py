"""The club list: search by title and city as you type, keyset pages as you scroll."""

from __future__ import annotations

import logging
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
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.albums.cache import ImageLoader
from desktop.albums.grid import draw_cover
from desktop.api import ApiError
from desktop.clubs.api import ClubsApi
from desktop.errors import error_text
from desktop.tasks import TaskSupervisor
from shared.clubs import ClubOut

log = logging.getLogger("autoclub.desktop")

CLUB_ROLE = Qt.ItemDataRole.UserRole + 1

SEARCH_DEBOUNCE_MS = 300
"""Pause in typing after which the search runs, so each keystroke does not send a request."""

CLUB_PAGE_SIZE = 30
ROW_HEIGHT = 72
THUMBNAIL_SIDE = 56

ModelIndex = QModelIndex | QPersistentModelIndex


class ClubListModel(QAbstractListModel):
    """Clubs of the current search, newest first, a keyset page at a time.

    Signals:
        moreRequested(int): the view scrolled to the end; load the page after this club id.
    """

    moreRequested = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clubs: list[ClubOut] = []
        self._next_after: int | None = None
        self._loading = False

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._clubs)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._clubs):
            return None
        club = self._clubs[index.row()]
        if role == CLUB_ROLE:
            return club
        if role == Qt.ItemDataRole.DisplayRole:
            return club.title
        return None

    def club(self, row: int) -> ClubOut:
        return self._clubs[row]

    def clubs(self) -> list[ClubOut]:
        return list(self._clubs)

    @property
    def next_after(self) -> int | None:
        return self._next_after

    def reset(self, clubs: list[ClubOut], next_after: int | None) -> None:
        self.beginResetModel()
        self._clubs = list(clubs)
        self._next_after = next_after
        self._loading = False
        self.endResetModel()

    def append_page(self, clubs: list[ClubOut], next_after: int | None) -> None:
        known = {club.id for club in self._clubs}
        fresh = [club for club in clubs if club.id not in known]
        if fresh:
            first = len(self._clubs)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._clubs.extend(fresh)
            self.endInsertRows()
        self._next_after = next_after
        self._loading = False

    def page_failed(self) -> None:
        self._loading = False

    def canFetchMore(self, parent: ModelIndex) -> bool:
        return not parent.isValid() and self._next_after is not None and not self._loading

    def fetchMore(self, parent: ModelIndex) -> None:
        if not self.canFetchMore(parent) or self._next_after is None:
            return
        self._loading = True
        self.moreRequested.emit(self._next_after)

    def update_club(self, club: ClubOut) -> None:
        """Replace the row of ``club`` if the list shows it."""
        for row, old in enumerate(self._clubs):
            if old.id == club.id:
                self._clubs[row] = club
                index = self.index(row)
                self.dataChanged.emit(index, index)
                return


class ClubDelegate(QStyledItemDelegate):
    """A row with the cover thumbnail, the title, "city · topic · members" and the caller's status."""

    def __init__(
        self, loader: ImageLoader, resolve: Callable[[str], str], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.loader = loader
        self._resolve = resolve

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return QSize(320, ROW_HEIGHT)

    def status_text(self, club: ClubOut) -> str:
        if club.my_role == "owner":
            return self.tr("Owner")
        if club.my_role == "admin":
            return self.tr("Admin")
        if club.my_status == "member":
            return self.tr("Member")
        if club.my_status == "pending":
            return self.tr("Request sent")
        return ""

    def details_text(self, club: ClubOut) -> str:
        members = self.tr("%n member(s)", "", club.member_count)
        return f"{club.city} · {club.topic} · {members}"

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        club = index.data(CLUB_ROLE)
        if not isinstance(club, ClubOut):
            return
        rect: QRect = option.rect
        state = option.state
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor("#e8f0fd"))
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor("#f4f6fa"))

        thumb = QRect(
            rect.left() + 12,
            rect.top() + (rect.height() - THUMBNAIL_SIDE) // 2,
            THUMBNAIL_SIDE,
            THUMBNAIL_SIDE,
        )
        self._paint_thumbnail(painter, thumb, club)

        text_left = thumb.right() + 12
        status = self.status_text(club)
        status_width = painter.fontMetrics().horizontalAdvance(status) + 16 if status else 0
        text_width = rect.right() - text_left - status_width - 12
        title_font = QFont(painter.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(QColor("#1b1f24"))
        title_rect = QRect(text_left, rect.top() + 14, text_width, 22)
        elided = painter.fontMetrics().elidedText(club.title, Qt.TextElideMode.ElideRight, text_width)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        painter.setFont(option.font)
        painter.setPen(QColor("#6b7480"))
        details_rect = QRect(text_left, rect.top() + 38, text_width, 20)
        details = painter.fontMetrics().elidedText(
            self.details_text(club), Qt.TextElideMode.ElideRight, text_width
        )
        painter.drawText(details_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, details)
        if status:
            painter.setPen(QColor("#2f6fde"))
            status_rect = QRect(rect.right() - status_width - 8, rect.top(), status_width, rect.height())
            painter.drawText(status_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, status)
        painter.restore()

    def _paint_thumbnail(self, painter: QPainter, rect: QRect, club: ClubOut) -> None:
        if club.cover is None:
            painter.fillRect(rect, QColor("#2f6fde"))
            painter.setPen(QColor("#ffffff"))
            initial = club.title[:1].upper()
            font = QFont(painter.font())
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.6)
            painter.setFont(font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initial)
            return
        photo = club.cover.photo
        url = self._resolve(photo.variants.square.url)
        pixmap = self.loader.pixmap(url)
        if pixmap is None:
            self.loader.request(url)
            pixmap = self.loader.preview(f"preview:{photo.id}", photo.preview)
        if pixmap is None:
            painter.fillRect(rect, QColor("#dfe4ec"))
        else:
            draw_cover(painter, rect, pixmap)


class ClubListPage(QWidget):
    """Search fields, "New club", "My photos" and the list of clubs.

    Signals:
        clubActivated(ClubOut): the user opened a club.
        createRequested(), myPhotosRequested().
        errorOccurred(str): a translated sentence for a failed search.
    """

    clubActivated = Signal(object)
    createRequested = Signal()
    myPhotosRequested = Signal()
    errorOccurred = Signal(str)

    def __init__(
        self,
        clubs: ClubsApi,
        loader: ImageLoader,
        resolve: Callable[[str], str],
        supervisor: TaskSupervisor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.clubs_api = clubs
        self._supervisor = supervisor
        self._generation = 0
        # The search whose first page the list shows: later pages continue it,
        # even when the fields already hold a newer query that is still loading.
        self._shown_search: tuple[int, str, str] = (0, "", "")
        self.searches = 0
        """Number of searches sent, for tests of the debounce."""

        self.query_edit = QLineEdit()
        self.query_edit.setPlaceholderText(self.tr("Search clubs by title"))
        self.query_edit.setClearButtonEnabled(True)
        self.city_edit = QLineEdit()
        self.city_edit.setPlaceholderText(self.tr("City"))
        self.city_edit.setClearButtonEnabled(True)
        self.city_edit.setMaximumWidth(220)
        self.create_button = QPushButton(self.tr("New club…"))
        self.create_button.setObjectName("primary")
        self.create_button.clicked.connect(self.createRequested)
        self.photos_button = QPushButton(self.tr("My photos"))
        self.photos_button.setObjectName("secondary")
        self.photos_button.clicked.connect(self.myPhotosRequested)
        search_row = QHBoxLayout()
        search_row.setContentsMargins(12, 12, 12, 6)
        search_row.addWidget(self.query_edit, 2)
        search_row.addWidget(self.city_edit, 1)
        search_row.addWidget(self.photos_button)
        search_row.addWidget(self.create_button)

        self.model = ClubListModel(self)
        self.model.moreRequested.connect(self._load_more)
        self.list = QListView()
        self.list.setObjectName("clubList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(ClubDelegate(loader, resolve, self.list))
        self.list.setUniformItemSizes(True)
        self.list.setMouseTracking(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.clicked.connect(self._on_activated)
        self.list.activated.connect(self._on_activated)
        loader.loaded.connect(self._repaint_list)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("hint")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self.debounce.timeout.connect(self.search)
        self.query_edit.textChanged.connect(self.debounce.start)
        self.city_edit.textChanged.connect(self.debounce.start)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(search_row)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_label)

    def search(self) -> None:
        """Load the first page for the current query and city, dropping any older search's result."""
        self.debounce.stop()
        self._generation += 1
        self.searches += 1
        query, city = self.query_edit.text().strip(), self.city_edit.text().strip()
        self._supervisor.spawn(self._load_first(self._generation, query, city), name="search clubs")

    async def _load_first(self, generation: int, query: str, city: str) -> None:
        try:
            page = await self.clubs_api.search(query, city, limit=CLUB_PAGE_SIZE)
        except ApiError as error:
            self._report(error)
            return
        if generation != self._generation:
            return
        self._shown_search = (generation, query, city)
        self.model.reset(page.clubs, page.next_after)
        self._update_empty(query, city)

    def _load_more(self, after: int) -> None:
        generation, query, city = self._shown_search
        self._supervisor.spawn(self._load_page(generation, query, city, after), name="more clubs")

    async def _load_page(self, generation: int, query: str, city: str, after: int) -> None:
        try:
            page = await self.clubs_api.search(query, city, after=after, limit=CLUB_PAGE_SIZE)
        except ApiError as error:
            self.model.page_failed()
            self._report(error)
            return
        if generation == self._generation:
            self.model.append_page(page.clubs, page.next_after)

    def _update_empty(self, query: str, city: str) -> None:
        if self.model.rowCount():
            self.empty_label.hide()
            return
        if query or city:
            self.empty_label.setText(self.tr("No clubs match the search."))
        else:
            self.empty_label.setText(self.tr("No clubs yet. Create the first one with “New club…”."))
        self.empty_label.show()

    def _repaint_list(self, _url: str) -> None:
        self.list.viewport().update()

    def _on_activated(self, index: QModelIndex) -> None:
        club = index.data(CLUB_ROLE)
        if isinstance(club, ClubOut):
            self.clubActivated.emit(club)

    def _report(self, error: ApiError) -> None:
        log.warning("Club search failed: %s", error)
        self.errorOccurred.emit(error_text(error.code))
