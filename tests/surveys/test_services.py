from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from surveys import results, services
from surveys.models import Answer, Invitation, QuestionKind, Response, Round
from tests.factories import EmployeeFactory, file_request
from tests.surveys.conftest import QUESTIONS, answer_all

pytestmark = pytest.mark.django_db


# --- writing a survey ----------------------------------------------------------------------------


def test_a_survey_needs_three_to_seven_questions(head_a, dept_a):
    for count in (2, 8):
        questions = [services.QuestionInput(QuestionKind.SCALE, f"Q{n}") for n in range(count)]
        with pytest.raises(ValidationError, match="3 to 7"):
            services.survey_save(
                survey=None,
                department=dept_a,
                editor=head_a,
                title="Pulse",
                is_active=True,
                questions=questions,
            )


def test_only_a_head_writes_the_department_survey(agent_a, dept_a, admin_user):
    with pytest.raises(ValidationError):
        services.survey_save(
            survey=None,
            department=dept_a,
            editor=agent_a,
            title="x",
            is_active=True,
            questions=QUESTIONS,
        )
    company = services.survey_save(
        survey=None,
        department=None,
        editor=admin_user,
        title="Company",
        is_active=True,
        questions=QUESTIONS,
    )
    assert company.department is None
    assert company.questions.count() == 3


def test_a_company_survey_is_for_admins_only(head_a):
    with pytest.raises(ValidationError):
        services.survey_save(
            survey=None,
            department=None,
            editor=head_a,
            title="x",
            is_active=True,
            questions=QUESTIONS,
        )


def test_an_answered_question_cannot_be_dropped(survey, head_a, clients, period):
    round_, _ = services.round_send(survey=survey, start=period[0], end=period[1])
    answer_all(round_, clients[:1])
    kept = [services.QuestionInput(q.kind, q.text, q.pk) for q in survey.questions.all()]
    with pytest.raises(ValidationError, match="cannot be removed"):
        services.survey_save(
            survey=survey,
            department=None,
            editor=head_a,
            title="IT pulse",
            is_active=True,
            questions=[*kept[1:], services.QuestionInput(QuestionKind.SCALE, "New one")],
        )
    assert survey.questions.count() == 3


# --- sending -------------------------------------------------------------------------------------


def test_round_goes_to_clients_of_the_period_not_the_team(
    survey, clients, head_a, agent_a, service_a, service_b, outsider, period
):
    file_request(agent_a, service_a)  # the team's own requests do not make them clients
    file_request(outsider, service_b)  # a client of another department
    round_, created = services.round_send(survey=survey, start=period[0], end=period[1])
    assert created
    invited = set(round_.invitations.values_list("employee_id", flat=True))
    assert invited == {person.pk for person in clients}


def test_sending_twice_invites_nobody_twice(survey, clients, period):
    first, created = services.round_send(survey=survey, start=period[0], end=period[1])
    second, created_again = services.round_send(survey=survey, start=period[0], end=period[1])
    assert created
    assert not created_again
    assert first == second
    assert Invitation.objects.count() == len(clients)


def test_nobody_gets_two_surveys_in_a_month(survey, clients, period, dept_b, service_b, agent_b):
    hr = services.survey_save(
        survey=None,
        department=dept_b,
        editor=_head_of(dept_b),
        title="HR pulse",
        is_active=True,
        questions=QUESTIONS,
    )
    both = clients[:2]
    for person in both:
        file_request(person, service_b)
    services.round_send(survey=survey, start=period[0], end=period[1])
    hr_round, _ = services.round_send(survey=hr, start=period[0], end=period[1])
    assert not hr_round.invitations.filter(employee__in=both).exists()
    # A month later the cap no longer holds them back.
    later = timezone.now() + timedelta(days=31)
    hr_next, _ = services.round_send(
        survey=hr, start=period[1], end=period[1] + timedelta(days=1), now=later
    )
    assert set(hr_next.invitations.values_list("employee_id", flat=True)) >= {p.pk for p in both}


def _head_of(department):
    from departments.models import Role
    from tests.factories import MembershipFactory

    head = EmployeeFactory()
    MembershipFactory(department=department, employee=head, role=Role.HEAD)
    return head


def test_quarter_before():
    assert services.quarter_before(date(2026, 4, 2)) == (date(2026, 1, 1), date(2026, 3, 31))
    assert services.quarter_before(date(2026, 1, 15)) == (date(2025, 10, 1), date(2025, 12, 31))


def _next_quarter(time_machine):
    """Travel to the morning after this quarter ends."""
    today = timezone.localdate()
    month = 3 * ((today.month - 1) // 3) + 4
    start = date(today.year + (month > 12), (month - 1) % 12 + 1, 1)
    time_machine.move_to(datetime.combine(start, time(9), tzinfo=timezone.get_current_timezone()))


def test_due_rounds_are_sent_once_a_quarter(survey, clients, time_machine):
    assert services.send_due_rounds() == 0  # written this quarter: first sent when it ends
    _next_quarter(time_machine)
    assert services.send_due_rounds() == 1
    assert services.send_due_rounds() == 0
    round_ = Round.objects.get(survey=survey)
    assert round_.invitations.count() == len(clients)


def test_invitations_are_emailed_once_and_only_to_active_people(survey, clients, period):
    services.round_send(survey=survey, start=period[0], end=period[1])
    clients[0].is_active = False
    clients[0].save()
    assert services.invitations_email() == len(clients) - 1
    assert services.invitations_email() == 0
    assert len(mail.outbox) == len(clients) - 1
    assert clients[0].email not in {m.to[0] for m in mail.outbox}
    assert "/surveys/answer/" in mail.outbox[0].body


# --- answering -----------------------------------------------------------------------------------


def test_answering_twice_records_one_response(survey, clients, period):
    round_, _ = services.round_send(survey=survey, start=period[0], end=period[1])
    invitation = round_.invitations.get(employee=clients[0])
    questions = list(survey.questions.all())
    answers = {questions[0].pk: 3, questions[1].pk: 4, questions[2].pk: "ok"}
    assert services.answer_submit(invitation=invitation, employee=clients[0], answers=answers)
    assert not services.answer_submit(invitation=invitation, employee=clients[0], answers=answers)
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 3


def test_someone_else_cannot_answer_an_invitation(survey, clients, period):
    round_, _ = services.round_send(survey=survey, start=period[0], end=period[1])
    invitation = round_.invitations.get(employee=clients[0])
    with pytest.raises(ValidationError):
        services.answer_submit(invitation=invitation, employee=clients[1], answers={})
    assert not Response.objects.exists()


def test_scale_answers_must_be_1_to_5(survey, clients, period):
    round_, _ = services.round_send(survey=survey, start=period[0], end=period[1])
    invitation = round_.invitations.get(employee=clients[0])
    questions = list(survey.questions.all())
    with pytest.raises(ValidationError):
        services.answer_submit(
            invitation=invitation, employee=clients[0], answers={questions[0].pk: 6}
        )
    invitation.refresh_from_db()
    assert not invitation.answered
    assert not Response.objects.exists()


def test_a_closed_round_takes_no_answers(survey, clients, period):
    round_, _ = services.round_send(
        survey=survey, start=period[0], end=period[1], now=timezone.now() - timedelta(days=60)
    )
    invitation = round_.invitations.get(employee=clients[0])
    questions = list(survey.questions.all())
    with pytest.raises(ValidationError, match="closed"):
        services.answer_submit(
            invitation=invitation,
            employee=clients[0],
            answers={questions[0].pk: 3, questions[1].pk: 3},
        )


def test_an_answer_has_no_path_to_the_person(survey, clients, period):
    """The response keeps the round and the client type only: no person, no time."""
    fields = {f.name for f in Response._meta.get_fields()}
    assert fields == {"id", "round", "client_type", "answers"}
    answer_fields = {f.name for f in Answer._meta.get_fields()}
    assert not answer_fields & {"employee", "invitation", "created_at", "submitted_at"}
    invitation_fields = {f.name for f in Invitation._meta.get_fields()}
    assert not invitation_fields & {"response", "answers", "answered_at"}


# --- results -------------------------------------------------------------------------------------


def test_figures_under_five_answers_are_hidden(survey, clients, period):
    round_, _ = services.round_send(survey=survey, start=period[0], end=period[1])
    answer_all(round_, clients[:4])
    data = results.round_results(survey, round_, [round_])
    assert not data.enough
    assert data.comments == []
    first = data.questions[0]
    assert first.total.n == 4
    assert first.total.hidden
    assert first.distribution == []
    assert all(fig.hidden for _, fig in first.trend)


def test_figures_from_five_answers_are_shown(survey, clients, period):
    round_, _ = services.round_send(survey=survey, start=period[0], end=period[1])
    answer_all(round_, clients[:5], scores=(4, 2))
    data = results.round_results(survey, round_, [round_])
    assert data.enough
    assert data.responses == 5
    assert data.invited == 7
    first, second, _ = data.questions
    assert first.total.mean == 4.0
    assert second.total.mean == 2.0
    assert [n for _, n, _ in first.distribution] == [0, 0, 0, 5, 0]
    assert len(data.comments) == 5
    # 4 operational and 1 business: the business answer is hidden, and so is the operational
    # figure, which with the total would give the business one away.
    assert [fig.hidden for _, fig in first.by_client] == [True, True]


def test_complementary_suppression():
    groups = {
        "a": results.Figure(10, 4.0),
        "b": results.Figure(6, 3.0),
        "c": results.Figure(2, None),
    }
    results.suppress_complements(groups)
    assert groups["a"].mean == 4.0
    assert groups["b"].hidden
    assert groups["c"].hidden


def test_threshold_is_a_setting(survey, clients, period, settings):
    settings.DESK_SURVEY_MIN_ANSWERS = 2
    round_, _ = services.round_send(survey=survey, start=period[0], end=period[1])
    answer_all(round_, clients[:2])
    assert results.round_results(survey, round_, [round_]).questions[0].total.mean == 4.0


def test_head_marks_a_comment_acted_upon(survey, clients, period, head_a, agent_a):
    round_, _ = services.round_send(survey=survey, start=period[0], end=period[1])
    answer_all(round_, clients[:5])
    comment = Answer.objects.filter(question__kind=QuestionKind.TEXT).first()
    with pytest.raises(ValidationError):
        services.comment_mark_acted_upon(answer=comment, head=agent_a, note="x")
    with pytest.raises(ValidationError):
        services.comment_mark_acted_upon(answer=comment, head=head_a, note="  ")
    services.comment_mark_acted_upon(answer=comment, head=head_a, note="Weekly status mail.")
    comment.refresh_from_db()
    assert comment.acted_upon_note == "Weekly status mail."
    assert comment.acted_upon_by == head_a
    assert results.replies_for(survey) == [comment]


# --- the beat task and the company-wide survey ---------------------------------------------------


def test_the_beat_task_sends_due_rounds_and_their_emails(survey, clients, time_machine):
    from surveys import tasks

    # Clients filed today; when the quarter ends their quarter's round is due.
    _next_quarter(time_machine)
    assert tasks.send_due_rounds.apply().get() == len(clients)
    assert tasks.send_due_rounds.apply().get() == 0  # run again: nothing twice
    assert len(mail.outbox) == len(clients)
    assert Round.objects.get().period_end < timezone.localdate()


def test_a_paused_survey_is_not_sent(survey, clients, head_a, time_machine):
    kept = [services.QuestionInput(q.kind, q.text, q.pk) for q in survey.questions.all()]
    services.survey_save(
        survey=survey, department=None, editor=head_a, title="IT pulse", is_active=False,
        questions=kept,
    )  # fmt: skip
    _next_quarter(time_machine)
    assert services.send_due_rounds() == 0


def test_a_company_survey_asks_everyone_who_filed(
    admin_user, clients, outsider, service_b, agent_a, service_a, period, executive, head_a
):
    file_request(outsider, service_b)
    file_request(agent_a, service_a)  # staff of IT are clients of the company's services too
    company = services.survey_save(
        survey=None, department=None, editor=admin_user, title="Company", is_active=True,
        questions=QUESTIONS,
    )  # fmt: skip
    round_, _ = services.round_send(survey=company, start=period[0], end=period[1])
    invited = set(round_.invitations.values_list("employee_id", flat=True))
    assert invited == {p.pk for p in clients} | {outsider.pk, agent_a.pk}
    from desk import permissions

    assert company in permissions.survey_results_visible(executive)
    assert company not in permissions.survey_results_visible(head_a)


def test_an_answered_question_keeps_its_kind(survey, head_a, clients, period):
    round_, _ = services.round_send(survey=survey, start=period[0], end=period[1])
    answer_all(round_, clients[:1])
    rows = [services.QuestionInput(q.kind, q.text, q.pk) for q in survey.questions.all()]
    rows[0] = services.QuestionInput(QuestionKind.TEXT, rows[0].text, rows[0].pk)
    with pytest.raises(ValidationError, match="kind cannot change"):
        services.survey_save(
            survey=survey, department=None, editor=head_a, title="IT pulse", is_active=True,
            questions=rows,
        )  # fmt: skip
    assert survey.questions.first().kind == QuestionKind.SCALE


def test_a_paused_survey_emails_no_more_invitations(survey, clients, period, head_a):
    services.round_send(survey=survey, start=period[0], end=period[1])
    kept = [services.QuestionInput(q.kind, q.text, q.pk) for q in survey.questions.all()]
    services.survey_save(
        survey=survey, department=None, editor=head_a, title="IT pulse", is_active=False,
        questions=kept,
    )  # fmt: skip
    assert services.invitations_email() == 0
    assert mail.outbox == []
