"""The Clubs section of the home page: the club list, one club's page, and "My photos"."""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from desktop.albums.api import AlbumsApi, resolve_media_url
from desktop.albums.cache import ImageLoader, PixmapLRU
from desktop.albums.panel import AlbumsPanel
from desktop.api import ApiClient, ApiError
from desktop.clubs.api import ClubsApi
from desktop.clubs.club_page import ClubPage
from desktop.clubs.editor import ClubEditorDialog
from desktop.clubs.list_page import ClubListPage
from desktop.hub import HubClient
from desktop.tasks import TaskSupervisor
from shared.api import UserOut
from shared.clubs import ClubFrameType, ClubOut

log = logging.getLogger("autoclub.desktop")

CLUB_FRAME_TYPES = frozenset(
    {
        ClubFrameType.JOIN_REQUESTED,
        ClubFrameType.REQUEST_RESOLVED,
        ClubFrameType.JOINED,
        ClubFrameType.REQUEST_DECLINED,
        ClubFrameType.REMOVED,
        ClubFrameType.ROLE_CHANGED,
    }
)


def frame_club_id(frame: dict[str, Any]) -> int | None:
    """Return the id of the club a club frame is about, or None for another frame."""
    if frame.get("type") not in CLUB_FRAME_TYPES:
        return None
    if frame.get("type") == ClubFrameType.JOINED:
        club = frame.get("club")
        value = club.get("id") if isinstance(club, dict) else None
    else:
        value = frame.get("club_id")
    return value if isinstance(value, int) else None


class MyPhotosPage(QWidget):
    """The signed-in user's own albums."""

    backRequested = Signal()

    def __init__(self, panel: AlbumsPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        back = QPushButton(self.tr("← Clubs"))
        back.setObjectName("link")
        back.clicked.connect(self.backRequested)
        title = QLabel(self.tr("My photos"))
        title.setObjectName("title")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(back)
        layout.addWidget(title)
        layout.addWidget(panel, 1)


class ClubsSection(QWidget):
    """Clubs and albums for one signed-in user; follows the hub's club frames.

    Signals:
        chatRequested(int): open the chat (dialog id) of a club.
        errorOccurred(str): a translated sentence for the status bar.
    """

    chatRequested = Signal(int)
    errorOccurred = Signal(str)

    def __init__(
        self,
        api: ApiClient,
        hub: HubClient | None,
        user: UserOut,
        supervisor: TaskSupervisor,
        *,
        cache: PixmapLRU | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clubsSection")
        self.api = api
        self.user = user
        self.clubs_api = ClubsApi(api)
        self.albums_api = AlbumsApi(api)
        self._supervisor = supervisor
        self.loader = ImageLoader(self.albums_api.fetch_media, supervisor, cache, self)
        self.club_page: ClubPage | None = None
        self.photos_page: MyPhotosPage | None = None

        self.list_page = ClubListPage(self.clubs_api, self.loader, self.resolve, supervisor)
        self.list_page.clubActivated.connect(self.open_club)
        self.list_page.createRequested.connect(self.ask_new_club)
        self.list_page.myPhotosRequested.connect(self.open_my_photos)
        self.list_page.errorOccurred.connect(self.errorOccurred)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        if hub is not None:
            hub.frameReceived.connect(self.handle_frame)
            hub.ready.connect(self._on_hub_ready)
        self.list_page.search()

    def section_title(self) -> str:
        """Return the title of the section's button in the home page's rail."""
        return self.tr("Clubs")

    def resolve(self, url: str) -> str:
        return resolve_media_url(self.api, url)

    # Pages.

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_page)
        for page in (self.club_page, self.photos_page):
            if page is not None:
                self.stack.removeWidget(page)
                page.deleteLater()
        self.club_page = None
        self.photos_page = None

    def open_club(self, club: ClubOut) -> ClubPage:
        """Show the page of ``club`` and load its members and albums."""
        self.show_list()
        page = ClubPage(self.clubs_api, self.albums_api, self.loader, self._supervisor, club, self.user.id)
        page.backRequested.connect(self.show_list)
        page.chatRequested.connect(self.chatRequested)
        page.clubChanged.connect(self.list_page.model.update_club)
        page.errorOccurred.connect(self.errorOccurred)
        self.club_page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        page.load()
        return page

    def open_my_photos(self) -> MyPhotosPage:
        self.show_list()
        panel = AlbumsPanel(
            self.albums_api,
            self.loader,
            self._supervisor,
            "user",
            self.user.id,
            self.user.id,
            can_create=True,
        )
        panel.errorOccurred.connect(self.errorOccurred)
        page = MyPhotosPage(panel)
        page.backRequested.connect(self.show_list)
        self.photos_page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        panel.load()
        return page

    def ask_new_club(self) -> ClubEditorDialog:
        dialog = ClubEditorDialog(self.clubs_api.create, self._supervisor, parent=self)
        dialog.saved.connect(self._on_created)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _on_created(self, club: ClubOut) -> None:
        self.list_page.search()
        self.open_club(club)

    # Live updates.

    def handle_frame(self, frame: dict[str, Any]) -> None:
        """Refresh the list row and the open page of the club a club frame is about."""
        club_id = frame_club_id(frame)
        if club_id is None:
            return
        log.debug("Club frame %s for club %s", frame.get("type"), club_id)
        if frame.get("type") == ClubFrameType.JOINED:
            try:
                self.list_page.model.update_club(ClubOut.model_validate(frame["club"]))
            except ValidationError as error:
                log.warning("Invalid club in a %s frame: %s", ClubFrameType.JOINED, error)
        else:
            self._supervisor.spawn(self._refresh_row(club_id), name=f"club {club_id} row")
        if self.club_page is not None and self.club_page.club.id == club_id:
            self.club_page.handle_frame(frame)

    async def _refresh_row(self, club_id: int) -> None:
        try:
            club = await self.clubs_api.club(club_id)
        except ApiError as error:
            log.info("Could not refresh club %s after a frame: %s", club_id, error)
            return
        self.list_page.model.update_club(club)

    def _on_hub_ready(self, _user_id: int, _session_id: int) -> None:
        # Frames sent while the socket was down are not replayed: refetch what is shown.
        if self.club_page is not None:
            self._supervisor.spawn(self.club_page.refresh(), name="club page after reconnect")
