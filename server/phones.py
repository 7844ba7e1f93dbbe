"""Phone numbers as identities: parsing and normalisation to E.164."""

from __future__ import annotations

import phonenumbers

from server.errors import invalid
from shared.errors import ErrorCode

DEFAULT_REGION = "RU"
"""Region assumed for numbers without a country code, so ``8 914 …`` is ``+7 914 …``."""

MAX_PHONE_INPUT_LENGTH = 32


def normalize_phone(raw: str) -> str:
    """Return ``raw`` as an E.164 string such as ``+79141234567``.

    Raises:
        ApiError: ``invalid_phone`` when ``raw`` is not a valid, dialable number.
    """
    text = raw.strip()
    if not text or len(text) > MAX_PHONE_INPUT_LENGTH:
        raise invalid(ErrorCode.INVALID_PHONE, f"invalid phone number: {raw!r}")

    try:
        number = phonenumbers.parse(text, DEFAULT_REGION)
    except phonenumbers.NumberParseException as error:
        raise invalid(ErrorCode.INVALID_PHONE, f"invalid phone number: {raw!r}") from error

    # phonenumbers ignores letters in some positions ("+7 914 abc ..."); reject them.
    if any(character.isalpha() for character in text):
        raise invalid(ErrorCode.INVALID_PHONE, f"invalid phone number: {raw!r}")
    if not phonenumbers.is_valid_number(number):
        raise invalid(ErrorCode.INVALID_PHONE, f"invalid phone number: {raw!r}")

    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
