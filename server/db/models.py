"""SQLAlchemy models. Every schema change needs an Alembic migration."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so migrations can refer to them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite needs INTEGER PRIMARY KEY for auto-increment, PostgreSQL gets BIGINT.
Id = BigInteger().with_variant(Integer(), "sqlite")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every database.

    SQLite stores no zone, so values come back naive; this type attaches UTC on
    the way out and rejects naive values on the way in.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use datetime.now(UTC)")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    phone: Mapped[str] = mapped_column(String(16), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the user's last hub connection closed; null while never connected.
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Session(Base):
    """A signed-in device. The token itself is never stored, only its SHA-256."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    device_name: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SignInCode(Base):
    """A one-time code sent by SMS; stored as an HMAC so a database leak reveals none."""

    __tablename__ = "sign_in_codes"
    __table_args__ = (
        Index("ix_sign_in_codes_phone_created_at", "phone", "created_at"),
        Index("ix_sign_in_codes_address_created_at", "address", "created_at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    phone: Mapped[str] = mapped_column(String(16))
    code_hash: Mapped[str] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    consumed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Dialog(Base):
    """A conversation: ``direct`` between two users or a ``group``.

    ``last_seq`` is the sequence number of the newest message; sending a message
    increments it in the same transaction, so sequence numbers have no gaps.
    """

    __tablename__ = "dialogs"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(String(128))
    # "<smaller user id>:<larger user id>" for direct dialogs, so each pair has one.
    direct_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class DialogMember(Base):
    __tablename__ = "dialog_members"

    dialog_id: Mapped[int] = mapped_column(
        ForeignKey("dialogs.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(16), default="member")  # owner, admin or member
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Sequence number of the newest message this member has read.
    last_read_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("dialog_id", "seq", name="uq_messages_dialog_id_seq"),
        UniqueConstraint(
            "dialog_id", "sender_id", "client_id", name="uq_messages_dialog_id_sender_id_client_id"
        ),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    dialog_id: Mapped[int] = mapped_column(ForeignKey("dialogs.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(BigInteger)
    sender_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Friendship(Base):
    """A friend request from ``requester_id`` to ``addressee_id``, or a friendship once accepted.

    One row per pair, whoever asked first; ``pair_key`` keeps it unique.
    """

    __tablename__ = "friendships"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    pair_key: Mapped[str] = mapped_column(String(64), unique=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    addressee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))  # "pending" or "accepted"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ProfileVisit(Base):
    """The latest visit of one user to another's profile; one row per pair."""

    __tablename__ = "profile_visits"
    __table_args__ = (
        UniqueConstraint("owner_id", "visitor_id", name="uq_profile_visits_owner_id_visitor_id"),
        Index("ix_profile_visits_owner_id_visited_at", "owner_id", "visited_at"),
    )

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    visitor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    visited_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    notified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    visits: Mapped[int] = mapped_column(Integer, default=1)


class Photo(Base):
    """An uploaded image: an album photo, or a club cover when ``album_id`` is null.

    The encoded files are in object storage under the keys of ``PhotoVariant``.
    """

    __tablename__ = "photos"
    __table_args__ = (Index("ix_photos_album_id_id", "album_id", "id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    album_id: Mapped[int | None] = mapped_column(ForeignKey("albums.id", ondelete="CASCADE"))
    uploader_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Size of the upright original, in pixels.
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    # Pillow's name of the uploaded format, e.g. JPEG or HEIF.
    source_format: Mapped[str] = mapped_column(String(16))
    # data: URI of a tiny blurred WebP.
    preview: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PhotoVariant(Base):
    """One stored variant (square, small, medium, large) of a photo.

    Keys are content hashes, so photos with identical bytes share a key; an
    object may be deleted only when no row here refers to its key.
    """

    __tablename__ = "photo_variants"

    photo_id: Mapped[int] = mapped_column(ForeignKey("photos.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), index=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(32))


class Album(Base):
    """A photo album of any owner: ``owner_type`` names the table, ``owner_id`` the row.

    The owner has no foreign key because it lives in different tables.
    ``cover_photo_id`` has none either, to avoid a cycle with ``photos``; the
    service clears it in the transaction that deletes that photo.
    """

    __tablename__ = "albums"
    __table_args__ = (Index("ix_albums_owner_type_owner_id_id", "owner_type", "owner_id", "id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    owner_type: Mapped[str] = mapped_column(String(16))  # "club" or "user"
    owner_id: Mapped[int] = mapped_column(BigInteger)
    title: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    cover_photo_id: Mapped[int | None] = mapped_column(BigInteger)
    photo_count: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Club(Base):
    """A car club with its own group chat (``dialog_id``) and an optional cover photo.

    ``search_title`` and ``search_city`` hold the title and city folded by
    ``server.services.clubs.fold``, because SQLite's ``lower()`` folds ASCII only.
    """

    __tablename__ = "clubs"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    title: Mapped[str] = mapped_column(String(80))
    city: Mapped[str] = mapped_column(String(64))
    topic: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text, default="")
    search_title: Mapped[str] = mapped_column(String(255))
    search_city: Mapped[str] = mapped_column(String(255), index=True)
    join_policy: Mapped[str] = mapped_column(String(16))  # "open" or "request"
    dialog_id: Mapped[int | None] = mapped_column(
        ForeignKey("dialogs.id", ondelete="SET NULL"), unique=True
    )
    cover_photo_id: Mapped[int | None] = mapped_column(ForeignKey("photos.id", ondelete="SET NULL"))
    # Banner crop centre as fractions of the cover's width and height.
    cover_focal_x: Mapped[float] = mapped_column(Float, default=0.5)
    cover_focal_y: Mapped[float] = mapped_column(Float, default=0.5)
    member_count: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ClubMember(Base):
    __tablename__ = "club_members"

    club_id: Mapped[int] = mapped_column(ForeignKey("clubs.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(16))  # owner, admin or member
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ClubJoinRequest(Base):
    """A pending request to join a club whose join policy is ``request``."""

    __tablename__ = "club_join_requests"
    __table_args__ = (UniqueConstraint("club_id", "user_id", name="uq_club_join_requests_club_id_user_id"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    club_id: Mapped[int] = mapped_column(ForeignKey("clubs.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
