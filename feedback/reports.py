"""Report figures, computed in the database and stored as ReportCell rows.

On PostgreSQL one SQL statement computes and stores any number of periods at once (see "many
periods in one statement" below): one grouped pass per figure family (filed, resolved, finished,
first response, ratings, backlog), each over the rows whose own timestamp falls in the periods,
with GROUPING SETS for every grouping, merged and upserted by the database. A whole history is a
handful of table scans; a department's current week and month read only that department's rows of
those periods through the timestamp indexes. Elsewhere (SQLite) one period is computed by four
grouped queries over requests with their feedback joined, one per grouping, as
recompute_period_portable does. Nothing is loaded row by row into Python, and a recomputation
replaces the cells' figures, so running it twice, or concurrently, gives the same rows.

What counts where (all instants compared with the period's [begin, end) in TIME_ZONE):
- filed: created in the period; resolved: first resolved in it; closed / cancelled: finished in
  it as closed (confirmed or expired) / cancelled.
- backlog: filed before the period's end and neither resolved nor closed by then. The report
  timestamps are written once, so a reopened request counts as done from its first resolution.
- turnaround (calendar and business hours), target compliance: the requests resolved in it.
- first response (business hours): the requests first answered in it.
- CSAT, mean rating and aspects: ratings given in it. Response rate: of the requests closed in
  it, the share that has a rating.
A request counts for its department, its current service and the client type it was filed with.

Keeping cells current: a change marks the department-periods it can move (feedback.receivers,
mark_stale); a worker recomputes them right after the change commits (recompute_stale) and marks
the company-wide cells of those periods, which the periodic sweep recomputes once a minute
(recompute_stale_company). So a department's cells lag a change by the worker's queue, and the
company's by up to about a minute more.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Aggregate, Count, FloatField, Q, Sum
from django.utils import timezone

from departments.models import Department
from desk.models import Request, Status
from feedback import periods
from feedback.models import (
    ALL_CLIENTS,
    ALL_SERVICES,
    COMPANY,
    STALE_CELL_KEY,
    ReportCell,
    StaleCell,
    StaleCompanyPeriod,
)
from feedback.periods import PeriodKind

# --- percentiles ----------------------------------------------------------------------------------


class _SqlitePercentile:
    """percentile_cont for SQLite: the same linear interpolation as PostgreSQL's."""

    def __init__(self) -> None:
        self.values: list[float] = []
        self.fraction = 0.5

    def step(self, value, fraction) -> None:
        if value is not None:
            self.values.append(float(value))
            self.fraction = float(fraction)

    def finalize(self) -> float | None:
        return percentile_cont(self.values, self.fraction)


def percentile_cont(values: list[float], fraction: float) -> float | None:
    """PostgreSQL's percentile_cont: interpolate between the two nearest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    lower = math.floor(position)
    upper = math.ceil(position)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


SQLITE_PERCENTILE = "desk_percentile_cont"


class PercentileCont(Aggregate):
    """percentile_cont(fraction) WITHIN GROUP (ORDER BY expression), on PostgreSQL and SQLite."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra) -> None:
        fraction = float(fraction)
        if not 0.0 <= fraction <= 1.0:
            raise ValueError("A percentile is a fraction between 0 and 1.")
        # A literal from code, never from input: it is formatted into the SQL as a number.
        super().__init__(expression, fraction=repr(fraction), **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        # Registered on each use: cheap, and it works whatever opened the connection.
        connection.ensure_connection()
        connection.connection.create_aggregate(SQLITE_PERCENTILE, 2, _SqlitePercentile)
        clone = self.copy()
        clone.function = SQLITE_PERCENTILE
        clone.template = "%(function)s(%(expressions)s, %(fraction)s)"
        return clone.as_sql(compiler, connection, **extra_context)


# --- the figures of one period ----------------------------------------------------------------------

GROUPINGS: tuple[tuple[str, ...], ...] = (
    ("department_id", "service_id", "client_type"),
    ("department_id", "service_id"),
    ("department_id", "client_type"),
    ("department_id",),
)
# The whole company: per client type, and everything (all services, always).
COMPANY_GROUPINGS: tuple[tuple[str, ...], ...] = (("client_type",), ())
KEY_FIELDS = ["period_kind", "period_start", "department_key", "service_key", "client_type"]
HOURS = 3600.0


def _between(field: str, begin: datetime, end: datetime) -> Q:
    return Q(**{f"{field}__gte": begin, f"{field}__lt": end})


def _open_at(end: datetime) -> Q:
    return (
        Q(created_at__lt=end)
        & (Q(resolved_at__isnull=True) | Q(resolved_at__gte=end))
        & (Q(closed_at__isnull=True) | Q(closed_at__gte=end))
    )


def _figures(begin: datetime, end: datetime) -> dict[str, Aggregate]:
    filed = _between("created_at", begin, end)
    resolved = _between("resolved_at", begin, end)
    finished = _between("closed_at", begin, end)
    closed = finished & Q(status=Status.CLOSED)
    answered = _between("first_response_at", begin, end)
    rated = _between("feedback__created_at", begin, end)
    return {
        "filed": Count("pk", filter=filed),
        "resolved": Count("pk", filter=resolved),
        "closed": Count("pk", filter=closed),
        "cancelled": Count("pk", filter=finished & Q(status=Status.CANCELLED)),
        "backlog": Count("pk", filter=_open_at(end)),
        "turnaround_median": PercentileCont("resolution_seconds", 0.5, filter=resolved),
        "turnaround_p90": PercentileCont("resolution_seconds", 0.9, filter=resolved),
        "turnaround_business_median": PercentileCont(
            "resolution_business_seconds", 0.5, filter=resolved
        ),
        "turnaround_business_p90": PercentileCont(
            "resolution_business_seconds", 0.9, filter=resolved
        ),
        "first_responses": Count("first_response_business_seconds", filter=answered),
        "first_response_median": PercentileCont(
            "first_response_business_seconds", 0.5, filter=answered
        ),
        "target_known": Count("met_target", filter=resolved),
        "target_met": Count("pk", filter=resolved & Q(met_target=True)),
        "rated": Count("feedback", filter=rated),
        "satisfied": Count("feedback", filter=rated & Q(feedback__rating__gte=4)),
        "rating_sum": Sum("feedback__rating", filter=rated, default=0),
        "quality_count": Count("feedback__quality", filter=rated),
        "quality_sum": Sum("feedback__quality", filter=rated, default=0),
        "speed_count": Count("feedback__speed", filter=rated),
        "speed_sum": Sum("feedback__speed", filter=rated, default=0),
        "communication_count": Count("feedback__communication", filter=rated),
        "communication_sum": Sum("feedback__communication", filter=rated, default=0),
        "closed_rated": Count("feedback", filter=closed),
    }


def _relevant(begin: datetime, end: datetime) -> Q:
    """Requests that count for any figure of the period (the rest would only add zeros)."""
    return (
        _between("created_at", begin, end)
        | _between("resolved_at", begin, end)
        | _between("closed_at", begin, end)
        | _between("first_response_at", begin, end)
        | _between("feedback__created_at", begin, end)
        | _open_at(end)
    )


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / HOURS


COUNT_FIELDS = [
    "filed",
    "resolved",
    "closed",
    "cancelled",
    "backlog",
    "first_responses",
    "target_known",
    "target_met",
    "rated",
    "satisfied",
    "rating_sum",
    "quality_count",
    "quality_sum",
    "speed_count",
    "speed_sum",
    "communication_count",
    "communication_sum",
    "closed_rated",
]
HOUR_FIELDS = {
    "turnaround_median_hours": "turnaround_median",
    "turnaround_p90_hours": "turnaround_p90",
    "turnaround_business_median_hours": "turnaround_business_median",
    "turnaround_business_p90_hours": "turnaround_business_p90",
    "first_response_business_median_hours": "first_response_median",
}
UPDATE_FIELDS = ["department", "service", *COUNT_FIELDS, *HOUR_FIELDS, "computed_at"]


def _cell(kind: str, start: date, row: dict, computed_at: datetime) -> ReportCell:
    department_id, service_id = row.get("department_id"), row.get("service_id")
    cell = ReportCell(
        period_kind=kind,
        period_start=start,
        department_id=department_id,
        department_key=department_id or COMPANY,
        service_id=service_id,
        service_key=service_id or ALL_SERVICES,
        client_type=row.get("client_type", ALL_CLIENTS),
        computed_at=computed_at,
    )
    for name in COUNT_FIELDS:
        setattr(cell, name, row[name] or 0)
    for name, alias in HOUR_FIELDS.items():
        setattr(cell, name, _hours(row[alias]))
    return cell


def compute_period(
    kind: str,
    start: date,
    department_ids: Iterable[int] | None = None,
    *,
    company: bool = False,
) -> list[ReportCell]:
    """The cells of one period (unsaved): of the given departments (None: all of them; an empty
    list: none), and with `company` those of the whole company, which need every department."""
    begin, end = periods.bounds(kind, start)
    requests = Request.objects.filter(_relevant(begin, end))
    figures = _figures(begin, end)
    computed_at = timezone.now()
    cells = []
    departmental = requests
    if department_ids is not None:
        departmental = requests.filter(department_id__in=list(department_ids))
    if department_ids is None or department_ids:
        for grouping in GROUPINGS:
            rows = departmental.values(*grouping).annotate(**figures).order_by()
            cells.extend(_cell(kind, start, row, computed_at) for row in rows)
    if company:
        rows = list(requests.values("client_type").annotate(**figures).order_by())
        total = requests.aggregate(**figures)
        if any(total[name] for name in COUNT_FIELDS):
            rows.append(total)
        cells.extend(_cell(kind, start, row, computed_at) for row in rows)
    return cells


def recompute_period_portable(
    kind: str,
    start: date,
    department_ids: list[int] | None,
    *,
    company: bool,
) -> int:
    """Replace the stored cells of one period with Django's ORM alone: any database, one period
    at a time. What SQLite runs; on PostgreSQL the reference the SQL statement is tested against."""
    cells = compute_period(kind, start, department_ids, company=company)
    with transaction.atomic():
        if cells:
            ReportCell.objects.bulk_create(
                cells,
                update_conflicts=True,
                unique_fields=KEY_FIELDS,
                update_fields=UPDATE_FIELDS,
            )
        # Cells that no request counts for any more (e.g. after a service move) go away; the
        # pages read a missing cell as zeros.
        scope = (
            Q(department__isnull=False)
            if department_ids is None
            else Q(department_id__in=department_ids)
        )
        if company:
            scope |= Q(department_key=COMPANY)
        gone = ReportCell.objects.filter(scope, period_kind=kind, period_start=start)
        if cells:
            gone = gone.filter(computed_at__lt=cells[0].computed_at)
        gone.delete()
    return len(cells)


def recompute_periods(
    starts: Iterable[tuple[str, date]],
    department_ids: Iterable[int] | None = None,
    *,
    company: bool | None = None,
    families: Collection[str] | None = None,
) -> int:
    """Replace the stored cells of these (kind, start) periods; returns how many were written.

    Without department_ids: every department and the company. With them: those departments, and
    the company cells only when `company` is set. With `families` (see FAMILY_FIELDS) only those
    figures need to be brought up to date (on PostgreSQL only those are recomputed).
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
        return _sql_recompute(
            sorted(wanted), department_ids, company, cumulative=False, families=families
        )
    return sum(
        recompute_period_portable(kind, start, department_ids, company=company)
        for kind, start in sorted(wanted)
    )


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
    starts: dict[int, set[tuple[str, date]]] = defaultdict(set)
    families: dict[int, set[str]] = defaultdict(set)
    for kind, start, department_id, figures in scopes:
        starts[department_id].add((kind, start))
        families[department_id] |= {figures} if figures else set(FAMILIES)
    statements: dict[tuple, list[int]] = defaultdict(list)
    for department_id, its_starts in starts.items():
        key = (tuple(sorted(families[department_id])), tuple(sorted(its_starts)))
        statements[key].append(department_id)
    return sum(
        recompute_periods(its_starts, department_ids, company=False, families=its_families)
        for (its_families, its_starts), department_ids in sorted(statements.items())
    )


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
        return _sql_recompute(starts, department_ids, company, cumulative=True)
    return sum(
        recompute_period_portable(kind, start, department_ids, company=company)
        for kind, start in starts
    )


def recent_range(months: int = 13, *, today: date | None = None) -> tuple[date, date]:
    """The first and last day of the last `months` months, the current one included."""
    today = today or periods.local_date(timezone.now())
    first = periods.shift(PeriodKind.MONTH, periods.start_of(PeriodKind.MONTH, today), 1 - months)
    return first, today


# --- PostgreSQL: many periods in one statement ---------------------------------------------------
#
# Each family reads the rows whose own timestamp lies in the wanted periods (a range condition per
# family, so the (department, timestamp) indexes apply), gives every row its period and aggregates
# with GROUPING SETS over the groupings. Over a range, a row's week and month come from date_trunc
# in the report time zone (counts are first added up per week, month and finest grain); for a few
# periods, a row joins the periods whose bounds contain it. The families are stacked (UNION ALL,
# each filling only its own figures) and summed per cell, which also reproduces which cells exist:
# a cell exists when any request counts for it in any way.
#
# The backlog has two forms. Over a contiguous range (`cumulative`): +1 in the period a request is
# filed, -1 in the period it is finished (first of resolved_at and closed_at), events before the
# range counted in its first period, then a running SUM over every period of each grouping, so a
# period in which nothing happened still gets its backlog. For a few periods: the requests still
# open at each period's end, found through the open-requests index and the timestamps after it.

_SUMMED = list(COUNT_FIELDS)
_MAXED = list(HOUR_FIELDS.values())  # percentiles, in seconds: one family gives each

# Every family: where its rows come from, its timestamp, whether its figures are counts and sums
# (then they are first added up per week, month, department, service and client type, and the
# groupings add up those far fewer rows), and its figures (the other columns are NULL).
_FAMILIES: dict[str, tuple[str, str, bool, dict[str, str]]] = {
    "filed": ("desk_request r", "r.created_at", True, {"filed": "COUNT(*)"}),
    "resolved": (
        "desk_request r",
        "r.resolved_at",
        False,
        {
            "resolved": "COUNT(*)",
            "turnaround_median": "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY r.resolution_seconds)",
            "turnaround_p90": "PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY r.resolution_seconds)",
            "turnaround_business_median": (
                "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY r.resolution_business_seconds)"
            ),
            "turnaround_business_p90": (
                "PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY r.resolution_business_seconds)"
            ),
            "target_known": "COUNT(r.met_target)",
            "target_met": "COUNT(*) FILTER (WHERE r.met_target)",
        },
    ),
    "finished": (
        # has_rating: 1 when the request has a rating (joined in by _cells_statement).
        "desk_request r",
        "r.closed_at",
        True,
        {
            "closed": "COUNT(*) FILTER (WHERE r.status = %(closed)s)",
            "cancelled": "COUNT(*) FILTER (WHERE r.status = %(cancelled)s)",
            "closed_rated": "COUNT(has_rating) FILTER (WHERE r.status = %(closed)s)",
        },
    ),
    "answered": (
        "desk_request r",
        "r.first_response_at",
        False,
        {
            "first_responses": "COUNT(r.first_response_business_seconds)",
            "first_response_median": (
                "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY r.first_response_business_seconds)"
            ),
        },
    ),
    "rated": (
        # A rating carries copies of its request's department, service and client type, kept in
        # step (feedback.models.Feedback): it is read alone, as "r", and its (department,
        # created_at) index finds the period's ratings with no request looked up.
        "feedback_feedback r",
        "r.created_at",
        True,
        {
            "rated": "COUNT(*)",
            "satisfied": "COUNT(*) FILTER (WHERE r.rating >= 4)",
            "rating_sum": "SUM(r.rating)",
            "quality_count": "COUNT(r.quality)",
            "quality_sum": "SUM(r.quality)",
            "speed_count": "COUNT(r.speed)",
            "speed_sum": "SUM(r.speed)",
            "communication_count": "COUNT(r.communication)",
            "communication_sum": "SUM(r.communication)",
        },
    ),
}

_HOUR_FIELD_OF = {alias: field for field, alias in HOUR_FIELDS.items()}
# The cell fields each family fills (the backlog is the sixth family).
FAMILY_FIELDS: dict[str, list[str]] = {
    name: [_HOUR_FIELD_OF.get(alias, alias) for alias in figures]
    for name, (_source, _timestamp, _summed, figures) in _FAMILIES.items()
} | {"backlog": ["backlog"]}
FAMILIES = list(FAMILY_FIELDS)


# The finest grain, which every grouping adds up from.
_FINEST = "r.department_id, r.service_id, r.client_type"

# Inside the statement a period kind is a small number and the client type is compared bytewise
# (COLLATE "C"): grouping and sorting millions of rows on them then costs less than on text in
# the database's collation (about a second per percentile family over a whole history at 1M).
_KIND_CODES = {kind: code for code, kind in enumerate(PeriodKind.values, start=1)}
_KIND_NAME = (
    "CASE kind "
    + " ".join(f"WHEN {code} THEN '{kind}'" for kind, code in _KIND_CODES.items())
    + " END"
)
_CLIENT_TYPE = 'r.client_type COLLATE "C"'


def _weeks_and_months(local: str) -> str:
    return ", ".join(f"date_trunc('{kind}', {local})::date AS {kind}" for kind in PeriodKind.values)


def _pre_aggregated(source: str, local: str, where: str, figures: dict[str, str]) -> str:
    """Rows of `source` counted per week, month and finest grain, as "r" for the groupings."""
    columns = ", ".join(f"{expression} AS {name}" for name, expression in figures.items())
    return (
        f"(SELECT {_weeks_and_months(local)}, {_FINEST}, {columns} FROM {source} "
        f"WHERE {where} GROUP BY {', '.join(PeriodKind.values)}, {_FINEST}) AS r "
        f"CROSS JOIN LATERAL (VALUES {_each_kind('r.{kind}')}) AS p(kind, start)"
    )


def _each_kind(template: str) -> str:
    """VALUES rows (kind, start) of a week and a month, the start given by `template`."""
    return ", ".join(
        f"({_KIND_CODES[kind]}, {template.format(kind=kind)})" for kind in PeriodKind.values
    )


def _grouping_sets(prefix: str, departmental: bool, company: bool) -> str:
    groupings = [*(GROUPINGS if departmental else ()), *(COMPANY_GROUPINGS if company else ())]
    return ", ".join(
        "("
        + ", ".join(
            [prefix, *(_CLIENT_TYPE if name == "client_type" else f"r.{name}" for name in grouping)]
        )
        + ")"
        for grouping in groupings
    )


def _keys(departmental: bool) -> str:
    # Rolled-up columns come out NULL: they become the keys of "all" (the data has no NULLs there).
    # Without departmental groupings the department and service are never grouped: always "all".
    department, service = (
        ("COALESCE(r.department_id, 0)", "COALESCE(r.service_id, 0)")
        if departmental
        else (str(COMPANY), str(ALL_SERVICES))
    )
    return (
        f"{department} AS department_key, {service} AS service_key, "
        f"COALESCE({_CLIENT_TYPE}, '') AS client_type"
    )


def _figure_columns(figures: dict[str, str]) -> str:
    # Typed NULLs: UNION ALL matches the branches' column types pairwise.
    return ", ".join(
        [figures.get(name, "NULL::bigint") for name in _SUMMED]
        + [figures.get(name, "NULL::float8") for name in _MAXED]
    )


def _merged_ranges(bounds: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[list[datetime]] = []
    for begin, end in sorted(bounds):
        if merged and begin <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([begin, end])
    return [(begin, end) for begin, end in merged]


def _cells_statement(
    starts: list[tuple[str, date]],
    department_ids: list[int] | None,
    *,
    departmental: bool,
    company: bool,
    cumulative: bool,
    computed_at: datetime,
    families: list[str] = FAMILIES,
) -> tuple[str, dict, str]:
    """The statement that computes and upserts the cells, its parameters, and the VALUES list of
    the wanted periods (the DELETE of cells that no request counts for any more reuses it).

    department_ids: the rows to read (None: all); `departmental` and `company`: which groupings;
    `families`: which figures (the other fields of existing cells are left as they are).
    """
    params: dict = {
        "tz": settings.TIME_ZONE,
        "closed": Status.CLOSED,
        "cancelled": Status.CANCELLED,
        "now": computed_at,
        "ids": department_ids,
    }
    wanted_rows, bounds = [], []
    for i, (kind, start) in enumerate(starts):
        begin, end = periods.bounds(kind, start)
        params |= {
            f"kind_{i}": _KIND_CODES[kind],
            f"name_{i}": kind,
            f"start_{i}": start,
            f"begin_{i}": begin,
            f"end_{i}": end,
        }
        bounds.append((begin, end))
        wanted_rows.append(
            f"(%(kind_{i})s::integer, %(start_{i})s::date, "
            f"%(begin_{i})s::timestamptz, %(end_{i})s::timestamptz, %(name_{i})s::text)"
        )
    wanted = f"(VALUES {', '.join(wanted_rows)}) AS w(kind, start, begin_at, end_at, name)"
    ranges = _merged_ranges(bounds)
    for i, (begin, end) in enumerate(ranges):
        params |= {f"from_{i}": begin, f"to_{i}": end}
    sets = _grouping_sets("p.kind, p.start", departmental, company)
    wanted_starts = ""
    if cumulative:
        # A contiguous range: each kind's periods from its first to its last (comparisons with
        # constants, cheaper per row than looking the period up among the wanted ones).
        ranges_of_kinds = []
        for kind in PeriodKind.values:
            its_starts = [start for its_kind, start in starts if its_kind == kind]
            if its_starts:
                params |= {f"first_{kind}": min(its_starts), f"last_{kind}": max(its_starts)}
                ranges_of_kinds.append(
                    f"(p.kind = {_KIND_CODES[kind]} "
                    f"AND p.start BETWEEN %(first_{kind})s::date AND %(last_{kind})s::date)"
                )
        wanted_starts = f"AND ({' OR '.join(ranges_of_kinds) or 'FALSE'}) "

    def in_departments(column: str) -> str:
        return "TRUE" if department_ids is None else f"{column} = ANY(%(ids)s::bigint[])"

    parts = []
    for name, (source, timestamp, summed, figures) in _FAMILIES.items():
        if name not in families:
            continue
        within = " OR ".join(
            f"({timestamp} >= %(from_{i})s AND {timestamp} < %(to_{i})s)"
            for i in range(len(ranges))
        )
        where = f"({within}) AND {in_departments('r.department_id')}"
        local = f"({timestamp} AT TIME ZONE %(tz)s)"
        if not cumulative:
            # A few periods: the rows of all of them are read once, through the (department,
            # timestamp) index, and then each joins the periods it lies in (a week and its month
            # share rows). OFFSET 0 keeps that order: otherwise the planner may read the rows
            # once per period, and look a request's rating up once per period too.
            columns = "r.*"
            if name == "finished":
                # A request's rating (one at most) looked up by request: no scan of all ratings.
                columns += (
                    ", (SELECT 1 FROM feedback_feedback f WHERE f.request_id = r.id) AS has_rating"
                )
            rows = (
                f"(SELECT {columns} FROM {source} WHERE {where} OFFSET 0) AS r "
                f"JOIN wanted p ON {timestamp} >= p.begin_at AND {timestamp} < p.end_at"
            )
            where = "TRUE"
            if summed:
                # Counted per period and finest grain first: the groupings add up fewer rows.
                columns = ", ".join(
                    f"{expression} AS {name}" for name, expression in figures.items()
                )
                rows = (
                    f"(SELECT p.kind, p.start, {_FINEST}, {columns} FROM {rows} "
                    f"GROUP BY p.kind, p.start, {_FINEST}) AS r "
                    "CROSS JOIN LATERAL (VALUES (r.kind, r.start)) AS p(kind, start)"
                )
                figures = {name: f"SUM(r.{name})" for name in figures}
        elif summed:
            if name == "finished":
                # Every rating at once, joined by request (a hash join over a whole history).
                source += (
                    " LEFT JOIN (SELECT request_id, 1 AS has_rating FROM feedback_feedback) AS f "
                    "ON f.request_id = r.id"
                )
            rows = _pre_aggregated(source, local, where, figures)
            figures = {name: f"SUM(r.{name})" for name in figures}
            where = "TRUE"
        else:
            rows = (
                f"{source} CROSS JOIN LATERAL (VALUES "
                f"{_each_kind(f'date_trunc({{kind!r}}, {local})::date')}) AS p(kind, start)"
            )
        parts.append(
            f"SELECT p.kind, p.start, {_keys(departmental)}, {_figure_columns(figures)} "
            f"FROM {rows} WHERE {where} " + wanted_starts + f"GROUP BY GROUPING SETS ({sets})"
        )
    backlog_figures = _figure_columns({"backlog": "backlog"})
    if "backlog" not in families:
        backlog_ctes = ""
    elif cumulative:
        params |= {"first_begin": ranges[0][0], "last_end": ranges[-1][1]}
        finished = (
            "CASE WHEN r.resolved_at IS NULL AND r.closed_at IS NULL THEN NULL "
            "ELSE GREATEST(r.created_at, LEAST(r.resolved_at, r.closed_at)) END"
        )
        counted = (
            f"r.created_at < %(last_end)s AND {in_departments('r.department_id')} "
            "AND (x.finished_at IS NULL OR x.finished_at >= %(first_begin)s)"
        )
        source = f"desk_request r CROSS JOIN LATERAL (SELECT {finished}) AS x(finished_at)"
        filed = _pre_aggregated(
            source, "(r.created_at AT TIME ZONE %(tz)s)", counted, {"delta": "COUNT(*)"}
        )
        done = _pre_aggregated(
            source,
            "(x.finished_at AT TIME ZONE %(tz)s)",
            f"{counted} AND x.finished_at IS NOT NULL",
            {"delta": "-COUNT(*)"},
        )
        first_and_last = (
            "(SELECT kind, MIN(start) AS first_start, MAX(start) AS last_start "
            "FROM wanted GROUP BY kind) AS k ON k.kind = p.kind WHERE p.start <= k.last_start"
        )
        backlog_ctes = (
            # +1 where filed, -1 where finished; what happened before the range counts in its
            # first period, after its last not at all. Requests finished before the range
            # would add nothing.
            "deltas AS ("
            f"SELECT p.kind, GREATEST(p.start, k.first_start) AS start, {_FINEST}, r.delta "
            f"FROM {filed} JOIN {first_and_last} "
            "UNION ALL "
            f"SELECT p.kind, GREATEST(p.start, k.first_start) AS start, {_FINEST}, r.delta "
            f"FROM {done} JOIN {first_and_last}), "
            "sums AS ("
            f"SELECT r.kind, r.start, {_keys(departmental)}, SUM(r.delta) AS delta FROM deltas r "
            f"GROUP BY GROUPING SETS ({_grouping_sets('r.kind, r.start', departmental, company)})), "
            # Every period of every grouping that has a request in it, so that quiet periods
            # get their backlog too.
            "grid AS ("
            "SELECT g.kind, w.start, g.department_key, g.service_key, g.client_type, "
            "COALESCE(s.delta, 0) AS delta FROM "
            "(SELECT DISTINCT kind, department_key, service_key, client_type FROM sums) AS g "
            "JOIN wanted w ON w.kind = g.kind "
            "LEFT JOIN sums s ON s.kind = g.kind AND s.start = w.start "
            "AND s.department_key = g.department_key AND s.service_key = g.service_key "
            "AND s.client_type = g.client_type), "
            "backlog AS ("
            "SELECT kind, start, department_key, service_key, client_type, SUM(delta) OVER ("
            "PARTITION BY kind, department_key, service_key, client_type ORDER BY start"
            ") AS backlog FROM grid), "
        )
        parts.append(
            "SELECT kind, start, department_key, service_key, client_type, "
            f"{backlog_figures} FROM backlog WHERE backlog > 0"
        )
    else:
        backlog_ctes = ""
        # Still open at each period's end, in three disjoint parts that each have an index:
        # still open now (a partial index), resolved after the end, or closed after the end
        # without a resolution. The bounds are constants, so the planner sees how few rows match.
        open_at_end = " UNION ALL ".join(
            f"SELECT %(kind_{i})s::integer, %(start_{i})s::date, "
            "r.department_id, r.service_id, r.client_type FROM desk_request r "
            f"WHERE {in_departments('r.department_id')} "
            f"AND r.created_at < %(end_{i})s AND {part.format(end=f'%(end_{i})s')}"
            for i in range(len(starts))
            for part in (
                "r.resolved_at IS NULL AND r.closed_at IS NULL",
                "r.resolved_at >= {end} AND (r.closed_at IS NULL OR r.closed_at >= {end})",
                "r.resolved_at IS NULL AND r.closed_at >= {end}",
            )
        )
        parts.append(
            f"SELECT r.kind, r.start, {_keys(departmental)}, "
            f"{_figure_columns({'backlog': 'COUNT(*)'})} "
            f"FROM ({open_at_end}) AS r(kind, start, department_id, service_id, client_type) "
            f"GROUP BY GROUPING SETS ({_grouping_sets('r.kind, r.start', departmental, company)})"
        )
    computed = {field for family in families for field in FAMILY_FIELDS[family]}
    counts = [field for field in COUNT_FIELDS if field in computed]
    hours = {field: alias for field, alias in HOUR_FIELDS.items() if field in computed}
    merged_columns = ", ".join(
        [f"COALESCE(SUM({name}), 0) AS {name}" for name in counts]
        + [f"MAX({alias}) AS {alias}" for alias in hours.values()]
    )
    key = "kind, start, department_key, service_key, client_type"
    union_columns = ", ".join([*key.split(", "), *_SUMMED, *_MAXED])
    # A new cell gets zeros in the other families' fields (the columns have no defaults); an
    # existing one keeps them.
    values = {
        **{name: name if name in counts else "0" for name in COUNT_FIELDS},
        **{
            field: f"{alias} / {HOURS}" if field in hours else "NULL::float8"
            for field, alias in HOUR_FIELDS.items()
        },
    }
    anything = " + ".join(counts)
    figures = [*counts, *hours]
    updated = ["department_id", "service_id", *figures, "computed_at"]
    sql = (
        f"WITH wanted AS (SELECT * FROM {wanted}), {backlog_ctes}"
        f"merged AS (SELECT {key}, {merged_columns} FROM ("
        + " UNION ALL ".join(parts)
        + f") AS u({union_columns}) GROUP BY {key}), "
        f"cells AS (SELECT {_KIND_NAME} AS kind, start, department_key, service_key, "
        f"client_type, {', '.join(f'{value} AS {name}' for name, value in values.items())} "
        "FROM merged "
        # The company's total exists only when something counts (as compute_period has it).
        f"WHERE department_key <> 0 OR client_type <> '' OR {anything} > 0), "
        "upserted AS (INSERT INTO feedback_reportcell (period_kind, period_start, department_id, "
        "department_key, service_id, service_key, client_type, "
        f"{', '.join([*COUNT_FIELDS, *HOUR_FIELDS])}, computed_at) "
        "SELECT kind, start, NULLIF(department_key, 0), department_key, NULLIF(service_key, 0), "
        f"service_key, client_type, {', '.join([*COUNT_FIELDS, *HOUR_FIELDS])}, %(now)s "
        "FROM cells "
        "ON CONFLICT (period_kind, period_start, department_key, service_key, client_type) "
        "DO UPDATE SET "
        + ", ".join(f"{name} = EXCLUDED.{name}" for name in updated)
        # Only the cells whose figures changed are written (a rating moves a few of the hundreds
        # a department-period has): computed_at is when a cell's figures were last changed.
        + f" WHERE ({', '.join(f'feedback_reportcell.{name}' for name in figures)}) "
        f"IS DISTINCT FROM ({', '.join(f'EXCLUDED.{name}' for name in figures)})) "
    )
    return sql, params, wanted


def _sql_recompute(
    starts: list[tuple[str, date]],
    department_ids: list[int] | None,
    company: bool,
    *,
    cumulative: bool,
    families: Collection[str] | None = None,
) -> int:
    """recompute_periods / recompute_range on PostgreSQL: one upsert of every cell, one delete of
    the cells nothing counts for any more. `cumulative` (a contiguous range of periods) computes
    the backlog from the whole history in one pass instead of per period end. With `families`,
    only those figures (see FAMILY_FIELDS): cells no longer counted get zeros there instead of
    being deleted, since the other figures may still count them."""
    if department_ids and company:
        # The departments' cells read only their rows, the company's read every department's.
        return _sql_recompute(
            starts, department_ids, False, cumulative=cumulative, families=families
        ) + _sql_recompute(starts, [], True, cumulative=cumulative, families=families)
    partial = families is not None and set(families) != set(FAMILIES)
    chosen = [name for name in FAMILIES if families is None or name in families]
    if not chosen:
        return 0
    # The rows to read: the departments', or every department's for the company (by name for a
    # few periods: the (department, timestamp) indexes then find each period's rows).
    filter_ids = department_ids or None
    if filter_ids is None and not cumulative:
        filter_ids = list(Department.objects.order_by("pk").values_list("pk", flat=True))
    computed_at = timezone.now()
    sql, params, wanted = _cells_statement(
        starts,
        filter_ids,
        departmental=department_ids != [],
        company=company,
        cumulative=cumulative,
        computed_at=computed_at,
        families=chosen,
    )
    if department_ids is None:
        scope = "c.department_id IS NOT NULL"
    elif department_ids:
        scope = "c.department_id = ANY(%(scope_ids)s::bigint[])"
    else:
        scope = "FALSE"
    if company:
        scope += f" OR c.department_key = {COMPANY}"
    params["scope_ids"] = department_ids
    # The cells of these periods and this scope that the statement did not compute: no request
    # counts for them any more (e.g. after a service move).
    leftover = (
        f"c.period_kind = w.name AND c.period_start = w.start AND ({scope}) "
        "AND NOT EXISTS (SELECT FROM cells m WHERE m.kind = c.period_kind "
        "AND m.start = c.period_start AND m.department_key = c.department_key "
        'AND m.service_key = c.service_key AND m.client_type = c.client_type COLLATE "C")'
    )
    if partial:
        # Counts to zero, percentiles to NULL: what a cell with nothing in these families has
        # (the cells that have it already are left alone).
        cleared = {
            field: "NULL" if field in HOUR_FIELDS else "0"
            for family in chosen
            for field in FAMILY_FIELDS[family]
        }
        leftover = (
            "UPDATE feedback_reportcell c SET "
            + ", ".join(f"{field} = {value}" for field, value in cleared.items())
            + f" FROM {wanted} WHERE {leftover} AND ("
            + " OR ".join(
                f"c.{field} IS NOT NULL" if value == "NULL" else f"c.{field} <> 0"
                for field, value in cleared.items()
            )
            + ")"
        )
    else:
        # The pages read a missing cell as zeros.
        leftover = f"DELETE FROM feedback_reportcell c USING {wanted} WHERE {leftover}"
    with transaction.atomic(), connection.cursor() as cursor:
        # Compiling this plan (JIT) costs more than it saves: ~2 s for a whole history (measured
        # at 1M requests), far more than the few milliseconds of a few periods.
        cursor.execute("SET LOCAL jit = off")
        if cumulative:
            # A whole history groups millions of rows: in memory rather than in temporary files.
            cursor.execute("SET LOCAL work_mem = '256MB'")
        # One statement: the upsert and the leftovers both see the cells computed once.
        cursor.execute(
            f"{sql}, gone AS ({leftover} RETURNING 1) SELECT (SELECT COUNT(*) FROM cells)", params
        )
        (written,) = cursor.fetchone()
    return written


# --- the outbox ----------------------------------------------------------------------------------------


def mark_stale(
    *,
    department_id: int,
    service_ids: Iterable[int | None],
    client_type: str,
    moments: Iterable[datetime | None],
    figures: Iterable[str] = ("",),
) -> int:
    """Record that the cells covering these instants are out of date (inside the caller's transaction).

    Each instant marks its week and month; each service and "all services"; the client type and
    "all client types"; each of `figures` (families of FAMILY_FIELDS; "" for all of them). An
    existing mark is moved forward rather than skipped: a recomputation running meanwhile holds
    its rows locked until it commits, so this waits for it and then marks again, and the change
    is never lost.
    """
    starts = {
        (kind, periods.period_of(kind, moment))
        for moment in moments
        if moment is not None
        for kind in PeriodKind.values
    }
    return _mark(department_id, service_ids, client_type, starts, figures)


def mark_stale_between(
    *,
    department_id: int,
    service_ids: Iterable[int | None],
    client_type: str,
    first: datetime,
    last: datetime,
) -> int:
    """Mark every figure of every week and month from `first` to `last` (e.g. a moved request)."""
    starts = set(periods.periods_between(first, last))
    return _mark(department_id, service_ids, client_type, starts, ("",))


def _mark(
    department_id: int,
    service_ids: Iterable[int | None],
    client_type: str,
    starts: set[tuple[str, date]],
    figures: Iterable[str],
) -> int:
    families = set(figures)
    unknown = families - {"", *FAMILIES}
    if unknown:
        raise ValueError(f"Unknown report figures: {sorted(unknown)}")
    service_keys = {service_id or ALL_SERVICES for service_id in service_ids} | {ALL_SERVICES}
    client_types = {client_type, ALL_CLIENTS}
    now = timezone.now()
    # Sorted: concurrent transactions take the rows' locks in the same order (no deadlock).
    keys = sorted(
        (kind, start, service_key, client, family)
        for kind, start in starts
        for service_key in service_keys
        for client in client_types
        for family in families
    )
    if not keys:
        return 0
    StaleCell.objects.bulk_create(
        [
            StaleCell(
                period_kind=kind,
                period_start=start,
                department_id=department_id,
                service_key=service_key,
                client_type=client,
                figures=family,
                marked_at=now,
            )
            for kind, start, service_key, client, family in keys
        ],
        update_conflicts=True,
        unique_fields=STALE_CELL_KEY,
        update_fields=["marked_at"],
    )
    return len(keys)


@dataclass(frozen=True)
class StaleBatch:
    claimed: int
    cells: int


def recompute_stale(batch_size: int = 200) -> StaleBatch:
    """Claim up to `batch_size` stale rows, recompute their department-periods, and delete them,
    atomically; mark the company's cells of those periods for the sweep.

    Rows another worker holds are skipped (PostgreSQL), so workers share the outbox. A row is
    deleted only if nobody marked it again meanwhile, and only with the recomputed cells: if the
    worker dies, the transaction rolls back and the rows wait for the next run.
    """
    with transaction.atomic():
        claimed = _claim(
            StaleCell, ["period_kind", "period_start", "department_id", "figures"], batch_size
        )
        if not claimed:
            return StaleBatch(0, 0)
        scopes = [scope for _pk, _at, *scope in claimed]
        cells = recompute(scopes)
        mark_company_stale((kind, start) for kind, start, *_rest in scopes)
        _delete_unrenewed(StaleCell, claimed)
    return StaleBatch(len(claimed), cells)


def _claim(outbox, fields: list[str], batch_size: int) -> list[tuple]:
    """(pk, marked_at, *fields) of the oldest rows of an outbox, locked; rows another worker holds
    are skipped (PostgreSQL), so workers share it. Inside a transaction."""
    return list(
        outbox.objects.select_for_update(skip_locked=True)
        .order_by("marked_at", "pk")
        .values_list("pk", "marked_at", *fields)[:batch_size]
    )


def _delete_unrenewed(outbox, claimed: list[tuple]) -> None:
    """Delete the claimed rows that nobody marked again since they were claimed."""
    unchanged = Q()
    for pk, marked_at, *_rest in claimed:
        unchanged |= Q(pk=pk, marked_at=marked_at)
    outbox.objects.filter(unchanged).delete()


def mark_company_stale(starts: Iterable[tuple[str, date]]) -> int:
    """Record that the company's cells of these periods are out of date. Done by the worker that
    recomputed a department's cells, in its transaction: the mark commits with those cells."""
    keys = sorted(set(starts))  # sorted: workers take the rows' locks in the same order
    if not keys:
        return 0
    now = timezone.now()
    StaleCompanyPeriod.objects.bulk_create(
        [
            StaleCompanyPeriod(period_kind=kind, period_start=start, marked_at=now)
            for kind, start in keys
        ],
        update_conflicts=True,
        unique_fields=["period_kind", "period_start"],
        update_fields=["marked_at"],
    )
    return len(keys)


def recompute_stale_company(batch_size: int = 200) -> StaleBatch:
    """The sweep's part: recompute the company's cells of the periods marked stale, all in one
    statement, and delete the marks that nobody renewed meanwhile (as recompute_stale does)."""
    with transaction.atomic():
        claimed = _claim(StaleCompanyPeriod, ["period_kind", "period_start"], batch_size)
        if not claimed:
            return StaleBatch(0, 0)
        cells = recompute_periods(
            [(kind, start) for _pk, _at, kind, start in claimed], [], company=True
        )
        _delete_unrenewed(StaleCompanyPeriod, claimed)
    return StaleBatch(len(claimed), cells)


def has_stale() -> bool:
    return StaleCell.objects.exists()


def has_stale_company() -> bool:
    return StaleCompanyPeriod.objects.exists()


# --- the catalog's transparency line -------------------------------------------------------------

STATS_DAYS = 90
STATS_MIN_RATINGS = 5


@dataclass(frozen=True)
class ServiceStats:
    rated: int
    satisfied: int
    median_hours: float | None  # working hours (calendar hours for a 24×7 service)
    target_known: int
    target_met: int

    @property
    def csat(self) -> float | None:
        return self.satisfied * 100 / self.rated if self.rated else None

    @property
    def compliance(self) -> float | None:
        return self.target_met * 100 / self.target_known if self.target_known else None

    @property
    def shown(self) -> bool:
        """Too few ratings say more about the raters than about the service."""
        return self.rated >= STATS_MIN_RATINGS


def service_stats(*, now: datetime | None = None) -> dict[int, ServiceStats]:
    """The last 90 days of every published service, by service id, in one grouped query.

    Straight from requests and feedback rather than from cells, because 90 days do not line up
    with weeks or months and medians cannot be added up.
    """
    since = (now or timezone.now()) - timedelta(days=STATS_DAYS)
    resolved = Q(resolved_at__gte=since)
    rated = Q(feedback__created_at__gte=since)
    rows = (
        Request.objects.filter(resolved | rated)
        .filter(service__is_active=True, department__is_active=True)
        .values("service_id")
        .annotate(
            rated=Count("feedback", filter=rated),
            satisfied=Count("feedback", filter=rated & Q(feedback__rating__gte=4)),
            median=PercentileCont("resolution_business_seconds", 0.5, filter=resolved),
            target_known=Count("met_target", filter=resolved),
            target_met=Count("pk", filter=resolved & Q(met_target=True)),
        )
        .order_by()
    )
    return {
        row["service_id"]: ServiceStats(
            rated=row["rated"],
            satisfied=row["satisfied"],
            median_hours=_hours(row["median"]),
            target_known=row["target_known"],
            target_met=row["target_met"],
        )
        for row in rows
    }
