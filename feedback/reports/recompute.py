"""The ways to recompute stored cells (some periods, outbox scopes, a range of days), each choosing
the engine: one SQL statement on PostgreSQL (feedback.reports.sql), the ORM one period at a time
elsewhere (feedback.reports.portable)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import partial

from django.db import connection, connections
from django.utils import timezone

from desk import tasking
from feedback import periods
from feedback.periods import PeriodKind
from feedback.reports.families import FAMILIES
from feedback.reports.findings import recompute_findings
from feedback.reports.portable import recompute_period_portable
from feedback.reports.sql import sql_recompute


def recompute_periods(
    starts: Iterable[tuple[str, date]],
    department_ids: Iterable[int] | None = None,
    *,
    company: bool | None = None,
    families: Collection[str] | None = None,
    findings: bool = True,
) -> int:
    """Replace the stored cells of these (kind, start) periods; returns how many were written.

    Without department_ids: every department and the company. With them: those departments, and
    the company cells only when `company` is set. With `families` (see FAMILY_FIELDS) only those
    figures need to be brought up to date (on PostgreSQL only those are recomputed). The
    departments' findings follow, unless `findings` is off (the caller has them done later).
    """
    wanted = set()
    for kind, start in starts:
        if kind not in PeriodKind.values:
            raise ValueError(f"Unknown period kind: {kind!r}")
        wanted.add((kind, periods.start_of(kind, start)))
    if company is None:
        company = department_ids is None
    department_ids = None if department_ids is None else sorted(set(department_ids))
    if not wanted or (department_ids == [] and not company):
        return 0
    if connection.vendor == "postgresql":
        written = sql_recompute(
            sorted(wanted), department_ids, company, cumulative=False, families=families
        )
    else:
        written = sum(
            recompute_period_portable(kind, start, department_ids, company=company)
            for kind, start in sorted(wanted)
        )
    if findings:
        _findings(sorted(wanted), department_ids)
    return written


def _findings(starts: list[tuple[str, date]], department_ids: list[int] | None) -> None:
    """The departments' findings follow their cells, in the same job (never on page load)."""
    if department_ids != []:
        recompute_findings(starts, department_ids)


def recompute_period(
    kind: str,
    start: date,
    department_ids: Iterable[int] | None = None,
    *,
    company: bool | None = None,
) -> int:
    """Replace the stored cells of one period (see recompute_periods for which cells)."""
    return recompute_periods([(kind, start)], department_ids, company=company)


def recompute(scopes: Iterable[tuple[str, date, int, str]]) -> int:
    """Recompute (period kind, period start, department, figures) scopes, figures being a family
    of FAMILY_FIELDS or "" for all: each department's cells of its periods, in one statement per
    set of departments that share the same periods and figures. A department's statement covers
    every family marked in any of its periods, in all of them: recomputing a figure that did not
    change costs less than another statement. The company's cells are left to the sweep (see
    recompute_stale)."""
    from feedback.tasks import recompute_findings_task  # the tasks module imports this one

    scopes = list(scopes)
    starts: dict[int, set[tuple[str, date]]] = defaultdict(set)
    families: dict[int, set[str]] = defaultdict(set)
    for kind, start, department_id, figures in scopes:
        starts[department_id].add((kind, start))
        families[department_id] |= {figures} if figures else set(FAMILIES)
    statements: dict[tuple, list[int]] = defaultdict(list)
    for department_id, its_starts in starts.items():
        key = (tuple(sorted(families[department_id])), tuple(sorted(its_starts)))
        statements[key].append(department_id)
    written = sum(
        recompute_periods(
            its_starts, department_ids, company=False, families=its_families, findings=False
        )
        for (its_families, its_starts), department_ids in sorted(statements.items())
    )
    # The findings read the cells just written: a task of their own once they commit keeps each
    # change's recomputation short (the worker that wrote the cells usually runs it next).
    tasking.enqueue_on_commit(
        recompute_findings_task,
        [[kind, start.isoformat(), department_id] for kind, start, department_id, _f in scopes],
    )
    return written


def recompute_range(
    first: date,
    last: date,
    department_ids: Iterable[int] | None = None,
    *,
    company: bool | None = None,
) -> int:
    """Recompute every week and month that overlaps the days first..last (see recompute_periods
    for which cells). On PostgreSQL in one statement whatever the length of the range."""
    starts = [
        (kind, start)
        for kind in PeriodKind.values
        for start in periods.starts_between(kind, first, last)
    ]
    if company is None:
        company = department_ids is None
    department_ids = None if department_ids is None else sorted(set(department_ids))
    if department_ids == [] and not company:
        return 0
    if connection.vendor == "postgresql":
        # Weeks and months are separate cells: their statements run side by side (each kind's
        # history is a contiguous range of its own, as the cumulative backlog needs), each
        # followed by its kind's findings, which read only that kind's cells.
        by_kind = [[s for s in starts if s[0] == kind] for kind in PeriodKind.values]
        written = sum(
            _side_by_side(
                [
                    partial(_cells_and_findings, its, department_ids, company)
                    for its in by_kind
                    if its
                ]
            )
        )
    else:
        written = sum(
            recompute_period_portable(kind, start, department_ids, company=company)
            for kind, start in starts
        )
        _findings(starts, department_ids)
    return written


def _cells_and_findings(
    starts: list[tuple[str, date]], department_ids: list[int] | None, company: bool
) -> int:
    written = sql_recompute(starts, department_ids, company, cumulative=True)
    _findings(starts, department_ids)
    return written


def _side_by_side(calls: list[Callable[[], int]]) -> list[int]:
    """Run the calls at once, each on a thread and database connection of its own: a long
    statement keeps one CPU busy, and a full recomputation has one per period kind. One after the
    other inside a transaction, whose rows the other connections could not see."""
    if len(calls) < 2 or connection.in_atomic_block:
        return [call() for call in calls]

    def run(call: Callable[[], int]) -> int:
        try:
            return call()
        finally:
            connections.close_all()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def recent_range(months: int = 13, *, today: date | None = None) -> tuple[date, date]:
    """The first and last day of the last `months` months, the current one included."""
    today = today or periods.local_date(timezone.now())
    first = periods.shift(PeriodKind.MONTH, periods.start_of(PeriodKind.MONTH, today), 1 - months)
    return first, today
