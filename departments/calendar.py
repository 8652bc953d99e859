"""Business-hours arithmetic for request targets.

A target of N hours counts only time inside a department's working intervals on non-holiday
days. Intervals are wall-clock times in the department's zone, but they are measured in real
(UTC) time, so an interval that contains a DST change is an hour shorter or longer that day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from departments.models import Department, Service

Interval = tuple[time, time]
Week = dict[int, tuple[Interval, ...]]

# What a department that has not set its working hours gets: Monday to Friday, 08:00-16:00.
DEFAULT_WEEK: Week = {weekday: ((time(8), time(16)),) for weekday in range(5)}
# About ten years: no sane target needs longer, and it stops the walk on a calendar made
# entirely of holidays instead of looping forever.
MAX_DAYS = 3660
ONE_DAY = timedelta(days=1)


def _normalise(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    """Sort and merge overlapping or touching intervals, so no time is counted twice."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


@dataclass(frozen=True)
class WorkingCalendar:
    tz: ZoneInfo
    week: Week  # weekday (0 = Monday) -> sorted, non-overlapping local intervals
    holidays: frozenset[date] = frozenset()
    # 24x7: every second counts and `week`/`holidays` are ignored.
    continuous: bool = False

    def __post_init__(self) -> None:
        if any(weekday not in range(7) for weekday in self.week):
            raise ValueError("Weekdays are 0 (Monday) to 6 (Sunday).")
        # Normalised here so hand-built calendars (tests, fixtures) obey the same invariant.
        week = {day: _normalise(spans) for day, spans in self.week.items()}
        object.__setattr__(self, "week", {day: spans for day, spans in week.items() if spans})
        object.__setattr__(self, "holidays", frozenset(self.holidays))

    @classmethod
    def for_department(cls, department: Department) -> WorkingCalendar:
        # Use rows from prefetch_related() when a list view prepared them; else two queries.
        cache = getattr(department, "_prefetched_objects_cache", {})
        if "working_hours" in cache:
            rows = [(row.weekday, row.start, row.end) for row in cache["working_hours"]]
        else:
            rows = list(department.working_hours.values_list("weekday", "start", "end"))
        if "holidays" in cache:
            holidays = frozenset(row.date for row in cache["holidays"])
        else:
            holidays = frozenset(department.holidays.values_list("date", flat=True))
        week: dict[int, list[Interval]] = {}
        for weekday, start, end in rows:
            week.setdefault(weekday, []).append((start, end))
        return cls(
            tz=department.tzinfo,
            week={day: tuple(spans) for day, spans in week.items()} if rows else DEFAULT_WEEK,
            holidays=holidays,
        )

    @classmethod
    def around_the_clock(cls) -> WorkingCalendar:
        return cls(tz=ZoneInfo("UTC"), week={}, continuous=True)


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("Business-time arithmetic needs timezone-aware datetimes.")
    # Arithmetic on a ZoneInfo-aware datetime is wall-clock arithmetic; UTC is real time.
    return value.astimezone(UTC)


def _instant(day: date, wall: time, tz: ZoneInfo) -> datetime:
    """The first moment (UTC) the clocks in `tz` show `wall` on `day`, or a later time.

    An ambiguous time (autumn) is its first occurrence. A time skipped in spring is the
    moment the clocks jump. This keeps the mapping monotonic, so intervals never overlap.
    """
    local = datetime.combine(day, wall, tzinfo=tz)
    after = local.astimezone(UTC)  # fold=0: a skipped time is read with the old offset
    if after.astimezone(tz).replace(tzinfo=None) == local.replace(tzinfo=None):
        return after
    # `wall` is in a gap: the jump lies between its two readings; find it to the second
    # (zone transitions are whole seconds). Rare, so a bisection is cheap enough.
    low = int(local.replace(fold=1).astimezone(UTC).timestamp())
    high = int(after.timestamp())
    new_offset = after.astimezone(tz).utcoffset()
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, tz).utcoffset() == new_offset:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def _working_spans(calendar: WorkingCalendar, day: date) -> list[tuple[datetime, datetime]]:
    """The day's working intervals as (start, end) UTC instants; empty on holidays."""
    if day in calendar.holidays:
        return []
    spans = []
    for start, end in calendar.week.get(day.weekday(), ()):
        begins, ends = _instant(day, start, calendar.tz), _instant(day, end, calendar.tz)
        if ends > begins:  # an interval inside a spring-forward gap is empty
            spans.append((begins, ends))
    return spans


def add_business_time(calendar: WorkingCalendar, start: datetime, duration: timedelta) -> datetime:
    """The moment `duration` of working time has passed since `start` (aware UTC)."""
    start = _utc(start)
    if duration < timedelta(0):
        raise ValueError("The duration cannot be negative.")
    if not duration:
        return start
    if calendar.continuous:
        return start + duration
    if not calendar.week:
        raise ValueError("The calendar has no working hours.")
    remaining = duration
    # Start a day early: a fall-back across midnight can make local dates go backwards.
    day = start.astimezone(calendar.tz).date() - ONE_DAY
    for _ in range(MAX_DAYS):
        for begins, ends in _working_spans(calendar, day):
            begins = max(begins, start)
            if ends <= begins:
                continue
            if remaining <= ends - begins:
                # `<=`: work that ends exactly at closing time is due at closing time.
                return begins + remaining
            remaining -= ends - begins
        day += ONE_DAY
    raise ValueError(f"The target does not fit in {MAX_DAYS} days of this calendar.")


def business_time_between(calendar: WorkingCalendar, start: datetime, end: datetime) -> timedelta:
    """Working time in [start, end); zero if `end` is not after `start`."""
    start, end = _utc(start), _utc(end)
    if end <= start:
        return timedelta(0)
    if calendar.continuous:
        return end - start
    total = timedelta(0)
    # One spare day on each side for the same midnight-DST reason as above.
    day = start.astimezone(calendar.tz).date() - ONE_DAY
    last = end.astimezone(calendar.tz).date() + ONE_DAY
    while day <= last:
        for begins, ends in _working_spans(calendar, day):
            begins, ends = max(begins, start), min(ends, end)
            if ends > begins:
                total += ends - begins
        day += ONE_DAY
    return total


def calendar_for_service(service: Service) -> WorkingCalendar:
    if service.around_the_clock:
        return WorkingCalendar.around_the_clock()
    return WorkingCalendar.for_department(service.department)


def due_at(service: Service, filed_at: datetime) -> datetime:
    """When a request filed at `filed_at` reaches the service's target turnaround."""
    duration = timedelta(hours=service.target_hours)
    return add_business_time(calendar_for_service(service), filed_at, duration)
