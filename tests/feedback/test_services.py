"""feedback.services: who may rate, once; editing for 24 hours; heads close the loop."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from departments.models import Role
from desk import services as desk_services
from feedback import services
from feedback.models import Feedback
from feedback.signals import feedback_saved
from tests.factories import MembershipFactory, file_request
from tests.feedback.helpers import resolve, resolved_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolved(requester, service_a, agent_a):
    return resolved_request(requester, service_a, agent_a)


@pytest.fixture
def saved():
    """What feedback_saved was sent with, in order."""
    calls = []

    def receiver(sender, feedback, created, **kwargs):
        calls.append((feedback.pk, created))

    feedback_saved.connect(receiver, weak=False, dispatch_uid="test-saved")
    yield calls
    feedback_saved.disconnect(dispatch_uid="test-saved")


def _submit(request, requester, **kwargs):
    kwargs.setdefault("rating", 4)
    return services.feedback_submit(request=request, requester=requester, **kwargs)


# --- submitting ---------------------------------------------------------------------------------


def test_it_records_the_rating_with_the_request_s_department_service_and_client_type(
    resolved, requester, saved
):
    feedback, created = _submit(
        resolved, requester, rating=5, quality=4, speed=None, communication=3, comment=" Great "
    )
    assert created
    feedback.refresh_from_db()
    assert (feedback.rating, feedback.quality, feedback.speed, feedback.communication) == (
        5,
        4,
        None,
        3,
    )
    assert feedback.comment == "Great"
    assert feedback.requester == requester
    assert feedback.department_id == resolved.department_id
    assert feedback.service_id == resolved.service_id
    assert feedback.client_type == "operational"
    assert saved == [(feedback.pk, True)]


def test_it_accepts_a_closed_request(resolved, requester):
    desk_services.request_confirm(request=resolved, actor=requester)
    _feedback, created = _submit(resolved, requester)
    assert created


def test_a_second_submission_returns_the_first_unchanged(resolved, requester, saved):
    first, _ = _submit(resolved, requester, rating=2, comment="Slow")
    second, created = _submit(resolved, requester, rating=5, comment="Changed my mind")
    assert not created
    assert second.pk == first.pk
    assert (second.rating, second.comment) == (2, "Slow")
    assert Feedback.objects.count() == 1
    assert saved == [(first.pk, True)]


def test_someone_else_cannot_rate(resolved, business_requester):
    with pytest.raises(ValidationError, match="Only the person who filed"):
        _submit(resolved, business_requester)
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("who", ["agent_a", "head_a"])
def test_staff_of_the_department_cannot_rate_a_request_they_did_not_file(resolved, request, who):
    with pytest.raises(ValidationError):
        _submit(resolved, request.getfixturevalue(who))
    assert not Feedback.objects.exists()


def test_staff_of_the_department_cannot_rate_even_their_own_request(agent_a, agent_a2, service_a):
    own = resolved_request(agent_a, service_a, agent_a2)
    with pytest.raises(ValidationError, match="on the IT team"):
        _submit(own, agent_a)
    assert not Feedback.objects.exists()


def test_staff_of_another_department_rate_like_anyone(agent_b, agent_a, service_a):
    theirs = resolved_request(agent_b, service_a, agent_a)
    _feedback, created = _submit(theirs, agent_b)
    assert created


def test_a_request_that_is_not_resolved_cannot_be_rated(desk_request, requester, agent_a):
    with pytest.raises(ValidationError, match="once it is resolved"):
        _submit(desk_request, requester)
    desk_services.request_take(request=desk_request, actor=agent_a)
    with pytest.raises(ValidationError, match="once it is resolved"):
        _submit(desk_request, requester)
    assert not Feedback.objects.exists()


def test_a_cancelled_request_cannot_be_rated(desk_request, requester):
    desk_services.request_cancel(request=desk_request, actor=requester)
    with pytest.raises(ValidationError, match="cancelled"):
        _submit(desk_request, requester)


def test_the_status_is_read_afresh_not_from_the_caller_s_copy(desk_request, requester, agent_a):
    stale = desk_request  # still "new" in memory
    resolve(desk_request, agent_a)
    _feedback, created = _submit(stale, requester)
    assert created


@pytest.mark.parametrize("rating", [None, 0, 6, "5"])
def test_it_refuses_a_rating_outside_1_to_5(resolved, requester, rating):
    with pytest.raises(ValidationError) as exc_info:
        _submit(resolved, requester, rating=rating)
    assert "rating" in exc_info.value.message_dict
    assert not Feedback.objects.exists()


def test_it_refuses_an_aspect_outside_1_to_5(resolved, requester):
    with pytest.raises(ValidationError) as exc_info:
        _submit(resolved, requester, speed=9)
    assert "speed" in exc_info.value.message_dict


def test_it_refuses_a_very_long_comment(resolved, requester):
    with pytest.raises(ValidationError) as exc_info:
        _submit(resolved, requester, comment="x" * (services.COMMENT_MAX_LENGTH + 1))
    assert "comment" in exc_info.value.message_dict


# --- editing --------------------------------------------------------------------------------------


def test_the_requester_may_edit_within_24_hours(resolved, requester, saved):
    feedback, _ = _submit(resolved, requester, rating=2)
    with time_machine.travel(timezone.now() + timedelta(hours=23, minutes=59)):
        services.feedback_edit(
            feedback=feedback, editor=requester, rating=4, speed=5, comment="Fixed after all"
        )
    feedback.refresh_from_db()
    assert (feedback.rating, feedback.speed, feedback.comment) == (4, 5, "Fixed after all")
    assert saved == [(feedback.pk, True), (feedback.pk, False)]
    assert Feedback.objects.count() == 1


def test_editing_is_refused_after_24_hours(resolved, requester):
    feedback, _ = _submit(resolved, requester, rating=2)
    with (
        time_machine.travel(timezone.now() + timedelta(hours=24, minutes=1)),
        pytest.raises(ValidationError, match="24 hours") as exc_info,
    ):
        services.feedback_edit(feedback=feedback, editor=requester, rating=5)
    assert exc_info.value.code == "window_passed"
    feedback.refresh_from_db()
    assert feedback.rating == 2


def test_nobody_else_may_edit(resolved, requester, head_a):
    feedback, _ = _submit(resolved, requester, rating=2)
    with pytest.raises(ValidationError, match="Only the person who gave"):
        services.feedback_edit(feedback=feedback, editor=head_a, rating=5)


def test_editing_waits_while_the_request_is_reopened(resolved, requester):
    feedback, _ = _submit(resolved, requester, rating=2)
    desk_services.request_reopen(request=resolved, actor=requester, reason="Still broken")
    with pytest.raises(ValidationError, match="once it is resolved"):
        services.feedback_edit(feedback=feedback, editor=requester, rating=1)


def test_can_edit_tells_the_pages_whether_to_offer_the_form(resolved, requester, head_a):
    feedback, _ = _submit(resolved, requester)
    assert services.can_edit(requester, feedback)
    assert not services.can_edit(head_a, feedback)
    later = timezone.now() + timedelta(hours=25)
    assert not services.can_edit(requester, feedback, now=later)


# --- acted upon -----------------------------------------------------------------------------------


def test_a_head_marks_feedback_acted_upon(resolved, requester, head_a, saved):
    feedback, _ = _submit(resolved, requester, rating=1, comment="No charger")
    services.feedback_mark_acted_upon(feedback=feedback, head=head_a, note="  Sent one today. ")
    feedback.refresh_from_db()
    assert feedback.acted_upon_by == head_a
    assert feedback.acted_upon_at is not None
    assert feedback.acted_upon_note == "Sent one today."
    assert not feedback.needs_action
    assert saved[-1] == (feedback.pk, False)


def test_marking_again_replaces_the_note(resolved, requester, head_a):
    feedback, _ = _submit(resolved, requester, rating=1, comment="No charger")
    services.feedback_mark_acted_upon(feedback=feedback, head=head_a, note="Ordered one.")
    services.feedback_mark_acted_upon(feedback=feedback, head=head_a, note="Delivered.")
    feedback.refresh_from_db()
    assert feedback.acted_upon_note == "Delivered."


@pytest.mark.parametrize("who", ["agent_a", "requester", "outsider"])
def test_only_a_head_of_the_department_marks_acted_upon(resolved, requester, request, who):
    feedback, _ = _submit(resolved, requester, comment="Hm")
    with pytest.raises(ValidationError, match="Only a head"):
        services.feedback_mark_acted_upon(
            feedback=feedback, head=request.getfixturevalue(who), note="Done"
        )
    feedback.refresh_from_db()
    assert feedback.acted_upon_at is None


def test_a_head_of_another_department_cannot_mark_acted_upon(resolved, requester, dept_b):
    feedback, _ = _submit(resolved, requester, comment="Hm")
    other_head = MembershipFactory(department=dept_b, role=Role.HEAD).employee
    with pytest.raises(ValidationError, match="Only a head"):
        services.feedback_mark_acted_upon(feedback=feedback, head=other_head, note="Done")


@pytest.mark.parametrize("note", ["", "   ", "x" * (services.NOTE_MAX_LENGTH + 1)])
def test_the_note_is_required_and_short(resolved, requester, head_a, note):
    feedback, _ = _submit(resolved, requester, comment="Hm")
    with pytest.raises(ValidationError) as exc_info:
        services.feedback_mark_acted_upon(feedback=feedback, head=head_a, note=note)
    assert "note" in exc_info.value.message_dict
    feedback.refresh_from_db()
    assert feedback.acted_upon_at is None


# --- the copy of the service follows the request --------------------------------------------------


def test_feedback_follows_the_request_to_another_service(
    resolved, requester, head_a, agent_a, service_a2, saved
):
    feedback, _ = _submit(resolved, requester, rating=3)
    desk_services.request_reopen(request=resolved, actor=requester, reason="Wrong service")
    desk_services.request_change_service(request=resolved, actor=head_a, service=service_a2)
    feedback.refresh_from_db()
    assert feedback.service == service_a2
    assert saved[-1] == (feedback.pk, False)


def test_other_requests_changing_service_leave_feedback_alone(
    resolved, requester, head_a, service_a, service_a2
):
    feedback, _ = _submit(resolved, requester, rating=3)
    other = file_request(requester, service_a)
    desk_services.request_change_service(request=other, actor=head_a, service=service_a2)
    feedback.refresh_from_db()
    assert feedback.service == service_a
