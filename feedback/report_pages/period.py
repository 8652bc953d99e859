"""The period a report page looks at, chosen from its query string, and its trend window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from feedback import periods
from feedback.periods import PeriodKind

TREND_LENGTH = 12


# --- the period being looked at --------------------------------------------------------------------


@dataclass
class Period:
    kind: str
    start: date
    starts: list[date]  # the trend window, oldest first, ending with `start`
    options: list[tuple[str, str]]  # (value, label) for the period menu

    @property
    def label(self) -> str:
        return periods.label(self.kind, self.start)

    @property
    def value(self) -> str:
        return self.start.isoformat()[:7] if self.kind == PeriodKind.MONTH else str(self.start)

    @property
    def previous(self) -> date:
        return periods.previous_start(self.kind, self.start)


def choose_period(kind: str | None, value: str | None, *, today: date | None = None) -> Period:
    """The period from the page's query string; the current month when absent or invalid."""
    today = today or periods.today()
    kind = kind if kind in PeriodKind.values else PeriodKind.MONTH
    current = periods.start_of(kind, today)
    start = periods.parse_start(kind, value or "") or current
    if start > current or start.year < 2000:
        start = current
    starts = [periods.shift(kind, start, -steps) for steps in range(TREND_LENGTH - 1, -1, -1)]
    recent = periods.recent_starts(kind, periods.OFFERED[kind], until=today)
    if start not in recent:
        recent.append(start)
    options = [
        (
            day.isoformat()[:7] if kind == PeriodKind.MONTH else day.isoformat(),
            periods.label(kind, day),
        )
        for day in sorted(recent, reverse=True)
    ]
    return Period(kind, start, starts, options)
