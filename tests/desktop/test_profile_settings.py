"""Settings file and per-account token storage, with and without a keyring."""

from __future__ import annotations

import stat
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from desktop.settings import Account, AccountStore, Settings, server_key


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.passwords[(service, username)]


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def account(server: str = "local", user_id: int = 5) -> Account:
    return Account(server=server, user_id=user_id, display_name="Алексей", phone="+79141234567")


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    Settings(api_url="http://club.example:8700", language="ru", last_account="local-5").save(path)
    loaded = Settings.load(path)
    assert loaded.api_url == "http://club.example:8700"
    assert loaded.language == "ru"
    assert loaded.last_account == "local-5"


def test_settings_defaults_for_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    assert Settings.load(path) == Settings()
    path.write_text('{"language": "klingon", "api_url": 5}')
    loaded = Settings.load(path)
    assert loaded.language == "system"
    assert loaded.api_url == ""


def test_token_file_without_keyring(tmp_path: Path) -> None:
    store = AccountStore(tmp_path / "accounts")
    store.save(account(), "secret-token")
    token_file = tmp_path / "accounts" / "local-5" / "token"
    assert token_file.read_text() == "secret-token"
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    loaded = store.load("local-5")
    assert loaded is not None
    assert loaded[0].display_name == "Алексей"
    assert loaded[1] == "secret-token"


def test_token_in_keyring_when_available(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    store = AccountStore(tmp_path / "accounts")
    store.save(account(), "secret-token")
    assert memory_keyring.passwords == {("Autoclub", "local-5"): "secret-token"}
    assert not (tmp_path / "accounts" / "local-5" / "token").exists()
    assert store.load("local-5") == (account(), "secret-token")
    store.forget_token("local-5")
    assert memory_keyring.passwords == {}
    assert store.load("local-5") is None


def test_accounts_kept_apart(tmp_path: Path) -> None:
    store = AccountStore(tmp_path / "accounts")
    store.save(account("local", 5), "token-local")
    store.save(account("club.example_8700", 5), "token-club")
    assert store.load("local-5")[1] == "token-local"  # type: ignore[index]
    assert store.load("club.example_8700-5")[1] == "token-club"  # type: ignore[index]
    store.forget_token("local-5")
    assert store.load("local-5") is None
    assert store.load("club.example_8700-5") is not None


def test_missing_account_is_none(tmp_path: Path) -> None:
    store = AccountStore(tmp_path / "accounts")
    assert store.load("") is None
    assert store.load("local-1") is None


def test_server_key_is_folder_safe() -> None:
    assert server_key(None) == "local"
    assert server_key("http://club.example:8700") == "club.example_8700"
