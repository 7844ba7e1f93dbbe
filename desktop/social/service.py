"""Social state of one signed-in account: friends, presence, typing, notifications and actions.

The HTTP API is the truth: every ``ready`` from the hub refetches the friend
list with its presence, and friend frames trigger a refetch too. Presence and
typing frames update the models directly, because they are never stored.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import Any, TypeVar

from pydantic import ValidationError
from PySide6.QtCore import QObject, Signal

from desktop.api import ApiClient, ApiError
from desktop.errors import error_text
from desktop.hub import HubClient
from desktop.models import DialogListModel
from desktop.social.api import SocialApi
from desktop.social.presence import PresenceModel
from desktop.social.text import fill
from desktop.social.typing import TypingThrottle, TypingTracker
from desktop.tasks import TaskSupervisor
from shared.api import DialogOut, FriendsList, ProfileOut, SessionOut, UserOut, VisitorOut
from shared.errors import ErrorCode
from shared.frames import FrameType

log = logging.getLogger("autoclub.desktop")

T = TypeVar("T")

SESSION_ERRORS = frozenset({ErrorCode.INVALID_TOKEN, ErrorCode.NOT_AUTHENTICATED})


class NotificationKind:
    """Values of the ``kind`` argument of ``SocialService.notified``."""

    VISIT = "visit"
    FRIEND_REQUEST = "friend_request"
    FRIEND_ACCEPTED = "friend_accepted"


class SocialService(QObject):
    """Keeps friends, presence and typing of one account in step with the API and the hub.

    Signals:
        friendsChanged(): ``friends`` was replaced by a fresh list.
        incomingCountChanged(int): the number of incoming friend requests.
        notified(str, str, int): an in-app notification: kind (``NotificationKind``),
            translated text and the id of the user it is about.
        visitorsChanged(): someone visited the user's profile.
        dialogChanged(int): members, roles or title of this group changed.
        dialogOpened(object): a ``DialogOut`` to show in the chats section.
        profileRequested(int): the user asked to see this user's profile.
        errorOccurred(str): a translated sentence for the status area.
        sessionEnded(): the token was rejected; the user must sign in again.
    """

    friendsChanged = Signal()
    incomingCountChanged = Signal(int)
    notified = Signal(str, str, int)
    visitorsChanged = Signal()
    dialogChanged = Signal(int)
    dialogOpened = Signal(object)
    profileRequested = Signal(int)
    errorOccurred = Signal(str)
    sessionEnded = Signal()

    def __init__(
        self,
        api: ApiClient,
        hub: HubClient,
        user: UserOut,
        supervisor: TaskSupervisor,
        dialogs: DialogListModel | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.api = SocialApi(api)
        self.hub = hub
        self.user = user
        self.dialogs = dialogs
        self.supervisor = supervisor
        self.presence = PresenceModel(self)
        self.typing = TypingTracker(parent=self)
        self.throttle = TypingThrottle()
        self.friends = FriendsList(friends=[], incoming=[], outgoing=[])
        self._names: dict[int, str] = {user.id: user.display_name}
        self._friends_generation = 0
        """Number of friend list requests started. Only the newest one's answer is applied."""
        hub.ready.connect(self._on_ready)
        hub.frameReceived.connect(self.handle_frame)
        hub.stateChanged.connect(self._on_hub_state)

    def start(self) -> None:
        """Load the friend list now. The hub's ``ready`` loads it again after each connect."""
        self.supervisor.spawn(self.refresh_friends(), name="load friends")

    def detach(self) -> None:
        """Stop following the hub, which may outlive this service, and drop typing indicators."""
        self.hub.ready.disconnect(self._on_ready)
        self.hub.frameReceived.disconnect(self.handle_frame)
        self.hub.stateChanged.disconnect(self._on_hub_state)
        self.typing.clear_all()

    # Errors.

    def _report(self, error: ApiError, action: str) -> None:
        log.warning("%s failed: %s", action, error)
        if error.code in SESSION_ERRORS:
            self.sessionEnded.emit()
        else:
            self.errorOccurred.emit(error_text(error.code))

    async def _fetch(self, call: Awaitable[T], action: str) -> T | None:
        """Await an API call and return its result. On ``ApiError`` report it and return None."""
        try:
            return await call
        except ApiError as error:
            self._report(error, action)
            return None

    async def _perform(self, call: Awaitable[None], action: str) -> bool:
        """Await an API call that returns nothing. On ``ApiError`` report it and return False."""
        try:
            await call
        except ApiError as error:
            self._report(error, action)
            return False
        return True

    # Friends.

    async def refresh_friends(self) -> None:
        self._friends_generation += 1
        generation = self._friends_generation
        friends = await self._fetch(self.api.friends(), "Loading friends")
        if friends is None or generation != self._friends_generation:
            # A later refresh is under way. This older answer may be stale.
            return
        self.friends = friends
        for friend in friends.friends:
            self._names[friend.user.id] = friend.user.display_name
            self.presence.set(friend.user.id, friend.online, friend.last_seen)
        for request in [*friends.incoming, *friends.outgoing]:
            self._names[request.user.id] = request.user.display_name
        friend_ids = {friend.user.id for friend in friends.friends}
        for user_id in self.presence.known_ids() - friend_ids:
            self.presence.forget(user_id)
        self.friendsChanged.emit()
        self.incomingCountChanged.emit(len(friends.incoming))

    @property
    def friends_generation(self) -> int:
        """A counter that grows with every friend list refresh started."""
        return self._friends_generation

    def friendship(self, user_id: int) -> str:
        """Return ``friends``, ``incoming``, ``outgoing`` or ``none`` from the last friend list."""
        if any(friend.user.id == user_id for friend in self.friends.friends):
            return "friends"
        if any(request.user.id == user_id for request in self.friends.incoming):
            return "incoming"
        if any(request.user.id == user_id for request in self.friends.outgoing):
            return "outgoing"
        return "none"

    async def add_friend(self, user_id: int) -> str | None:
        """Send a request or accept one. Return the new state, or None after an error."""
        status = await self._fetch(self.api.add_friend(user_id), f"Adding friend {user_id}")
        await self.refresh_friends()
        return status

    async def remove_friend(self, user_id: int) -> bool:
        """Decline, cancel or unfriend. Return False after an error."""
        done = await self._perform(self.api.remove_friend(user_id), f"Removing friend {user_id}")
        await self.refresh_friends()
        return done

    async def find_by_phone(self, phone: str) -> UserOut | None:
        """Return the user with this number, or None after reporting the error."""
        user = await self._fetch(self.api.user_by_phone(phone), "Looking up a user by phone number")
        if user is None:
            return None
        if self.dialogs is not None:
            # The lookup opened the direct dialog. The chats list shows it at once.
            self.supervisor.spawn(self._refresh_dialog_list(), name="load dialogs after phone lookup")
        self._names[user.id] = user.display_name
        return user

    async def _refresh_dialog_list(self) -> None:
        if self.dialogs is None:
            return
        dialogs = await self._fetch(self.api.client.dialogs(), "Loading dialogs")
        if dialogs is not None:
            for dialog in dialogs:
                self.dialogs.upsert(dialog)

    # Profiles and visitors.

    async def profile(self, user_id: int) -> ProfileOut | None:
        profile = await self._fetch(self.api.profile(user_id), f"Loading the profile of user {user_id}")
        if profile is not None:
            self._names[user_id] = profile.user.display_name
            if profile.friendship == "friends" and profile.online is not None:
                self.presence.set(user_id, profile.online, profile.last_seen)
        return profile

    async def visitors(self) -> list[VisitorOut] | None:
        return await self._fetch(self.api.visitors(), "Loading profile visitors")

    async def open_direct_dialog(self, user_id: int) -> DialogOut | None:
        """Open the direct dialog with a user and ask the app to show it."""
        dialog = await self._fetch(self.api.direct_dialog(user_id), f"Opening the dialog with user {user_id}")
        if dialog is not None:
            self.dialogOpened.emit(dialog)
        return dialog

    # Sessions.

    async def sessions(self) -> list[SessionOut] | None:
        return await self._fetch(self.api.sessions(), "Loading sessions")

    async def revoke_session(self, session_id: int) -> bool:
        return await self._perform(self.api.revoke_session(session_id), f"Revoking session {session_id}")

    async def revoke_other_sessions(self) -> int | None:
        return await self._fetch(self.api.revoke_other_sessions(), "Revoking the other sessions")

    # Groups.

    async def create_group(self, title: str, member_ids: list[int]) -> DialogOut | None:
        dialog = await self._fetch(self.api.create_group(title, member_ids), "Creating a group")
        if dialog is not None:
            self.dialogOpened.emit(dialog)
        return dialog

    async def group(self, dialog_id: int) -> DialogOut | None:
        dialog = await self._fetch(self.api.dialog(dialog_id), f"Loading group {dialog_id}")
        if dialog is not None:
            for member in dialog.members:
                self._names[member.id] = member.display_name
            if self.dialogs is not None and self.dialogs.row_of(dialog.id) is not None:
                self.dialogs.upsert(dialog)
        return dialog

    async def add_member(self, dialog_id: int, user_id: int) -> bool:
        return await self._perform(
            self.api.add_member(dialog_id, user_id), f"Adding {user_id} to {dialog_id}"
        )

    async def remove_member(self, dialog_id: int, user_id: int) -> bool:
        """Remove a member, or leave when ``user_id`` is the user's own id."""
        return await self._perform(
            self.api.remove_member(dialog_id, user_id), f"Removing {user_id} from {dialog_id}"
        )

    async def set_role(self, dialog_id: int, user_id: int, role: str) -> bool:
        return await self._perform(
            self.api.set_role(dialog_id, user_id, role), f"Setting role {role} of {user_id} in {dialog_id}"
        )

    async def rename_group(self, dialog_id: int, title: str) -> bool:
        return await self._perform(self.api.rename_group(dialog_id, title), f"Renaming group {dialog_id}")

    def contacts(self) -> list[UserOut]:
        """Return friends and peers of direct dialogs, each once, for picking group members."""
        people: dict[int, UserOut] = {friend.user.id: friend.user for friend in self.friends.friends}
        if self.dialogs is not None:
            for dialog in self.dialogs.dialogs():
                if dialog.kind == "direct" and dialog.peer is not None:
                    people.setdefault(dialog.peer.id, dialog.peer)
        people.pop(self.user.id, None)
        return sorted(people.values(), key=lambda user: user.display_name.casefold())

    # Typing.

    def user_typing(self, dialog_id: int) -> None:
        """Tell the dialog's other members that the user is typing, at most every few seconds."""
        if self.throttle.should_send(dialog_id):
            if not self.hub.send_frame({"type": FrameType.TYPING, "dialog_id": dialog_id}):
                self.throttle.reset(dialog_id)

    def typer_names(self, dialog_id: int) -> list[str]:
        return [self.name_of(user_id) for user_id in self.typing.typers(dialog_id)]

    def name_of(self, user_id: int) -> str:
        """Return a user's display name from friends, dialogs and profiles seen so far."""
        name = self._names.get(user_id)
        if name is not None:
            return name
        if self.dialogs is not None:
            for dialog in self.dialogs.dialogs():
                for member in dialog.members:
                    if member.id == user_id:
                        self._names[user_id] = member.display_name
                        return member.display_name
        return "#" + str(user_id)

    # Hub frames.

    def _on_ready(self, _user_id: int, _session_id: int) -> None:
        self.supervisor.spawn(self.refresh_friends(), name="load friends after hub ready")

    def _on_hub_state(self, state: str) -> None:
        if state != "online":
            # Nobody's typing frames arrive while offline. Stale indicators would stay lit.
            self.typing.clear_all()

    def handle_frame(self, frame: dict[str, Any]) -> None:
        """Apply one hub frame. Frames of other features are ignored."""
        try:
            self._apply(frame)
        except (KeyError, TypeError, ValueError, ValidationError) as error:
            log.warning("Skipped an invalid %r frame from the hub: %s", frame.get("type"), error)

    def _apply(self, frame: dict[str, Any]) -> None:
        kind = frame.get("type")
        if kind == FrameType.PRESENCE:
            self.presence.apply_frame(frame)
        elif kind == FrameType.TYPING:
            user_id = int(frame["user_id"])
            if user_id != self.user.id:
                self.typing.note_typing(int(frame["dialog_id"]), user_id)
        elif kind == FrameType.MESSAGE_NEW:
            message = frame["message"]
            self.typing.clear(int(message["dialog_id"]), int(message["sender_id"]))
        elif kind == FrameType.PROFILE_VISIT:
            self._on_visit(UserOut.model_validate(frame["visitor"]))
        elif kind in (FrameType.FRIEND_REQUEST, FrameType.FRIEND_ACCEPTED, FrameType.FRIEND_REMOVED):
            self._on_friend_frame(
                kind, UserOut.model_validate(frame["from"]), UserOut.model_validate(frame["to"])
            )
        elif kind in (FrameType.MEMBER_ADDED, FrameType.MEMBER_REMOVED, FrameType.DIALOG_UPDATED):
            self.dialogChanged.emit(int(frame["dialog_id"]))

    def _on_visit(self, visitor: UserOut) -> None:
        self._names[visitor.id] = visitor.display_name
        text = fill(self.tr("%1 just looked at your profile"), visitor.display_name)
        self.notified.emit(NotificationKind.VISIT, text, visitor.id)
        self.visitorsChanged.emit()

    def _on_friend_frame(self, kind: str, sender: UserOut, receiver: UserOut) -> None:
        for user in (sender, receiver):
            self._names[user.id] = user.display_name
        if kind == FrameType.FRIEND_REQUEST and receiver.id == self.user.id:
            text = fill(self.tr("%1 wants to be your friend"), sender.display_name)
            self.notified.emit(NotificationKind.FRIEND_REQUEST, text, sender.id)
        elif kind == FrameType.FRIEND_ACCEPTED and receiver.id == self.user.id:
            text = fill(self.tr("%1 accepted your friend request"), sender.display_name)
            self.notified.emit(NotificationKind.FRIEND_ACCEPTED, text, sender.id)
        self.supervisor.spawn(self.refresh_friends(), name=f"load friends after {kind}")
