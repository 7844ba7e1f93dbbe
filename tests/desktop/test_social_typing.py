"""Typing tracker, typing throttle, presence texts and their Russian plural forms, with no server."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree

import pytest
from pytestqt.qtbot import QtBot

from desktop.social.presence import Presence, PresenceModel, presence_text
from desktop.social.text import fill
from desktop.social.typing import TypingThrottle, TypingTracker, typing_text
from resources import translations_dir
from tests.desktop.conftest import timeout_ms

Install = Callable[[str], None]

NAMES = ["Анна", "Борис", "Вера", "Глеб", "Дина", "Егор", "Жанна"]


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def names(count: int) -> list[str]:
    return [NAMES[index % len(NAMES)] for index in range(count)]


def test_tracker_shows_typer_until_expiry(qtbot: QtBot) -> None:
    clock = FakeClock()
    tracker = TypingTracker(expiry_seconds=5.0, clock=clock)
    with qtbot.waitSignal(tracker.changed) as changed:
        tracker.note_typing(7, 42)
    assert changed.args == [7]
    assert tracker.typers(7) == [42]

    clock.now += 4.9
    assert tracker.typers(7) == [42]
    clock.now += 0.2
    assert tracker.typers(7) == []
    with qtbot.waitSignal(tracker.changed) as changed:
        tracker.expire()
    assert changed.args == [7]


def test_tracker_refresh_extends_expiry() -> None:
    clock = FakeClock()
    tracker = TypingTracker(expiry_seconds=5.0, clock=clock)
    tracker.note_typing(7, 42)
    clock.now += 4.0
    tracker.note_typing(7, 42)
    clock.now += 4.0
    assert tracker.typers(7) == [42]


def test_tracker_clear_hides_at_once(qtbot: QtBot) -> None:
    tracker = TypingTracker()
    tracker.note_typing(7, 42)
    tracker.note_typing(7, 43)
    with qtbot.waitSignal(tracker.changed) as changed:
        tracker.clear(7, 42)
    assert changed.args == [7]
    assert tracker.typers(7) == [43]


def test_tracker_clear_of_unknown_typer_is_silent(qtbot: QtBot) -> None:
    tracker = TypingTracker()
    with qtbot.assertNotEmitted(tracker.changed):
        tracker.clear(7, 42)


def test_tracker_timer_expires_typer(qtbot: QtBot) -> None:
    tracker = TypingTracker(expiry_seconds=0.2)
    tracker.note_typing(3, 9)
    with qtbot.waitSignal(tracker.changed, timeout=timeout_ms(2)) as changed:
        pass
    assert changed.args == [3]
    assert tracker.typers(3) == []


def test_throttle_sends_once_per_interval() -> None:
    clock = FakeClock()
    throttle = TypingThrottle(3.0, clock)
    assert throttle.should_send(1)
    assert not throttle.should_send(1)
    assert throttle.should_send(2)
    clock.now += 2.9
    assert not throttle.should_send(1)
    clock.now += 0.1
    assert throttle.should_send(1)


def test_throttle_reset_allows_next_frame() -> None:
    throttle = TypingThrottle(3.0, FakeClock())
    assert throttle.should_send(1)
    throttle.reset(1)
    assert throttle.should_send(1)


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "Анна печатает…"),
        (2, "Анна и Борис печатают…"),
        (3, "Анна, Борис и ещё 1 человек печатают…"),
        (4, "Анна, Борис и ещё 2 человека печатают…"),
        (5, "Анна, Борис и ещё 3 человека печатают…"),
        (7, "Анна, Борис и ещё 5 человек печатают…"),
        (21, "Анна, Борис и ещё 19 человек печатают…"),
        (23, "Анна, Борис и ещё 21 человек печатают…"),
        (24, "Анна, Борис и ещё 22 человека печатают…"),
    ],
)
def test_typing_text_russian(language: Install, count: int, expected: str) -> None:
    language("ru")
    assert typing_text(names(count)) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, ""),
        (1, "Анна is typing…"),
        (2, "Анна and Борис are typing…"),
        (5, "Анна, Борис and 3 more are typing…"),
        (21, "Анна, Борис and 19 more are typing…"),
    ],
)
def test_typing_text_english(language: Install, count: int, expected: str) -> None:
    language("en")
    assert typing_text(names(count)) == expected


def test_typing_text_keeps_percent_in_names(language: Install) -> None:
    language("en")
    assert typing_text(["100%2", "Борис"]) == "100%2 and Борис are typing…"


def test_fill_leaves_unknown_placeholders() -> None:
    assert fill("%1 and %3", "a") == "a and %3"


NOW = datetime(2026, 12, 4, 20, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("presence", "expected"),
    [
        (Presence(True, None), "в сети"),
        (Presence(False, NOW - timedelta(seconds=20)), "был(а) в сети только что"),
        (Presence(False, NOW - timedelta(minutes=1)), "был(а) в сети 1 минуту назад"),
        (Presence(False, NOW - timedelta(minutes=3)), "был(а) в сети 3 минуты назад"),
        (Presence(False, NOW - timedelta(minutes=5)), "был(а) в сети 5 минут назад"),
        (Presence(False, NOW - timedelta(minutes=21)), "был(а) в сети 21 минуту назад"),
        (Presence(False, NOW - timedelta(hours=2)), "был(а) в сети 2 часа назад"),
        (Presence(False, NOW - timedelta(days=5)), "был(а) в сети 5 дней назад"),
        (Presence(False, None), "был(а) в сети давно"),
    ],
)
def test_presence_text_russian(language: Install, presence: Presence, expected: str) -> None:
    language("ru")
    assert presence_text(presence, NOW) == expected


def test_presence_text_english(language: Install) -> None:
    language("en")
    assert presence_text(Presence(False, NOW - timedelta(minutes=1)), NOW) == "last seen 1 minute ago"
    assert presence_text(Presence(False, NOW - timedelta(hours=5)), NOW) == "last seen 5 hours ago"
    assert presence_text(None, NOW) == ""


def test_presence_text_names_old_dates(language: Install) -> None:
    language("en")
    text = presence_text(Presence(False, NOW - timedelta(days=40)), NOW)
    assert text.startswith("last seen on ")
    assert "2026" in text


def test_presence_model_applies_frames(qtbot: QtBot) -> None:
    model = PresenceModel()
    with qtbot.waitSignal(model.changed) as changed:
        model.apply_frame({"type": "presence", "user_id": 5, "online": True, "last_seen": None})
    assert changed.args == [5]
    assert model.is_online(5)
    model.apply_frame({"type": "presence", "user_id": 5, "online": False, "last_seen": "2026-12-04T19:00:00"})
    assert not model.is_online(5)
    presence = model.get(5)
    assert presence is not None
    assert presence.last_seen == datetime(2026, 12, 4, 19, 0, tzinfo=UTC)


def test_presence_model_skips_invalid_frames(qtbot: QtBot) -> None:
    model = PresenceModel()
    with qtbot.assertNotEmitted(model.changed):
        model.apply_frame({"type": "presence", "user_id": "5", "online": True})
    assert not model.is_online(5)


def test_every_social_text_translated() -> None:
    tree = ElementTree.parse(translations_dir() / "social_ru.ts")
    unfinished = []
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type"):
            unfinished.append(message.findtext("source"))
            continue
        forms = [form.text for form in translation.iter("numerusform")]
        if message.get("numerus") == "yes":
            complete = len(forms) == 3 and all(forms)
        else:
            complete = bool((translation.text or "").strip())
        if not complete:
            unfinished.append(message.findtext("source"))
    assert unfinished == []
