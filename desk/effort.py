"""Effort: staff log the minutes they spend on a request; each log is priced at the hourly rate of
its day (desk.models.effort explains why the cost is kept on the log).

A log locks the request row, like every change to a request, and adds its minutes and cost to the
request's totals (Request.effort_minutes, effort_cost_cents), which reports aggregate in SQL. Its
event (EventKind.TIME, "logged 30 min") is internal: only the department's staff see it on the
timeline, and it is never a notification. The event is also how the reports hear of it
(feedback.receivers marks the cells of the request's resolution stale in the same transaction).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from departments.models import rate_on
from departments.services import lock_pricing
from desk import permissions, services
from desk.models import MAX_MINUTES, EventKind, Request, Status, TimeLog
from desk.signals import effort_changed

if TYPE_CHECKING:
    from departments.models import Employee

NOTE_MAX = 500


def cost_cents(minutes: int, rate: Decimal | None) -> int | None:
    """What these minutes cost at this hourly rate, in cents, rounded half up."""
    if rate is None:
        return None
    cents = Decimal(minutes) * rate * 100 / 60
    return int(cents.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def time_log_add(
    *,
    request: Request,
    author: Employee,
    minutes: int,
    spent_on: date | None = None,
    note: str = "",
) -> TimeLog:
    """Log `minutes` the author spent on the request on `spent_on` (today by default)."""
    today = timezone.localdate()
    spent_on = spent_on or today
    note = note.strip()
    errors = {}
    if not 1 <= minutes <= MAX_MINUTES:
        errors["minutes"] = _("Log between 1 and %(max)s minutes at a time.") % {"max": MAX_MINUTES}
    if spent_on > today:
        errors["spent_on"] = _("The time cannot be spent in the future.")
    elif spent_on < timezone.localdate(request.created_at):
        errors["spent_on"] = _("The request was filed after that day.")
    if len(note) > NOTE_MAX:
        errors["note"] = _("Keep the note under %(max)s characters.") % {"max": NOTE_MAX}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # The department first, as a rate change does before it locks requests (one lock order).
        lock_pricing([request.department_id])
        request = services.lock_request(request)
        # Asked again once the row is locked: a person taken off the team meanwhile may not.
        if not permissions.may_log_time(author, request):
            raise ValidationError(
                _("You are not allowed to do that on this request."), code="forbidden"
            )
        if request.status == Status.AWAITING_APPROVAL:
            raise ValidationError(
                _("This request waits for approval; nobody works on it yet."), code="awaiting"
            )
        rate = rate_on(request.department_id, author.pk, spent_on)
        amount = rate.amount if rate is not None else None
        log = TimeLog.objects.create(
            request=request,
            author=author,
            minutes=minutes,
            note=note,
            spent_on=spent_on,
            rate=amount,
            cost_cents=cost_cents(minutes, amount),
        )
        request.effort_minutes = (request.effort_minutes or 0) + minutes
        fields = ["effort_minutes"]
        if log.cost_cents is not None:
            request.effort_cost_cents = (request.effort_cost_cents or 0) + log.cost_cents
            fields.append("effort_cost_cents")
        request.save(update_fields=fields)
        services.record_event(request, author, EventKind.TIME, new=str(minutes), body=note)
    return log


def request_effort(request: Request) -> dict:
    """The request's logged time for its page: totals from the row, the logs newest first.

    The totals change with the logs (time_log_add, logs_reprice) and every log has a minute or
    more, so a request with no minutes has no logs to read: most requests, no query."""
    logs = []
    if request.effort_minutes:
        logs = list(
            TimeLog.objects.filter(request=request)
            .select_related("author")
            .order_by("-spent_on", "-created_at", "-pk")[:20]
        )
    return {
        "minutes": request.effort_minutes or 0,
        "cost": None
        if request.effort_cost_cents is None
        else Decimal(request.effort_cost_cents) / 100,
        "logs": logs,
    }


def logs_reprice(*, department_id: int, first: date, last: date | None) -> int:
    """Price again the time logged for a department's requests from `first` to `last` (None: no
    end) at the rates now in force, after a rate was added, changed or removed. Each changed
    request's totals are recounted from its logs under its row lock, and its report cells marked
    stale (desk.signals.effort_changed, heard by feedback). Returns how many logs changed."""
    logs = TimeLog.objects.filter(request__department_id=department_id, spent_on__gte=first)
    if last is not None:
        logs = logs.filter(spent_on__lte=last)
    # One rate query per (person, day): a month of a team's logs is a few hundred at most.
    rates: dict[tuple[int, date], Decimal | None] = {}
    changed: dict[int, list[TimeLog]] = {}
    for log in logs.order_by("request_id", "pk"):
        key = (log.author_id, log.spent_on)
        if key not in rates:
            rate = rate_on(department_id, log.author_id, log.spent_on)
            rates[key] = rate.amount if rate is not None else None
        amount = rates[key]
        cents = cost_cents(log.minutes, amount)
        if (log.rate, log.cost_cents) != (amount, cents):
            log.rate, log.cost_cents = amount, cents
            changed.setdefault(log.request_id, []).append(log)
    with transaction.atomic():
        for request_id in sorted(changed):  # sorted: the row locks in one order (no deadlock)
            request = services.lock_request(Request(pk=request_id))
            TimeLog.objects.bulk_update(changed[request_id], ["rate", "cost_cents"])
            _recount(request)
    return sum(len(items) for items in changed.values())


def _recount(request: Request) -> None:
    """The request's totals from its logs (under its row lock)."""
    totals = TimeLog.objects.filter(request=request).aggregate(
        minutes=Sum("minutes"),
        cost=Sum("cost_cents", filter=Q(cost_cents__isnull=False)),
        priced=Count("cost_cents"),
    )
    request.effort_minutes = totals["minutes"]
    request.effort_cost_cents = totals["cost"] if totals["priced"] else None
    request.save(update_fields=["effort_minutes", "effort_cost_cents"])
    # The reports hear of it (feedback marks the cells of the request's resolution stale).
    effort_changed.send(sender=Request, request=request)
