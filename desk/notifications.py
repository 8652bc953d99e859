"""Who hears about what happened to a request: bell entries and emails.

`on_event_recorded` runs inside the transaction that wrote the event, so the notification rows
commit or roll back with the change; the email is a task enqueued after commit, carrying only the
notification's id. Rules, in one place:

- the requester hears about public replies, state changes and the resolution (with a link to rate);
- the assignee hears about being assigned and about what the requester does;
- heads of the department hear once when a request becomes overdue (a periodic task);
- the person a requester thanks, and the department's heads, hear about the thanks (kudos), and
  only while they are still on the department's team when the email goes;
- nobody hears about their own action, and internal notes never make a notification at all;
- approvers hear when a request waits for their decision, again after a working day, and heads
  when it is escalated to them; the requester hears each decision (desk.approvals);
- each person may switch each kind off, separately for the bell and for email.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import QuerySet
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from departments.models import ApprovalStep, Employee, Role
from desk import email_headers, permissions, tasking
from desk.models import (
    Event,
    EventKind,
    Notification,
    NotificationKind,
    NotificationPreference,
    Request,
    Status,
)
from desk.signals import event_recorded
from inbound.selectors import reply_address

if TYPE_CHECKING:
    from collections.abc import Iterable


# Kinds each audience can receive; the profile page offers only the ones that apply to a person.
REQUESTER_KINDS = [NotificationKind.REPLY, NotificationKind.STATUS, NotificationKind.RESOLVED]
STAFF_KINDS = [
    NotificationKind.ASSIGNED,
    NotificationKind.REQUESTER_ACTIVITY,
    NotificationKind.KUDOS,
]
HEAD_KINDS = [NotificationKind.OVERDUE]
APPROVER_KINDS = [NotificationKind.APPROVAL]
# An email not sent this long after its notification was made is picked up by the sweep.
EMAIL_SWEEP_AFTER = timedelta(minutes=10)
EMAIL_SWEEP_GIVE_UP = timedelta(days=2)


# --- preferences ----------------------------------------------------------------------------


def preferences_for(employee: Employee) -> dict[str, tuple[bool, bool]]:
    """kind -> (in Desk, by email) for every kind; kinds without a row are on for both."""
    choices = dict.fromkeys(NotificationKind.values, (True, True))
    for pref in NotificationPreference.objects.filter(employee=employee):
        choices[pref.kind] = (pref.in_app, pref.email)
    return choices


def preferences_save(*, employee: Employee, choices: dict[str, tuple[bool, bool]]) -> None:
    """Store the person's choices; kinds left fully on need no row."""
    with transaction.atomic():
        for kind, (in_app, email) in choices.items():
            if kind not in NotificationKind.values:
                continue
            if in_app and email:
                NotificationPreference.objects.filter(employee=employee, kind=kind).delete()
            else:
                NotificationPreference.objects.update_or_create(
                    employee=employee, kind=kind, defaults={"in_app": in_app, "email": email}
                )


def kinds_for(employee: Employee) -> list[str]:
    """The kinds that can reach this person, for the profile page."""
    roles = set(
        employee.memberships.filter(department__is_active=True).values_list("role", flat=True)
    )
    kinds = list(REQUESTER_KINDS)
    if roles:
        kinds += STAFF_KINDS
    if Role.HEAD in roles:
        kinds += HEAD_KINDS
    if (
        Role.HEAD in roles
        or employee.direct_reports.exists()
        or employee.delegations_received.exists()
        or ApprovalStep.objects.filter(person=employee).exists()
    ):
        kinds += APPROVER_KINDS
    return kinds


# --- making notifications -------------------------------------------------------------------


def _notify(
    recipients: Iterable[Employee], request: Request, kind: str, event: Event | None = None
) -> list[Notification]:
    """Create the rows the recipients' preferences ask for; email them after commit."""
    people = {
        person.pk: person
        for person in recipients
        if person is not None and permissions.may_be_notified(person, kind, request)
    }
    if not people:
        return []
    muted = {
        pref.employee_id: pref
        for pref in NotificationPreference.objects.filter(employee_id__in=people, kind=kind)
    }
    made = []
    for pk in people:
        pref = muted.get(pk)
        in_app, email = (pref.in_app, pref.email) if pref else (True, True)
        if not (in_app or email):
            continue
        made.append(
            Notification(
                recipient_id=pk, request=request, event=event, kind=kind, in_app=in_app, email=email
            )
        )
    Notification.objects.bulk_create(made)
    for notification in made:
        if notification.email:
            transaction.on_commit(lambda pk=notification.pk: enqueue_email(pk))
    return made


def enqueue_email(notification_id: int) -> None:
    """Hand the email to a worker; if the broker is down, the periodic sweep sends it later."""
    from desk import tasks  # tasks import this module; this import runs only after commit

    tasking.enqueue(tasks.send_notification_email, notification_id)


@receiver(event_recorded, dispatch_uid="desk.notifications.on_event_recorded")
def on_event_recorded(sender, request: Request, event: Event, **kwargs) -> None:
    if event.kind == EventKind.NOTE:
        return  # internal notes are for the team's eyes only: never a notification, never an email
    actor_id = event.actor_id
    by_requester = actor_id is not None and actor_id == request.requester_id

    def others(*people: Employee | None) -> list[Employee]:
        return [p for p in people if p is not None and p.pk != actor_id]

    if event.kind == EventKind.APPROVAL:
        # Each decision reaches the requester, with the reason of a rejection.
        _notify(others(request.requester), request, NotificationKind.STATUS, event)
    elif event.kind == EventKind.COMMENT:
        if by_requester:
            _notify(others(request.assignee), request, NotificationKind.REQUESTER_ACTIVITY, event)
        else:
            _notify(others(request.requester), request, NotificationKind.REPLY, event)
    elif event.kind == EventKind.STATUS:
        if event.old_value == Status.AWAITING_APPROVAL and not by_requester:
            return  # the approver's decision already told the requester
        if by_requester:
            # A reply while waiting moves the request on by itself; the reply already told them.
            if event.old_value == Status.WAITING and event.new_value == Status.IN_PROGRESS:
                return
            _notify(others(request.assignee), request, NotificationKind.REQUESTER_ACTIVITY, event)
        else:
            kind = (
                NotificationKind.RESOLVED
                if event.new_value == Status.RESOLVED
                else NotificationKind.STATUS
            )
            _notify(others(request.requester), request, kind, event)
    elif event.kind == EventKind.REOPENED:
        _notify(others(request.assignee), request, NotificationKind.REQUESTER_ACTIVITY, event)
    elif event.kind == EventKind.ASSIGNED and request.assignee_id:
        _notify(others(request.assignee), request, NotificationKind.ASSIGNED, event)


def notify_approvers(people: Iterable[Employee], request: Request, event: Event | None) -> None:
    """A request waits for these people's decision (on filing, as a reminder, when escalated)."""
    _notify(people, request, NotificationKind.APPROVAL, event)


def kudos_notify(*, request: Request, event: Event, recipient: Employee) -> list[Notification]:
    """The thanked person and the department's heads hear that the requester said thanks."""
    people = [recipient, *department_heads(request.department_id)]
    return _notify(
        [p for p in people if p.pk != event.actor_id], request, NotificationKind.KUDOS, event
    )


def department_heads(department_id: int) -> QuerySet[Employee]:
    return Employee.objects.filter(
        is_active=True, memberships__department_id=department_id, memberships__role=Role.HEAD
    )


def requests_notify_overdue(*, now: datetime | None = None, limit: int = 500) -> int:
    """Tell the heads about each open request past its due time, once per request. Idempotent.

    Requests waiting on the requester are skipped: their clock is paused. Each request is claimed
    with a conditional UPDATE, so two runs at once (a beat firing twice) never notify twice.
    """
    now = now or timezone.now()
    candidates = Request.objects.filter(
        status__in=[Status.NEW, Status.IN_PROGRESS],
        overdue_notified_at__isnull=True,
        due_at__lt=now,
    )
    ids = list(candidates.order_by("due_at").values_list("pk", flat=True)[:limit])
    notified = 0
    for pk in ids:
        with transaction.atomic():
            claimed = candidates.filter(pk=pk).update(overdue_notified_at=now)
            if not claimed:
                continue  # someone moved it on, or another run got there first
            request = Request.objects.select_related("department", "service", "assignee").get(pk=pk)
            _notify(department_heads(request.department_id), request, NotificationKind.OVERDUE)
            notified += 1
    return notified


# --- reading and marking ---------------------------------------------------------------------


# The bell's statement, compiled, per person and teams: every page shows the bell, and building
# and compiling its filter (five alternatives over kinds and teams) cost more CPU than running it.
# The key holds everything the statement depends on; a person who joins or leaves a team gets a
# new key. Bounded: emptied when full.
_BELL_SQL: dict[tuple, tuple[str, tuple]] = {}
_BELL_SQL_MAX = 4096


def unread_count_statement(user: Employee) -> tuple[str, tuple]:
    """The bell's COUNT statement for this person, and its parameters (see unread_count)."""
    key = (
        user.pk,
        tuple(sorted(permissions.staff_department_ids(user))),
        tuple(sorted(permissions.head_department_ids(user))),
    )
    compiled = _BELL_SQL.get(key)
    if compiled is None:
        unread = permissions.visible_notifications(user).unread().order_by().values("pk")
        sql, params = unread.query.sql_with_params()
        compiled = (f"SELECT COUNT(*) FROM ({sql}) AS unread", tuple(params))
        if len(_BELL_SQL) >= _BELL_SQL_MAX:
            _BELL_SQL.clear()
        _BELL_SQL[key] = compiled
    return compiled


def unread_count(user: Employee) -> int:
    if not user.is_authenticated:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(*unread_count_statement(user))
        return cursor.fetchone()[0]


def notifications_mark_read(*, user: Employee, ids: Iterable[int] | None = None) -> int:
    """Mark the person's own notifications read (all of them when no ids are given)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


# --- email --------------------------------------------------------------------------------------


def absolute(path: str) -> str:
    return f"{settings.DESK_BASE_URL}{path}"


def rate_url(request: Request) -> str:
    """Where the requester rates a resolved request; the request page if ratings are not built."""
    try:
        path = reverse(
            "feedback:rate",
            kwargs={"code": request.department.code, "number": f"{request.number:04d}"},
        )
    except NoReverseMatch:
        path = request.get_absolute_url() + "#rate"
    return absolute(path)


def email_message(notification: Notification) -> EmailMessage:
    """The email for one notification, in the recipient's language."""
    request = notification.request
    event = notification.event
    if event is not None and event.kind == EventKind.NOTE:
        # Notifications are never made from notes; this guards against a future mistake.
        raise ValueError("An internal note must never be emailed.")
    recipient = notification.recipient
    context = {
        "notification": notification,
        "req": request,
        "event": event,
        "recipient": recipient,
        "request_url": absolute(request.get_absolute_url()),
        "rate_url": rate_url(request) if notification.kind == NotificationKind.RESOLVED else "",
        "profile_url": absolute(reverse("desk:profile")),
        "approvals_url": absolute(reverse("desk:approvals")),
    }
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        template = f"desk/email/{notification.kind}"
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    reply_to = reply_address(request)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[recipient.email],
        reply_to=[reply_to] if reply_to else None,
        headers={
            "Auto-Submitted": "auto-generated",
            "X-Auto-Response-Suppress": "All",
            # One thread per request in mail clients; answers come back to inbound email.
            **email_headers.thread_headers(request, "notification", notification.pk),
        },
    )
    return message


def notification_send_email(*, notification_id: int) -> bool:
    """Send the notification's email unless it went already or the person switched it off.

    Two copies of the task at once (the sweep re-enqueued one that was only late) must not both
    send: the row is locked while sending and a second copy skips it. Marked sent only after the
    mail server accepted it, so a crash in between sends it again rather than never.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related(
                "recipient", "request__department", "request__service", "request__assignee", "event"
            )
            .filter(pk=notification_id, email=True, emailed_at__isnull=True)
            .first()
        )
        if notification is None:
            return False  # sent already, being sent by another copy, or never wanted
        pref = NotificationPreference.objects.filter(
            employee_id=notification.recipient_id, kind=notification.kind
        ).first()
        allowed = permissions.may_be_notified(
            notification.recipient, notification.kind, notification.request
        )
        if not allowed or (pref is not None and not pref.email):
            # Left the company or the team, or switched it off after the notification was made.
            Notification.objects.filter(pk=notification.pk).update(email=False)
            return False
        email_message(notification).send()
        Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True


def notifications_sweep_unsent(*, now: datetime | None = None, limit: int = 500) -> int:
    """Re-enqueue emails whose task was lost (broker down, worker killed). Idempotent."""
    now = now or timezone.now()
    ids = list(
        Notification.objects.filter(
            email=True,
            emailed_at__isnull=True,
            created_at__lt=now - EMAIL_SWEEP_AFTER,
            created_at__gte=now - EMAIL_SWEEP_GIVE_UP,
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in ids:
        enqueue_email(pk)
    return len(ids)
