"""Stable machine-readable error codes of the HTTP API.

Every error response has the body ``{"error": {"code": ..., "message": ...}}``.
Clients translate by ``code``; ``message`` is English text for logs and tools.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    # 400 / 422: the request itself is wrong.
    MALFORMED_JSON = "malformed_json"
    VALIDATION_FAILED = "validation_failed"
    INVALID_PHONE = "invalid_phone"
    INVALID_CODE_FORMAT = "invalid_code_format"
    DISPLAY_NAME_REQUIRED = "display_name_required"
    INVALID_DISPLAY_NAME = "invalid_display_name"
    EMPTY_MESSAGE = "empty_message"
    MESSAGE_TOO_LONG = "message_too_long"
    INVALID_CLIENT_ID = "invalid_client_id"
    INVALID_CURSOR = "invalid_cursor"
    CANNOT_CHAT_WITH_SELF = "cannot_chat_with_self"
    CANNOT_FRIEND_SELF = "cannot_friend_self"
    INVALID_TITLE = "invalid_title"
    TOO_MANY_MEMBERS = "too_many_members"
    NOT_A_GROUP = "not_a_group"

    # 401: who is asking is unknown.
    NOT_AUTHENTICATED = "not_authenticated"
    INVALID_TOKEN = "invalid_token"

    # Sign-in codes.
    WRONG_CODE = "wrong_code"
    CODE_EXPIRED = "code_expired"
    CODE_NOT_REQUESTED = "code_not_requested"
    TOO_MANY_ATTEMPTS = "too_many_attempts"

    # 403 / 404 / 409 / 413 / 429.
    FORBIDDEN = "forbidden"
    NOT_A_MEMBER = "not_a_member"
    SESSION_NOT_FOUND = "session_not_found"
    NOT_FOUND = "not_found"
    DIALOG_NOT_FOUND = "dialog_not_found"
    USER_NOT_FOUND = "user_not_found"
    CONFLICT = "conflict"
    PAYLOAD_TOO_LARGE = "payload_too_large"
    RATE_LIMITED = "rate_limited"

    # 5xx.
    SMS_DELIVERY_FAILED = "sms_delivery_failed"
    INTERNAL_ERROR = "internal_error"

    # Clubs and albums (404 / 409).
    CLUB_NOT_FOUND = "club_not_found"
    ALBUM_NOT_FOUND = "album_not_found"
    PHOTO_NOT_FOUND = "photo_not_found"
    JOIN_REQUEST_NOT_FOUND = "join_request_not_found"
    OWNER_CANNOT_LEAVE = "owner_cannot_leave"

    # Photo uploads: 413 for file_too_large, 422 for the others; the same
    # codes as server.media.ImageErrorCode. 503 when the storage fails.
    FILE_TOO_LARGE = "file_too_large"
    NOT_AN_IMAGE = "not_an_image"
    UNSUPPORTED_IMAGE = "unsupported_image"
    IMAGE_TOO_LARGE = "image_too_large"
    IMAGE_DAMAGED = "image_damaged"
    STORAGE_UNAVAILABLE = "storage_unavailable"
