"""Many requests at once for the queue's tests (bulk_create: the query-count and plan tests need
hundreds or thousands of rows, which filing one by one through the service would make slow)."""

from __future__ import annotations

from datetime import timedelta
from itertools import cycle

from django.utils import timezone

from departments.models import Department
from desk.models import Priority, Request, Status


def add_requests(
    service,
    requester,
    count: int,
    *,
    assignees=(None,),
    statuses=(Status.NEW,),
    priorities=(Priority.NORMAL,),
    title: str = "Bulk request",
) -> list[Request]:
    """`count` requests to `service`, cycling through the given assignees, states and priorities;
    due times spread over the next hours (some already passed)."""
    department = Department.objects.get(pk=service.department_id)
    start = department.last_request_number
    now = timezone.now()
    assignee_cycle, status_cycle, priority_cycle = (
        cycle(assignees),
        cycle(statuses),
        cycle(priorities),
    )
    requests = []
    for i in range(count):
        status = next(status_cycle)
        requests.append(
            Request(
                department=department,
                number=start + i + 1,
                service=service,
                requester=requester,
                client_type=requester.client_type,
                title=f"{title} {start + i + 1}",
                description="Made in bulk for a test.",
                priority=next(priority_cycle),
                status=status,
                assignee=next(assignee_cycle),
                due_at=now + timedelta(hours=(i % 48) - 12),
                resolved_at=now if status in Status.finished_values() else None,
                closed_at=now if status in (Status.CLOSED, Status.CANCELLED) else None,
            )
        )
    Request.objects.bulk_create(requests, batch_size=500)
    Department.objects.filter(pk=department.pk).update(last_request_number=start + count)
    return requests
