"""feedback.models: the database itself refuses a second rating and scores outside 1–5."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from feedback.models import Feedback
from tests.feedback.helpers import resolved_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolved(requester, service_a, agent_a):
    return resolved_request(requester, service_a, agent_a)


def _row(request, **kwargs):
    values = {
        "request": request,
        "requester": request.requester,
        "department_id": request.department_id,
        "service_id": request.service_id,
        "client_type": request.client_type,
        "rating": 4,
    }
    values.update(kwargs)
    return Feedback.objects.create(**values)


def test_it_refuses_a_second_row_for_the_same_request(resolved):
    _row(resolved)
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(resolved, rating=1)
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize("rating", [0, 6])
def test_it_refuses_a_rating_outside_1_to_5(resolved, rating):
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(resolved, rating=rating)
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("aspect", ["quality", "speed", "communication"])
@pytest.mark.parametrize("score", [0, 6])
def test_it_refuses_an_aspect_outside_1_to_5(resolved, aspect, score):
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(resolved, **{aspect: score})


def test_it_accepts_aspects_left_out(resolved):
    feedback = _row(resolved, rating=5, quality=None, speed=1, communication=5)
    assert feedback.quality is None


def test_it_refuses_acted_upon_without_a_note(resolved, head_a):
    from django.utils import timezone

    with pytest.raises(IntegrityError), transaction.atomic():
        _row(resolved, acted_upon_at=timezone.now(), acted_upon_by=head_a)


def test_needs_action_means_a_comment_nobody_acted_upon(resolved):
    feedback = _row(resolved, comment="The laptop came without a charger.")
    assert feedback.needs_action
    feedback.comment = "  "
    assert not feedback.needs_action


def test_aspects_are_listed_with_their_words(resolved):
    feedback = _row(resolved, quality=4)
    quality, speed, _communication = feedback.aspects
    assert (quality["score"], quality["display"]) == (4, "4 – Good")
    assert speed["score"] is None
