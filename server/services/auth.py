"""Phone sign-in: code requests, verification, sessions and token checks."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from server import tokens
from server.db.engine import DbSession
from server.db.models import Session, SignInCode, User
from server.errors import ApiError, invalid
from server.phones import normalize_phone
from server.services.context import ServerContext
from server.services.sessions import revoke_sessions
from server.sms import SmsDeliveryError
from shared.errors import ErrorCode
from shared.limits import MAX_DEVICE_NAME_LENGTH, MAX_DISPLAY_NAME_LENGTH, SIGN_IN_CODE_LENGTH

logger = logging.getLogger("autoclub.api")

SESSION_TOUCH_SECONDS = 60
"""A session's ``last_seen_at`` is written at most this often, to spare the database."""

RATE_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class CodeRequestResult:
    phone: str
    expires_in: int
    resend_after: int
    new_user: bool


@dataclass(frozen=True)
class SignInResult:
    token: str
    session: Session
    user: User


def mask_phone(phone: str) -> str:
    """Return a number for logs with its middle hidden, e.g. ``+7914***4567``."""
    return phone[:5] + "***" + phone[-4:] if len(phone) > 9 else "***"


def clean_display_name(raw: str) -> str:
    """Return the trimmed name, or raise ``invalid_display_name``."""
    name = " ".join(raw.split())
    if not name or len(name) > MAX_DISPLAY_NAME_LENGTH:
        raise invalid(
            ErrorCode.INVALID_DISPLAY_NAME,
            f"display name must be 1 to {MAX_DISPLAY_NAME_LENGTH} characters",
        )
    if any(not character.isprintable() for character in name):
        raise invalid(ErrorCode.INVALID_DISPLAY_NAME, "display name contains control characters")
    return name


def _rate_limited(retry_after: float, what: str) -> ApiError:
    seconds = max(1, int(retry_after + 0.999))
    return ApiError(
        429,
        ErrorCode.RATE_LIMITED,
        f"too many code requests {what}; retry in {seconds} s",
        headers={"Retry-After": str(seconds)},
    )


async def request_code(context: ServerContext, raw_phone: str, address: str | None) -> CodeRequestResult:
    """Create a sign-in code for the number and send it by SMS.

    Raises:
        ApiError: ``invalid_phone``; ``rate_limited`` (429 with ``Retry-After``)
            when the number or the client address asked too often;
            ``sms_delivery_failed`` (502) when the gateway failed.
    """
    settings = context.settings
    phone = normalize_phone(raw_phone)
    now = datetime.now(UTC)
    window_start = now - RATE_WINDOW
    code = tokens.new_code()

    async with context.database.session(write=True) as db:
        await _lock_code_requests(db, phone, address)
        recent = (
            (
                await db.execute(
                    select(SignInCode.created_at)
                    .where(SignInCode.phone == phone, SignInCode.created_at > window_start)
                    .order_by(SignInCode.created_at.desc())
                )
            )
            .scalars()
            .all()
        )
        if recent:
            wait = (recent[0] + timedelta(seconds=settings.code_resend_seconds) - now).total_seconds()
            if wait > 0:
                raise _rate_limited(wait, "for this number")
        if len(recent) >= settings.codes_per_number_per_hour:
            raise _rate_limited((recent[-1] + RATE_WINDOW - now).total_seconds(), "for this number")

        if address is not None:
            count, oldest = await _count_from_address(db, address, window_start)
            if count >= settings.codes_per_address_per_hour and oldest is not None:
                raise _rate_limited((oldest + RATE_WINDOW - now).total_seconds(), "from this address")

        # An earlier unused code stops working once a new one is sent.
        await db.execute(
            update(SignInCode)
            .where(SignInCode.phone == phone, SignInCode.consumed_at.is_(None))
            .values(consumed_at=now)
        )
        db.add(
            SignInCode(
                phone=phone,
                code_hash=tokens.hash_code(context.secret, phone, code),
                address=address,
                created_at=now,
                expires_at=now + timedelta(seconds=settings.code_ttl_seconds),
            )
        )
        user_exists = (
            await db.execute(select(User.id).where(User.phone == phone))
        ).scalar_one_or_none() is not None

        # Send before commit: a failed SMS leaves no code behind to count against the limit.
        text = f"Autoclub: код для входа {code}. Никому его не сообщайте. / Sign-in code {code}."
        try:
            await context.sms.send(phone, text, code)
        except SmsDeliveryError as error:
            logger.error("SMS delivery failed for a code request: %s", error)
            raise ApiError(
                502, ErrorCode.SMS_DELIVERY_FAILED, "could not send the SMS; try again later"
            ) from error
        await db.commit()

    logger.info("Sign-in code sent to %s from %s (new_user=%s)", mask_phone(phone), address, not user_exists)
    return CodeRequestResult(
        phone=phone,
        expires_in=settings.code_ttl_seconds,
        resend_after=settings.code_resend_seconds,
        new_user=not user_exists,
    )


async def _lock_code_requests(db: DbSession, phone: str, address: str | None) -> None:
    """Serialise code requests for one number and for one address until the transaction ends.

    Without the locks, concurrent requests on PostgreSQL all read the same
    recent codes and all pass the limits. SQLite needs none: its write
    transactions start with ``BEGIN IMMEDIATE`` and run one at a time.
    """
    if db.get_bind().dialect.name == "sqlite":
        return
    # The number's lock comes before the address's, so two requests cannot deadlock.
    keys = [f"sign-in-code:phone:{phone}"]
    if address is not None:
        keys.append(f"sign-in-code:address:{address}")
    for key in keys:
        await db.execute(select(func.pg_advisory_xact_lock(func.hashtextextended(key, 0))))


async def _count_from_address(
    db: DbSession, address: str, window_start: datetime
) -> tuple[int, datetime | None]:
    """Return how many codes ``address`` requested since ``window_start``, and the oldest time."""
    row = (
        await db.execute(
            select(func.count(), func.min(SignInCode.created_at)).where(
                SignInCode.address == address, SignInCode.created_at > window_start
            )
        )
    ).one()
    return int(row[0]), row[1]


async def verify_code(
    context: ServerContext,
    raw_phone: str,
    code: str,
    display_name: str | None,
    device_name: str | None,
    address: str | None,
) -> SignInResult:
    """Check a sign-in code and open a session, creating the user on first sign-in.

    A wrong code costs one attempt; after ``code_max_attempts`` the code is
    spent. A correct code is consumed, so it works once.

    Raises:
        ApiError: ``invalid_phone``, ``invalid_code_format``, ``code_not_requested``,
            ``code_expired``, ``too_many_attempts``, ``wrong_code``,
            ``display_name_required`` or ``invalid_display_name``.
    """
    phone = normalize_phone(raw_phone)
    code = code.strip()
    if len(code) != SIGN_IN_CODE_LENGTH or not code.isascii() or not code.isdigit():
        raise invalid(ErrorCode.INVALID_CODE_FORMAT, f"the code must be {SIGN_IN_CODE_LENGTH} digits")
    device = " ".join((device_name or "").split())[:MAX_DEVICE_NAME_LENGTH]
    now = datetime.now(UTC)

    async with context.database.session(write=True) as db:
        # FOR UPDATE serialises concurrent guesses at one code on PostgreSQL, so each
        # guess reads the attempts that earlier ones committed and a code is consumed once.
        entry = (
            await db.execute(
                select(SignInCode)
                .where(SignInCode.phone == phone, SignInCode.consumed_at.is_(None))
                .order_by(SignInCode.created_at.desc())
                .limit(1)
                .with_for_update()
            )
        ).scalar_one_or_none()
        if entry is None:
            raise ApiError(
                400, ErrorCode.CODE_NOT_REQUESTED, "no active code for this number; request a new one"
            )
        if entry.expires_at <= now:
            raise ApiError(400, ErrorCode.CODE_EXPIRED, "the code has expired; request a new one")
        if entry.attempts >= context.settings.code_max_attempts:
            raise ApiError(429, ErrorCode.TOO_MANY_ATTEMPTS, "too many wrong attempts; request a new code")

        if not tokens.codes_match(entry.code_hash, tokens.hash_code(context.secret, phone, code)):
            entry.attempts += 1
            left = context.settings.code_max_attempts - entry.attempts
            await db.commit()
            logger.info(
                "Wrong sign-in code for %s from %s (attempts left: %d)", mask_phone(phone), address, left
            )
            if left <= 0:
                raise ApiError(
                    429, ErrorCode.TOO_MANY_ATTEMPTS, "too many wrong attempts; request a new code"
                )
            raise ApiError(400, ErrorCode.WRONG_CODE, f"wrong code; {left} attempts left")

        user = (await db.execute(select(User).where(User.phone == phone))).scalar_one_or_none()
        if user is None:
            if display_name is None or not display_name.strip():
                # Do not consume the code: the client asks for the name and retries.
                raise invalid(ErrorCode.DISPLAY_NAME_REQUIRED, "a new user must give a display name")
            user = User(phone=phone, display_name=clean_display_name(display_name), created_at=now)
            db.add(user)
            await db.flush()
            logger.info("Registered user %s", user.id)

        entry.consumed_at = now
        token = tokens.new_token()
        session = Session(
            user_id=user.id,
            token_hash=tokens.hash_token(token),
            device_name=device,
            address=address,
            created_at=now,
            last_seen_at=now,
        )
        db.add(session)
        await db.commit()

    logger.info("User %s signed in, session %s", user.id, session.id)
    return SignInResult(token=token, session=session, user=user)


async def authenticate(
    context: ServerContext, token: str, address: str | None = None
) -> tuple[User, Session]:
    """Return the user and session of a token.

    Raises:
        ApiError: ``invalid_token`` (401) for an unknown or revoked token.
    """
    async with context.database.session() as db:
        user, session = await find_session(db, token)
    await touch_session(context, session, address)
    return user, session


async def find_session(db: DbSession, token: str) -> tuple[User, Session]:
    """Return the user and session of a token, read in the caller's transaction.

    Raises:
        ApiError: ``invalid_token`` (401) for an unknown or revoked token.
    """
    row = (
        await db.execute(
            select(User, Session)
            .join(Session, Session.user_id == User.id)
            .where(Session.token_hash == tokens.hash_token(token), Session.revoked_at.is_(None))
        )
    ).one_or_none()
    if row is None:
        raise ApiError(401, ErrorCode.INVALID_TOKEN, "the session token is invalid or was revoked")
    user, session = row
    return user, session


async def touch_session(context: ServerContext, session: Session, address: str | None = None) -> None:
    """Store the session's time of use, unless the stored one is under ``SESSION_TOUCH_SECONDS`` old."""
    now = datetime.now(UTC)
    if (now - session.last_seen_at).total_seconds() <= SESSION_TOUCH_SECONDS:
        return
    async with context.database.session(write=True) as db:
        await db.execute(
            update(Session)
            .where(Session.id == session.id)
            .values(last_seen_at=now, address=address or session.address)
        )
        await db.commit()


async def sign_out(context: ServerContext, user_id: int, session_id: int) -> None:
    """Revoke the caller's own session; its token stops working and its sockets close."""
    await revoke_sessions(context, user_id, [session_id], keep_id=None)
