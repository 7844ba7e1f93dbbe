"""Choosing the UI language and installing Qt translators for it."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from resources import translations_dir

log = logging.getLogger("autoclub.desktop")

SUPPORTED_LANGUAGES = ("ru", "en")
FALLBACK_LANGUAGE = "en"


def resolve_language(setting: str, system_locale: QLocale | None = None) -> str:
    """Return ``ru`` or ``en`` for a setting of ``system``, ``ru`` or ``en``."""
    if setting in SUPPORTED_LANGUAGES:
        return setting
    locale = system_locale if system_locale is not None else QLocale.system()
    if locale.language() == QLocale.Language.Russian:
        return "ru"
    return FALLBACK_LANGUAGE


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install Autoclub's and Qt's own translations for ``language``.

    Returns the installed translators; the caller keeps them referenced, as a
    translator that Python frees silently stops translating.
    """
    QLocale.setDefault(QLocale(language))
    installed: list[QTranslator] = []

    # One file per feature area (autoclub_ru.qm, social_ru.qm, ...), so that
    # features can be translated apart.
    files = sorted(translations_dir().glob(f"*_{language}.qm"))
    for path in files:
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("Could not load translation %s", path)
    if not files:
        log.warning("No Autoclub translation for %r in %s", language, translations_dir())

    # Qt's own strings: standard dialog buttons, context menus of text fields.
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator(app)
    if language != "en" and qt_base.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
