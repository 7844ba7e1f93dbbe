"""``autoclub``: the desktop app's entry point and the controller of its screens."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import qasync
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from desktop.api import ApiClient, ApiError, normalize_api_url
from desktop.chat import ChatService
from desktop.clubs.section import ClubsSection
from desktop.embedded import EmbeddedServer, EmbeddedServerError, ServerAddress
from desktop.errors import error_text
from desktop.hub import HubClient
from desktop.i18n import install_translators, remove_translators, resolve_language
from desktop.settings import Account, AccountStore, ProfilePaths, Settings, server_key
from desktop.social.feature import SocialFeature
from desktop.sync.store import CACHE_FILE_NAME
from desktop.tasks import TaskSupervisor
from desktop.views.home import HomePage
from desktop.views.main_window import AppWindow, ChatsPage
from desktop.views.new_chat import NewChatDialog
from desktop.views.sign_in import SignInView
from resources import style_sheet
from shared.api import DialogOut, SignedIn, UserOut
from shared.errors import ErrorCode

log = logging.getLogger("autoclub.desktop")

SCREENSHOT_DELAY_MS = 700
"""Time between showing a page and grabbing it for ``--screenshot``, so layout settles."""

ERROR_MESSAGE_MS = 8000
"""How long an error stays in the status bar."""


def derive_hub_url(api_url: str) -> str:
    """Return the hub URL that a server with default settings has: same host, API port + 1.

    ``autoclub-server`` listens with the API on 8700 and the hub on 8701 unless
    configured otherwise; a server with other ports needs ``--hub``.
    """
    parts = urlsplit(normalize_api_url(api_url))
    if parts.port is None:
        raise ValueError(f"cannot derive the hub URL from {api_url!r} without a port; pass --hub")
    scheme = "wss" if parts.scheme == "https" else "ws"
    return urlunsplit((scheme, f"{parts.hostname}:{parts.port + 1}", "/", "", ""))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="autoclub",
        description="Autoclub: messenger for car clubs. Without --server or a server in the "
        "settings, the app starts a local server of its own on 127.0.0.1.",
    )
    parser.add_argument(
        "--server",
        metavar="URL",
        help="base URL of the server's HTTP API, e.g. http://club.example:8700 "
        "(saved in the settings; pass an empty string to go back to the local server)",
    )
    parser.add_argument(
        "--hub",
        metavar="URL",
        help="URL of the server's WebSocket hub (default: same host as --server, port + 1)",
    )
    parser.add_argument(
        "--lang",
        choices=("system", "ru", "en"),
        help="language of the interface (saved in the settings; default: the system language)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="folder for settings, accounts and the local server's data "
        "(default: the user's config and data folders)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages to stderr")
    parser.add_argument("--screenshot", type=Path, help=argparse.SUPPRESS)
    return parser


@dataclass
class Options:
    server: str | None
    hub: str | None
    lang: str | None
    data_dir: Path | None
    screenshot: Path | None = None


class AppController(QObject):
    """Starts the server connection and swaps the window between its screens."""

    def __init__(
        self,
        app: QApplication,
        paths: ProfilePaths,
        settings: Settings,
        *,
        screenshot: Path | None = None,
    ) -> None:
        super().__init__()
        self.app = app
        self.paths = paths
        self.settings = settings
        self.supervisor = TaskSupervisor()
        self.accounts = AccountStore(paths.accounts_dir)
        self.language = resolve_language(settings.language)
        self._translators = install_translators(app, self.language)
        self.window = AppWindow(settings.language)
        self.window.closing.connect(self._on_closing)
        self.window.signOutRequested.connect(self.sign_out)
        self.window.newChatRequested.connect(self.show_new_chat)
        self.window.languageChosen.connect(self.set_language)
        self.embedded: EmbeddedServer | None = None
        self.address: ServerAddress | None = None
        self.api: ApiClient | None = None
        self.service: ChatService | None = None
        self.social: SocialFeature | None = None
        self.sign_in_view: SignInView | None = None
        self.chats_page: ChatsPage | None = None
        self.home: HomePage | None = None
        self._closed: asyncio.Future[None] | None = None
        self._screenshot = screenshot

    # Lifecycle.

    async def run(self) -> int:
        """Show the window and run until it closes; then stop everything this app started."""
        self._closed = asyncio.get_running_loop().create_future()
        self.window.status_page.actionClicked.connect(self._retry_start)
        self.window.show()
        await self.start()
        await self._closed
        await self.shutdown()
        return 0

    def _on_closing(self) -> None:
        if self._closed is not None and not self._closed.done():
            self._closed.set_result(None)

    async def shutdown(self) -> None:
        await self._leave_chats()
        if self.api is not None:
            await self.api.aclose()
            self.api = None
        await self.supervisor.cancel_all()
        if self.embedded is not None:
            await self.embedded.stop()

    def _retry_start(self) -> None:
        self.supervisor.spawn(self.start(), name="start")

    async def start(self) -> None:
        """Connect to the server, starting the embedded one if needed, and show the first screen."""
        await self._leave_chats()
        self.window.show_status(self.tr("Connecting to the server…"))
        try:
            self.address = await self._resolve_server()
        except EmbeddedServerError as error:
            log.error("Embedded server failed to start: %s", error)
            self.window.show_status(
                self.tr("Could not start the local server"), str(error), self.tr("Try again")
            )
            return
        if self.api is not None:
            await self.api.aclose()
        self.api = ApiClient(self.address.api_url)
        saved = self.accounts.load(self.settings.last_account)
        if saved is not None and saved[0].server == self.server_key:
            account, token = saved
            user = UserOut(id=account.user_id, display_name=account.display_name, phone=account.phone)
            self._enter_chats(user, token)
        else:
            self.show_sign_in()

    @property
    def server_key(self) -> str:
        return server_key(self.settings.api_url or None)

    async def _resolve_server(self) -> ServerAddress:
        if self.settings.api_url:
            hub_url = self.settings.hub_url or derive_hub_url(self.settings.api_url)
            return ServerAddress(api_url=self.settings.api_url, hub_url=hub_url)
        if self.embedded is None:
            self.embedded = EmbeddedServer(self.paths.server_dir, parent=self)
            self.embedded.exited.connect(self._on_embedded_exited)
        self.window.show_status(self.tr("Starting the local server…"))
        return await self.embedded.start()

    def _on_embedded_exited(self, exit_code: int) -> None:
        self.window.show_status(
            self.tr("The local server stopped"),
            self.tr("It exited with code %1.").replace("%1", str(exit_code)),
            self.tr("Start again"),
        )

    # Screens.

    def show_sign_in(self, message: str = "") -> None:
        assert self.api is not None
        self.window.set_signed_in(False)
        view = SignInView(self.api, self.supervisor, local_server=self.embedded is not None)
        view.signedIn.connect(self._on_signed_in)
        if self.embedded is not None:
            self.embedded.codeReceived.connect(view.set_local_code)
        if message:
            view.show_message(message)
        self.sign_in_view = view
        self.chats_page = None
        self.window.show_page(view)
        view.phone_edit.setFocus()
        self._schedule_screenshot()

    def _on_signed_in(self, signed_in: SignedIn) -> None:
        account = Account(
            server=self.server_key,
            user_id=signed_in.user.id,
            display_name=signed_in.user.display_name,
            phone=signed_in.user.phone,
            session_id=signed_in.session_id,
        )
        self.accounts.save(account, signed_in.token)
        self.settings.last_account = account.key
        self.settings.save(self.paths.settings_file)
        self._enter_chats(signed_in.user, signed_in.token)

    def _enter_chats(self, user: UserOut, token: str) -> None:
        assert self.api is not None and self.address is not None
        self.api.set_token(token)
        hub = HubClient(self.address.hub_url, token, self.supervisor, parent=self)
        cache_path = self.accounts.folder(f"{self.server_key}-{user.id}") / CACHE_FILE_NAME
        self.service = ChatService(self.api, hub, user, self.supervisor, parent=self, cache_path=cache_path)
        self.service.sessionEnded.connect(self._on_session_ended)
        self.service.errorOccurred.connect(self._show_error)
        self.social = SocialFeature(self.api, hub, user, self.supervisor, self.service, self.window)
        self._show_chats_page()
        self.service.start()
        self.social.start()

    def _show_error(self, text: str) -> None:
        self.window.statusBar().showMessage(text, ERROR_MESSAGE_MS)

    def _show_chats_page(self, open_dialog: int | None = None) -> None:
        assert self.service is not None
        page = ChatsPage(self.service, self.supervisor)
        page.newChatRequested.connect(self.show_new_chat)
        self.chats_page = page
        self.sign_in_view = None
        self.home = HomePage()
        self.home.add_section("chats", self.tr("Chats"), page)
        clubs = ClubsSection(self.service.api, self.service.hub, self.service.user, self.supervisor)
        clubs.chatRequested.connect(self._open_club_chat)
        clubs.errorOccurred.connect(self._show_error)
        self.home.add_section("clubs", clubs.section_title(), clubs)
        if self.social is not None:
            self.social.attach(self.home, page)
        self.window.set_signed_in(True)
        self.window.show_page(self.home)
        if open_dialog is not None:
            page.open_dialog(open_dialog)
        self._schedule_screenshot()

    def _open_club_chat(self, dialog_id: int) -> None:
        if self.home is not None and self.chats_page is not None:
            self.home.show_section("chats")
            self.chats_page.open_dialog(dialog_id)

    async def _leave_chats(self) -> None:
        social, self.social = self.social, None
        if social is not None:
            social.close()
        service, self.service = self.service, None
        if service is not None:
            await service.close()
            service.deleteLater()
        if self.api is not None:
            self.api.set_token(None)

    def _on_session_ended(self) -> None:
        self.supervisor.spawn(self._end_session(), name="end session")

    async def _end_session(self) -> None:
        log.info("Session of account %s ended; showing sign-in", self.settings.last_account)
        self.accounts.forget_token(self.settings.last_account)
        await self._leave_chats()
        self.show_sign_in(error_text(ErrorCode.INVALID_TOKEN))

    def sign_out(self) -> None:
        self.supervisor.spawn(self._sign_out(), name="sign out")

    async def _sign_out(self) -> None:
        if self.api is not None and self.api.token:
            try:
                await self.api.sign_out()
            except ApiError as error:
                # The local token is forgotten anyway; the server expires the session later.
                log.warning("Signing out on the server failed: %s", error)
        self.accounts.forget_token(self.settings.last_account)
        await self._leave_chats()
        self.show_sign_in()

    def show_new_chat(self) -> None:
        if self.service is None or self.chats_page is None:
            return
        dialog = NewChatDialog(self.service, self.supervisor, self.window)
        dialog.dialogOpened.connect(self._open_new_dialog)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _open_new_dialog(self, dialog: DialogOut) -> None:
        if self.chats_page is not None:
            self.chats_page.open_dialog(dialog)

    def set_language(self, value: str) -> None:
        """Save the language setting and rebuild the screens in the new language."""
        self.settings.language = value
        self.settings.save(self.paths.settings_file)
        language = resolve_language(value)
        if language == self.language:
            return
        self.language = language
        remove_translators(self.app, self._translators)
        self._translators = install_translators(self.app, language)
        self.window.menuBar().clear()
        self.window.build_menu(value)
        self.window.set_signed_in(self.service is not None)
        if self.service is not None:
            open_dialog = self.chats_page.open_dialog_id if self.chats_page else None
            self.service.dialogs.set_dialogs(self.service.dialogs.dialogs())
            self._show_chats_page(open_dialog)
        elif self.sign_in_view is not None:
            self.show_sign_in()

    # Debugging aid: ``--screenshot PATH`` saves the first screen and quits.

    def _schedule_screenshot(self) -> None:
        if self._screenshot is None:
            return
        QTimer.singleShot(SCREENSHOT_DELAY_MS, self._take_screenshot)

    def _take_screenshot(self) -> None:
        if self._screenshot is None:
            return
        path, self._screenshot = self._screenshot, None
        path.parent.mkdir(parents=True, exist_ok=True)
        if not self.window.grab().save(str(path)):
            log.error("Could not save the screenshot to %s", path)
        else:
            log.info("Saved a screenshot to %s", path)
        self.window.close()


def _apply_options(options: Options, settings: Settings, paths: ProfilePaths) -> None:
    changed = False
    if options.server is not None:
        settings.api_url = normalize_api_url(options.server) if options.server else ""
        settings.hub_url = options.hub or ""
        changed = True
    elif options.hub is not None:
        settings.hub_url = options.hub
        changed = True
    if options.lang is not None:
        settings.language = options.lang
        changed = True
    if changed:
        settings.save(paths.settings_file)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, qt_arguments = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    options = Options(args.server, args.hub, args.lang, args.data_dir, args.screenshot)
    paths = ProfilePaths.single(options.data_dir) if options.data_dir else ProfilePaths.default()
    settings = Settings.load(paths.settings_file)
    try:
        _apply_options(options, settings, paths)
        if settings.api_url and not settings.hub_url:
            derive_hub_url(settings.api_url)
    except ValueError as error:
        parser.error(str(error))

    app = QApplication([sys.argv[0], *qt_arguments])
    app.setApplicationName("Autoclub")
    app.setApplicationDisplayName("Autoclub")
    app.setDesktopFileName("autoclub")
    app.setQuitOnLastWindowClosed(False)
    app.setStyleSheet(style_sheet())
    controller = AppController(app, paths, settings, screenshot=options.screenshot)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        return runner.run(controller.run())
