"""What to generate (Plan, the sizes), what the measurements find again (Company), the fixed
accounts and titles, and the approximated business clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
PASSWORD = "bench-password"
HEAD_EMAIL = "head.it@bench.example"
ADMIN_EMAIL = "admin@bench.example"
BUSY_TITLE = "Bench: request with 30 timeline events"
SEARCH_WORD = "printer"

# Business time: Monday-Friday, 07:00-15:00 UTC (08:00-16:00 CET), no holidays.
DAY = 86_400
WEEK = 7 * DAY
OPENS = 7 * 3600
SPAN = 8 * 3600
WEEK_SPAN = 5 * SPAN
MONDAY = 4 * DAY  # 1970-01-05, the first Monday of the Unix epoch
YEAR = 365 * DAY
AUTO_CLOSE = 7 * DAY


def business_clock(ts: float) -> float:
    """Working seconds from MONDAY to the instant `ts` (a Unix time)."""
    weeks, rest = divmod(ts - MONDAY, WEEK)
    day, second = divmod(rest, DAY)
    if day >= 5:
        return weeks * WEEK_SPAN + WEEK_SPAN
    return weeks * WEEK_SPAN + day * SPAN + min(max(second - OPENS, 0.0), SPAN)


def business_add(ts: float, seconds: float) -> float:
    """The instant `seconds` working seconds after `ts` (the inverse of business_clock)."""
    weeks, rest = divmod(business_clock(ts) + seconds, WEEK_SPAN)
    day, second = divmod(rest, SPAN)
    return MONDAY + weeks * WEEK + day * DAY + OPENS + second


def to_datetime(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


@dataclass(frozen=True)
class Plan:
    requests: int
    departments: int = 10
    services: int = 120
    employees: int = 5_000
    years: int = 3
    seed: int = 20_240_601
    busy_events: int = 30
    chunk: int = 20_000

    @classmethod
    def for_size(cls, size: str) -> Plan:
        return cls(requests=SIZES[size])


@dataclass
class Company:
    """What the measurements need to find again in the generated data."""

    now: datetime
    head_id: int = 0
    admin_id: int = 0
    busy_request_id: int = 0
    department_ids: list[int] = field(default_factory=list)
    requests: int = 0
    events: int = 0
    feedback: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
