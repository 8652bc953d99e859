"""Once-only answers and the monthly cap when two requests reach PostgreSQL at the same moment."""

from __future__ import annotations

import threading

import pytest
from django.db import transaction

from surveys import services
from surveys.models import Invitation, Response
from tests.surveys.conftest import QUESTIONS
from tests.threads import in_thread

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_an_answer_held_open_makes_the_second_wait_and_record_nothing(survey, clients, period):
    round_, _ = services.round_send(survey=survey, start=period[0], end=period[1])
    person = clients[0]
    invitation = round_.invitations.get(employee=person)
    questions = list(survey.questions.all())
    answers = {questions[0].pk: 4, questions[1].pk: 4}
    locked, release = threading.Event(), threading.Event()
    results: dict = {}

    def first():
        with transaction.atomic():
            created = services.answer_submit(
                invitation=invitation, employee=person, answers=answers
            )
            locked.set()
            release.wait(timeout=5)  # hold the invitation's row lock uncommitted
        return created

    def second():
        locked.wait(timeout=5)
        return services.answer_submit(invitation=invitation, employee=person, answers=answers)

    one, two = in_thread(first, results, "first"), in_thread(second, results, "second")
    one.start()
    two.start()
    locked.wait(timeout=5)
    two.join(timeout=0.5)
    assert two.is_alive(), "the second answer should wait for the invitation's lock"
    release.set()
    one.join(timeout=10)
    two.join(timeout=10)
    assert results == {"first": True, "second": False}
    assert Response.objects.count() == 1


def test_two_surveys_sent_at_once_ask_nobody_twice(survey, clients, period, dept_b, service_b):
    from departments.models import Role
    from tests.factories import EmployeeFactory, MembershipFactory, file_request

    head_b = EmployeeFactory()
    MembershipFactory(department=dept_b, employee=head_b, role=Role.HEAD)
    hr = services.survey_save(
        survey=None, department=dept_b, editor=head_b, title="HR", is_active=True,
        questions=QUESTIONS,
    )  # fmt: skip
    for person in clients:
        file_request(person, service_b)
    start = threading.Barrier(2)
    results: dict = {}

    def send(which):
        def call():
            start.wait(timeout=5)
            return services.round_send(survey=which, start=period[0], end=period[1])

        return call

    threads = [in_thread(send(s), results, s.pk) for s in (survey, hr)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert not [r for r in results.values() if isinstance(r, Exception)], results
    invited = list(Invitation.objects.values_list("employee_id", flat=True))
    assert sorted(invited) == sorted(p.pk for p in clients)  # each once, in one survey or other
