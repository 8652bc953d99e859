"""One period's cells with Django's ORM alone, on any database: what SQLite runs, and on
PostgreSQL the reference that the one-statement SQL (feedback.reports.sql) is tested against."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from desk.models import Request
from feedback import periods
from feedback.models import ALL_CLIENTS, ALL_SERVICES, COMPANY, ReportCell
from feedback.reports.families import (
    COUNT_FIELDS,
    GROUPINGS,
    HOUR_FIELDS,
    KEY_FIELDS,
    PLAIN_FIELDS,
    UPDATE_FIELDS,
    orm_figures,
    orm_relevant,
    to_hours,
)


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
        setattr(cell, name, to_hours(row[alias]))
    for name, alias in PLAIN_FIELDS.items():
        setattr(cell, name, row[alias])
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
    requests = Request.objects.filter(orm_relevant(begin, end))
    figures = orm_figures(begin, end)
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
