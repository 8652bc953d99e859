"""Report periods: weeks (Monday to Sunday) and calendar months in the configured TIME_ZONE.

A period is named by its kind and its first day. Its bounds are the aware instants of local
midnight at its first day and at the next period's first day, so a month that contains a DST
change is an hour shorter or longer, as the clocks on the wall say.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")


def report_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_date(moment: datetime) -> date:
    """The calendar day `moment` falls on in the report time zone."""
    return timezone.localtime(moment, report_tz()).date()


def today() -> date:
    """Today in the report time zone."""
    return local_date(timezone.now())


def start_of(kind: str, day: date) -> date:
    """The first day of the period of `kind` that contains `day`."""
    if kind == PeriodKind.WEEK:
        return day - timedelta(days=day.weekday())
    if kind == PeriodKind.MONTH:
        return day.replace(day=1)
    raise ValueError(f"Unknown period kind: {kind!r}")


def period_of(kind: str, moment: datetime) -> date:
    """The first day of the period that contains the instant `moment`."""
    return start_of(kind, local_date(moment))


def next_start(kind: str, start: date) -> date:
    if kind == PeriodKind.WEEK:
        return start + timedelta(days=7)
    if start.month == 12:
        return date(start.year + 1, 1, 1)
    return date(start.year, start.month + 1, 1)


def previous_start(kind: str, start: date) -> date:
    if kind == PeriodKind.WEEK:
        return start - timedelta(days=7)
    return start_of(kind, start - timedelta(days=1))


def shift(kind: str, start: date, steps: int) -> date:
    """The start of the period `steps` periods after (or before, if negative) `start`."""
    if kind == PeriodKind.WEEK:
        return start + timedelta(days=7 * steps)
    months = start.year * 12 + (start.month - 1) + steps
    return date(months // 12, months % 12 + 1, 1)


def bounds(kind: str, start: date) -> tuple[datetime, datetime]:
    """[begin, end) of the period as aware instants."""
    tz = report_tz()
    begin = datetime.combine(start, time.min, tzinfo=tz)
    end = datetime.combine(next_start(kind, start), time.min, tzinfo=tz)
    return begin, end


def starts_between(kind: str, first: date, last: date) -> list[date]:
    """Starts of every period of `kind` that overlaps the days first..last (inclusive)."""
    starts = []
    current = start_of(kind, first)
    while current <= last:
        starts.append(current)
        current = next_start(kind, current)
    return starts


def periods_between(first: datetime, last: datetime) -> Iterator[tuple[str, date]]:
    """(kind, start) of every week and month from the instant `first` to the instant `last`."""
    for kind in PeriodKind.values:
        for start in starts_between(kind, local_date(first), local_date(last)):
            yield kind, start


# The periods a report page offers in its menu, counting the current one: 24 months, 26 weeks.
# "Where to improve" is kept for these (feedback.reports.findings).
OFFERED = {PeriodKind.MONTH: 24, PeriodKind.WEEK: 26}


def offered(kind: str, start: date, *, today_: date | None = None) -> bool:
    """Whether the period is one the report page's menu offers (not older, not in the future)."""
    current = start_of(kind, today_ or today())
    return shift(kind, current, -(OFFERED[kind] - 1)) <= start <= current


def recent_starts(kind: str, count: int, *, until: date | None = None) -> list[date]:
    """The starts of the last `count` periods, oldest first, ending with the one containing `until`."""
    until = until or today()
    last = start_of(kind, until)
    return [shift(kind, last, -steps) for steps in range(count - 1, -1, -1)]


def label(kind: str, start: date) -> str:
    """“2026-03” for a month, “2026-W10” (ISO week) for a week: short, sortable, unambiguous."""
    if kind == PeriodKind.MONTH:
        return f"{start:%Y-%m}"
    year, week, _weekday = start.isocalendar()
    return f"{year}-W{week:02d}"


def parse_start(kind: str, value: str) -> date | None:
    """The period named by “2026-03” (month) or “2026-03-02” (any day of a week); None if invalid."""
    value = value.strip()
    try:
        if kind == PeriodKind.MONTH and len(value) == 7:
            return date.fromisoformat(f"{value}-01")
        return start_of(kind, date.fromisoformat(value))
    except ValueError:
        return None
