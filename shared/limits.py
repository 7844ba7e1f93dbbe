"""Limits both ends enforce, so a client can check input before sending it."""

from __future__ import annotations

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
