"""Celery tasks that keep the report cells up to date, and the monthly report email.

Retries come from desk.celery.DeskTask: database and broker errors are retried with exponential
backoff (at most 600 s between tries, far below the broker's visibility timeout), at most five
times, then the task is logged as failed (desk.logging) and dropped. Every task is acks_late and
idempotent: a task delivered twice, or two workers at once, give the same cells.
"""

from __future__ import annotations

import logging
from datetime import date

from celery import shared_task

from departments.models import Department
from desk import tasking
from feedback import report_email, reports

logger = logging.getLogger(__name__)


@shared_task(
    name="feedback.tasks.recompute_stale_cells",
    acks_late=True,
    soft_time_limit=240,
    time_limit=300,
)
def recompute_stale_cells(batch_size: int = 200, max_batches: int = 50) -> int:
    """Recompute the cells the outbox names, batch by batch; returns the cells written."""
    return _in_batches(reports.recompute_stale, batch_size, max_batches)


@shared_task(
    name="feedback.tasks.recompute_findings",
    acks_late=True,
    soft_time_limit=240,
    time_limit=300,
)
def recompute_findings_task(scopes: list[list]) -> int:
    """The findings of the department-periods whose cells a worker just recomputed:
    [[kind, start (ISO date), department id], ...]. Replaces them whole, so running twice or late
    is harmless; if it never runs, the nightly recomputation brings them up to date."""
    by_department: dict[int, set[tuple[str, date]]] = {}
    for kind, start, department_id in scopes:
        by_department.setdefault(department_id, set()).add((kind, date.fromisoformat(start)))
    return sum(
        reports.recompute_findings(sorted(starts), [department_id])
        for department_id, starts in sorted(by_department.items())
    )


@shared_task(
    name="feedback.tasks.sweep_stale_cells", acks_late=True, soft_time_limit=30, time_limit=60
)
def sweep_stale_cells() -> bool:
    """Every minute (beat): enqueue a recomputation if stale cells are waiting, e.g. after the
    broker was down when they were marked, or a worker died; and the company-wide cells of the
    periods that departments' recomputations marked, which only this sweep brings up to date (so
    the company's figures lag a change by up to about a minute)."""
    swept = False
    if reports.has_stale():
        tasking.enqueue(recompute_stale_cells)
        swept = True
    if reports.has_stale_company():
        tasking.enqueue(recompute_stale_company_cells)
        swept = True
    return swept


@shared_task(
    name="feedback.tasks.recompute_stale_company_cells",
    acks_late=True,
    soft_time_limit=240,
    time_limit=300,
)
def recompute_stale_company_cells(batch_size: int = 200, max_batches: int = 10) -> int:
    """Recompute the company-wide cells of the periods marked stale; returns the cells written."""
    return _in_batches(reports.recompute_stale_company, batch_size, max_batches)


def _in_batches(recompute, batch_size: int, max_batches: int) -> int:
    """Run `recompute` until its outbox is drained or max_batches ran; returns the cells written.
    Anything left (a flood of changes) is picked up by the next sweep, within a minute."""
    written = 0
    for _ in range(max_batches):
        batch = recompute(batch_size)
        written += batch.cells
        if batch.claimed < batch_size:
            break
    return written


@shared_task(
    name="feedback.tasks.recompute_recent",
    acks_late=True,
    soft_time_limit=60,
    time_limit=120,
)
def recompute_recent(months: int = 13) -> int:
    """Nightly: recompute the last `months` months, one task per department and one for the
    company's cells, so that workers share the work. Repairs anything a lost change left behind.
    Returns how many tasks were enqueued."""
    first, last = (day.isoformat() for day in reports.recent_range(months))
    department_ids = list(Department.objects.order_by("pk").values_list("pk", flat=True))
    for department_id in department_ids:
        tasking.enqueue(recompute_department, department_id, first, last)
    tasking.enqueue(recompute_company, first, last)
    return len(department_ids) + 1


@shared_task(
    name="feedback.tasks.recompute_department",
    acks_late=True,
    soft_time_limit=1500,
    time_limit=1800,
)
def recompute_department(department_id: int, first: str, last: str) -> int:
    """Recompute one department's weeks and months that overlap first..last (ISO dates)."""
    return reports.recompute_range(
        date.fromisoformat(first), date.fromisoformat(last), [department_id]
    )


@shared_task(
    name="feedback.tasks.send_monthly_reports",
    acks_late=True,
    soft_time_limit=240,
    time_limit=300,
)
def send_monthly_reports(today: str | None = None) -> int:
    """Daily (beat): on a department's first working day of the month, or the first run after
    it, email last month's report to the people subscribed to it; each at most once a month."""
    return report_email.send_monthly_reports(today=date.fromisoformat(today) if today else None)


@shared_task(
    name="feedback.tasks.recompute_company",
    acks_late=True,
    soft_time_limit=1500,
    time_limit=1800,
)
def recompute_company(first: str, last: str) -> int:
    """Recompute the whole company's weeks and months that overlap first..last (ISO dates)."""
    return reports.recompute_range(
        date.fromisoformat(first), date.fromisoformat(last), [], company=True
    )
