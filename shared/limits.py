"""Limits both ends enforce, so a client can check input before sending it."""

from __future__ import annotations

from typing import Annotated

from annotated_types import Ge, Le
from pydantic import AfterValidator

MAX_MESSAGE_LENGTH = 4000
"""Maximum message length in characters (Unicode code points), after trimming."""

MAX_CLIENT_ID_LENGTH = 64
"""Maximum length of a client-generated message id; a UUID4 string has 36 characters."""

MAX_DISPLAY_NAME_LENGTH = 64
MAX_DEVICE_NAME_LENGTH = 100

MAX_REQUEST_BODY_BYTES = 64 * 1024
"""Largest JSON request body the API accepts; larger bodies get 413."""

MAX_SYNC_BODY_BYTES = 1024 * 1024
"""Largest ``POST /api/v1/sync`` body; it lists a cursor per dialog."""

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50

SIGN_IN_CODE_LENGTH = 6

Int64 = Annotated[int, Ge(-(2**63)), Le(2**63 - 1)]
"""An id or cursor in a request: the range of the database's 64-bit integer columns.

Larger values used to reach the database driver and fail there with 500.
"""


def check_text(value: str) -> str:
    """Return ``value`` unless it contains NUL or a lone surrogate, which the database cannot store.

    PostgreSQL text rejects NUL, and a lone surrogate (a JSON escape such as
    ``"\\ud800"``) has no UTF-8 form, so either used to fail with 500.
    """
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must not contain lone UTF-16 surrogates") from None
    return value


Text = Annotated[str, AfterValidator(check_text)]
"""A string in a request body or query that the database can store."""
