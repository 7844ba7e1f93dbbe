"""Server settings from command-line flags, environment variables and a TOML file.

Precedence, highest first: flags, ``AUTOCLUB_*`` environment variables, the TOML
file named by ``--config`` or ``AUTOCLUB_CONFIG``, then the defaults below. The
TOML file uses the field names as keys, e.g. ``api_port = 8700``.
"""

from __future__ import annotations

import secrets
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import Field, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from shared.frames import CLOSE_TIMEOUT_SECONDS, PING_INTERVAL_SECONDS, PING_TIMEOUT_SECONDS

_toml_file: ContextVar[Path | None] = ContextVar("_toml_file", default=None)

DEFAULT_DATA_DIR = Path(platformdirs.user_data_dir("autoclub-server", appauthor=False))


class Settings(BaseSettings):
    """Everything an admin can set; each field is also a flag and a variable."""

    model_config = SettingsConfigDict(env_prefix="AUTOCLUB_", extra="forbid")

    data_dir: Path = Field(
        default=DEFAULT_DATA_DIR,
        description="Folder for the SQLite database, the internal secret and local photos",
    )
    host: str = Field(default="127.0.0.1", description="Address the API and the hub listen on")
    api_port: int = Field(
        default=8700, ge=0, le=65535, description="TCP port of the HTTP API (0 picks a free one)"
    )
    hub_port: int = Field(
        default=8701, ge=0, le=65535, description="TCP port of the WebSocket hub (0 picks a free one)"
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL, e.g. postgresql+asyncpg://user@host/db "
        "(default: SQLite file autoclub.db in the data folder)",
    )
    sms_gateway: str = Field(
        default="console",
        description="Where sign-in codes go: 'console' (stdout), 'file:PATH' (JSON lines) "
        "or an http(s):// URL that receives a JSON POST",
    )
    redis_url: str | None = Field(
        default=None,
        description="Redis URL for the event bus between several API and hub processes "
        "(default: in-process bus, one process only)",
    )
    redis_namespace: str = Field(
        default="autoclub",
        pattern=r"^[A-Za-z0-9_.-]{1,64}$",
        description="Prefix of Redis keys and channels, so several servers can share one Redis",
    )
    public_hub_url: str | None = Field(
        default=None,
        description="Hub URL that clients are told to use, e.g. wss://chat.example.org/hub "
        "(default: ws://<host the client used>:<hub port>/)",
    )
    api_url: str | None = Field(
        default=None,
        description="URL the hub uses to reach the API (default: this process's API)",
    )
    internal_secret: str | None = Field(
        default=None,
        description="Shared secret of API and hub (default: generated in the data folder)",
    )
    code_ttl_seconds: int = Field(default=300, ge=30, description="Lifetime of a sign-in code, in seconds")
    code_max_attempts: int = Field(default=5, ge=1, description="Wrong guesses allowed per sign-in code")
    code_resend_seconds: int = Field(
        default=60, ge=0, description="Seconds a number waits before it can request another code"
    )
    codes_per_number_per_hour: int = Field(
        default=5, ge=1, description="Sign-in codes one phone number may request per hour"
    )
    codes_per_address_per_hour: int = Field(
        default=30, ge=1, description="Sign-in codes one client IP address may request per hour"
    )
    auth_timeout_seconds: float = Field(
        default=10.0, gt=0, description="Seconds the hub waits for a new socket's auth frame"
    )
    ping_interval_seconds: float = Field(
        default=PING_INTERVAL_SECONDS, gt=0, description="Seconds between the hub's pings to each connection"
    )
    ping_timeout_seconds: float = Field(
        default=PING_TIMEOUT_SECONDS,
        gt=0,
        description="Seconds the hub waits for a pong before it drops the connection as dead",
    )
    close_timeout_seconds: float = Field(
        default=CLOSE_TIMEOUT_SECONDS,
        gt=0,
        description="Seconds the hub waits for a closing peer to close TCP before it aborts the connection",
    )
    send_buffer_bytes: int = Field(
        default=1024 * 1024,
        ge=1024,
        description="Bytes of frames waiting for one hub connection before it is closed as too slow "
        "(4008); checked twice a second",
    )
    forwarded_allow_ips: str = Field(
        default="127.0.0.1",
        description="Comma-separated addresses of reverse proxies whose X-Forwarded-For the API trusts, "
        "so rate limits see the real client address ('*' trusts any)",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="Lowest level of log records written to stderr"
    )

    storage: Literal["local", "s3"] = Field(
        default="local",
        description="Where photos go: 'local' (the media folder in the data folder, served by the API "
        "under /media) or 's3' (an S3 or S3-compatible bucket; set s3_bucket)",
    )
    local_media_url: str = Field(
        default="/media",
        description="URL prefix of locally stored photos in API responses: a path on the API "
        "or an absolute URL of a web server or CDN that serves the media folder",
    )
    s3_bucket: str | None = Field(default=None, description="S3 bucket of photos (needed with storage = s3)")
    s3_region: str | None = Field(default=None, description="S3 region, e.g. eu-central-1 (default: boto3's)")
    s3_endpoint_url: str | None = Field(
        default=None, description="Endpoint of an S3-compatible store, e.g. https://storage.yandexcloud.net"
    )
    s3_public_base_url: str | None = Field(
        default=None,
        description="Public URL of the bucket or a CDN in front of it; photo URLs become this plus "
        "the key (default: presigned GET URLs)",
    )
    s3_presigned_url_seconds: int = Field(
        default=3600, ge=60, le=604800, description="Lifetime of presigned photo URLs, in seconds"
    )
    s3_access_key_id: str | None = Field(
        default=None, description="S3 access key id (default: boto3's chain: environment, files, role)"
    )
    s3_secret_access_key: str | None = Field(
        default=None, description="S3 secret access key (default: boto3's chain: environment, files, role)"
    )
    max_upload_mb: int = Field(
        default=25, ge=1, le=200, description="Largest photo upload, in MiB (1 MiB = 1,048,576 bytes)"
    )
    photo_workers: int = Field(
        default=2,
        ge=1,
        le=64,
        description="Photos processed at the same time, each in a thread; each may take a few "
        "hundred MB of memory for the largest images",
    )

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("sms_gateway")
    @classmethod
    def _check_gateway(cls, value: str) -> str:
        if value == "console" or value.startswith(("file:", "http://", "https://")):
            return value
        raise ValueError("must be 'console', 'file:PATH' or an http(s):// URL")

    @model_validator(mode="after")
    def _check_s3_bucket(self) -> Settings:
        if self.storage == "s3" and not self.s3_bucket:
            raise ValueError("storage = s3 needs s3_bucket (--s3-bucket or AUTOCLUB_S3_BUCKET)")
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        toml_file = _toml_file.get()
        if toml_file is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml_file))
        return tuple(sources)

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{self.data_dir / 'autoclub.db'}"

    def resolved_internal_secret(self) -> str:
        """Return the API–hub secret, creating it in the data folder on first use."""
        if self.internal_secret:
            return self.internal_secret

        path = self.data_dir / "internal-secret"
        if path.exists():
            return path.read_text().strip()

        self.data_dir.mkdir(parents=True, exist_ok=True)
        secret = secrets.token_urlsafe(32)
        path.touch(mode=0o600)
        path.write_text(secret)
        return secret


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build settings from flags given as ``overrides``, the environment and a TOML file.

    Raises:
        FileNotFoundError: ``config_file`` does not exist.
        pydantic.ValidationError: a value is invalid; the message names the field.
    """
    if config_file is not None and not config_file.is_file():
        raise FileNotFoundError(f"config file not found: {config_file}")

    token = _toml_file.set(config_file)
    try:
        return Settings(**{key: value for key, value in overrides.items() if value is not None})
    finally:
        _toml_file.reset(token)
