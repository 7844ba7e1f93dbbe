"""User-facing text for API error codes, in the UI language."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.api import BAD_RESPONSE, NETWORK_ERROR, ApiError
from shared.errors import ErrorCode
from shared.limits import MAX_DISPLAY_NAME_LENGTH, MAX_MESSAGE_LENGTH, SIGN_IN_CODE_LENGTH

CONTEXT = "ErrorText"

# Source texts are marked for lupdate here and translated at lookup time, so a
# language switch needs no rebuild of this table. Texts with a number take it
# through %1 and QString-style arg() substitution.
_TEXTS = cast(
    dict[str, str],
    {
        ErrorCode.MALFORMED_JSON: QT_TRANSLATE_NOOP(
            "ErrorText", "The app sent a request the server could not read. Please update the app."
        ),
        ErrorCode.VALIDATION_FAILED: QT_TRANSLATE_NOOP(
            "ErrorText", "The server rejected the request as invalid. Please check what you entered."
        ),
        ErrorCode.INVALID_PHONE: QT_TRANSLATE_NOOP(
            "ErrorText", "This does not look like a phone number. Enter it with the country code."
        ),
        ErrorCode.INVALID_CODE_FORMAT: QT_TRANSLATE_NOOP("ErrorText", "The code must be %1 digits."),
        ErrorCode.DISPLAY_NAME_REQUIRED: QT_TRANSLATE_NOOP(
            "ErrorText", "Enter your name to create an account."
        ),
        ErrorCode.INVALID_DISPLAY_NAME: QT_TRANSLATE_NOOP(
            "ErrorText", "The name must be 1 to %1 characters."
        ),
        ErrorCode.EMPTY_MESSAGE: QT_TRANSLATE_NOOP("ErrorText", "Cannot send an empty message."),
        ErrorCode.MESSAGE_TOO_LONG: QT_TRANSLATE_NOOP(
            "ErrorText", "The message is too long: at most %1 characters."
        ),
        ErrorCode.INVALID_CLIENT_ID: QT_TRANSLATE_NOOP(
            "ErrorText", "The app sent an invalid message id. Please update the app."
        ),
        ErrorCode.INVALID_CURSOR: QT_TRANSLATE_NOOP(
            "ErrorText", "Could not load the message history. Please try again."
        ),
        ErrorCode.CANNOT_CHAT_WITH_SELF: QT_TRANSLATE_NOOP(
            "ErrorText", "This is your own number. Enter the number of another person."
        ),
        ErrorCode.CANNOT_FRIEND_SELF: QT_TRANSLATE_NOOP("ErrorText", "You cannot add yourself as a friend."),
        ErrorCode.INVALID_TITLE: QT_TRANSLATE_NOOP("ErrorText", "The group name is empty or too long."),
        ErrorCode.TOO_MANY_MEMBERS: QT_TRANSLATE_NOOP("ErrorText", "The group has reached its member limit."),
        ErrorCode.NOT_A_GROUP: QT_TRANSLATE_NOOP("ErrorText", "This works only in group chats."),
        ErrorCode.NOT_AUTHENTICATED: QT_TRANSLATE_NOOP(
            "ErrorText", "You are signed out. Please sign in again."
        ),
        ErrorCode.INVALID_TOKEN: QT_TRANSLATE_NOOP(
            "ErrorText", "Your session has ended. Please sign in again."
        ),
        ErrorCode.WRONG_CODE: QT_TRANSLATE_NOOP("ErrorText", "Wrong code. Check the SMS and try again."),
        ErrorCode.CODE_EXPIRED: QT_TRANSLATE_NOOP("ErrorText", "The code has expired. Request a new one."),
        ErrorCode.CODE_NOT_REQUESTED: QT_TRANSLATE_NOOP(
            "ErrorText", "No code was sent to this number. Request a code first."
        ),
        ErrorCode.TOO_MANY_ATTEMPTS: QT_TRANSLATE_NOOP(
            "ErrorText", "Too many wrong codes. Request a new code."
        ),
        ErrorCode.FORBIDDEN: QT_TRANSLATE_NOOP("ErrorText", "You do not have access to this."),
        ErrorCode.NOT_A_MEMBER: QT_TRANSLATE_NOOP("ErrorText", "You are not a member of this chat."),
        ErrorCode.SESSION_NOT_FOUND: QT_TRANSLATE_NOOP("ErrorText", "This session has already ended."),
        ErrorCode.NOT_FOUND: QT_TRANSLATE_NOOP("ErrorText", "Not found."),
        ErrorCode.DIALOG_NOT_FOUND: QT_TRANSLATE_NOOP(
            "ErrorText", "This chat does not exist or you are not in it."
        ),
        ErrorCode.USER_NOT_FOUND: QT_TRANSLATE_NOOP(
            "ErrorText", "Nobody with this number uses Autoclub yet."
        ),
        ErrorCode.CONFLICT: QT_TRANSLATE_NOOP(
            "ErrorText", "This was changed at the same time elsewhere. Please try again."
        ),
        ErrorCode.PAYLOAD_TOO_LARGE: QT_TRANSLATE_NOOP("ErrorText", "The request is too large."),
        ErrorCode.RATE_LIMITED: QT_TRANSLATE_NOOP(
            "ErrorText", "Too many requests. Please wait a little and try again."
        ),
        ErrorCode.CLUB_NOT_FOUND: QT_TRANSLATE_NOOP(
            "ErrorText", "This club does not exist or you cannot see it."
        ),
        ErrorCode.ALBUM_NOT_FOUND: QT_TRANSLATE_NOOP(
            "ErrorText", "This album does not exist or was deleted."
        ),
        ErrorCode.PHOTO_NOT_FOUND: QT_TRANSLATE_NOOP(
            "ErrorText", "This photo does not exist or was deleted."
        ),
        ErrorCode.JOIN_REQUEST_NOT_FOUND: QT_TRANSLATE_NOOP(
            "ErrorText", "This request to join no longer exists."
        ),
        ErrorCode.OWNER_CANNOT_LEAVE: QT_TRANSLATE_NOOP(
            "ErrorText", "The owner cannot leave. Hand the ownership to another member first."
        ),
        ErrorCode.FILE_TOO_LARGE: QT_TRANSLATE_NOOP("ErrorText", "The file is too large."),
        ErrorCode.NOT_AN_IMAGE: QT_TRANSLATE_NOOP("ErrorText", "This file is not an image."),
        ErrorCode.UNSUPPORTED_IMAGE: QT_TRANSLATE_NOOP(
            "ErrorText", "This image format is not supported. Use JPEG, PNG, WebP or HEIC."
        ),
        ErrorCode.IMAGE_TOO_LARGE: QT_TRANSLATE_NOOP("ErrorText", "The image has too many pixels."),
        ErrorCode.IMAGE_DAMAGED: QT_TRANSLATE_NOOP("ErrorText", "The image file is damaged."),
        ErrorCode.STORAGE_UNAVAILABLE: QT_TRANSLATE_NOOP(
            "ErrorText", "Photo storage is unavailable. Please try again later."
        ),
        ErrorCode.SMS_DELIVERY_FAILED: QT_TRANSLATE_NOOP(
            "ErrorText", "Could not send the SMS. Please try again later."
        ),
        ErrorCode.INTERNAL_ERROR: QT_TRANSLATE_NOOP(
            "ErrorText", "Something went wrong on the server. Please try again later."
        ),
        NETWORK_ERROR: QT_TRANSLATE_NOOP(
            "ErrorText", "Cannot reach the server. Check your connection and try again."
        ),
        BAD_RESPONSE: QT_TRANSLATE_NOOP(
            "ErrorText", "The server sent an unexpected response. Please update the app."
        ),
    },
)

_UNKNOWN = cast(str, QT_TRANSLATE_NOOP("ErrorText", "Something went wrong (%1). Please try again."))

_NUMBERS: dict[str, int] = {
    ErrorCode.INVALID_CODE_FORMAT: SIGN_IN_CODE_LENGTH,
    ErrorCode.INVALID_DISPLAY_NAME: MAX_DISPLAY_NAME_LENGTH,
    ErrorCode.MESSAGE_TOO_LONG: MAX_MESSAGE_LENGTH,
}


def known_codes() -> set[str]:
    return set(_TEXTS)


def error_text(code: str) -> str:
    """Return the sentence to show for an error code, in the installed UI language."""
    source = _TEXTS.get(code)
    if source is None:
        return QCoreApplication.translate(CONTEXT, _UNKNOWN).replace("%1", code)
    text = QCoreApplication.translate(CONTEXT, source)
    number = _NUMBERS.get(code)
    return text.replace("%1", str(number)) if number is not None else text


def describe(error: ApiError) -> str:
    return error_text(error.code)
