"""Async client of the Autoclub HTTP API (``/api/v1``) over httpx."""

from __future__ import annotations

import logging
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import httpx
from pydantic import BaseModel, ValidationError

from shared.api import (
    CodeSent,
    DialogEnvelope,
    DialogList,
    DialogOut,
    ErrorBody,
    Me,
    MessageEnvelope,
    MessageList,
    MessageOut,
    ReadCursor,
    SignedIn,
    SyncResponse,
    UserOut,
)

log = logging.getLogger("autoclub.desktop")

API_PREFIX = "/api/v1"

REQUEST_TIMEOUT_SECONDS = 15.0
"""Timeout of one request, connect and read together. Every route returns within
milliseconds, so this only bounds a dead or unreachable server."""

NETWORK_ERROR = "network_error"
"""Client-side code for a request that never got an HTTP response."""

BAD_RESPONSE = "bad_response"
"""Client-side code for a response that does not match the shared contract."""

ModelT = TypeVar("ModelT", bound=BaseModel)


class ApiError(Exception):
    """A failed API call with the server's stable error code.

    ``code`` is one of ``shared.errors.ErrorCode`` or the client-side
    ``NETWORK_ERROR`` / ``BAD_RESPONSE``. ``status`` is None when no response
    arrived. ``retry_after`` is the ``Retry-After`` header in seconds, if any.
    """

    def __init__(
        self,
        code: str,
        message: str,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.retry_after = retry_after


def normalize_api_url(url: str) -> str:
    """Return the server's base URL without a trailing slash or ``/api/v1``."""
    stripped = url.strip().rstrip("/")
    if stripped.endswith(API_PREFIX):
        stripped = stripped[: -len(API_PREFIX)]
    parts = urlsplit(stripped)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"invalid server URL {url!r}: expected http://HOST:PORT or https://HOST")
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _parse_retry_after(value: str | None) -> float | None:
    # NOTE: only the delta-seconds form is read; an HTTP-date gives None.
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _error_from_response(response: httpx.Response) -> ApiError:
    retry_after = _parse_retry_after(response.headers.get("Retry-After"))
    try:
        body = ErrorBody.model_validate_json(response.content)
    except ValidationError:
        return ApiError(
            BAD_RESPONSE,
            f"HTTP {response.status_code} without an error body",
            response.status_code,
            retry_after,
        )
    return ApiError(body.error.code, body.error.message, response.status_code, retry_after)


class ApiClient:
    """Calls of the HTTP API; every failure raises ``ApiError``.

    ``transport`` lets tests put an ``httpx.MockTransport`` in place of the network.
    """

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.base_url = normalize_api_url(base_url)
        self._token = token
        self._client = httpx.AsyncClient(
            base_url=self.base_url + API_PREFIX,
            timeout=REQUEST_TIMEOUT_SECONDS,
            transport=transport,
            headers={"Accept": "application/json"},
        )

    @property
    def token(self) -> str | None:
        return self._token

    def set_token(self, token: str | None) -> None:
        self._token = token

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _request(
        self,
        method: str,
        path: str,
        *,
        json: dict[str, Any] | None = None,
        params: dict[str, int] | None = None,
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self._token}"} if self._token else None
        try:
            response = await self._client.request(method, path, json=json, params=params, headers=headers)
        except httpx.HTTPError as error:
            log.warning("API request %s %s failed: %r", method, path, error)
            raise ApiError(NETWORK_ERROR, f"{method} {path} failed: {error!r}") from error
        if response.is_error:
            api_error = _error_from_response(response)
            log.info(
                "API request %s %s returned %s %s",
                method,
                path,
                response.status_code,
                api_error.code,
            )
            raise api_error
        return response

    async def _call(
        self,
        model: type[ModelT],
        method: str,
        path: str,
        *,
        json: dict[str, Any] | None = None,
        params: dict[str, int] | None = None,
    ) -> ModelT:
        response = await self._request(method, path, json=json, params=params)
        try:
            return model.model_validate_json(response.content)
        except ValidationError as error:
            raise ApiError(
                BAD_RESPONSE,
                f"{method} {path} returned a body that is not {model.__name__}: {error}",
                response.status_code,
            ) from error

    async def request_code(self, phone: str) -> CodeSent:
        return await self._call(CodeSent, "POST", "/auth/code", json={"phone": phone})

    async def verify(
        self,
        phone: str,
        code: str,
        *,
        display_name: str | None = None,
        device_name: str | None = None,
    ) -> SignedIn:
        body: dict[str, Any] = {"phone": phone, "code": code}
        if display_name is not None:
            body["display_name"] = display_name
        if device_name is not None:
            body["device_name"] = device_name
        return await self._call(SignedIn, "POST", "/auth/verify", json=body)

    async def me(self) -> UserOut:
        return (await self._call(Me, "GET", "/me")).user

    async def sign_out(self) -> None:
        await self._request("POST", "/auth/sign-out")

    async def dialogs(self) -> list[DialogOut]:
        return (await self._call(DialogList, "GET", "/dialogs")).dialogs

    async def create_dialog(self, *, user_id: int | None = None, phone: str | None = None) -> DialogOut:
        if (user_id is None) == (phone is None):
            raise ValueError("create_dialog needs exactly one of user_id and phone")
        body: dict[str, Any] = {"user_id": user_id} if user_id is not None else {"phone": phone}
        return (await self._call(DialogEnvelope, "POST", "/dialogs", json=body)).dialog

    async def send_message(self, dialog_id: int, client_id: str, text: str) -> MessageOut:
        envelope = await self._call(
            MessageEnvelope,
            "POST",
            f"/dialogs/{dialog_id}/messages",
            json={"client_id": client_id, "text": text},
        )
        return envelope.message

    async def messages(
        self,
        dialog_id: int,
        *,
        after_seq: int | None = None,
        before_seq: int | None = None,
        limit: int | None = None,
    ) -> list[MessageOut]:
        """Fetch one page of a dialog's messages in ascending ``seq``."""
        params: dict[str, int] = {}
        if after_seq is not None:
            params["after_seq"] = after_seq
        if before_seq is not None:
            params["before_seq"] = before_seq
        if limit is not None:
            params["limit"] = limit
        page = await self._call(MessageList, "GET", f"/dialogs/{dialog_id}/messages", params=params)
        return page.messages

    async def dialog(self, dialog_id: int) -> DialogOut:
        return (await self._call(DialogEnvelope, "GET", f"/dialogs/{dialog_id}")).dialog

    async def sync(self, known: dict[int, int], limit: int = 500) -> SyncResponse:
        """Fetch every dialog with its read state and up to ``limit`` messages after ``known``.

        ``known`` maps dialog ids to the newest seq stored without a gap;
        call again while ``has_more`` is true.
        """
        body = {"known": {str(dialog_id): seq for dialog_id, seq in known.items()}, "limit": limit}
        return await self._call(SyncResponse, "POST", "/sync", json=body)

    async def mark_read(self, dialog_id: int, seq: int) -> int:
        """Move the read cursor of a dialog forward to ``seq``; return the server's cursor."""
        return (await self._call(ReadCursor, "POST", f"/dialogs/{dialog_id}/read", json={"seq": seq})).seq
