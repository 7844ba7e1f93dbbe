"""ApiClient against httpx.MockTransport: bodies, headers and typed errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest

from desktop.api import BAD_RESPONSE, NETWORK_ERROR, ApiClient, ApiError, normalize_api_url

NOW = datetime(2026, 5, 1, tzinfo=UTC).isoformat()


def client_with(handler: httpx.MockTransport | None = None, **kwargs: object) -> ApiClient:
    return ApiClient("http://127.0.0.1:8700", transport=handler, **kwargs)  # type: ignore[arg-type]


async def test_request_code_parses_body() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200,
            json={"phone": "+79141234567", "expires_in": 300, "resend_after": 60, "new_user": True},
        )

    api = client_with(httpx.MockTransport(handler))
    sent = await api.request_code("8 914 123-45-67")
    await api.aclose()
    assert sent.new_user is True
    assert sent.resend_after == 60
    assert seen[0].url.path == "/api/v1/auth/code"
    assert json.loads(seen[0].content) == {"phone": "8 914 123-45-67"}
    assert "authorization" not in seen[0].headers


async def test_token_sent_as_bearer() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"dialogs": []})

    api = client_with(httpx.MockTransport(handler), token="secret-token")
    assert await api.dialogs() == []
    await api.aclose()
    assert seen[0].headers["authorization"] == "Bearer secret-token"


async def test_error_body_becomes_api_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            429,
            headers={"Retry-After": "42"},
            json={"error": {"code": "rate_limited", "message": "slow down"}},
        )

    api = client_with(httpx.MockTransport(handler))
    with pytest.raises(ApiError) as caught:
        await api.request_code("+79141234567")
    await api.aclose()
    assert caught.value.code == "rate_limited"
    assert caught.value.status == 429
    assert caught.value.retry_after == 42.0
    assert caught.value.message == "slow down"


async def test_error_without_body_is_bad_response() -> None:
    api = client_with(httpx.MockTransport(lambda request: httpx.Response(502, text="Bad Gateway")))
    with pytest.raises(ApiError) as caught:
        await api.me()
    await api.aclose()
    assert caught.value.code == BAD_RESPONSE
    assert caught.value.status == 502


async def test_body_not_matching_contract_is_bad_response() -> None:
    api = client_with(httpx.MockTransport(lambda request: httpx.Response(200, json={"nope": 1})))
    with pytest.raises(ApiError) as caught:
        await api.dialogs()
    await api.aclose()
    assert caught.value.code == BAD_RESPONSE


async def test_connection_failure_is_network_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    api = client_with(httpx.MockTransport(handler))
    with pytest.raises(ApiError) as caught:
        await api.dialogs()
    await api.aclose()
    assert caught.value.code == NETWORK_ERROR
    assert caught.value.status is None


async def test_messages_query_parameters() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        message = {
            "id": 5, "dialog_id": 3, "seq": 8, "sender_id": 1,
            "client_id": "c", "text": "hi", "created_at": NOW,
        }  # fmt: skip
        return httpx.Response(200, json={"messages": [message]})

    api = client_with(httpx.MockTransport(handler))
    page = await api.messages(3, after_seq=7, limit=50)
    await api.aclose()
    assert [message.seq for message in page] == [8]
    assert seen[0].url.path == "/api/v1/dialogs/3/messages"
    assert dict(seen[0].url.params) == {"after_seq": "7", "limit": "50"}


async def test_create_dialog_needs_one_key() -> None:
    api = client_with(httpx.MockTransport(lambda request: httpx.Response(500)))
    with pytest.raises(ValueError, match="exactly one"):
        await api.create_dialog()
    await api.aclose()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://club.example:8700", "http://club.example:8700"),
        ("http://club.example:8700/", "http://club.example:8700"),
        ("https://club.example/api/v1/", "https://club.example"),
    ],
)
def test_normalize_api_url(url: str, expected: str) -> None:
    assert normalize_api_url(url) == expected


def test_normalize_rejects_other_schemes() -> None:
    with pytest.raises(ValueError, match="invalid server URL"):
        normalize_api_url("ftp://club.example")
