from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from departments.models import Role
from surveys import services
from surveys.models import Answer, Invitation, QuestionKind, Response, Survey
from tests.factories import EmployeeFactory, MembershipFactory
from tests.surveys.conftest import answer_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(survey, clients, period):
    round_, _ = services.round_send(survey=survey, start=period[0], end=period[1])
    return round_


def _answer_url(round_, person):
    return round_.invitations.get(employee=person).get_absolute_url()


# --- the answer page -----------------------------------------------------------------------------


def test_invited_person_sees_the_banner_and_answers(
    client, sent, clients, django_capture_on_commit_callbacks
):
    person = clients[0]
    client.force_login(person)
    page = client.get(reverse("desk:catalog"))
    url = _answer_url(sent, person)
    assert url in page.content.decode()
    questions = list(sent.survey.questions.all())
    form = client.get(url)
    assert form.status_code == 200
    assert questions[0].text in form.content.decode()
    data = {f"q{questions[0].pk}": "4", f"q{questions[1].pk}": "5", f"q{questions[2].pk}": "Hi"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # again: nothing more recorded
    assert Response.objects.count() == 1
    assert url not in client.get(reverse("desk:catalog")).content.decode()


def test_the_banner_costs_no_query_once_known(client, sent, clients):
    client.force_login(clients[0])
    client.get(reverse("desk:my-requests"))
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("desk:my-requests"))
    cache.delete(f"survey-banner:{clients[0].pk}")
    with CaptureQueriesContext(connection) as missed:
        page = client.get(reverse("desk:my-requests"))
    # Whether there is an invitation is asked in the bell's statement; then the banner's texts.
    assert len(missed) == len(first) + 1
    assert _answer_url(sent, clients[0]) in page.content.decode()
    # Someone with nothing to answer (most people): no query more, and nothing in the cache.
    Invitation.objects.filter(employee=clients[0]).update(answered=True)
    cache.delete(f"survey-banner:{clients[0].pk}")
    with CaptureQueriesContext(connection) as nothing:
        page = client.get(reverse("desk:my-requests"))
    assert len(nothing) == len(first)
    assert _answer_url(sent, clients[0]) not in page.content.decode()
    assert cache.get(f"survey-banner:{clients[0].pk}") is None


def test_an_answered_invitation_hides_the_banner_whatever_the_cache_holds(client, sent, clients):
    client.force_login(clients[0])
    assert _answer_url(sent, clients[0]) in client.get(reverse("desk:catalog")).content.decode()
    # Answered elsewhere (another worker, a bulk update) with the banner still in the cache.
    Invitation.objects.filter(employee=clients[0]).update(answered=True)
    assert cache.get(f"survey-banner:{clients[0].pk}") is not None
    assert _answer_url(sent, clients[0]) not in client.get(reverse("desk:catalog")).content.decode()


def test_the_request_page_shows_the_banner_too(client, sent, clients):
    # The request page is Jinja2 from top to bottom (desk/page.html): the same banner.
    person = clients[0]
    client.force_login(person)
    desk_request = person.requests.get()
    page = client.get(desk_request.get_absolute_url()).content.decode()
    assert _answer_url(sent, person) in page
    assert "IT would like to hear from you" in page
    assert "“IT pulse”: a few questions, anonymous, open until" in page


def test_a_new_round_shows_its_banner_at_once(
    client, survey, clients, period, django_capture_on_commit_callbacks
):
    client.force_login(clients[0])
    client.get(reverse("desk:my-requests"))  # no survey yet: remembered as none
    with django_capture_on_commit_callbacks(execute=True):
        round_, _ = services.round_send(survey=survey, start=period[0], end=period[1])
    assert (
        _answer_url(round_, clients[0]) in client.get(reverse("desk:my-requests")).content.decode()
    )


def test_a_bad_answer_keeps_the_text(client, sent, clients):
    client.force_login(clients[0])
    questions = list(sent.survey.questions.all())
    url = _answer_url(sent, clients[0])
    response = client.post(url, {f"q{questions[0].pk}": "9", f"q{questions[2].pk}": "My words"})
    assert response.status_code == 400
    assert "My words" in response.content.decode()
    assert not Response.objects.exists()


def test_someone_else_gets_404_on_the_answer_page(client, sent, clients, outsider):
    url = _answer_url(sent, clients[0])
    client.force_login(clients[1])
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.post(url, {}).status_code == 404


def test_answer_page_needs_login(client, sent, clients):
    response = client.get(_answer_url(sent, clients[0]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


# --- results -------------------------------------------------------------------------------------


def test_head_sees_figures_and_not_who_answered(client, sent, clients, head_a):
    answer_all(sent, clients[:5])
    client.force_login(head_a)
    page = client.get(reverse("surveys:results", args=[sent.survey.pk])).content.decode()
    assert "4.0" in page
    assert "More updates, please." in page
    for person in clients:
        assert person.full_name not in page
        assert person.email not in page


def test_results_under_the_threshold_say_so(client, sent, clients, head_a):
    answer_all(sent, clients[:4])
    client.force_login(head_a)
    page = client.get(reverse("surveys:results", args=[sent.survey.pk])).content.decode()
    assert "fewer than 5 answers" in page
    assert "More updates, please." not in page


def test_results_are_404_for_another_department(client, sent, agent_a, agent_b, dept_b):
    url = reverse("surveys:results", args=[sent.survey.pk])
    for person in (agent_a, agent_b):  # an agent of the department is not its head either
        client.force_login(person)
        assert client.get(url).status_code == 404
    head_b = EmployeeFactory()
    MembershipFactory(department=dept_b, employee=head_b, role=Role.HEAD)
    client.force_login(head_b)
    assert client.get(url).status_code == 404
    assert client.get(reverse("surveys:edit", args=[sent.survey.pk])).status_code == 404


def test_executives_and_admins_see_results_but_do_not_edit(client, sent, executive, admin_user):
    url = reverse("surveys:results", args=[sent.survey.pk])
    for person in (executive, admin_user):
        client.force_login(person)
        assert client.get(url).status_code == 200
    client.force_login(executive)
    assert client.get(reverse("surveys:edit", args=[sent.survey.pk])).status_code == 404


def test_results_refuse_post(client, sent, head_a):
    client.force_login(head_a)
    assert client.post(reverse("surveys:results", args=[sent.survey.pk])).status_code == 405


def test_head_marks_a_comment_acted_upon(client, sent, clients, head_a, agent_a):
    answer_all(sent, clients[:5])
    comment = Answer.objects.filter(question__kind=QuestionKind.TEXT).first()
    url = reverse("surveys:comment-acted", args=[sent.survey.pk, comment.pk])
    client.force_login(agent_a)
    assert client.post(url, {"note": "x"}).status_code == 404
    client.force_login(head_a)
    assert client.get(url).status_code == 405
    assert client.post(url, {"note": "We send a weekly status."}).status_code == 302
    comment.refresh_from_db()
    assert comment.acted_upon_note == "We send a weekly status."
    # The people asked see the reply on the survey's page.
    client.force_login(clients[6])
    page = client.get(_answer_url(sent, clients[6])).content.decode()
    assert "We send a weekly status." in page


def test_a_comment_of_a_small_round_cannot_be_marked(client, sent, clients, head_a):
    answer_all(sent, clients[:2])
    comment = Answer.objects.filter(question__kind=QuestionKind.TEXT).first()
    client.force_login(head_a)
    url = reverse("surveys:comment-acted", args=[sent.survey.pk, comment.pk])
    assert client.post(url, {"note": "x"}).status_code == 404


# --- the editor ----------------------------------------------------------------------------------


def _formset(questions):
    data = {
        "questions-TOTAL_FORMS": "7",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "7",
        "questions-MAX_NUM_FORMS": "7",
    }
    for n in range(7):
        text, kind, pk = questions[n] if n < len(questions) else ("", "scale", "")
        data |= {f"questions-{n}-text": text, f"questions-{n}-kind": kind, f"questions-{n}-pk": pk}
    return data


def test_head_creates_a_survey(client, head_a, dept_a):
    client.force_login(head_a)
    url = reverse("surveys:new", args=[dept_a.slug])
    assert client.get(url).status_code == 200
    data = _formset([("Easy?", "scale", ""), ("Fast?", "scale", ""), ("Ideas?", "text", "")])
    response = client.post(url, {"title": "Pulse", "is_active": "on", **data})
    survey = Survey.objects.get()
    assert response.status_code == 302
    assert survey.department == dept_a
    assert [q.kind for q in survey.questions.all()] == ["scale", "scale", "text"]


def test_too_few_questions_keep_the_text(client, head_a, dept_a):
    client.force_login(head_a)
    data = _formset([("Only one question", "scale", "")])
    response = client.post(reverse("surveys:new", args=[dept_a.slug]), {"title": "P", **data})
    assert response.status_code == 400
    assert "Only one question" in response.content.decode()
    assert not Survey.objects.exists()


def test_agent_cannot_create_a_survey(client, agent_a, dept_a):
    client.force_login(agent_a)
    assert client.get(reverse("surveys:new", args=[dept_a.slug])).status_code == 404
    assert client.get(reverse("surveys:new-company")).status_code == 404
    assert client.get(reverse("surveys:list")).status_code == 404


def test_head_edits_the_survey(client, survey, head_a):
    client.force_login(head_a)
    url = reverse("surveys:edit", args=[survey.pk])
    rows = [(q.text, q.kind, str(q.pk)) for q in survey.questions.all()]
    rows[0] = ("Reworded?", "scale", rows[0][2])
    response = client.post(url, {"title": "IT pulse 2", **_formset(rows)})
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.title == "IT pulse 2"
    assert not survey.is_active
    assert survey.questions.first().text == "Reworded?"


def test_the_results_page_costs_the_same_queries_as_answers_grow(
    client, survey, clients, period, head_a
):
    round_, _ = services.round_send(survey=survey, start=period[0], end=period[1])
    answer_all(round_, clients[:5])
    client.force_login(head_a)
    url = reverse("surveys:results", args=[survey.pk])
    client.get(url)  # the first page reads the survey banner, cached afterwards

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    answer_all(round_, clients[5:])
    comment = Answer.objects.filter(question__kind=QuestionKind.TEXT).first()
    services.comment_mark_acted_upon(answer=comment, head=head_a, note="Done")
    assert count() == few
