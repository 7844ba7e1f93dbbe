"""The server's exception for failures a client caused or must handle.

Services raise ``ApiError`` with a stable code from ``shared.errors``; the API
turns it into ``{"error": {"code", "message"}}`` with the given HTTP status.
"""

from __future__ import annotations

from shared.errors import ErrorCode


class ApiError(Exception):
    """A request failed for a reason the client can act on."""

    def __init__(
        self,
        status: int,
        code: ErrorCode,
        message: str,
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def not_found(code: ErrorCode, message: str) -> ApiError:
    return ApiError(404, code, message)


def invalid(code: ErrorCode, message: str) -> ApiError:
    return ApiError(422, code, message)
