"""The one-feedback rule when two submissions reach PostgreSQL at the same moment."""

from __future__ import annotations

import threading

import pytest
from django.db import transaction

from feedback import services
from feedback.models import Feedback
from tests.feedback.helpers import resolved_request
from tests.threads import in_thread

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_submissions_at_once_make_one_row_and_both_get_it(requester, service_a, agent_a):
    resolved = resolved_request(requester, service_a, agent_a)
    start = threading.Barrier(2)
    results: dict = {}

    def submit(rating):
        def call():
            start.wait(timeout=5)
            return services.feedback_submit(request=resolved, requester=requester, rating=rating)

        return call

    threads = [in_thread(submit(rating), results, rating) for rating in (2, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)

    outcomes = [results[2], results[5]]
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert Feedback.objects.count() == 1
    (first, first_created), (second, second_created) = outcomes
    assert first.pk == second.pk
    assert sorted([first_created, second_created]) == [False, True]


def test_a_submission_blocked_by_an_uncommitted_one_gets_that_one(requester, service_a, agent_a):
    """Deterministic: the second insert waits on the unique index, then loses to the first."""
    resolved = resolved_request(requester, service_a, agent_a)
    inserted = threading.Event()
    release = threading.Event()
    results: dict = {}

    def first():
        with transaction.atomic():
            outcome = services.feedback_submit(request=resolved, requester=requester, rating=1)
            inserted.set()
            release.wait(timeout=5)  # hold the row uncommitted while the second one arrives
        return outcome

    def second():
        inserted.wait(timeout=5)
        return services.feedback_submit(request=resolved, requester=requester, rating=5)

    one, two = in_thread(first, results, "first"), in_thread(second, results, "second")
    one.start()
    two.start()
    inserted.wait(timeout=5)
    two.join(timeout=0.5)
    assert two.is_alive(), "the second insert should wait for the first transaction"
    release.set()
    one.join(timeout=10)
    two.join(timeout=10)

    (kept, created), (returned, created_again) = results["first"], results["second"]
    assert created
    assert not created_again
    assert returned.pk == kept.pk
    assert returned.rating == 1
    assert Feedback.objects.count() == 1
