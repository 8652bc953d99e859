"""The admin's survey page keeps the rules of the head's page: 3–7 questions, and a question
that has answers keeps its kind and is never removed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from surveys import services
from surveys.models import Question, QuestionKind, Survey
from tests.surveys.conftest import answer_all

pytestmark = pytest.mark.django_db


def _post(survey, questions, *, delete=()):
    data = {
        "title": survey.title,
        "title_pl": "",
        "department": survey.department_id,
        "is_active": "on",
        "questions-TOTAL_FORMS": str(len(questions)),
        "questions-INITIAL_FORMS": str(sum(1 for q in questions if q.get("id"))),
        "questions-MIN_NUM_FORMS": "3",
        "questions-MAX_NUM_FORMS": "7",
    }
    for i, question in enumerate(questions):
        for key, value in question.items():
            data[f"questions-{i}-{key}"] = value
        if survey.pk:
            data[f"questions-{i}-survey"] = survey.pk
        if i in delete:
            data[f"questions-{i}-DELETE"] = "on"
    return data


def _existing(survey):
    return [
        {"id": q.pk, "order": q.order, "kind": q.kind, "text": q.text, "text_pl": q.text_pl}
        for q in survey.questions.all()
    ]


def test_an_admin_writes_a_company_survey(login, admin_user):
    client = login(admin_user)
    questions = [
        {"order": n, "kind": QuestionKind.SCALE, "text": f"Question {n}", "text_pl": ""}
        for n in range(3)
    ]
    data = _post(Survey(title="Company pulse"), questions)
    data["department"] = ""
    response = client.post(reverse("admin:surveys_survey_add"), data)
    assert response.status_code == 302
    survey = Survey.objects.get(title="Company pulse")
    assert survey.created_by == admin_user
    assert survey.department is None
    assert survey.questions.count() == 3


def test_fewer_than_three_questions_are_refused(login, admin_user, survey):
    client = login(admin_user)
    url = reverse("admin:surveys_survey_change", args=[survey.pk])
    response = client.post(url, _post(survey, _existing(survey), delete=(2,)))
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert errors == ["Please submit at least 3 forms."], errors
    assert survey.questions.count() == 3


def test_an_answered_question_is_neither_removed_nor_changed(
    login, admin_user, survey, clients, period
):
    round_, _ = services.round_send(survey=survey, start=period[0], end=period[1])
    answer_all(round_, clients[:5])
    client = login(admin_user)
    url = reverse("admin:surveys_survey_change", args=[survey.pk])
    extra = {"order": 4, "kind": QuestionKind.TEXT, "text": "Anything else?", "text_pl": ""}
    removed = client.post(url, _post(survey, [*_existing(survey), extra], delete=(0,)))
    assert "has answers and cannot be removed" in removed.content.decode()
    changed = _existing(survey)
    changed[0]["kind"] = QuestionKind.TEXT
    response = client.post(url, _post(survey, changed))
    assert "its kind cannot change" in response.content.decode()
    assert Question.objects.filter(survey=survey).count() == 3
    assert survey.questions.first().kind == QuestionKind.SCALE
