"""Week and month arithmetic in the configured time zone (Europe/Warsaw in the tests)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from feedback import periods

WARSAW = ZoneInfo("Europe/Warsaw")


def test_weeks_start_on_monday():
    assert periods.start_of("week", date(2026, 3, 15)) == date(2026, 3, 9)  # a Sunday
    assert periods.start_of("week", date(2026, 3, 9)) == date(2026, 3, 9)
    assert periods.start_of("week", date(2026, 1, 1)) == date(2025, 12, 29)


def test_months_start_on_the_first():
    assert periods.start_of("month", date(2026, 2, 28)) == date(2026, 2, 1)


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="Unknown period kind"):
        periods.start_of("year", date(2026, 1, 1))


def test_period_of_an_instant_uses_the_local_day():
    # 23:30 UTC on 31 March is 01:30 on 1 April in Warsaw (summer time).
    moment = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    assert periods.period_of("month", moment) == date(2026, 4, 1)
    assert periods.period_of("week", moment) == date(2026, 3, 30)


def test_bounds_are_local_midnights_and_follow_dst():
    begin, end = periods.bounds("month", date(2026, 3, 1))
    assert begin == datetime(2026, 3, 1, tzinfo=WARSAW)
    assert end == datetime(2026, 4, 1, tzinfo=WARSAW)
    # March 2026 loses an hour on the 29th.
    assert end.astimezone(UTC) - begin.astimezone(UTC) == timedelta(days=31, hours=-1)
    week_begin, week_end = periods.bounds("week", date(2026, 10, 19))
    assert week_end.utcoffset() == timedelta(hours=1)
    assert week_begin.utcoffset() == timedelta(hours=2)


def test_next_previous_and_shift():
    assert periods.next_start("month", date(2026, 12, 1)) == date(2027, 1, 1)
    assert periods.previous_start("month", date(2026, 1, 1)) == date(2025, 12, 1)
    assert periods.previous_start("week", date(2026, 1, 5)) == date(2025, 12, 29)
    assert periods.shift("month", date(2026, 3, 1), -12) == date(2025, 3, 1)
    assert periods.shift("month", date(2026, 3, 1), 10) == date(2027, 1, 1)
    assert periods.shift("week", date(2026, 3, 9), -2) == date(2026, 2, 23)


def test_starts_between_covers_overlapping_periods():
    assert periods.starts_between("month", date(2026, 1, 15), date(2026, 3, 2)) == [
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
    ]
    assert periods.starts_between("week", date(2026, 3, 11), date(2026, 3, 16)) == [
        date(2026, 3, 9),
        date(2026, 3, 16),
    ]


def test_periods_between_instants_gives_weeks_and_months():
    found = set(
        periods.periods_between(
            datetime(2026, 3, 30, 9, tzinfo=WARSAW), datetime(2026, 4, 2, 9, tzinfo=WARSAW)
        )
    )
    assert found == {
        ("week", date(2026, 3, 30)),
        ("month", date(2026, 3, 1)),
        ("month", date(2026, 4, 1)),
    }


def test_recent_starts_end_with_the_current_period():
    assert periods.recent_starts("month", 3, until=date(2026, 2, 10)) == [
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_labels_and_parsing():
    assert periods.label("month", date(2026, 3, 1)) == "2026-03"
    assert periods.label("week", date(2025, 12, 29)) == "2026-W01"
    assert periods.parse_start("month", "2026-03") == date(2026, 3, 1)
    assert periods.parse_start("week", "2026-03-11") == date(2026, 3, 9)
    assert periods.parse_start("month", "2026-3") is None
    assert periods.parse_start("week", "soon") is None
