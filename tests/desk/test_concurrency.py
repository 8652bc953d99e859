"""Two people acting on the same request at the same moment, on PostgreSQL's row locks.

Each thread has its own database connection (Django gives every thread one) and closes it at
the end. A barrier releases both at once; the row lock in desk.services makes the second wait
for the first to commit, then re-read and refuse with a clear message.
"""

from __future__ import annotations

import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection

from departments.models import Employee
from desk import notifications, services
from desk.models import EventKind, Notification, Request, Status

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(*actions):
    """Run the callables at the same moment in threads; return (results, errors) by index."""
    barrier = threading.Barrier(len(actions))
    results: dict[int, object] = {}
    errors: dict[int, BaseException] = {}

    def worker(index, action):
        try:
            barrier.wait(timeout=10)
            results[index] = action()
        except ValidationError as exc:
            errors[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results, errors


def fresh(person: Employee) -> Employee:
    # Each thread gets its own object (permissions cache memberships on the instance).
    return Employee.objects.get(pk=person.pk)


def test_two_agents_taking_at_once_one_wins(agent_a, agent_a2, desk_request):
    first, second = fresh(agent_a), fresh(agent_a2)
    results, errors = race(
        lambda: services.request_take(request=desk_request, actor=first),
        lambda: services.request_take(request=desk_request, actor=second),
    )
    assert len(results) == 1
    assert len(errors) == 1
    (error,) = errors.values()
    assert isinstance(error, services.ConflictError)
    assert "has already taken this request" in error.messages[0]
    req = Request.objects.get(pk=desk_request.pk)
    winner = agent_a if 0 in results else agent_a2
    assert req.assignee_id == winner.pk
    assert req.status == Status.IN_PROGRESS
    assert req.events.filter(kind=EventKind.ASSIGNED).count() == 1
    assert req.events.filter(kind=EventKind.STATUS).count() == 1


def test_conflicting_status_changes_with_expected_status_one_wins(agent_a, head_a, desk_request):
    services.request_change_status(request=desk_request, actor=agent_a, status=Status.IN_PROGRESS)
    agent, head = fresh(agent_a), fresh(head_a)
    results, errors = race(
        lambda: services.request_change_status(
            request=desk_request,
            actor=agent,
            status=Status.RESOLVED,
            expected_status=Status.IN_PROGRESS,
        ),
        lambda: services.request_change_status(
            request=desk_request,
            actor=head,
            status=Status.WAITING,
            expected_status=Status.IN_PROGRESS,
        ),
    )
    assert len(results) == 1
    assert len(errors) == 1
    (error,) = errors.values()
    assert isinstance(error, services.ConflictError)
    assert "Someone else changed this request meanwhile" in error.messages[0]
    req = Request.objects.get(pk=desk_request.pk)
    assert req.status == (Status.RESOLVED if 0 in results else Status.WAITING)
    # Filed, in progress, and exactly one of the two changes.
    assert req.events.filter(kind=EventKind.STATUS).count() == 2
    if req.status == Status.WAITING:
        assert req.paused_at is not None
        assert req.resolved_at is None
    else:
        assert req.paused_at is None
        assert req.resolved_at is not None


def test_conflicting_status_changes_without_expected_status_stay_consistent(
    agent_a, head_a, desk_request
):
    # Resolve and cancel at once: whichever comes second finds a finished request.
    agent, head = fresh(agent_a), fresh(head_a)
    results, errors = race(
        lambda: services.request_change_status(
            request=desk_request, actor=agent, status=Status.RESOLVED
        ),
        lambda: services.request_change_status(
            request=desk_request, actor=head, status=Status.CANCELLED
        ),
    )
    assert len(results) == 1
    assert len(errors) == 1
    (error,) = errors.values()
    assert "cannot become" in error.messages[0]
    req = Request.objects.get(pk=desk_request.pk)
    assert req.events.filter(kind=EventKind.STATUS).count() == 1
    if req.status == Status.RESOLVED:
        assert req.resolved_at is not None
        assert req.closed_at is None
    else:
        assert req.status == Status.CANCELLED
        assert req.closed_at is not None
        assert req.resolved_at is None


def test_the_requester_confirming_while_the_auto_close_runs_closes_once(
    requester, agent_a, desk_request, settings
):
    settings.DESK_REOPEN_WINDOW_DAYS = 0
    services.request_change_status(request=desk_request, actor=agent_a, status=Status.RESOLVED)
    person = fresh(requester)
    results, errors = race(
        lambda: services.request_confirm(request=desk_request, actor=person),
        services.requests_close_expired,
    )
    req = Request.objects.get(pk=desk_request.pk)
    assert req.status == Status.CLOSED
    assert req.events.filter(kind=EventKind.STATUS, new_value=Status.CLOSED).count() == 1
    # Either the confirmation won and the task found nothing, or the task won and the late
    # confirmation was refused with a message.
    assert len(results) + len(errors) == 2


def test_two_copies_of_an_email_task_send_one_email(agent_a, desk_request):
    services.comment_add(request=desk_request, author=agent_a, body="Hello")
    # Sent once already after commit; pretend it was not, as if the first task had been lost.
    Notification.objects.update(emailed_at=None)
    notification = Notification.objects.get()
    mail.outbox.clear()
    results, errors = race(
        lambda: notifications.notification_send_email(notification_id=notification.pk),
        lambda: notifications.notification_send_email(notification_id=notification.pk),
    )
    assert errors == {}
    assert sorted(results.values()) == [False, True]
    assert len(mail.outbox) == 1
