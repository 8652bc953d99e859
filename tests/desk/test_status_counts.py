"""The state counts PostgreSQL keeps for the queue (desk/status_counts.py, migration 0011)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from desk import permissions, selectors, services, status_counts, tasks
from desk.models import Priority, Request, Status
from desk.queue import COUNT_CAP, QueueFilters
from tests.desk.queue_data import add_requests
from tests.factories import file_request

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _actual(department_id: int) -> dict[str, int]:
    return dict(
        Request.objects.filter(department_id=department_id)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )


def test_counts_follow_every_way_a_request_changes(
    head_a, agent_a, requester, service_a, service_b
):
    dept_a, dept_b = service_a.department_id, service_b.department_id
    filed = file_request(requester, service_a)
    add_requests(service_a, requester, 5, statuses=[Status.NEW, Status.CLOSED, Status.CANCELLED])
    add_requests(service_b, requester, 2, statuses=[Status.WAITING])
    services.request_take(request=filed, actor=agent_a)  # through the services
    services.request_change_status(request=filed, actor=agent_a, status=Status.WAITING)
    # Straight through the ORM, as the admin or a data fix would: the database still counts.
    Request.objects.filter(department_id=dept_a, status=Status.NEW).update(status=Status.CLOSED)
    Request.objects.filter(department_id=dept_b).order_by("pk").first().delete()
    Request.objects.filter(pk=filed.pk).update(department_id=dept_b)

    assert status_counts.counts(dept_a) == _actual(dept_a)
    assert status_counts.counts(dept_b) == _actual(dept_b)
    assert status_counts.counts(dept_b) == {Status.WAITING: 2}


def test_an_update_that_moves_no_request_writes_nothing(requester, service_a):
    req = file_request(requester, service_a)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {status_counts.TABLE}")
        (before,) = cursor.fetchone()
        Request.objects.filter(pk=req.pk).update(title="Another title")
        cursor.execute(f"SELECT COUNT(*) FROM {status_counts.TABLE}")
        assert cursor.fetchone() == (before,)


def test_compaction_folds_the_rows_and_keeps_the_sums(requester, service_a, service_b):
    for status in (Status.NEW, Status.CLOSED, Status.CLOSED, Status.CANCELLED):
        add_requests(service_a, requester, 2, statuses=[status])
    add_requests(service_b, requester, 1, statuses=[Status.NEW])
    Request.objects.filter(department_id=service_b.department_id).delete()  # sums to zero
    before = status_counts.counts(service_a.department_id)

    assert tasks.compact_status_counts() > 0
    assert status_counts.counts(service_a.department_id) == before
    assert status_counts.counts(service_b.department_id) == {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT department_id, status, COUNT(*) FROM {status_counts.TABLE} GROUP BY 1, 2"
        )
        assert {row[2] for row in cursor.fetchall()} == {1}  # one row per department and state
    assert status_counts.compact() == 3  # again: the three rows fold into themselves
    assert status_counts.counts(service_a.department_id) == before


def test_the_default_view_counts_closed_and_cancelled_from_the_kept_counts(
    head_a, requester, service_a
):
    add_requests(service_a, requester, COUNT_CAP + 1, statuses=[Status.CLOSED])
    add_requests(service_a, requester, 3, statuses=[Status.NEW, Status.CANCELLED, Status.RESOLVED])
    department = service_a.department
    permissions.is_staff_of(head_a, department.pk)
    with CaptureQueriesContext(connection) as captured:
        counts = selectors.queue_counts(head_a, department, QueueFilters())
    (sql,) = [query["sql"] for query in captured.captured_queries]
    assert status_counts.TABLE in sql
    assert f"LIMIT {COUNT_CAP + 1}" not in sql
    # Shown as before: capped states say "10,000+", the others exactly.
    assert counts["closed"] == COUNT_CAP + 1
    assert (counts["new"], counts["cancelled"], counts["resolved"]) == (1, 1, 1)
    assert counts["all"] == COUNT_CAP + 1
    # Another state's tab is the same view of the department: the same counts.
    assert selectors.queue_counts(head_a, department, QueueFilters(state="closed")) == counts


def test_the_default_view_counts_every_state_and_the_overdue_as_the_rows_do(
    head_a, requester, service_a
):
    """Every state from the kept counts, the overdue ones counted: the same numbers as counting
    the rows, also after a change that bypasses the models (QuerySet.update())."""
    states = [Status.NEW, Status.IN_PROGRESS, Status.WAITING, Status.AWAITING_APPROVAL]
    states += [Status.RESOLVED, Status.CLOSED, Status.CANCELLED, Status.REJECTED]
    made = add_requests(service_a, requester, 40, statuses=states)  # due times partly passed
    Request.objects.filter(pk__in=[req.pk for req in made[:5]]).update(status=Status.CLOSED)
    department = service_a.department
    permissions.is_staff_of(head_a, department.pk)
    with CaptureQueriesContext(connection) as captured:
        counts = selectors.queue_counts(head_a, department, QueueFilters())
    assert len(captured.captured_queries) == 1
    expected = {value: _actual(department.pk).get(value, 0) for value in Status.values}
    assert {value: counts[value] for value in Status.values} == expected
    open_ones = Request.objects.filter(department=department, status__in=Status.open_values())
    assert counts["open"] == open_ones.count() > 0
    # Waiting requests are never overdue: their clock is paused.
    overdue = open_ones.exclude(status=Status.WAITING).filter(due_at__lt=timezone.now())
    assert counts["overdue"] == overdue.count() > 0
    assert counts["all"] == 40
    # A narrowed view counts its own rows (every request here is of normal priority): the same.
    narrowed = selectors.queue_counts(head_a, department, QueueFilters(priority=Priority.NORMAL))
    assert {key: narrowed[key] for key in counts} == counts


def test_a_narrowed_view_still_counts_its_own_rows(head_a, agent_a, requester, service_a):
    add_requests(service_a, requester, 4, statuses=[Status.CLOSED], assignees=[agent_a, None])
    permissions.is_staff_of(head_a, service_a.department_id)
    filters = QueueFilters(assignee="unassigned")
    with CaptureQueriesContext(connection) as captured:
        counts = selectors.queue_counts(head_a, service_a.department, filters)
    assert status_counts.TABLE not in captured.captured_queries[0]["sql"]
    assert counts["closed"] == 2


def test_someone_outside_the_team_counts_nothing(requester, service_a):
    add_requests(service_a, requester, 2, statuses=[Status.CLOSED])
    counts = selectors.queue_counts(requester, service_a.department, QueueFilters())
    assert counts["closed"] == 0


@pytest.mark.django_db(transaction=True)
def test_truncating_the_requests_empties_the_counts(requester, service_a):
    add_requests(service_a, requester, 2, statuses=[Status.CLOSED])
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE desk_request CASCADE")  # as manage.py flush does
    assert status_counts.counts(service_a.department_id) == {}
