"""Command-line options of ``autoclub`` and the hub URL derived from --server."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.app import Options, _apply_options, build_parser, derive_hub_url
from desktop.settings import ProfilePaths, Settings


@pytest.mark.parametrize(
    ("api_url", "hub_url"),
    [
        ("http://club.example:8700", "ws://club.example:8701/"),
        ("https://club.example:443/api/v1", "wss://club.example:444/"),
        ("http://127.0.0.1:5000/", "ws://127.0.0.1:5001/"),
    ],
)
def test_hub_url_derived_from_port(api_url: str, hub_url: str) -> None:
    assert derive_hub_url(api_url) == hub_url


def test_hub_url_needs_port() -> None:
    with pytest.raises(ValueError, match="pass --hub"):
        derive_hub_url("https://club.example")


def test_parser_reads_flags(tmp_path: Path) -> None:
    args = build_parser().parse_args(
        ["--server", "http://h:1", "--hub", "ws://h:2/", "--lang", "ru", "--data-dir", str(tmp_path)]
    )
    assert args.server == "http://h:1"
    assert args.hub == "ws://h:2/"
    assert args.lang == "ru"
    assert args.data_dir == tmp_path


def test_parser_rejects_unknown_language() -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--lang", "de"])


def test_flags_saved_in_settings(tmp_path: Path) -> None:
    paths = ProfilePaths.single(tmp_path)
    settings = Settings()
    _apply_options(Options("http://club.example:8700/", None, "en", tmp_path), settings, paths)
    saved = Settings.load(paths.settings_file)
    assert saved.api_url == "http://club.example:8700"
    assert saved.hub_url == ""
    assert saved.language == "en"


def test_empty_server_returns_to_embedded(tmp_path: Path) -> None:
    paths = ProfilePaths.single(tmp_path)
    settings = Settings(api_url="http://club.example:8700", hub_url="ws://club.example:9/")
    _apply_options(Options("", None, None, tmp_path), settings, paths)
    assert Settings.load(paths.settings_file).api_url == ""
    assert Settings.load(paths.settings_file).hub_url == ""
