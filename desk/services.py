"""Every change to a request goes through a function here.

Each one validates, locks the request row, writes the new state and a timeline event in one
transaction, and records report timestamps the first time they happen. Business-rule failures
raise ValidationError (shown to the user at the field or as a message); nothing is changed then.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from departments import calendar
from departments.models import Department, Membership, Service
from desk import permissions
from desk.models import Attachment, Event, EventKind, Priority, Request, Status
from desk.permissions import Action
from desk.signals import event_recorded

if TYPE_CHECKING:
    from departments.models import Employee


class ConflictError(ValidationError):
    """The request changed since the person looked at it; they should look again."""


# Which states department staff may move a request to, from each state.
STAFF_TRANSITIONS: dict[str, set[str]] = {
    Status.NEW: {Status.IN_PROGRESS, Status.WAITING, Status.RESOLVED, Status.CANCELLED},
    Status.IN_PROGRESS: {Status.WAITING, Status.RESOLVED, Status.CANCELLED},
    Status.WAITING: {Status.IN_PROGRESS, Status.RESOLVED, Status.CANCELLED},
    Status.RESOLVED: set(),
    Status.CLOSED: set(),
    Status.CANCELLED: set(),
    # Approvers decide; staff may only withdraw it for the requester.
    Status.AWAITING_APPROVAL: {Status.CANCELLED},
    Status.REJECTED: set(),
}


@functools.cache
def staff_targets(status: str) -> tuple[str, ...]:
    """The states staff can choose from, in workflow order (for menus)."""
    allowed = STAFF_TRANSITIONS.get(status, set())
    return tuple(value for value in Status.values if value in allowed)


# --- helpers ------------------------------------------------------------------------------------


def _record(
    request: Request,
    actor: Employee | None,
    kind: str,
    *,
    old: str = "",
    new: str = "",
    body: str = "",
) -> Event:
    event = Event.objects.create(
        request=request, actor=actor, kind=kind, old_value=old, new_value=new, body=body
    )
    event_recorded.send(sender=Request, request=request, event=event)
    return event


def _lock(request: Request, expected_status: str | None = None) -> Request:
    """Re-read the request under a row lock; refuse if it changed since the person saw it.

    Every service that changes a request starts here, so what it checks and what it tells the
    person (assignee, state, service) is the request as it is once the lock is held.
    """
    # Lock first, then read. When a locking SELECT waits for another transaction, PostgreSQL
    # re-reads the locked row after that one commits, but keeps the rows joined to it as they were
    # when the statement began: a new assignee came back as None ("None has already taken this
    # request") and a changed service made the row vanish. A plain lock and then a separate read,
    # a new statement and so a new snapshot under READ COMMITTED, sees everything as committed.
    Request.objects.select_for_update().filter(pk=request.pk).values_list("pk", flat=True).get()
    locked = Request.objects.select_related("department", "service", "requester", "assignee").get(
        pk=request.pk
    )
    if expected_status is not None and locked.status != expected_status:
        raise ConflictError(
            _(
                "Someone else changed this request meanwhile: it is now “%(status)s”. Nothing was changed."
            )
            % {"status": locked.get_status_display()},
            code="conflict",
        )
    return locked


def _require(user: Employee, action: Action, request: Request) -> None:
    if not permissions.can(user, action, request):
        raise ValidationError(
            _("You are not allowed to do that on this request."), code="forbidden"
        )


def _is_department_staff(user: Employee | None, request: Request) -> bool:
    return user is not None and permissions.is_staff_of(user, request.department_id)


def _clock_start(request: Request):
    """Where the target clock started: the approval, or the filing for services without one."""
    return request.approved_at or request.created_at


def _touch(request: Request, now, *, first_response_by: Employee | None = None) -> list[str]:
    """Update last activity, and first response the first time staff act; returns changed fields."""
    request.last_activity_at = now
    fields = ["last_activity_at", "updated_at"]
    if (
        first_response_by is not None
        and request.first_response_at is None
        # A staff member following up on their own request is not the department answering.
        and first_response_by.pk != request.requester_id
        and _is_department_staff(first_response_by, request)
    ):
        request.first_response_at = now
        request.first_response_business_seconds = _business_seconds(
            request, _clock_start(request), now
        )
        fields += ["first_response_at", "first_response_business_seconds"]
    return fields


def _business_seconds(request: Request, start, end) -> int:
    cal = calendar.calendar_for_service(request.service)
    return int(calendar.business_time_between(cal, start, end).total_seconds())


def _refuse_awaiting(request: Request) -> None:
    if request.status == Status.AWAITING_APPROVAL:
        raise ValidationError(
            _("This request is awaiting approval; work on it starts once it is approved."),
            code="awaiting_approval",
        )


def _attach(request: Request, event: Event | None, files: Sequence[UploadedFile], user) -> None:
    from desk.attachments import inspect_upload

    # Check every file before writing any: a rolled-back transaction cannot remove files on disk.
    content_types = [inspect_upload(upload) for upload in files]
    for upload, content_type in zip(files, content_types, strict=True):
        attachment = Attachment(
            request=request,
            event=event,
            token=secrets.token_hex(16),
            name=upload.name[:255],
            content_type=content_type,
            size=upload.size,
            uploaded_by=user,
        )
        attachment.file.save(attachment.token, upload, save=False)
        attachment.save()


# --- filing ---------------------------------------------------------------------------------------


def request_file(
    *,
    requester: Employee,
    service: Service,
    title: str,
    description: str,
    priority: int = Priority.NORMAL,
    extra: list[dict] | None = None,
    files: Sequence[UploadedFile] = (),
) -> Request:
    """File a new request for a published service."""
    if not service.is_active or not service.department.is_active:
        raise ValidationError(_("This service is not offered any more."), code="inactive")
    if len(files) > settings.DESK_MAX_ATTACHMENTS:
        raise ValidationError(
            _("At most %(n)d attachments.") % {"n": settings.DESK_MAX_ATTACHMENTS}, code="too_many"
        )
    from desk import approvals  # approvals use this module's helpers to decide

    now = timezone.now()
    plan = approvals.approvals_plan(service=service, requester=requester, extra=extra or [])
    status = Status.AWAITING_APPROVAL if plan else Status.NEW
    with transaction.atomic():
        # The department row lock serialises numbering: IT-0041, IT-0042, never a gap or a twin.
        department = Department.objects.select_for_update().get(pk=service.department_id)
        department.last_request_number += 1
        department.save(update_fields=["last_request_number"])
        request = Request.objects.create(
            department=department,
            number=department.last_request_number,
            service=service,
            requester=requester,
            client_type=requester.client_type,
            title=title.strip(),
            description=description.strip(),
            priority=priority,
            extra=extra or [],
            status=status,
            # A request awaiting approval has no target yet: its clock starts at the last yes.
            due_at=None if plan else calendar.due_at(service, now),
        )
        event = _record(request, requester, EventKind.FILED, new=status)
        _attach(request, event, files, requester)
        if plan:
            approvals.approvals_start(request=request, plan=plan, now=now, record=_record)
    return request


# --- conversation ---------------------------------------------------------------------------------


def comment_add(
    *,
    request: Request,
    author: Employee,
    body: str,
    internal: bool = False,
    files: Sequence[UploadedFile] = (),
) -> Event:
    """A public reply, or an internal note that only department staff ever see."""
    body = body.strip()
    if not body and not files:
        raise ValidationError({"body": _("Write a message or attach a file.")})
    _require(author, Action.NOTE if internal else Action.COMMENT, request)
    with transaction.atomic():
        request = _lock(request)
        if request.status in (Status.CLOSED, Status.CANCELLED):
            raise ValidationError(
                _("This request is %(status)s; open a new request instead.")
                % {"status": request.get_status_display().lower()},
                code="finished",
            )
        now = timezone.now()
        event = _record(
            request, author, EventKind.NOTE if internal else EventKind.COMMENT, body=body
        )
        _attach(request, event, files, author)
        fields = _touch(request, now, first_response_by=None if internal else author)
        # The requester answering a question starts the clock again.
        if request.status == Status.WAITING and author.pk == request.requester_id and not internal:
            fields += _set_status(request, author, Status.IN_PROGRESS, now)
        request.save(update_fields=sorted(set(fields)))
    return event


# --- workflow ---------------------------------------------------------------------------------------


def _set_status(
    request: Request, actor: Employee | None, new_status: str, now, *, responding: bool = True
) -> list[str]:
    """Move the status and keep the target clock and report timestamps right. Caller saves.

    `responding=False`: the actor is not answering for the department (an approver deciding)."""
    old_status = request.status
    request.status = new_status
    fields = ["status"]
    if new_status == Status.WAITING and request.paused_at is None:
        request.paused_at = now
        fields.append("paused_at")
    if old_status == Status.WAITING and new_status != Status.WAITING and request.paused_at:
        # The clock was paused: move the due time later by the working time that passed.
        cal = calendar.calendar_for_service(request.service)
        paused_for = calendar.business_time_between(cal, request.paused_at, now)
        if request.due_at is not None and paused_for > timedelta(0):
            old_due = request.due_at
            request.due_at = calendar.add_business_time(cal, request.due_at, paused_for)
            _record(
                request,
                None,
                EventKind.DUE,
                old=old_due.isoformat(),
                new=request.due_at.isoformat(),
            )
            fields.append("due_at")
        request.paused_at = None
        fields.append("paused_at")
    if new_status == Status.RESOLVED and request.resolved_at is None:
        request.resolved_at = now
        request.resolution_seconds = int((now - _clock_start(request)).total_seconds())
        request.resolution_business_seconds = _business_seconds(request, _clock_start(request), now)
        request.met_target = request.due_at is None or now <= request.due_at
        fields += ["resolved_at", "resolution_seconds", "resolution_business_seconds", "met_target"]
    if (
        new_status in (Status.CLOSED, Status.CANCELLED, Status.REJECTED)
        and request.closed_at is None
    ):
        request.closed_at = now
        fields.append("closed_at")
    _record(request, actor, EventKind.STATUS, old=old_status, new=new_status)
    fields += _touch(request, now, first_response_by=actor if responding else None)
    return fields


# desk.approvals changes requests under the same lock, timeline and clock rules.
lock_request = _lock
record_event = _record
set_status = _set_status


def request_change_status(
    *,
    request: Request,
    actor: Employee,
    status: str,
    expected_status: str | None = None,
    note: str = "",
) -> Request:
    """Department staff move a request along the workflow."""
    if status not in Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    _require(actor, Action.CHANGE_STATUS, request)
    with transaction.atomic():
        request = _lock(request, expected_status)
        if status not in STAFF_TRANSITIONS.get(request.status, set()):
            raise ValidationError(
                _("A request that is “%(old)s” cannot become “%(new)s”.")
                % {"old": request.get_status_display(), "new": Status(status).label},
                code="invalid_transition",
            )
        now = timezone.now()
        fields = _set_status(request, actor, status, now)
        if note.strip():
            _record(request, actor, EventKind.COMMENT, body=note.strip())
        request.save(update_fields=sorted(set(fields)))
    return request


def request_cancel(*, request: Request, actor: Employee, reason: str = "") -> Request:
    """The requester withdraws a request nobody has started; staff use request_change_status."""
    _require(actor, Action.CANCEL, request)
    with transaction.atomic():
        request = _lock(request)
        if request.status not in (Status.NEW, Status.AWAITING_APPROVAL):
            raise ValidationError(
                _("Only a request nobody has started can be cancelled; it is “%(status)s”.")
                % {"status": request.get_status_display()},
                code="invalid_transition",
            )
        now = timezone.now()
        fields = _set_status(request, actor, Status.CANCELLED, now)
        if reason.strip():
            _record(request, actor, EventKind.COMMENT, body=reason.strip())
        request.save(update_fields=sorted(set(fields)))
    return request


def reopen_deadline(request: Request):
    if request.resolved_at is None:
        return None
    return request.resolved_at + timedelta(days=settings.DESK_REOPEN_WINDOW_DAYS)


def request_confirm(*, request: Request, actor: Employee) -> Request:
    """The requester confirms the resolution: the request closes at once."""
    _require(actor, Action.CONFIRM, request)
    with transaction.atomic():
        request = _lock(request)
        if request.status != Status.RESOLVED:
            raise ValidationError(
                _("Only a resolved request can be confirmed; it is “%(status)s”.")
                % {"status": request.get_status_display()},
                code="invalid_transition",
            )
        fields = _set_status(request, actor, Status.CLOSED, timezone.now())
        request.save(update_fields=sorted(set(fields)))
    return request


def request_reopen(*, request: Request, actor: Employee, reason: str) -> Request:
    """The requester says it is not solved, within the reopen window, and says why."""
    _require(actor, Action.REOPEN, request)
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Say what is still missing, so the team can act on it.")}
        )
    with transaction.atomic():
        request = _lock(request)
        now = timezone.now()
        if request.status != Status.RESOLVED:
            raise ValidationError(
                _("Only a resolved request can be reopened; it is “%(status)s”.")
                % {"status": request.get_status_display()},
                code="invalid_transition",
            )
        if now > reopen_deadline(request):
            raise ValidationError(
                _("The %(days)d-day window to reopen this request has passed; file a new one.")
                % {"days": settings.DESK_REOPEN_WINDOW_DAYS},
                code="window_passed",
            )
        request.status = Status.IN_PROGRESS
        _record(
            request,
            actor,
            EventKind.REOPENED,
            old=Status.RESOLVED,
            new=Status.IN_PROGRESS,
            body=reason.strip(),
        )
        fields = ["status", *_touch(request, now)]
        request.save(update_fields=sorted(set(fields)))
    return request


def requests_close_expired(*, now=None) -> int:
    """Close resolved requests whose reopen window has passed (run periodically). Idempotent."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.DESK_REOPEN_WINDOW_DAYS)
    closed = 0
    ids = list(
        Request.objects.filter(status=Status.RESOLVED, resolved_at__lte=cutoff).values_list(
            "pk", flat=True
        )
    )
    for pk in ids:
        with transaction.atomic():
            request = _lock(Request(pk=pk))
            if request.status != Status.RESOLVED:
                continue  # the requester acted meanwhile
            fields = _set_status(request, None, Status.CLOSED, now)
            request.save(update_fields=sorted(set(fields)))
            closed += 1
    return closed


# --- assignment ------------------------------------------------------------------------------------


def request_assign(
    *,
    request: Request,
    actor: Employee,
    assignee: Employee | None,
    expected_assignee_id: int | None | str = "any",
) -> Request:
    """Assign to a member of the department (agents only to themselves; heads to anyone)."""
    if assignee is not None and assignee.pk == actor.pk:
        _require(actor, Action.ASSIGN_SELF, request)
    else:
        _require(actor, Action.ASSIGN_ANYONE, request)
    with transaction.atomic():
        request = _lock(request)
        if expected_assignee_id != "any" and request.assignee_id != expected_assignee_id:
            raise ConflictError(
                _(
                    "Someone else changed the assignee meanwhile: it is now %(who)s. Nothing was changed."
                )
                % {"who": request.assignee or _("nobody")},
                code="conflict",
            )
        _refuse_awaiting(request)
        if request.status in Status.finished_values():
            raise ValidationError(
                _("A %(status)s request cannot be reassigned.")
                % {"status": request.get_status_display().lower()},
                code="finished",
            )
        if assignee is not None and (
            not assignee.is_active
            or not Membership.objects.filter(
                department_id=request.department_id, employee=assignee
            ).exists()
        ):
            raise ValidationError(
                {
                    "assignee": _("%(who)s is not in the %(dept)s team.")
                    % {"who": assignee, "dept": request.department}
                }
            )
        if request.assignee_id == (assignee.pk if assignee else None):
            return request
        old = request.assignee
        request.assignee = assignee
        now = timezone.now()
        _record(request, actor, EventKind.ASSIGNED, old=str(old or ""), new=str(assignee or ""))
        fields = ["assignee", *_touch(request, now)]
        request.save(update_fields=sorted(set(fields)))
    return request


def requests_release(
    *, department_id: int, employee_id: int, actor: Employee | None
) -> list[Request]:
    """Unassign a person who left a department's team from its open requests, each with a
    timeline event: the team sees them as unassigned in the queue and picks them up, and the
    former member no longer hears about them (notifications are checked again when sent)."""
    released = []
    with transaction.atomic():
        ids = list(
            Request.objects.filter(
                department_id=department_id,
                assignee_id=employee_id,
                status__in=Status.open_values(),
            ).values_list("pk", flat=True)
        )
        for pk in ids:
            request = _lock(Request(pk=pk))
            if request.assignee_id != employee_id or not request.is_open:
                continue
            old = request.assignee
            request.assignee = None
            _record(request, actor, EventKind.ASSIGNED, old=str(old))
            fields = ["assignee", *_touch(request, timezone.now())]
            request.save(update_fields=sorted(set(fields)))
            released.append(request)
    return released


def request_take(*, request: Request, actor: Employee) -> Request:
    """An agent takes a request: assigned to them, and in progress if it was new."""
    _require(actor, Action.TAKE, request)
    with transaction.atomic():
        request = _lock(request)
        if request.assignee_id not in (None, actor.pk):
            raise ConflictError(
                _("%(who)s has already taken this request.") % {"who": request.assignee},
                code="conflict",
            )
        _refuse_awaiting(request)
        if request.status in Status.finished_values():
            raise ValidationError(
                _("A %(status)s request cannot be taken.")
                % {"status": request.get_status_display().lower()},
                code="finished",
            )
        now = timezone.now()
        fields: list[str] = []
        if request.assignee_id is None:
            request.assignee = actor
            _record(request, actor, EventKind.ASSIGNED, new=str(actor))
            fields += ["assignee", *_touch(request, now)]
        if request.status == Status.NEW:
            fields += _set_status(request, actor, Status.IN_PROGRESS, now)
        if fields:
            request.save(update_fields=sorted(set(fields)))
    return request


def request_change_service(*, request: Request, actor: Employee, service: Service) -> Request:
    """A head moves a request to another service of the same department; the target follows."""
    _require(actor, Action.CHANGE_SERVICE, request)
    with transaction.atomic():
        request = _lock(request)
        if service.department_id != request.department_id:
            raise ValidationError({"service": _("Choose a service of the same department.")})
        if not service.is_active:
            raise ValidationError({"service": _("This service is not offered any more.")})
        _refuse_awaiting(request)
        if request.status in Status.finished_values():
            raise ValidationError(_("A finished request cannot be moved."), code="finished")
        if service.pk == request.service_id:
            return request
        old = request.service
        request.service = service
        now = timezone.now()
        request.due_at = calendar.due_at(service, request.created_at)
        _record(request, actor, EventKind.SERVICE, old=old.name, new=service.name)
        fields = ["service", "due_at", *_touch(request, now)]
        request.save(update_fields=sorted(set(fields)))
    return request


def request_change_priority(*, request: Request, actor: Employee, priority: int) -> Request:
    _require(actor, Action.CHANGE_PRIORITY, request)
    if priority not in Priority.values:
        raise ValidationError({"priority": _("Choose a priority from the list.")})
    with transaction.atomic():
        request = _lock(request)
        if request.status in Status.finished_values():
            raise ValidationError(
                _("The priority of a %(status)s request cannot change.")
                % {"status": request.get_status_display().lower()},
                code="finished",
            )
        if request.priority == priority:
            return request
        old = request.get_priority_display()
        request.priority = priority
        _record(
            request,
            actor,
            EventKind.PRIORITY,
            old=str(old),
            new=str(request.get_priority_display()),
        )
        fields = ["priority", *_touch(request, timezone.now())]
        request.save(update_fields=sorted(set(fields)))
    return request
