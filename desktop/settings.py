"""App settings and per-account storage in the profile folder.

Layout of the profile folder (``platformdirs`` folders, or ``--data-dir``)::

    settings.json                 server URLs, language, last account
    accounts/<account key>/       one folder per account and server
        account.json              user id, name, phone, session id
        token                     session token, only without a keyring backend
    server/                       data of the embedded server

The session token goes to the system keyring when one is available. On a
machine without a keyring backend it is a 0600 file in the account folder.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import keyring
import keyring.errors
import platformdirs

log = logging.getLogger("autoclub.desktop")

APP_NAME = "Autoclub"
KEYRING_SERVICE = "Autoclub"
LANGUAGES = ("system", "ru", "en")
EMBEDDED_SERVER_KEY = "local"
"""Account key prefix for the embedded server, whose ports change every start."""


@dataclass(frozen=True)
class ProfilePaths:
    """Folders the app writes to."""

    config_dir: Path
    data_dir: Path

    @classmethod
    def default(cls) -> ProfilePaths:
        return cls(
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        )

    @classmethod
    def single(cls, folder: Path) -> ProfilePaths:
        """Keep settings and data in one folder, as ``--data-dir`` requests."""
        return cls(config_dir=folder, data_dir=folder)

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def accounts_dir(self) -> Path:
        return self.data_dir / "accounts"

    @property
    def server_dir(self) -> Path:
        return self.data_dir / "server"


def write_file_atomic(path: Path, text: str, mode: int = 0o644) -> None:
    """Replace ``path`` with ``text`` so a crash leaves the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(descriptor, mode)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


@dataclass
class Settings:
    """Values of ``settings.json``; empty ``api_url`` means the embedded server."""

    api_url: str = ""
    hub_url: str = ""
    language: str = "system"
    last_account: str = ""

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as error:
            log.warning("Settings file %s is unreadable, using defaults: %r", path, error)
            return cls()
        if not isinstance(data, dict):
            log.warning("Settings file %s is not a JSON object, using defaults", path)
            return cls()
        settings = cls()
        for key in asdict(settings):
            value = data.get(key)
            if isinstance(value, str):
                setattr(settings, key, value)
        if settings.language not in LANGUAGES:
            log.warning("Unknown language %r in %s, using 'system'", settings.language, path)
            settings.language = "system"
        return settings

    def save(self, path: Path) -> None:
        write_file_atomic(path, json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n")


def server_key(api_url: str | None) -> str:
    """Return a folder-safe name for a server: ``local`` or its host and port."""
    if not api_url:
        return EMBEDDED_SERVER_KEY
    netloc = urlsplit(api_url).netloc or api_url
    return re.sub(r"[^A-Za-z0-9.-]+", "_", netloc)


@dataclass
class Account:
    """A signed-in user on one server, stored in ``account.json``."""

    server: str
    user_id: int
    display_name: str
    phone: str | None = None
    session_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.server}-{self.user_id}"


class AccountStore:
    """Accounts under ``accounts/`` and their tokens in the keyring or a 0600 file."""

    def __init__(self, accounts_dir: Path) -> None:
        self.accounts_dir = accounts_dir

    def folder(self, account_key: str) -> Path:
        return self.accounts_dir / account_key

    def save(self, account: Account, token: str) -> None:
        folder = self.folder(account.key)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_file_atomic(
            folder / "account.json",
            json.dumps(asdict(account), indent=2, ensure_ascii=False) + "\n",
            mode=0o600,
        )
        self._save_token(account.key, token)

    def load(self, account_key: str) -> tuple[Account, str] | None:
        """Return the account and its token, or None when either is missing."""
        if not account_key:
            return None
        path = self.folder(account_key) / "account.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            account = Account(**data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError) as error:
            log.warning("Account file %s is unreadable: %r", path, error)
            return None
        token = self._load_token(account_key)
        if token is None:
            return None
        return account, token

    def forget_token(self, account_key: str) -> None:
        """Delete the token of an account, as signing out does; the folder stays."""
        try:
            keyring.delete_password(KEYRING_SERVICE, account_key)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as error:
            log.info("No keyring to delete the token of %s from: %r", account_key, error)
        (self.folder(account_key) / "token").unlink(missing_ok=True)

    def _save_token(self, account_key: str, token: str) -> None:
        token_file = self.folder(account_key) / "token"
        try:
            keyring.set_password(KEYRING_SERVICE, account_key, token)
        except keyring.errors.KeyringError as error:
            log.info(
                "No usable keyring (%r); storing the token of %s in %s with mode 0600",
                error,
                account_key,
                token_file,
            )
            write_file_atomic(token_file, token, mode=0o600)
            return
        token_file.unlink(missing_ok=True)

    def _load_token(self, account_key: str) -> str | None:
        try:
            token = keyring.get_password(KEYRING_SERVICE, account_key)
        except keyring.errors.KeyringError as error:
            log.debug("No usable keyring for %s: %r", account_key, error)
            token = None
        if token:
            return token
        try:
            return (self.folder(account_key) / "token").read_text(encoding="utf-8").strip() or None
        except FileNotFoundError:
            return None
