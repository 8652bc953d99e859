"""Keeping the cells current: the marks a change leaves (StaleCell per department-period,
StaleCompanyPeriod for the company's cells) and the worker's and the sweep's claim, recompute and
delete of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from feedback import periods
from feedback.models import ALL_CLIENTS, ALL_SERVICES, STALE_CELL_KEY, StaleCell, StaleCompanyPeriod
from feedback.periods import PeriodKind
from feedback.reports.families import FAMILIES
from feedback.reports.recompute import recompute, recompute_periods


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
