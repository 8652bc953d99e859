"""Two people acting on the same request at the same moment, on PostgreSQL's row locks.

Each thread has its own database connection (Django gives every thread one) and closes it at
the end. A barrier releases both at once; the row lock in desk.services makes the second wait
for the first to commit, then re-read and refuse with a clear message.

A barrier does not promise that the second actually waits (it may start after the first has
committed), so the tests of the loser's message use `second_waits_for_first`: the winner's
transaction stays open until PostgreSQL shows the loser waiting for a lock, and only then commits.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from departments.models import Employee
from desk import notifications, services
from desk.models import EventKind, Notification, Priority, Request, Status

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
    winner = agent_a if 0 in results else agent_a2
    assert isinstance(error, services.ConflictError)
    assert error.messages == [f"{winner.full_name} has already taken this request."]
    req = Request.objects.get(pk=desk_request.pk)
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


# --- the loser's message, after really waiting for the winner's lock ------------------------------


def lock_waiters() -> int:
    """Other sessions of this database waiting for a lock right now."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def second_waits_for_first(first, second):
    """Run `first` in a transaction kept open until `second` (on its own connection) waits for its
    lock, then commit. Returns what `second` returned, or the ValidationError it raised."""
    holding, release = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def run_first():
        try:
            with transaction.atomic():
                first()
                holding.set()
                release.wait(10)
        except BaseException as exc:  # reported below, in the test's thread
            outcome["first"] = exc
            holding.set()
        finally:
            connection.close()

    def run_second():
        holding.wait(10)
        try:
            outcome["second"] = second()
        except ValidationError as exc:
            outcome["second"] = exc
        except BaseException as exc:
            outcome["second_crashed"] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    for thread in threads:
        thread.start()
    assert holding.wait(10)
    waited = False
    deadline = time.monotonic() + 10
    while "first" not in outcome and time.monotonic() < deadline:
        if lock_waiters():
            waited = True
            break
        time.sleep(0.01)
    release.set()
    for thread in threads:
        thread.join(timeout=30)
    assert "first" not in outcome, outcome["first"]
    assert "second_crashed" not in outcome, outcome["second_crashed"]
    assert waited, "the second action never waited for the first one's lock"
    return outcome["second"]


@dataclass
class People:
    requester: Employee
    agent: Employee  # Alice Agent
    agent2: Employee  # Adam Agent
    head: Employee  # Helen Head


@pytest.fixture
def people(requester, agent_a, agent_a2, head_a):
    return People(fresh(requester), fresh(agent_a), fresh(agent_a2), fresh(head_a))


def take(who):
    return lambda p, r: services.request_take(request=r, actor=getattr(p, who))


def assign(actor, to, expected="any"):
    return lambda p, r: services.request_assign(
        request=r,
        actor=getattr(p, actor),
        assignee=getattr(p, to) if to else None,
        expected_assignee_id=expected,
    )


def move(who, status, expected=None):
    return lambda p, r: services.request_change_status(
        request=r, actor=getattr(p, who), status=status, expected_status=expected
    )


def cancel(p, r):
    return services.request_cancel(request=r, actor=p.requester)


def confirm(p, r):
    return services.request_confirm(request=r, actor=p.requester)


def reopen(p, r):
    return services.request_reopen(request=r, actor=p.requester, reason="Still broken")


def raise_priority(p, r):
    return services.request_change_priority(request=r, actor=p.head, priority=Priority.HIGH)


def assigned_to_alice(p, r):
    services.request_assign(request=r, actor=p.head, assignee=p.agent)


def resolved(p, r):
    services.request_change_status(request=r, actor=p.head, status=Status.RESOLVED)


def in_progress(p, r):
    services.request_change_status(request=r, actor=p.head, status=Status.IN_PROGRESS)


# (set-up, what the winner does, what the loser does, what the loser is told), on a new request.
CONFLICTS = {
    "take-take": (
        None,
        take("agent"),
        take("agent2"),
        "Alice Agent has already taken this request.",
    ),
    "assign-take": (
        None,
        assign("head", "agent2", expected=None),
        take("agent"),
        "Adam Agent has already taken this request.",
    ),
    "take-assign": (
        None,
        take("agent"),
        assign("head", "agent2", expected=None),
        "Someone else changed the assignee meanwhile: it is now Alice Agent. Nothing was changed.",
    ),
    "assign-self-assign": (
        None,
        assign("head", "agent2", expected=None),
        assign("agent", "agent", expected=None),
        "Someone else changed the assignee meanwhile: it is now Adam Agent. Nothing was changed.",
    ),
    "unassign-assign": (
        assigned_to_alice,
        assign("head", None),
        lambda p, r: services.request_assign(
            request=r, actor=p.head, assignee=p.agent2, expected_assignee_id=p.agent.pk
        ),
        "Someone else changed the assignee meanwhile: it is now nobody. Nothing was changed.",
    ),
    "status-status-expected": (
        in_progress,
        move("agent", Status.RESOLVED, expected=Status.IN_PROGRESS),
        move("head", Status.WAITING, expected=Status.IN_PROGRESS),
        "Someone else changed this request meanwhile: it is now “Resolved”. Nothing was changed.",
    ),
    "status-status": (
        None,
        move("head", Status.CANCELLED),
        move("agent", Status.RESOLVED),
        "A request that is “Cancelled” cannot become “Resolved”.",
    ),
    "take-cancel": (
        None,
        take("agent"),
        cancel,
        "Only a request nobody has started can be cancelled; it is “In progress”.",
    ),
    "cancel-take": (None, cancel, take("agent"), "A cancelled request cannot be taken."),
    "cancel-assign": (
        None,
        cancel,
        assign("head", "agent2"),
        "A cancelled request cannot be reassigned.",
    ),
    "cancel-priority": (
        None,
        cancel,
        raise_priority,
        "The priority of a cancelled request cannot change.",
    ),
    "reopen-confirm": (
        resolved,
        reopen,
        confirm,
        "Only a resolved request can be confirmed; it is “In progress”.",
    ),
    "confirm-reopen": (
        resolved,
        confirm,
        reopen,
        "Only a resolved request can be reopened; it is “Closed”.",
    ),
}


def snapshot(pk: int) -> tuple:
    req = Request.objects.get(pk=pk)
    return (req.status, req.assignee_id, req.priority, req.updated_at, req.events.count())


@pytest.mark.parametrize(
    ("setup", "winner", "loser", "message"), CONFLICTS.values(), ids=CONFLICTS.keys()
)
def test_the_loser_is_told_what_the_winner_did(people, desk_request, setup, winner, loser, message):
    if setup:
        setup(people, desk_request)
    # Both start from the request as it looked before either acted, as two open pages do.
    seen = Request.objects.with_list_relations().get(pk=desk_request.pk)
    before = snapshot(seen.pk)
    after_winner = []

    def win():
        winner(people, Request.objects.get(pk=seen.pk))
        after_winner.append(snapshot(seen.pk))

    error = second_waits_for_first(win, lambda: loser(people, seen))

    assert isinstance(error, ValidationError)
    assert error.messages == [message]
    # The winner changed the request; the loser changed nothing.
    assert after_winner[0] != before
    assert snapshot(seen.pk) == after_winner[0]


def test_the_loser_of_a_take_over_http_is_told_the_winners_name(
    agent_a, agent_a2, desk_request, password
):
    winner = fresh(agent_a)
    loser = Client()
    # Axes counts logins by request, so the test client passes one along.
    assert loser.login(request=HttpRequest(), email=agent_a2.email, password=password)
    url = reverse("desk:request-take", args=[desk_request.department.code, desk_request.number])

    response = second_waits_for_first(
        lambda: services.request_take(request=desk_request, actor=winner),
        lambda: loser.post(url, follow=True),
    )

    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    assert shown == ["Alice Agent has already taken this request."]
    req = Request.objects.get(pk=desk_request.pk)
    assert req.assignee_id == agent_a.pk


def test_a_status_change_waiting_behind_a_change_of_service_goes_through(
    agent_a, head_a, desk_request, service_a2
):
    # The service is joined when the row is read; after the wait it must be the new one, or the
    # re-read finds no row at all and the person gets an error page.
    services.request_take(request=desk_request, actor=agent_a)
    seen = Request.objects.with_list_relations().get(pk=desk_request.pk)
    head, agent = fresh(head_a), fresh(agent_a)

    result = second_waits_for_first(
        lambda: services.request_change_service(
            request=Request.objects.get(pk=seen.pk), actor=head, service=service_a2
        ),
        lambda: services.request_change_status(
            request=seen, actor=agent, status=Status.WAITING, expected_status=Status.IN_PROGRESS
        ),
    )

    assert isinstance(result, Request)
    assert result.service_id == service_a2.pk
    req = Request.objects.get(pk=desk_request.pk)
    assert (req.service_id, req.status) == (service_a2.pk, Status.WAITING)
