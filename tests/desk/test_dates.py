"""desk.dates.DateFormatter gives exactly what Django's |date gives, faster (issue 11)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from desk import dates
from desk.dates import DateFormatter, Due, ListDates, due_of

FORMAT_NAMES = [
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "TIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
]

# Every month and weekday, single- and double-digit days and hours, midnight, and both sides of
# the spring and autumn clock changes in Warsaw.
VALUES = [
    datetime(2026, 1, 1, 0, 0, tzinfo=UTC) + timedelta(days=day * 13, hours=day * 5, minutes=day)
    for day in range(60)
] + [
    datetime(2026, 3, 29, 0, 59, tzinfo=UTC),
    datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
    datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
    datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
    datetime(999, 12, 31, 23, 59, 59, tzinfo=UTC),
]


@pytest.mark.parametrize("language", ["en", "pl"])
@pytest.mark.parametrize("format_name", FORMAT_NAMES)
def test_same_text_as_django_in_every_language_and_format(language, format_name):
    with translation.override(language), timezone.override("Europe/Warsaw"):
        formatter = DateFormatter(format_name)
        assert formatter.template is not None, "the fast path must cover Desk's own formats"
        for value in VALUES:
            expected = date_format(timezone.localtime(value), format_name)
            assert formatter(value) == expected, (language, format_name, value)


def test_the_time_zone_and_language_are_those_of_when_it_was_made():
    value = datetime(2026, 7, 1, 22, 30, tzinfo=UTC)
    with translation.override("pl"), timezone.override("Europe/Warsaw"):
        polish_warsaw = DateFormatter("DATETIME_FORMAT")
    with translation.override("en"), timezone.override("UTC"):
        assert polish_warsaw(value) == "2 lipca 2026 00:30"


@pytest.mark.parametrize(
    "custom",
    [r"\d\a\y j {N} \o\f F", "D, l jS F Y, P", "{0} Y-m-d b E", r"\\Y \{y} H:i:s"],
)
def test_escapes_braces_and_letters_it_does_not_know(monkeypatch, custom):
    """Any format a locale may bring: the letters it knows are exact, the others (S, P, y)
    fall back to Django's formatting."""
    monkeypatch.setattr("desk.dates.get_format", lambda name: custom)
    dates._compiled.cache_clear()  # formats are compiled once per language
    value = datetime(2026, 2, 3, 4, 5, 6, tzinfo=UTC)
    try:
        with translation.override("pl"), timezone.override("UTC"):
            assert DateFormatter("SHORT_DATE_FORMAT")(value) == date_format(value, custom)
        assert DateFormatter()(None) == ""
    finally:
        dates._compiled.cache_clear()


def test_a_changed_format_setting_empties_the_compiled_formats(settings):
    with translation.override("en"):
        DateFormatter("DATE_FORMAT")
    assert dates._compiled.cache_info().currsize > 0
    settings.SHORT_DATE_FORMAT = "Y/m/d"
    assert dates._compiled.cache_info().currsize == 0


def test_due_badges_say_paused_due_or_overdue_in_the_page_language():
    now = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)

    def req(status, due_at):
        return SimpleNamespace(status=status, due_at=due_at)

    with translation.override("en"), timezone.override("UTC"):
        dates = ListDates()
        assert dates.due(req("new", None), now) is None
        assert dates.due(req("waiting", now - timedelta(days=3)), now) == Due(
            "paused", "clock paused"
        )
        assert dates.due(req("new", now - timedelta(hours=5)), now) == Due(
            "overdue", "overdue by 5 h", "1 Jun 2026, 07:00"
        )
        assert dates.due(req("in_progress", now + timedelta(days=3)), now) == Due(
            "due", "due in 3 d", "4 Jun 2026, 12:00"
        )
        # One request alone gets the same badge.
        assert due_of(req("new", now - timedelta(hours=5)), now) == dates.due(
            req("new", now - timedelta(hours=5)), now
        )
    with translation.override("pl"), timezone.override("UTC"):
        polish = ListDates().due(req("new", now + timedelta(minutes=30)), now)
    assert polish.kind == "due"
    assert polish.text == "termin za 30 min"


def test_durations_are_worded_in_the_language_of_their_page():
    """DurationWords keeps each duration's words for the process, by language: a Polish page
    after an English one (and the other way round) gets its own words."""
    dates._words.cache_clear()
    worded = []
    for language in ("en", "pl", "en", "pl"):
        with translation.override(language):
            words = dates.DurationWords()
            worded.append((words(timedelta(days=1)), words(timedelta(days=5))))
            assert worded[-1] == (
                dates.duration_words(timedelta(days=1)),
                dates.duration_words(timedelta(days=5)),
            )
    assert worded == [("24 h", "5 d"), ("24 godz.", "5 dni")] * 2
