"""Approvals: a request to a service that needs a yes waits for it before the department works.

A request's steps are made when it is filed, with the approvers they have then (the line
manager, a named person, or the heads of a department), and only the steps whose condition the
answers meet. Steps run in order: the first starts at filing, each yes starts the next, the last
yes makes the request New and starts its target clock; a no rejects the request. A decision locks
the request row and then the step, so two approvers deciding at once make one decision and the
other is told who decided. Reminders after one working day and escalation after three are claimed
with conditional UPDATEs, so a beat firing twice does nothing twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from departments import calendar
from departments.models import ApproverKind, Department, Employee, Membership, Role
from desk import notifications, permissions
from desk.models import (
    Approval,
    Decision,
    Delegation,
    EventKind,
    Request,
    Status,
)

if TYPE_CHECKING:
    from departments.models import Service

# A working day of the serving department's calendar (its default week has 8-hour days).
WORKING_DAY = timedelta(hours=8)
REMIND_AFTER = WORKING_DAY
ESCALATE_AFTER = 3 * WORKING_DAY


# --- who decides ------------------------------------------------------------------------------


def _heads(department_id: int | None) -> list[Employee]:
    if department_id is None:
        return []
    return list(
        Employee.objects.filter(
            is_active=True,
            memberships__department_id=department_id,
            memberships__role=Role.HEAD,
            memberships__department__is_active=True,
        )
    )


def _has_heads(department_id: int | None) -> bool:
    return (
        department_id is not None
        and Membership.objects.filter(
            department_id=department_id, role=Role.HEAD, employee__is_active=True
        ).exists()
    )


def approval_label(approval: Approval) -> str:
    """Who decides this step, as the requester and the approvers read it."""
    if approval.approver_department_id is not None:
        label = _("any head of %(dept)s") % {"dept": approval.approver_department.localized_name}
    elif approval.approver is not None:
        label = approval.approver.full_name
    else:
        label = _("nobody")
    if approval.escalation_department_id is not None:
        label = _("%(who)s, or a head of %(dept)s") % {
            "who": label,
            "dept": approval.escalation_department.localized_name,
        }
    return label


def deciders(approval: Approval, *, today=None) -> list[Employee]:
    """Everyone who may decide the step now: approvers, escalation heads, and their delegates."""
    people: dict[int, Employee] = {}
    if approval.approver is not None and approval.approver.is_active:
        people[approval.approver.pk] = approval.approver
    for department_id in (approval.approver_department_id, approval.escalation_department_id):
        for head in _heads(department_id):
            people[head.pk] = head
    today = today or timezone.localdate()
    delegations = Delegation.objects.filter(
        delegator_id__in=list(people), starts_on__lte=today, ends_on__gte=today
    ).select_related("delegate")
    for delegation in delegations:
        if delegation.delegate.is_active:
            people[delegation.delegate_id] = delegation.delegate
    people.pop(approval.request.requester_id, None)  # nobody approves their own request
    return list(people.values())


def _step_for(step, requester: Employee, service: Service) -> Approval | None:
    """The approval a configured step makes for this requester, with its approvers resolved."""
    approval = Approval(approver_kind=step.approver_kind)
    if step.approver_kind == ApproverKind.MANAGER:
        manager = requester.manager
        if manager is not None and manager.is_active and manager.pk != requester.pk:
            approval.approver = manager
        elif _has_heads(requester.department_id) and not permissions.is_head_of(
            requester, requester.department_id
        ):
            # No line manager on file: the heads of the person's home department stand in.
            approval.approver_department_id = requester.department_id
        else:
            approval.approver_department_id = service.department_id
    elif step.approver_kind == ApproverKind.PERSON:
        approval.approver = step.person
    else:
        approval.approver_department_id = step.department_id
    return approval


def approvals_plan(*, service: Service, requester: Employee, extra: list[dict]) -> list[Approval]:
    """The unsaved steps a new request needs, in order; empty when it needs no approval."""
    plan = []
    for step in service.approval_steps.select_related("person", "department"):
        if step.applies_to(extra):
            approval = _step_for(step, requester, service)
            approval.position = len(plan) + 1
            plan.append(approval)
    return plan


# --- starting and deciding ----------------------------------------------------------------------


def _start_step(request: Request, approval: Approval, now: datetime, record) -> None:
    """Make the step current, put it on the timeline and tell its deciders."""
    approval.started_at = now
    approval.save(update_fields=["started_at"])
    event = record(request, None, EventKind.APPROVAL_ASKED, new=approval_label(approval)[:200])
    notifications.notify_approvers(deciders(approval), request, event)


def approvals_start(*, request: Request, plan: list[Approval], now: datetime, record) -> None:
    """Save a filed request's steps and start the first (called inside request_file)."""
    for approval in plan:
        approval.request = request
    Approval.objects.bulk_create(plan)
    _start_step(request, plan[0], now, record)


def _decided_message(step: Approval) -> str:
    who = step.decided_by.full_name if step.decided_by else _("Someone")
    when = formats.date_format(timezone.localtime(step.decided_at), "SHORT_DATETIME_FORMAT")
    if step.decision == Decision.APPROVED:
        text = _("%(who)s already approved this request (%(when)s). Nothing was changed.")
    else:
        text = _("%(who)s already rejected this request (%(when)s). Nothing was changed.")
    return text % {"who": who, "when": when}


def _stamp_approval_decided(request: Request, now: datetime) -> None:
    """The report timestamp of the approval's end (before the status event that marks its cells)."""
    request.approval_decided_at = now
    request.approval_seconds = max(0, int((now - request.created_at).total_seconds()))


def approval_decide(
    *, approval: Approval, actor: Employee, approve: bool, reason: str = ""
) -> Request:
    """An approver of the current step says yes or no (a no needs a reason). Once per step."""
    from desk import services  # services starts approvals when a request is filed

    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError({"reason": _("Say why you reject it, so the requester knows.")})
    with transaction.atomic():
        request = services.lock_request(Request(pk=approval.request_id))
        step = (
            Approval.objects.select_for_update(of=("self",))
            .select_related(
                "approver", "approver_department", "escalation_department", "decided_by"
            )
            .get(pk=approval.pk)
        )
        step.request = request
        if step.decision != Decision.PENDING:
            raise services.ConflictError(_decided_message(step), code="conflict")
        if request.status != Status.AWAITING_APPROVAL or step.started_at is None:
            raise services.ConflictError(
                _("This request is “%(status)s” now; it needs no decision. Nothing was changed.")
                % {"status": request.get_status_display()},
                code="conflict",
            )
        if not permissions.may_decide(actor, step):
            raise ValidationError(_("You are not an approver of this request."), code="forbidden")
        now = timezone.now()
        step.decision = Decision.APPROVED if approve else Decision.REJECTED
        step.decided_by = actor
        step.decided_at = now
        step.reason = reason
        step.save(update_fields=["decision", "decided_by", "decided_at", "reason"])
        services.record_event(request, actor, EventKind.APPROVAL, new=step.decision, body=reason)
        if not approve:
            _stamp_approval_decided(request, now)
            fields = ["approval_decided_at", "approval_seconds"]
            fields += services.set_status(request, actor, Status.REJECTED, now, responding=False)
        else:
            following = (
                Approval.objects.filter(
                    request=request, position__gt=step.position, decision=Decision.PENDING
                )
                .select_related("approver", "approver_department", "escalation_department")
                .order_by("position")
                .first()
            )
            if following is not None:
                following.request = request
                _start_step(request, following, now, services.record_event)
                fields = ["last_activity_at", "updated_at"]
                request.last_activity_at = now
            else:
                # The last yes: the department's work and its target clock start now.
                request.approved_at = now
                request.due_at = calendar.due_at(request.service, now)
                _stamp_approval_decided(request, now)
                fields = ["approved_at", "due_at", "approval_decided_at", "approval_seconds"]
                fields += services.set_status(request, actor, Status.NEW, now, responding=False)
        request.save(update_fields=sorted(set(fields)))
    return request


# --- reading ------------------------------------------------------------------------------------


def waiting_for(user: Employee) -> QuerySet[Approval]:
    """Current steps this person may decide, oldest first."""
    return (
        permissions.decidable_approvals(user)
        .select_related(
            "request__department",
            "request__service",
            "request__requester",
            "approver",
            "approver_department",
            "escalation_department",
        )
        .order_by("started_at", "pk")
    )


def decided_by(user: Employee) -> QuerySet[Approval]:
    """The person's own recent decisions, newest first."""
    return (
        Approval.objects.filter(decided_by=user)
        .select_related("request__department", "request__service", "request__requester")
        .order_by("-decided_at", "-pk")
    )


def request_steps(request: Request) -> list[Approval]:
    """A request's steps for its page: who decides, what was decided."""
    steps = list(
        request.approvals.select_related(
            "approver", "approver_department", "escalation_department", "decided_by"
        ).order_by("position")
    )
    for step in steps:
        step.label = approval_label(step)
    return steps


# --- delegation -----------------------------------------------------------------------------------


def delegation_add(*, delegator: Employee, delegate: Employee, starts_on, ends_on) -> Delegation:
    errors = {}
    if delegate.pk == delegator.pk:
        errors["delegate"] = _("Choose someone other than yourself.")
    elif not delegate.is_active:
        errors["delegate"] = _("%(who)s no longer works here.") % {"who": delegate}
    if ends_on < starts_on:
        errors["ends_on"] = _("The last day cannot be before the first.")
    elif ends_on < timezone.localdate():
        errors["ends_on"] = _("The last day has passed already.")
    if errors:
        raise ValidationError(errors)
    return Delegation.objects.create(
        delegator=delegator, delegate=delegate, starts_on=starts_on, ends_on=ends_on
    )


def delegation_remove(*, delegator: Employee, delegation_id: int) -> bool:
    return bool(Delegation.objects.filter(pk=delegation_id, delegator=delegator).delete()[0])


# --- reminders and escalation (periodic) -------------------------------------------------------------


def _escalation_department(request: Request) -> int:
    """The requester's home department's heads, or the serving department's when there are none."""
    home = request.requester.department_id
    if home is not None and home != request.department_id and _has_heads(home):
        return home
    return request.department_id


def approvals_remind(*, now: datetime | None = None, limit: int = 500) -> tuple[int, int]:
    """Remind the deciders of steps waiting one working day; escalate those waiting three.

    Idempotent: each reminder and escalation is claimed by a conditional UPDATE first.
    Returns (reminded, escalated).
    """
    from desk import services

    now = now or timezone.now()
    pending = Approval.objects.current().filter(request__status=Status.AWAITING_APPROVAL)
    # Real time is never shorter than working time: these bounds only skip what cannot be due.
    to_remind = pending.filter(reminded_at__isnull=True, started_at__lte=now - REMIND_AFTER)
    to_escalate = pending.filter(escalated_at__isnull=True, started_at__lte=now - ESCALATE_AFTER)
    reminded = escalated = 0
    related = (
        "request__department",
        "request__service__department",
        "request__requester",
        "approver",
        "approver_department",
        "escalation_department",
    )
    calendars: dict[int, calendar.WorkingCalendar] = {}

    def waited(approval: Approval) -> timedelta:
        department = approval.request.department
        if department.pk not in calendars:
            calendars[department.pk] = calendar.WorkingCalendar.for_department(department)
        return calendar.business_time_between(calendars[department.pk], approval.started_at, now)

    for approval in to_remind.select_related(*related).order_by("started_at")[:limit]:
        if waited(approval) < REMIND_AFTER:
            continue
        with transaction.atomic():
            if not to_remind.filter(pk=approval.pk).update(reminded_at=now):
                continue  # decided meanwhile, or another run got there first
            notifications.notify_approvers(deciders(approval), approval.request, None)
            reminded += 1
    for approval in to_escalate.select_related(*related).order_by("started_at")[:limit]:
        if waited(approval) < ESCALATE_AFTER:
            continue
        with transaction.atomic():
            department_id = _escalation_department(approval.request)
            claimed = to_escalate.filter(pk=approval.pk).update(
                escalated_at=now, escalation_department_id=department_id
            )
            if not claimed:
                continue
            approval.escalation_department = Department.objects.get(pk=department_id)
            event = services.record_event(
                approval.request,
                None,
                EventKind.APPROVAL_ASKED,
                new=approval_label(approval)[:200],
            )
            heads = [
                head for head in _heads(department_id) if head.pk != approval.request.requester_id
            ]
            notifications.notify_approvers(heads, approval.request, event)
            escalated += 1
    return reminded, escalated
