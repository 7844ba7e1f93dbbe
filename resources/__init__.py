"""Data files of the desktop client: translations and styles."""

from __future__ import annotations

from pathlib import Path

_ROOT = Path(__file__).resolve().parent


def translations_dir() -> Path:
    """Return the folder with ``autoclub_<lang>.ts`` sources and compiled ``.qm`` files."""
    return _ROOT / "translations"


def style_sheet() -> str:
    """Return the app's Qt style sheet."""
    return (_ROOT / "styles" / "autoclub.qss").read_text(encoding="utf-8")
