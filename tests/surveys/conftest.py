"""Surveys: a department survey of IT with three questions, and colleagues who filed requests."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from departments.models import ClientType
from surveys import services
from surveys.models import QuestionKind
from tests.factories import EmployeeFactory, file_request

QUESTIONS = [
    services.QuestionInput(QuestionKind.SCALE, "How easy is it to ask us for help?"),
    services.QuestionInput(QuestionKind.SCALE, "How well do we keep you informed?"),
    services.QuestionInput(QuestionKind.TEXT, "What should we do differently?"),
]


@pytest.fixture
def survey(head_a, dept_a):
    return services.survey_save(
        survey=None,
        department=dept_a,
        editor=head_a,
        title="IT pulse",
        is_active=True,
        questions=QUESTIONS,
    )


@pytest.fixture
def period():
    today = timezone.localdate()
    return today - timedelta(days=30), today


@pytest.fixture
def clients(service_a):
    """Seven colleagues who filed a request with IT: 4 operational, 3 business."""
    people = [
        EmployeeFactory(
            client_type=ClientType.OPERATIONAL if n < 4 else ClientType.BUSINESS,
            full_name=f"Client {n}",
        )
        for n in range(7)
    ]
    for person in people:
        file_request(person, service_a)
    return people


def answer_all(round_, people, scores=(4, 5), text="More updates, please."):
    """Each person answers their invitation: the two scale questions and the comment."""
    questions = list(round_.survey.questions.all())
    for person in people:
        invitation = round_.invitations.get(employee=person)
        services.answer_submit(
            invitation=invitation,
            employee=person,
            answers={questions[0].pk: scores[0], questions[1].pk: scores[1], questions[2].pk: text},
        )
