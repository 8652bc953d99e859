"""Business-hours arithmetic: targets, weekends, holidays, lunch breaks, DST."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from departments.calendar import (
    DEFAULT_WEEK,
    WorkingCalendar,
    add_business_time,
    business_time_between,
    calendar_for_service,
    due_at,
)
from departments.models import Department, Holiday, Service, WorkingHours

WARSAW = ZoneInfo("Europe/Warsaw")
H = timedelta(hours=1)
OFFICE = WorkingCalendar(tz=WARSAW, week=DEFAULT_WEEK)
# Mon-Fri with a lunch break.
LUNCH = WorkingCalendar(
    tz=WARSAW, week={day: ((time(8), time(12)), (time(13), time(17))) for day in range(5)}
)
# Every night 00:00-06:00: Europe's DST changes (02:00/03:00) fall inside the interval.
NIGHTS = WorkingCalendar(tz=WARSAW, week={day: ((time(0), time(6)),) for day in range(7)})
TWENTY_FOUR_SEVEN = WorkingCalendar.around_the_clock()


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=WARSAW)


# June 2025: Monday 9th, Tuesday 10th, ... Friday 13th, Saturday 14th, Monday 16th.


@pytest.mark.parametrize(
    ("filed", "due"),
    [
        pytest.param(local(2025, 6, 10, 15), local(2025, 6, 11, 11), id="tuesday-15"),
        pytest.param(local(2025, 6, 13, 15), local(2025, 6, 16, 11), id="friday-15"),
        pytest.param(local(2025, 6, 14, 10), local(2025, 6, 16, 12), id="saturday"),
        pytest.param(local(2025, 6, 15, 23, 59), local(2025, 6, 16, 12), id="sunday-night"),
        pytest.param(local(2025, 6, 10, 6), local(2025, 6, 10, 12), id="before-opening"),
        pytest.param(local(2025, 6, 10, 17), local(2025, 6, 11, 12), id="after-closing"),
        pytest.param(local(2025, 6, 10, 12), local(2025, 6, 10, 16), id="ends-at-closing"),
    ],
)
def test_four_hour_target(filed: datetime, due: datetime) -> None:
    result = add_business_time(OFFICE, filed, 4 * H)
    assert result == due
    assert result.tzinfo is UTC


def test_holiday_on_monday_pushes_to_tuesday() -> None:
    calendar = WorkingCalendar(
        tz=WARSAW, week=DEFAULT_WEEK, holidays=frozenset({date(2025, 6, 16)})
    )
    assert add_business_time(calendar, local(2025, 6, 13, 15), 4 * H) == local(2025, 6, 17, 11)
    assert add_business_time(calendar, local(2025, 6, 14, 10), 4 * H) == local(2025, 6, 17, 12)
    assert business_time_between(calendar, local(2025, 6, 13, 8), local(2025, 6, 17, 16)) == 16 * H


def test_zero_duration_returns_start_unchanged() -> None:
    saturday = local(2025, 6, 14, 10)
    assert add_business_time(OFFICE, saturday, timedelta(0)) == saturday
    assert add_business_time(TWENTY_FOUR_SEVEN, saturday, timedelta(0)) == saturday


@pytest.mark.parametrize(
    ("filed", "hours", "due"),
    [
        pytest.param(local(2025, 6, 9, 8), 40, local(2025, 6, 13, 16), id="monday-opening"),
        pytest.param(local(2025, 6, 9, 9), 40, local(2025, 6, 16, 9), id="monday-9"),
        pytest.param(local(2025, 6, 10, 15), 40, local(2025, 6, 17, 15), id="tuesday-15"),
        pytest.param(local(2025, 6, 14, 10), 40, local(2025, 6, 20, 16), id="saturday"),
        pytest.param(local(2025, 6, 9, 8), 400, local(2025, 8, 15, 16), id="ten-weeks"),
    ],
)
def test_several_day_targets(filed: datetime, hours: int, due: datetime) -> None:
    assert add_business_time(OFFICE, filed, hours * H) == due
    assert business_time_between(OFFICE, filed, due) == hours * H


def test_long_target_stays_fast() -> None:
    # About two years of working days (crossing DST twice a year) must not take long.
    due = add_business_time(OFFICE, local(2025, 1, 6, 8), 4000 * H)
    assert due == local(2026, 12, 4, 16)


@pytest.mark.parametrize(
    ("filed", "duration", "due"),
    [
        pytest.param(local(2025, 6, 10, 11), 2 * H, local(2025, 6, 10, 14), id="over-lunch"),
        pytest.param(local(2025, 6, 10, 12, 30), H, local(2025, 6, 10, 14), id="filed-at-lunch"),
        pytest.param(local(2025, 6, 10, 16), 2 * H, local(2025, 6, 11, 9), id="overnight"),
        pytest.param(local(2025, 6, 10, 8), 8 * H, local(2025, 6, 10, 17), id="full-day"),
        pytest.param(local(2025, 6, 10, 8), 4 * H, local(2025, 6, 10, 12), id="until-lunch"),
    ],
)
def test_lunch_break(filed: datetime, duration: timedelta, due: datetime) -> None:
    assert add_business_time(LUNCH, filed, duration) == due


def test_between() -> None:
    assert business_time_between(OFFICE, local(2025, 6, 13, 15), local(2025, 6, 16, 11)) == 4 * H
    assert business_time_between(OFFICE, local(2025, 6, 14), local(2025, 6, 16)) == timedelta(0)
    assert business_time_between(LUNCH, local(2025, 6, 10), local(2025, 6, 11)) == 8 * H
    later, earlier = local(2025, 6, 11, 11), local(2025, 6, 10, 11)
    assert business_time_between(OFFICE, later, earlier) == timedelta(0)
    assert business_time_between(OFFICE, later, later) == timedelta(0)


# 2025 in Warsaw: clocks go 02:00 -> 03:00 on Sunday 30 March, 03:00 -> 02:00 on 26 October.


def test_24x7_counts_real_hours_across_dst() -> None:
    spring = add_business_time(TWENTY_FOUR_SEVEN, local(2025, 3, 29, 12), 24 * H)
    assert spring == local(2025, 3, 30, 13)
    autumn = add_business_time(TWENTY_FOUR_SEVEN, local(2025, 10, 25, 12), 24 * H)
    assert autumn == local(2025, 10, 26, 11)
    assert (
        business_time_between(TWENTY_FOUR_SEVEN, local(2025, 3, 30), local(2025, 3, 31)) == 23 * H
    )
    assert (
        business_time_between(TWENTY_FOUR_SEVEN, local(2025, 10, 26), local(2025, 10, 27)) == 25 * H
    )


def test_office_hours_unaffected_by_night_dst_change() -> None:
    # Friday 15:00 before spring-forward and before fall-back: still Monday 11:00 local.
    assert add_business_time(OFFICE, local(2025, 3, 28, 15), 4 * H) == local(2025, 3, 31, 11)
    assert add_business_time(OFFICE, local(2025, 10, 24, 15), 4 * H) == local(2025, 10, 27, 11)
    assert business_time_between(OFFICE, local(2025, 3, 24), local(2025, 4, 7)) == 80 * H


def test_interval_containing_spring_forward_is_shorter() -> None:
    start = local(2025, 3, 30, 0)
    assert business_time_between(NIGHTS, start, local(2025, 3, 30, 12)) == 5 * H
    assert add_business_time(NIGHTS, start, 5 * H) == local(2025, 3, 30, 6)
    assert add_business_time(NIGHTS, start, 6 * H) == local(2025, 3, 31, 1)
    assert add_business_time(NIGHTS, start, 2 * H) == local(2025, 3, 30, 3)


def test_interval_containing_fall_back_is_longer() -> None:
    start = local(2025, 10, 26, 0)
    assert business_time_between(NIGHTS, start, local(2025, 10, 26, 12)) == 7 * H
    assert add_business_time(NIGHTS, start, 7 * H) == local(2025, 10, 26, 6)
    assert add_business_time(NIGHTS, start, 6 * H) == local(2025, 10, 26, 5)
    assert add_business_time(NIGHTS, start, 8 * H) == local(2025, 10, 27, 1)


def test_interval_edges_inside_spring_gap_are_the_jump() -> None:
    # 02:30 never shows on 30 March: both intervals meet at the jump (01:00 UTC), no overlap.
    calendar = WorkingCalendar(
        tz=WARSAW, week={6: ((time(1), time(2, 30)), (time(2, 45), time(4)))}
    )
    day_start, day_end = local(2025, 3, 30), local(2025, 3, 31)
    assert business_time_between(calendar, day_start, day_end) == 2 * H
    assert add_business_time(calendar, day_start, H) == datetime(2025, 3, 30, 1, tzinfo=UTC)


GRID_STARTS = [local(2025, 3, 24) + timedelta(minutes=53 * step) for step in range(0, 400, 3)]
GRID_DURATIONS = [timedelta(minutes=1), H, 4 * H, timedelta(hours=7, minutes=59), 8 * H, 41 * H]
GRID_CALENDARS = {
    "office-with-holiday": WorkingCalendar(
        tz=WARSAW, week=DEFAULT_WEEK, holidays=frozenset({date(2025, 3, 26), date(2025, 3, 31)})
    ),
    "lunch": LUNCH,
    "nights": NIGHTS,
    "24x7": TWENTY_FOUR_SEVEN,
}


@pytest.mark.parametrize("name", GRID_CALENDARS)
def test_between_inverts_add(name: str) -> None:
    # Starts over two weeks that include the spring DST change, in and out of working hours.
    calendar = GRID_CALENDARS[name]
    for start in GRID_STARTS:
        previous = start
        for duration in GRID_DURATIONS:
            due = add_business_time(calendar, start, duration)
            assert business_time_between(calendar, start, due) == duration, (start, duration)
            assert due >= previous  # more work never finishes earlier
            previous = due


def test_invalid_input() -> None:
    with pytest.raises(ValueError, match="aware"):
        add_business_time(OFFICE, datetime(2025, 6, 10, 15), H)
    with pytest.raises(ValueError, match="negative"):
        add_business_time(OFFICE, local(2025, 6, 10, 15), -H)
    with pytest.raises(ValueError, match="no working hours"):
        add_business_time(WorkingCalendar(tz=WARSAW, week={}), local(2025, 6, 10, 15), H)
    with pytest.raises(ValueError, match="Weekdays"):
        WorkingCalendar(tz=WARSAW, week={7: ((time(8), time(16)),)})


def test_calendar_of_holidays_only_gives_up() -> None:
    every_day = frozenset(date(2025, 1, 1) + timedelta(days=n) for n in range(4000))
    calendar = WorkingCalendar(tz=WARSAW, week=DEFAULT_WEEK, holidays=every_day)
    with pytest.raises(ValueError, match="does not fit"):
        add_business_time(calendar, local(2025, 1, 1), H)


def test_intervals_are_sorted_and_merged() -> None:
    calendar = WorkingCalendar(
        tz=WARSAW,
        week={0: ((time(13), time(17)), (time(8), time(12)), (time(11), time(13))), 1: ()},
    )
    assert calendar.week == {0: ((time(8), time(17)),)}


@pytest.fixture
def department() -> Department:
    return Department.objects.create(name="IT", slug="it", code="IT")


@pytest.mark.django_db
def test_for_department_reads_rows(department: Department, django_assert_num_queries) -> None:
    for weekday in range(5):
        WorkingHours.objects.create(
            department=department, weekday=weekday, start=time(13), end=time(17)
        )
        WorkingHours.objects.create(
            department=department, weekday=weekday, start=time(8), end=time(12)
        )
    WorkingHours.objects.create(department=department, weekday=5, start=time(9), end=time(11))
    Holiday.objects.create(department=department, date=date(2025, 6, 16), name="Holiday")

    with django_assert_num_queries(2):
        calendar = WorkingCalendar.for_department(department)
    assert calendar.tz == WARSAW
    assert calendar.week == {**LUNCH.week, 5: ((time(9), time(11)),)}
    assert calendar.holidays == {date(2025, 6, 16)}
    # Friday 16:00 + 4 h: Friday 1 h, Saturday 2 h, Monday is a holiday, Tuesday 1 h.
    assert add_business_time(calendar, local(2025, 6, 13, 16), 4 * H) == local(2025, 6, 17, 9)

    prefetched = Department.objects.prefetch_related("working_hours", "holidays").get()
    with django_assert_num_queries(0):
        assert WorkingCalendar.for_department(prefetched) == calendar


@pytest.mark.django_db
def test_department_without_rows_works_office_hours(department: Department) -> None:
    department.time_zone = "America/New_York"
    calendar = WorkingCalendar.for_department(department)
    assert calendar.week == DEFAULT_WEEK
    assert calendar.holidays == frozenset()
    assert calendar.tz == ZoneInfo("America/New_York")


@pytest.mark.django_db
def test_due_at(department: Department) -> None:
    Holiday.objects.create(department=department, date=date(2025, 6, 16))
    office = Service.objects.create(
        department=department, name="Laptop", slug="laptop", target_hours=4
    )
    urgent = Service.objects.create(
        department=department, name="Outage", slug="outage", target_hours=24, around_the_clock=True
    )
    assert calendar_for_service(urgent) == WorkingCalendar.around_the_clock()
    assert due_at(office, local(2025, 6, 13, 15)) == local(2025, 6, 17, 11)
    # 24x7 ignores weekends and holidays, and counts real hours across DST.
    assert due_at(urgent, local(2025, 6, 13, 15)) == local(2025, 6, 14, 15)
    assert due_at(urgent, local(2025, 3, 29, 12)) == local(2025, 3, 30, 13)
