"""Session tokens and sign-in codes: generation and the hashes that are stored."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from shared.limits import SIGN_IN_CODE_LENGTH

TOKEN_BYTES = 32


def new_token() -> str:
    """Return a fresh opaque session token (256 random bits, URL-safe)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """Return the stored form of a token; its entropy makes a plain SHA-256 enough."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(SIGN_IN_CODE_LENGTH))


def hash_code(secret: str, phone: str, code: str) -> str:
    """Return an HMAC of the code, keyed by the server secret.

    A code has only a million values, so a plain hash would be reversible from
    a leaked database; the key keeps it opaque without the secret.
    """
    return hmac.new(secret.encode(), f"{phone}:{code}".encode(), hashlib.sha256).hexdigest()


def codes_match(stored_hash: str, candidate_hash: str) -> bool:
    return hmac.compare_digest(stored_hash, candidate_hash)
