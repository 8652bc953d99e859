"""Every change to pulse surveys goes through a function here.

The rules: heads write their department's surveys, admins the company-wide ones (3 to 7
questions); a round is sent once per survey and quarter to the employees who filed a request with
the department in that quarter, leaving out its own team and anyone invited to any survey in the
last DESK_SURVEY_CAP_DAYS; each invitation is answered once, by the invited person, and the
answers are stored without a link to them.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from departments.models import Employee, Membership
from desk import permissions
from surveys import banner
from surveys.models import (
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    Answer,
    Invitation,
    Question,
    QuestionKind,
    Response,
    Round,
    Survey,
)

if TYPE_CHECKING:
    from departments.models import Department

logger = logging.getLogger(__name__)

TEXT_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 500
# Sending rounds one at a time keeps the monthly cap true when two workers send at once.
_SEND_LOCK = 7_150_015


@dataclass(frozen=True)
class QuestionInput:
    kind: str
    text: str
    pk: int | None = None
    text_pl: str = ""


# --- writing surveys ---------------------------------------------------------------------------


def survey_save(
    *,
    survey: Survey | None,
    department: Department | None,
    editor: Employee,
    title: str,
    is_active: bool,
    questions: list[QuestionInput],
    title_pl: str = "",
) -> Survey:
    """Create or change a survey and its questions (in the given order).

    A question that already has answers keeps its kind and cannot be dropped: its past answers
    would lose their meaning."""
    department_id = survey.department_id if survey else (department.pk if department else None)
    if not permissions.can_edit_survey(editor, department_id):
        raise ValidationError(_("Only a head of the department can change its surveys."))
    title, title_pl = (title or "").strip(), (title_pl or "").strip()
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Give the survey a title.")
    questions = [q for q in questions if q.text.strip()]
    if not MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS:
        errors["__all__"] = _("A survey has from %(min)d to %(max)d questions.") % {
            "min": MIN_QUESTIONS,
            "max": MAX_QUESTIONS,
        }
    if any(q.kind not in QuestionKind.values for q in questions):
        errors["__all__"] = _("Choose a kind for every question.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if survey is None:
            survey = Survey.objects.create(
                department=department,
                title=title,
                title_pl=title_pl,
                is_active=is_active,
                created_by=editor,
            )
            existing: dict[int, Question] = {}
        else:
            survey = Survey.objects.select_for_update().get(pk=survey.pk)
            if survey.is_active and not is_active:
                # Paused: its banners go at once rather than when the cache forgets them.
                banner.forget_on_commit(
                    open_invitations_of(survey).values_list("employee_id", flat=True)
                )
            survey.title, survey.title_pl, survey.is_active = title, title_pl, is_active
            survey.save(update_fields=["title", "title_pl", "is_active", "updated_at"])
            existing = {q.pk: q for q in survey.questions.all()}
        answered = set(
            Answer.objects.filter(question__survey=survey)
            .values_list("question_id", flat=True)
            .distinct()
        )
        kept = {q.pk for q in questions if q.pk in existing}
        dropped = set(existing) - kept
        if dropped & answered:
            raise ValidationError(
                _("A question that has answers cannot be removed; change its wording instead.")
            )
        for question in questions:
            if (
                question.pk in answered
                and question.pk in existing
                and existing[question.pk].kind != question.kind
            ):
                raise ValidationError(
                    _("“%(q)s” has answers, so its kind cannot change.")
                    % {"q": existing[question.pk].text}
                )
        Question.objects.filter(pk__in=dropped).delete()
        for order, question in enumerate(questions, start=1):
            if question.pk in existing:
                row = existing[question.pk]
                row.order, row.kind = order, question.kind
                row.text, row.text_pl = question.text.strip(), question.text_pl.strip()
                row.save(update_fields=["order", "kind", "text", "text_pl"])
            else:
                Question.objects.create(
                    survey=survey,
                    order=order,
                    kind=question.kind,
                    text=question.text.strip(),
                    text_pl=question.text_pl.strip(),
                )
    return survey


# --- sending rounds ----------------------------------------------------------------------------


def quarter_before(day: date) -> tuple[date, date]:
    """The last complete calendar quarter before `day`: (first day, last day)."""
    this_quarter = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    end = this_quarter - timedelta(days=1)
    return date(end.year, 3 * ((end.month - 1) // 3) + 1, 1), end


def recipients(survey: Survey, start: date, end: date, now: datetime):
    """Active employees who filed a request with the department (any department, for a company
    survey) in start..end, not on its team, not invited to any survey within the cap. One query."""
    tz = timezone.get_current_timezone()
    since = datetime.combine(start, datetime.min.time(), tzinfo=tz)
    until = datetime.combine(end + timedelta(days=1), datetime.min.time(), tzinfo=tz)
    filed = {"requests__created_at__gte": since, "requests__created_at__lt": until}
    people = Employee.objects.filter(is_active=True)
    if survey.department_id is not None:
        filed["requests__department_id"] = survey.department_id
        people = people.exclude(
            pk__in=Membership.objects.filter(department_id=survey.department_id).values(
                "employee_id"
            )
        )
    capped = Invitation.objects.filter(
        created_at__gt=now - timedelta(days=settings.DESK_SURVEY_CAP_DAYS)
    ).values("employee_id")
    return people.filter(**filed).exclude(pk__in=capped).distinct()


def round_send(
    *, survey: Survey, start: date, end: date, now: datetime | None = None
) -> tuple[Round, bool]:
    """Make the round of start..end and its invitations; returns (round, created).

    Safe to run twice: the round is unique per survey and period, so a retried task finds the
    round already made and invites nobody again. The invitation emails go out separately
    (invitations_email), each stamped when sent."""
    now = now or timezone.now()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_SEND_LOCK])
        existing = Round.objects.filter(survey=survey, period_start=start).first()
        if existing is not None:
            return existing, False
        try:
            with transaction.atomic():
                round_ = Round.objects.create(
                    survey=survey,
                    period_start=start,
                    period_end=end,
                    sent_at=now,
                    closes_at=now + timedelta(days=settings.DESK_SURVEY_OPEN_DAYS),
                )
        except IntegrityError:
            return Round.objects.get(survey=survey, period_start=start), False
        people = list(recipients(survey, start, end, now).values_list("pk", flat=True))
        Invitation.objects.bulk_create(
            Invitation(round=round_, employee_id=pk, token=secrets.token_hex(16), created_at=now)
            for pk in people
        )
        banner.forget_on_commit(people)
    logger.info("survey %s: round %s sent to %d people", survey.pk, start, len(people))
    return round_, True


def send_due_rounds(*, today: date | None = None) -> int:
    """The quarterly round of every active survey with questions that has none yet for the last
    quarter; returns how many rounds were made."""
    today = today or timezone.localdate()
    start, end = quarter_before(today)
    # A survey written during a quarter is first sent when that quarter ends, as its page says.
    written_by = datetime.combine(
        end + timedelta(days=1), datetime.min.time(), tzinfo=timezone.get_current_timezone()
    )
    due = (
        Survey.objects.filter(is_active=True, questions__isnull=False, created_at__lt=written_by)
        .exclude(rounds__period_start=start)
        .exclude(department__is_active=False)
        .distinct()
        .order_by("pk")
    )
    made = 0
    for survey in due:
        made += round_send(survey=survey, start=start, end=end)[1]
    return made


def invitations_email(*, limit: int = 500) -> int:
    """Email the invitations of open rounds not emailed yet; returns how many went out.

    Each invitation is locked and stamped in the transaction that sends it, so two runs never
    send one twice; who may receive it is checked now, not when the round was made."""
    now = timezone.now()
    pending = list(
        Invitation.objects.filter(
            emailed_at__isnull=True,
            answered=False,
            round__closes_at__gt=now,
            round__survey__is_active=True,
        )
        .exclude(round__survey__department__is_active=False)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in pending:
        with transaction.atomic():
            invitation = (
                Invitation.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("employee", "round__survey__department")
                .filter(pk=pk, emailed_at__isnull=True)
                .first()
            )
            if invitation is None or not permissions.may_receive_survey(invitation.employee):
                continue
            _send_invitation(invitation)
            invitation.emailed_at = timezone.now()
            invitation.save(update_fields=["emailed_at"])
        sent += 1
    return sent


def _send_invitation(invitation: Invitation) -> None:
    employee, round_ = invitation.employee, invitation.round
    survey = round_.survey
    with translation.override(employee.language or settings.LANGUAGE_CODE):
        who = survey.department.localized_name if survey.department else _("The company's services")
        context = {
            "employee": employee,
            "survey": survey,
            "who": who,
            "round": round_,
            "url": settings.DESK_BASE_URL + invitation.get_absolute_url(),
        }
        subject = _("%(who)s asks: %(title)s") % {"who": who, "title": survey.localized_title}
        body = render_to_string("surveys/invitation_email.txt", context)
    send_mail(subject, body, None, [employee.email])


# --- answering ---------------------------------------------------------------------------------


def open_invitations_of(survey: Survey):
    return Invitation.objects.filter(
        round__survey=survey, answered=False, round__closes_at__gt=timezone.now()
    )


def open_invitations(employee: Employee):
    """The person's invitations that can still be answered."""
    return Invitation.objects.filter(
        employee=employee,
        answered=False,
        round__closes_at__gt=timezone.now(),
        round__survey__is_active=True,
    )


def answer_submit(
    *, invitation: Invitation, employee: Employee, answers: dict[int, int | str | None]
) -> bool:
    """Record the invited person's answers, anonymously; returns False (and records nothing) if
    they had answered already (a double click, a second tab)."""
    if invitation.employee_id != employee.pk:
        raise ValidationError(_("This survey was sent to someone else."), code="forbidden")
    questions = list(invitation.round.survey.questions.all())
    errors: dict[str, str] = {}
    cleaned: list[tuple[Question, int | None, str]] = []
    for question in questions:
        value = answers.get(question.pk)
        if question.kind == QuestionKind.SCALE:
            if value not in range(1, 6):
                errors[f"q{question.pk}"] = _("Choose from 1 to 5.")
            else:
                cleaned.append((question, value, ""))
        else:
            text = str(value or "").strip()
            if len(text) > TEXT_MAX_LENGTH:
                errors[f"q{question.pk}"] = _("Keep it under %(n)d characters.") % {
                    "n": TEXT_MAX_LENGTH
                }
            elif text:
                cleaned.append((question, None, text))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("round__survey")
            .get(pk=invitation.pk)
        )
        if locked.answered:
            return False
        if not locked.round.is_open or not locked.round.survey.is_active:
            raise ValidationError(_("This survey has closed."), code="closed")
        response = Response.objects.create(round=locked.round, client_type=employee.client_type)
        Answer.objects.bulk_create(
            Answer(response=response, question=question, score=score, text=text)
            for question, score, text in cleaned
        )
        locked.answered = True
        locked.save(update_fields=["answered"])
        banner.forget_on_commit([employee.pk])
    return True


def comment_mark_acted_upon(*, answer: Answer, head: Employee, note: str) -> Answer:
    """Say what was done about a comment; respondents see the reply. Marking again replaces it."""
    survey = answer.question.survey
    if not permissions.can_edit_survey(head, survey.department_id):
        raise ValidationError(
            _("Only a head of the department can mark a comment as acted upon."),
            code="forbidden",
        )
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say in a few words what was done.")})
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": _("Keep it under %(n)d characters.") % {"n": NOTE_MAX_LENGTH}}
        )
    with transaction.atomic():
        answer = Answer.objects.select_for_update(of=("self",)).get(pk=answer.pk)
        answer.acted_upon_at = timezone.now()
        answer.acted_upon_by = head
        answer.acted_upon_note = note
        answer.save(update_fields=["acted_upon_at", "acted_upon_by", "acted_upon_note"])
    return answer
