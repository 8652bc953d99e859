"""Dates and durations as pages show them, made cheap for lists: a page formats many.

- `DateFormatter`: many datetimes in one page, formatted as Django's `|date` would.
- `duration_words` (“3 h”, “2 d”), translated once per process and language, and
  `DurationWords`, the same for one page's language.
- `due_of`: what a request's due badge says; `ListDates` does all three for a page of requests.

`django.utils.formats.date_format` looks up the locale's format, splits it with a regular
expression and translates month names again for every value: some 45 µs each, so a queue page of
50 rows with two dates each spent more time formatting dates than rendering its markup. A
`DateFormatter` does that work once (per page, in the active language and time zone) and then
formats each value with a single `str.format`. It gives exactly what `|date` gives (the tests
compare them over every format name of every language); a format letter it does not know makes it
fall back to Django's own formatting.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import dateformat, timezone
from django.utils.dates import MONTHS, MONTHS_3, MONTHS_ALT, MONTHS_AP, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import FORMAT_SETTINGS, get_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

# Format letters as str.format fields: numbers read the value's attributes, names come from the
# tables the formatter translates once (`_names`).
_FIELDS = {
    "d": "{0.day:02d}",
    "j": "{0.day}",
    "m": "{0.month:02d}",
    "n": "{0.month}",
    "Y": "{0.year:04d}",
    "H": "{0.hour:02d}",
    "G": "{0.hour}",
    "i": "{0.minute:02d}",
    "s": "{0.second:02d}",
    **{letter: "{" + letter + "}" for letter in "MbNFEDl"},
}
_NAME_LETTERS = frozenset("MbNFEDl")
_WEEKDAY_NAMES = frozenset("Dl")


def _names(letter: str) -> dict[int, str]:
    """A name letter's month (or weekday) names in the active language, as DateFormat shows them."""
    if letter == "M":
        return {k: str(v).title() for k, v in MONTHS_3.items()}
    table = {"b": MONTHS_3, "N": MONTHS_AP, "F": MONTHS, "E": MONTHS_ALT}.get(letter)
    table = table or {"D": WEEKDAYS_ABBR, "l": WEEKDAYS}[letter]
    return {k: str(v) for k, v in table.items()}


def _template(format_string: str) -> tuple[str, list[str]] | None:
    """The format as one str.format template and the name letters it uses, or None if it uses a
    letter not in _FIELDS."""
    out, letters = [], []
    for number, piece in enumerate(dateformat.re_formatchars.split(format_string)):
        if number % 2:
            if piece not in _FIELDS:
                return None
            out.append(_FIELDS[piece])
            if piece in _NAME_LETTERS:
                letters.append(piece)
        elif piece:
            literal = dateformat.re_escaped.sub(r"\1", piece)
            out.append(literal.replace("{", "{{").replace("}", "}}"))
    return "".join(out), letters


@functools.cache
def _compiled(format_name: str, language: str | None) -> tuple[str, str | None, list]:
    """A format's string, template and name tables in a language: the same until the translations
    or the format settings change (the first needs a restart; the second clears this below)."""
    format_string = str(get_format(format_name))
    compiled = _template(format_string)
    template, letters = compiled if compiled else (None, [])
    return (
        format_string,
        template,
        [(letter, _names(letter), letter in _WEEKDAY_NAMES) for letter in letters],
    )


@receiver(setting_changed)
def _formats_changed(*, setting: str, **kwargs) -> None:
    # Django's list of format settings (django.test.signals forgets get_format's cache on them),
    # and the setting that picks the format modules.
    if setting in FORMAT_SETTINGS or setting == "FORMAT_MODULE_PATH":
        _compiled.cache_clear()
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"):  # other words
        _words.cache_clear()


class DateFormatter:
    """`formatter(value)` is `value|date:format_name` in the current language and time zone,
    as they are when the formatter is made: make one per page (or per list), not per value."""

    def __init__(self, format_name: str = "SHORT_DATETIME_FORMAT", zone: tzinfo | None = None):
        self.format_string, self.template, self.tables = _compiled(format_name, get_language())
        self.zone = zone or timezone.get_current_timezone()

    def __call__(self, value: datetime | None) -> str:
        if value is None:
            return ""
        if (
            getattr(value, "tzinfo", None) is not None
        ):  # aware (cheaper than is_aware's utcoffset())
            value = value.astimezone(self.zone)
        if self.template is None:
            return dateformat.format(value, self.format_string)
        return self.template.format(
            value,
            **{
                letter: table[value.weekday() if weekday else value.month]
                for letter, table, weekday in self.tables
            },
        )


def duration_words(delta: timedelta) -> str:
    """3 min / 5 h / 2 d: the single largest unit, as service desks show it."""
    return _words(get_language(), *_unit_and_count(delta))


def _unit_and_count(delta: timedelta) -> tuple[str, int]:
    seconds = int(abs(delta.total_seconds()))
    if seconds < 3600:
        return "min", max(1, seconds // 60)
    if seconds < 48 * 3600:
        return "h", seconds // 3600
    return "d", seconds // 86400


# Kept per process: a big company's queue shows ages of hundreds of distinct days, and Django's
# ngettext takes some 10-20 µs a call. `language` is the active one, there for the key. Bounded
# (a count of days grows by one a day).
@functools.lru_cache(maxsize=4096)
def _words(language: str | None, unit: str, count: int) -> str:
    if unit == "min":
        return ngettext("%(n)d min", "%(n)d min", count) % {"n": count}
    if unit == "h":
        return ngettext("%(n)d h", "%(n)d h", count) % {"n": count}
    return ngettext("%(n)d d", "%(n)d d", count) % {"n": count}


class DurationWords:
    """duration_words for one page, in the language active when the page is made: each distinct
    duration is translated once per process and language."""

    def __init__(self) -> None:
        self.language = get_language()

    def __call__(self, delta: timedelta) -> str:
        return _words(self.language, *_unit_and_count(delta))


@dataclass(frozen=True, slots=True)
class Due:
    """What a request's due badge says: `kind` is "paused", "due" or "overdue"; `title` the due
    time in full (none while paused)."""

    kind: str
    text: str
    title: str = ""


class ListDates:
    """What a page showing many requests formats for each: dates, durations and due badges,
    with the formats and words looked up once for the page."""

    def __init__(self, zone: tzinfo | None = None) -> None:
        self.date = DateFormatter(zone=zone)
        self.duration = DurationWords()
        self._paused = _("clock paused")
        self._overdue = _("overdue by %(time)s")
        self._due = _("due in %(time)s")

    def due(self, req, now: datetime) -> Due | None:
        """“due in 3 h” or “overdue by 2 d”; the clock is paused while waiting on the requester."""
        if req.due_at is None:
            return None
        if req.status == "waiting":
            return Due("paused", self._paused)
        title = self.date(req.due_at)
        if req.due_at < now:
            return Due("overdue", self._overdue % {"time": self.duration(now - req.due_at)}, title)
        return Due("due", self._due % {"time": self.duration(req.due_at - now)}, title)


def due_of(req, now: datetime) -> Due | None:
    """One request's due badge (a list makes one ListDates for all its rows)."""
    return ListDates().due(req, now)
