"""Every change to feedback goes through a function here.

The rules: only the requester rates, only once the request is resolved or closed, never someone
on the serving department's team (desk.permissions.can_rate); exactly one rating per request,
which the database enforces; the requester may change it for EDIT_WINDOW; heads of the department
close the loop by saying what they did about it. Each write sends feedback_saved in its
transaction, so reports can mark their cells stale.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from desk import notifications, permissions
from desk.models import Event, EventKind, Request, Status
from desk.signals import event_recorded
from feedback import selectors
from feedback.models import Feedback, Kudos
from feedback.signals import feedback_saved

if TYPE_CHECKING:
    from departments.models import Employee

EDIT_WINDOW = timedelta(hours=24)
COMMENT_MAX_LENGTH = 5000
NOTE_MAX_LENGTH = 500


def edit_deadline(feedback: Feedback) -> datetime:
    return feedback.created_at + EDIT_WINDOW


def can_edit(user: Employee, feedback: Feedback, now: datetime | None = None) -> bool:
    """Whether the form to change this feedback should be offered (the service checks again)."""
    return feedback.requester_id == user.pk and (now or timezone.now()) <= edit_deadline(feedback)


def rating_refusal(user: Employee, request: Request) -> str | None:
    """Why this person may not rate this request now, in words; None when they may."""
    if permissions.can_rate(user, request):
        return None
    if request.requester_id != user.pk:
        return _("Only the person who filed a request can rate it.")
    if permissions.is_staff_of(user, request.department_id):
        return _(
            "You are on the %(dept)s team, so you cannot rate its requests, even your own."
        ) % {"dept": request.department}
    if request.status == Status.CANCELLED:
        return _("This request was cancelled, so there is nothing to rate.")
    return _("You can rate this request once it is resolved; it is “%(status)s” now.") % {
        "status": request.get_status_display()
    }


def _clean_scores(
    rating: int | None, quality: int | None, speed: int | None, communication: int | None
) -> None:
    errors: dict[str, str] = {}
    if rating not in range(1, 6):
        errors["rating"] = _("Choose how satisfied you are, from 1 to 5.")
    for name, value in (("quality", quality), ("speed", speed), ("communication", communication)):
        if value is not None and value not in range(1, 6):
            errors[name] = _("Choose from 1 to 5, or leave it out.")
    if errors:
        raise ValidationError(errors)


def _clean_comment(comment: str) -> str:
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {"comment": _("Keep the comment under %(n)d characters.") % {"n": COMMENT_MAX_LENGTH}}
        )
    return comment


def feedback_submit(
    *,
    request: Request,
    requester: Employee,
    rating: int,
    quality: int | None = None,
    speed: int | None = None,
    communication: int | None = None,
    comment: str = "",
) -> tuple[Feedback, bool]:
    """Record the requester's rating; returns (feedback, created).

    A second submission (double click, two tabs, a replayed POST) creates nothing and returns the
    feedback already recorded, unchanged: the one-to-one column's unique index decides, so this
    holds even when two submissions reach the database at the same moment.
    """
    _clean_scores(rating, quality, speed, communication)
    comment = _clean_comment(comment)
    with transaction.atomic():
        # The status as it is now, not as it was when the form was shown.
        request = Request.objects.select_related("department").get(pk=request.pk)
        refusal = rating_refusal(requester, request)
        if refusal:
            raise ValidationError(refusal, code="forbidden")
        try:
            # A savepoint: on a duplicate only the insert rolls back, and we can still read.
            with transaction.atomic():
                feedback = Feedback.objects.create(
                    request=request,
                    requester=requester,
                    department_id=request.department_id,
                    service_id=request.service_id,
                    client_type=request.client_type,
                    rating=rating,
                    quality=quality,
                    speed=speed,
                    communication=communication,
                    comment=comment,
                )
        except IntegrityError:
            existing = Feedback.objects.filter(request_id=request.pk).first()
            if existing is None:
                raise  # not the duplicate we expect: let it surface
            return existing, False
        feedback_saved.send(sender=Feedback, feedback=feedback, created=True)
    return feedback, True


def _lock(pk: int, *related: str) -> Feedback:
    """Lock the rating, then read it with its relations. Locked in one query with a join,
    PostgreSQL would, after waiting, re-read the locked row but not the joined ones (the request
    could have moved meanwhile), as desk.services._lock explains."""
    Feedback.objects.select_for_update().filter(pk=pk).values_list("pk").get()
    return Feedback.objects.select_related(*related).get(pk=pk)


def feedback_edit(
    *,
    feedback: Feedback,
    editor: Employee,
    rating: int,
    quality: int | None = None,
    speed: int | None = None,
    communication: int | None = None,
    comment: str = "",
) -> Feedback:
    """The requester changes their rating within EDIT_WINDOW of giving it."""
    _clean_scores(rating, quality, speed, communication)
    comment = _clean_comment(comment)
    with transaction.atomic():
        feedback = _lock(feedback.pk, "request__department")
        if feedback.requester_id != editor.pk:
            raise ValidationError(_("Only the person who gave this feedback can change it."))
        refusal = rating_refusal(editor, feedback.request)
        if refusal:
            raise ValidationError(refusal, code="forbidden")
        if timezone.now() > edit_deadline(feedback):
            raise ValidationError(
                _(
                    "Feedback can be changed for 24 hours after it is given; the time to change "
                    "this one ended on %(when)s."
                )
                % {
                    "when": date_format(
                        timezone.localtime(edit_deadline(feedback)), "SHORT_DATETIME_FORMAT"
                    )
                },
                code="window_passed",
            )
        feedback.rating = rating
        feedback.quality = quality
        feedback.speed = speed
        feedback.communication = communication
        feedback.comment = comment
        feedback.save(
            update_fields=["rating", "quality", "speed", "communication", "comment", "updated_at"]
        )
        feedback_saved.send(sender=Feedback, feedback=feedback, created=False)
    return feedback


def feedback_mark_acted_upon(*, feedback: Feedback, head: Employee, note: str) -> Feedback:
    """A head of the department says what was done about this feedback; the requester sees it.

    Marking again replaces the note (a head may correct or add to it).
    """
    if not permissions.is_head_of(head, feedback.department_id):
        raise ValidationError(
            _("Only a head of the department can mark feedback as acted upon."), code="forbidden"
        )
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say in a few words what was done.")})
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": _("Keep it under %(n)d characters.") % {"n": NOTE_MAX_LENGTH}}
        )
    with transaction.atomic():
        feedback = _lock(feedback.pk, "request")
        feedback.acted_upon_at = timezone.now()
        feedback.acted_upon_by = head
        feedback.acted_upon_note = note
        feedback.save(
            update_fields=["acted_upon_at", "acted_upon_by", "acted_upon_note", "updated_at"]
        )
        feedback_saved.send(sender=Feedback, feedback=feedback, created=False)
    return feedback


# --- recognition ------------------------------------------------------------------------------------

KUDOS_MESSAGE_MAX_LENGTH = 500


def kudos_refusal(user: Employee, request: Request) -> str | None:
    """Why this person may not thank anyone for this request now, in words; None when they may."""
    if permissions.can_thank(user, request):
        return None
    if request.requester_id != user.pk:
        return _("Only the person who filed a request can say thanks for it.")
    if permissions.is_staff_of(user, request.department_id):
        return _("You are on the %(dept)s team, so you cannot thank it for its own work.") % {
            "dept": request.department
        }
    return _("You can say thanks once the request is resolved; it is “%(status)s” now.") % {
        "status": request.get_status_display()
    }


def kudos_give(
    *, request: Request, giver: Employee, recipient: Employee, message: str = ""
) -> tuple[Kudos, bool]:
    """The requester thanks someone of the department who worked on the request; returns
    (kudos, created). Thanking the same person again for the same request (a double click, a
    replayed POST) creates nothing: the unique index decides, as for ratings."""
    message = (message or "").strip()
    if len(message) > KUDOS_MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {"message": _("Keep it under %(n)d characters.") % {"n": KUDOS_MESSAGE_MAX_LENGTH}}
        )
    with transaction.atomic():
        request = Request.objects.select_related("department").get(pk=request.pk)
        refusal = kudos_refusal(giver, request)
        if refusal:
            raise ValidationError(refusal, code="forbidden")
        if not selectors.helpers_of(request).filter(pk=recipient.pk).exists():
            raise ValidationError(
                {"recipient": _("Choose someone of the team who worked on this request.")}
            )
        try:
            with transaction.atomic():
                kudos = Kudos.objects.create(
                    request=request,
                    giver=giver,
                    recipient=recipient,
                    department_id=request.department_id,
                    service_id=request.service_id,
                    message=message,
                )
        except IntegrityError:
            existing = Kudos.objects.filter(
                request_id=request.pk, recipient_id=recipient.pk
            ).first()
            if existing is None:
                raise
            return existing, False
        event = Event.objects.create(
            request=request,
            actor=giver,
            kind=EventKind.KUDOS,
            new_value=recipient.full_name,
            body=message,
        )
        event_recorded.send(sender=Request, request=request, event=event)
        notifications.kudos_notify(request=request, event=event, recipient=recipient)
    return kudos, True
