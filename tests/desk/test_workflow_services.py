"""The workflow's rules, table-driven: every (role × action × from-state), plus the clock and
the report timestamps. The expected table below is written from the issue, not from
desk.services, so that a change to the rules shows up here as a failure to think about."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from departments.models import Holiday
from desk import services
from desk.models import Event, EventKind, Priority, Request, Status
from tests.factories import file_request

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")
NEW, IN_PROGRESS, WAITING = Status.NEW, Status.IN_PROGRESS, Status.WAITING
RESOLVED, CLOSED, CANCELLED = Status.RESOLVED, Status.CLOSED, Status.CANCELLED
OPEN = {NEW, IN_PROGRESS, WAITING}
STATES = [NEW, IN_PROGRESS, WAITING, RESOLVED, CLOSED, CANCELLED]
STAFF_TARGETS = {
    NEW: {IN_PROGRESS, WAITING, RESOLVED, CANCELLED},
    IN_PROGRESS: {WAITING, RESOLVED, CANCELLED},
    WAITING: {IN_PROGRESS, RESOLVED, CANCELLED},
    RESOLVED: set(),
    CLOSED: set(),
    CANCELLED: set(),
}
ROLES = ["requester", "agent_a", "head_a", "agent_b", "outsider"]
ACTIONS = [
    "comment",
    "note",
    "cancel",
    "confirm",
    "reopen",
    "take",
    "assign_self",
    "assign_other",
    "priority",
    "service",
    *[f"status:{target}" for target in STATES],
]
STATUS_EVENT_KINDS = (EventKind.STATUS, EventKind.REOPENED)


def expected(role: str, action: str, state: str) -> str | None:
    """The status after the action, or None when the action must be refused."""
    if role == "requester":
        if action == "comment" and state not in (CLOSED, CANCELLED):
            # Answering a question starts the clock again.
            return IN_PROGRESS if state == WAITING else state
        if action == "cancel" and state == NEW:
            return CANCELLED
        if action == "confirm" and state == RESOLVED:
            return CLOSED
        if action == "reopen" and state == RESOLVED:
            return IN_PROGRESS
        return None
    if role not in ("agent_a", "head_a"):
        return None  # staff of another department and outsiders can do nothing
    head = role == "head_a"
    if action in ("comment", "note"):
        return state if state not in (CLOSED, CANCELLED) else None
    if action == "take":
        return (IN_PROGRESS if state == NEW else state) if state in OPEN else None
    if action in ("assign_self", "priority"):
        return state if state in OPEN else None
    if action in ("assign_other", "service"):
        return state if head and state in OPEN else None
    if action.startswith("status:"):
        target = action.split(":", 1)[1]
        return target if target in STAFF_TARGETS[state] else None
    return None  # cancel, confirm and reopen are the requester's


def bring_to(state: str, req: Request, head, requester) -> Request:
    if state in (IN_PROGRESS, WAITING, RESOLVED, CANCELLED):
        services.request_change_status(request=req, actor=head, status=state)
    if state == CLOSED:
        services.request_change_status(request=req, actor=head, status=RESOLVED)
        services.request_confirm(request=req, actor=requester)
    return Request.objects.get(pk=req.pk)


def run(action: str, req: Request, actor, other_agent, other_service) -> None:
    if action == "comment":
        services.comment_add(request=req, author=actor, body="Public words")
    elif action == "note":
        services.comment_add(request=req, author=actor, body="Team words", internal=True)
    elif action == "cancel":
        services.request_cancel(request=req, actor=actor)
    elif action == "confirm":
        services.request_confirm(request=req, actor=actor)
    elif action == "reopen":
        services.request_reopen(request=req, actor=actor, reason="Still broken")
    elif action == "take":
        services.request_take(request=req, actor=actor)
    elif action == "assign_self":
        services.request_assign(request=req, actor=actor, assignee=actor)
    elif action == "assign_other":
        services.request_assign(request=req, actor=actor, assignee=other_agent)
    elif action == "priority":
        services.request_change_priority(request=req, actor=actor, priority=Priority.URGENT)
    elif action == "service":
        services.request_change_service(request=req, actor=actor, service=other_service)
    else:
        target = action.split(":", 1)[1]
        services.request_change_status(request=req, actor=actor, status=target)


def snapshot(req: Request) -> dict:
    return Request.objects.filter(pk=req.pk).values().get()


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", ROLES)
def test_every_role_action_and_state(
    request,
    role,
    action,
    state,
    requester,
    head_a,
    agent_a,
    agent_a2,
    agent_b,
    outsider,
    service_a,
    service_a2,
):
    actor = request.getfixturevalue(role)
    req = bring_to(state, file_request(requester, service_a), head_a, requester)
    before = snapshot(req)
    events_before = Event.objects.filter(request=req).count()
    status_events_before = Event.objects.filter(request=req, kind__in=STATUS_EVENT_KINDS).count()
    outcome = expected(role, action, state)

    if outcome is None:
        with pytest.raises(ValidationError):
            run(action, req, actor, agent_a2, service_a2)
        assert snapshot(req) == before, "a refused action must change nothing"
        assert Event.objects.filter(request=req).count() == events_before
        return

    run(action, req, actor, agent_a2, service_a2)
    after = Request.objects.get(pk=req.pk)
    assert after.status == outcome
    status_events = (
        Event.objects.filter(request=req, kind__in=STATUS_EVENT_KINDS).count()
        - status_events_before
    )
    assert status_events == (1 if outcome != state else 0)
    if action in ("take", "assign_self"):
        assert after.assignee == actor
    if action == "assign_other":
        assert after.assignee == agent_a2
    if action == "priority":
        assert after.priority == Priority.URGENT
    if action == "service":
        assert after.service == service_a2


def test_an_unknown_status_is_refused_with_a_message(head_a, desk_request):
    with pytest.raises(ValidationError) as exc:
        services.request_change_status(request=desk_request, actor=head_a, status="done")
    assert "status" in exc.value.message_dict
    assert Request.objects.get(pk=desk_request.pk).status == NEW


def test_closing_a_new_request_says_why(agent_a, desk_request):
    with pytest.raises(ValidationError, match="cannot become"):
        services.request_change_status(request=desk_request, actor=agent_a, status=CLOSED)


def test_a_stale_expected_status_is_a_conflict_that_changes_nothing(
    agent_a, agent_a2, desk_request
):
    services.request_change_status(request=desk_request, actor=agent_a, status=WAITING)
    before = snapshot(desk_request)
    with pytest.raises(services.ConflictError, match="now “Waiting on requester”"):
        services.request_change_status(
            request=desk_request, actor=agent_a2, status=RESOLVED, expected_status=NEW
        )
    assert snapshot(desk_request) == before


def test_taking_a_request_someone_else_took_is_a_conflict(agent_a, agent_a2, desk_request):
    services.request_take(request=desk_request, actor=agent_a)
    with pytest.raises(services.ConflictError, match="Alice Agent has already taken"):
        services.request_take(request=desk_request, actor=agent_a2)
    assert Request.objects.get(pk=desk_request.pk).assignee == agent_a
    assert desk_request.events.filter(kind=EventKind.ASSIGNED).count() == 1


def test_a_stale_expected_assignee_is_a_conflict(head_a, agent_a, agent_a2, desk_request):
    services.request_take(request=desk_request, actor=agent_a)
    with pytest.raises(services.ConflictError, match="now Alice Agent"):
        services.request_assign(
            request=desk_request, actor=head_a, assignee=agent_a2, expected_assignee_id=None
        )


def test_an_agent_cannot_unassign(agent_a, desk_request):
    services.request_take(request=desk_request, actor=agent_a)
    with pytest.raises(ValidationError):
        services.request_assign(request=desk_request, actor=agent_a, assignee=None)


def test_a_head_cannot_assign_someone_outside_the_team(head_a, agent_b, desk_request):
    with pytest.raises(ValidationError) as exc:
        services.request_assign(request=desk_request, actor=head_a, assignee=agent_b)
    assert "assignee" in exc.value.message_dict


def test_a_head_cannot_assign_a_deactivated_member(head_a, agent_a2, desk_request):
    agent_a2.is_active = False
    agent_a2.save()
    with pytest.raises(ValidationError):
        services.request_assign(request=desk_request, actor=head_a, assignee=agent_a2)


def test_a_head_cannot_move_a_request_to_another_departments_service(
    head_a, service_b, desk_request
):
    with pytest.raises(ValidationError) as exc:
        services.request_change_service(request=desk_request, actor=head_a, service=service_b)
    assert "service" in exc.value.message_dict


def test_reopening_needs_a_reason(requester, head_a, desk_request):
    services.request_change_status(request=desk_request, actor=head_a, status=RESOLVED)
    with pytest.raises(ValidationError) as exc:
        services.request_reopen(request=desk_request, actor=requester, reason="  ")
    assert "reason" in exc.value.message_dict


def test_reopening_after_the_window_is_refused(requester, head_a, service_a, settings):
    settings.DESK_REOPEN_WINDOW_DAYS = 7
    with time_machine.travel(datetime(2025, 3, 3, 9, tzinfo=WARSAW), tick=False) as clock:
        req = file_request(requester, service_a)
        services.request_change_status(request=req, actor=head_a, status=RESOLVED)
        clock.move_to(datetime(2025, 3, 10, 9, 1, tzinfo=WARSAW))
        with pytest.raises(ValidationError, match="7-day window"):
            services.request_reopen(request=req, actor=requester, reason="Broken again")
        clock.move_to(datetime(2025, 3, 10, 8, 59, tzinfo=WARSAW))
        services.request_reopen(request=req, actor=requester, reason="Broken again")
    assert Request.objects.get(pk=req.pk).status == IN_PROGRESS


# --- report timestamps ----------------------------------------------------------------------


def test_first_response_is_the_first_public_staff_reply_and_is_kept(
    requester, agent_a, agent_a2, service_a
):
    with time_machine.travel(datetime(2025, 3, 3, 9, tzinfo=WARSAW), tick=False) as clock:
        req = file_request(requester, service_a)
        clock.shift(timedelta(minutes=10))
        services.comment_add(request=req, author=requester, body="Any news?")
        clock.shift(timedelta(minutes=10))
        services.comment_add(request=req, author=agent_a, body="Looking", internal=True)
        assert Request.objects.get(pk=req.pk).first_response_at is None
        clock.shift(timedelta(minutes=10))
        services.comment_add(request=req, author=agent_a, body="On it")
        first = datetime(2025, 3, 3, 9, 30, tzinfo=WARSAW)
        assert Request.objects.get(pk=req.pk).first_response_at == first
        clock.shift(timedelta(minutes=10))
        services.comment_add(request=req, author=agent_a2, body="Me too")
        services.request_change_status(request=req, actor=agent_a2, status=RESOLVED)
    assert Request.objects.get(pk=req.pk).first_response_at == first


def test_a_state_change_by_staff_is_a_first_response(requester, agent_a, desk_request):
    services.request_change_status(request=desk_request, actor=agent_a, status=IN_PROGRESS)
    assert Request.objects.get(pk=desk_request.pk).first_response_at is not None


def test_the_requesters_own_actions_are_not_a_first_response(requester, desk_request):
    services.request_cancel(request=desk_request, actor=requester)
    assert Request.objects.get(pk=desk_request.pk).first_response_at is None


def test_staff_filing_for_their_own_department_do_not_answer_themselves(
    agent_a, agent_a2, service_a
):
    req = file_request(agent_a, service_a)
    services.comment_add(request=req, author=agent_a, body="Adding details")
    assert Request.objects.get(pk=req.pk).first_response_at is None
    services.comment_add(request=req, author=agent_a2, body="Got it")
    assert Request.objects.get(pk=req.pk).first_response_at is not None


def test_resolved_at_is_kept_when_reopened_and_resolved_again(requester, agent_a, service_a):
    with time_machine.travel(datetime(2025, 3, 3, 9, tzinfo=WARSAW), tick=False) as clock:
        req = file_request(requester, service_a)
        services.request_change_status(request=req, actor=agent_a, status=RESOLVED)
        first = Request.objects.get(pk=req.pk).resolved_at
        clock.shift(timedelta(hours=1))
        services.request_reopen(request=req, actor=requester, reason="Not yet")
        clock.shift(timedelta(hours=1))
        services.request_change_status(request=req, actor=agent_a, status=RESOLVED)
        clock.shift(timedelta(hours=1))
        services.request_confirm(request=req, actor=requester)
    req.refresh_from_db()
    assert req.resolved_at == first == datetime(2025, 3, 3, 9, tzinfo=WARSAW)
    assert req.closed_at == datetime(2025, 3, 3, 12, tzinfo=WARSAW)


# --- the target clock ---------------------------------------------------------------------------


def test_waiting_pauses_the_clock_and_moves_the_due_time_by_business_time(
    requester, agent_a, dept_a, service_a
):
    # Mon–Fri 08:00–16:00 in Warsaw (the default week), Tuesday 4 March 2025 a holiday.
    Holiday.objects.create(department=dept_a, date=datetime(2025, 3, 4).date(), name="Local")
    with time_machine.travel(datetime(2025, 3, 3, 9, tzinfo=WARSAW), tick=False) as clock:
        req = file_request(requester, service_a)  # 16 h target
        # Mon 9–16 (7 h), Tue holiday, Wed 8–16 (8 h), Thu 8–9 (1 h).
        assert req.due_at == datetime(2025, 3, 6, 9, tzinfo=WARSAW)
        clock.move_to(datetime(2025, 3, 3, 10, tzinfo=WARSAW))
        services.request_change_status(request=req, actor=agent_a, status=WAITING)
        assert Request.objects.get(pk=req.pk).paused_at is not None
        # The requester answers on Thursday at 10:00: the clock stood for
        # Mon 10–16 (6 h) + Wed 8–16 (8 h) + Thu 8–10 (2 h) = 16 working hours.
        clock.move_to(datetime(2025, 3, 6, 10, tzinfo=WARSAW))
        services.comment_add(request=req, author=requester, body="Here is the serial number")
    req.refresh_from_db()
    assert req.status == IN_PROGRESS
    assert req.paused_at is None
    # Thu 9–16 (7 h) + Fri 8–16 (8 h) + Mon 8–9 (1 h) after the old due time.
    assert req.due_at == datetime(2025, 3, 10, 9, tzinfo=WARSAW)
    due_event = req.events.get(kind=EventKind.DUE)
    assert due_event.actor is None
    assert due_event.new_value == req.due_at.isoformat()


def test_leaving_waiting_outside_working_hours_counts_only_working_time(
    requester, agent_a, service_a
):
    with time_machine.travel(datetime(2025, 3, 7, 15, tzinfo=WARSAW), tick=False) as clock:
        req = file_request(requester, service_a)
        due = req.due_at
        services.request_change_status(request=req, actor=agent_a, status=WAITING)
        clock.move_to(datetime(2025, 3, 8, 12, tzinfo=WARSAW))  # Saturday
        services.request_change_status(request=req, actor=agent_a, status=IN_PROGRESS)
    req.refresh_from_db()
    assert req.due_at == due + timedelta(hours=1)  # only Friday 15–16 counted


# --- auto-close -------------------------------------------------------------------------------


def test_resolved_requests_past_the_window_close_once(requester, agent_a, service_a, settings):
    settings.DESK_REOPEN_WINDOW_DAYS = 7
    with time_machine.travel(datetime(2025, 3, 3, 9, tzinfo=WARSAW), tick=False) as clock:
        old = file_request(requester, service_a)
        services.request_change_status(request=old, actor=agent_a, status=RESOLVED)
        clock.move_to(datetime(2025, 3, 8, 9, tzinfo=WARSAW))
        recent = file_request(requester, service_a)
        services.request_change_status(request=recent, actor=agent_a, status=RESOLVED)
        clock.move_to(datetime(2025, 3, 10, 10, tzinfo=WARSAW))
        assert services.requests_close_expired() == 1
        assert services.requests_close_expired() == 0
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.status == CLOSED
    assert old.closed_at == datetime(2025, 3, 10, 10, tzinfo=WARSAW)
    event = old.events.filter(kind=EventKind.STATUS).last()
    assert (event.actor, event.old_value, event.new_value) == (None, RESOLVED, CLOSED)
    assert old.events.filter(kind=EventKind.STATUS, new_value=CLOSED).count() == 1
    assert recent.status == RESOLVED
