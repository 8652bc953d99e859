"""Report figures, computed in the database and stored as ReportCell rows.

One period of one or more departments is computed by four grouped queries over requests (with
their feedback joined: at most one per request), one per grouping: service and client type,
service only, client type only, neither. Each query returns every figure at once through
filtered aggregates. Nothing is loaded row by row into Python, and a recomputation replaces the
cells' figures, so running it twice, or concurrently, gives the same rows.

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
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Aggregate, Count, FloatField, Q, Sum
from django.utils import timezone

from desk.models import Request, Status
from feedback import periods
from feedback.models import ALL_CLIENTS, ALL_SERVICES, COMPANY, ReportCell, StaleCell
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
STALE_KEY_FIELDS = ["period_kind", "period_start", "department", "service_key", "client_type"]
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


def recompute_period(
    kind: str,
    start: date,
    department_ids: Iterable[int] | None = None,
    *,
    company: bool | None = None,
) -> int:
    """Replace the stored cells of one period; returns how many cells were written.

    Without department_ids: every department and the company. With them: those departments, and
    the company cells only when `company` is set.
    """
    if kind not in PeriodKind.values:
        raise ValueError(f"Unknown period kind: {kind!r}")
    start = periods.start_of(kind, start)
    if company is None:
        company = department_ids is None
    department_ids = None if department_ids is None else sorted(set(department_ids))
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


def recompute(scopes: Iterable[tuple[str, date, int]]) -> int:
    """Recompute (period kind, period start, department) scopes, one query batch per period, and
    the company's cells of each period."""
    by_period: dict[tuple[str, date], set[int]] = defaultdict(set)
    for kind, start, department_id in scopes:
        by_period[(kind, start)].add(department_id)
    return sum(
        recompute_period(kind, start, department_ids, company=True)
        for (kind, start), department_ids in sorted(by_period.items())
    )


def recompute_range(
    first: date,
    last: date,
    department_ids: Iterable[int] | None = None,
    *,
    company: bool | None = None,
) -> int:
    """Recompute every week and month that overlaps the days first..last (see recompute_period
    for which cells)."""
    department_ids = None if department_ids is None else list(department_ids)
    written = 0
    for kind in PeriodKind.values:
        for start in periods.starts_between(kind, first, last):
            written += recompute_period(kind, start, department_ids, company=company)
    return written


def recent_range(months: int = 13, *, today: date | None = None) -> tuple[date, date]:
    """The first and last day of the last `months` months, the current one included."""
    today = today or periods.local_date(timezone.now())
    first = periods.shift(PeriodKind.MONTH, periods.start_of(PeriodKind.MONTH, today), 1 - months)
    return first, today


# --- the outbox ----------------------------------------------------------------------------------------


def mark_stale(
    *,
    department_id: int,
    service_ids: Iterable[int | None],
    client_type: str,
    moments: Iterable[datetime | None],
) -> int:
    """Record that the cells covering these instants are out of date (inside the caller's transaction).

    Each instant marks its week and month; each service and "all services"; the client type and
    "all client types". An existing mark is moved forward rather than skipped: a recomputation
    running meanwhile holds its rows locked until it commits, so this waits for it and then marks
    again, and the change is never lost.
    """
    starts = {
        (kind, periods.period_of(kind, moment))
        for moment in moments
        if moment is not None
        for kind in PeriodKind.values
    }
    return _mark(department_id, service_ids, client_type, starts)


def mark_stale_between(
    *,
    department_id: int,
    service_ids: Iterable[int | None],
    client_type: str,
    first: datetime,
    last: datetime,
) -> int:
    """Mark every week and month from `first` to `last` (e.g. the backlog of a moved request)."""
    starts = set(periods.periods_between(first, last))
    return _mark(department_id, service_ids, client_type, starts)


def _mark(
    department_id: int,
    service_ids: Iterable[int | None],
    client_type: str,
    starts: set[tuple[str, date]],
) -> int:
    service_keys = {service_id or ALL_SERVICES for service_id in service_ids} | {ALL_SERVICES}
    client_types = {client_type, ALL_CLIENTS}
    now = timezone.now()
    # Sorted: concurrent transactions take the rows' locks in the same order (no deadlock).
    keys = sorted(
        (kind, start, service_key, client)
        for kind, start in starts
        for service_key in service_keys
        for client in client_types
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
                marked_at=now,
            )
            for kind, start, service_key, client in keys
        ],
        update_conflicts=True,
        unique_fields=STALE_KEY_FIELDS,
        update_fields=["marked_at"],
    )
    return len(keys)


@dataclass(frozen=True)
class StaleBatch:
    claimed: int
    cells: int


def recompute_stale(batch_size: int = 200) -> StaleBatch:
    """Claim up to `batch_size` stale rows, recompute their periods, and delete them, atomically.

    Rows another worker holds are skipped (PostgreSQL), so workers share the outbox. A row is
    deleted only if nobody marked it again meanwhile, and only with the recomputed cells: if the
    worker dies, the transaction rolls back and the rows wait for the next run.
    """
    with transaction.atomic():
        claimed = list(
            StaleCell.objects.select_for_update(skip_locked=True)
            .order_by("marked_at", "pk")
            .values_list("pk", "marked_at", "period_kind", "period_start", "department_id")[
                :batch_size
            ]
        )
        if not claimed:
            return StaleBatch(0, 0)
        cells = recompute((kind, start, dept) for _pk, _at, kind, start, dept in claimed)
        unchanged = Q()
        for pk, marked_at, *_rest in claimed:
            unchanged |= Q(pk=pk, marked_at=marked_at)
        StaleCell.objects.filter(unchanged).delete()
    return StaleBatch(len(claimed), cells)


def stale_count() -> int:
    return StaleCell.objects.count()


def has_stale() -> bool:
    return StaleCell.objects.exists()


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
