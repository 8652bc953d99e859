"""Approvals: who decides, in which order, what the request does meanwhile, and who hears."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from departments.models import ApprovalStep, ApproverKind, FieldKind, Role
from desk import approvals, notifications, permissions, services
from desk.models import (
    Approval,
    Decision,
    Delegation,
    EventKind,
    Notification,
    NotificationKind,
    Request,
    Status,
)
from tests.factories import (
    DepartmentFactory,
    EmployeeFactory,
    MembershipFactory,
    ServiceFieldFactory,
    file_request,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(db):
    return EmployeeFactory(email="mark@example.com", full_name="Mark Manager")


@pytest.fixture
def finance(db):
    return DepartmentFactory(name="Finance", slug="finance", code="FIN")


@pytest.fixture
def finance_head(finance):
    person = EmployeeFactory(email="fiona@example.com", full_name="Fiona Finance")
    MembershipFactory(department=finance, employee=person, role=Role.HEAD)
    return person


@pytest.fixture
def amount(service_a):
    return ServiceFieldFactory(service=service_a, label="Amount", kind=FieldKind.NUMBER)


@pytest.fixture
def approval_service(service_a, manager, requester, finance, amount):
    """A laptop needs the line manager's yes, and Finance's above 5,000."""
    requester.manager = manager
    requester.save()
    ApprovalStep.objects.create(service=service_a, order=1, approver_kind=ApproverKind.MANAGER)
    ApprovalStep.objects.create(
        service=service_a,
        order=2,
        approver_kind=ApproverKind.DEPARTMENT_HEAD,
        department=finance,
        condition_field=amount,
        condition_above=Decimal("5000"),
    )
    return service_a


def _file(requester, service, amount_field, value="1200"):
    extra = [{"field": amount_field.pk, "label": "Amount", "kind": "number", "value": value}]
    return file_request(requester, service, title="Laptop", extra=extra)


def _current(req) -> Approval:
    return Approval.objects.current().get(request=req)


def test_filing_waits_for_the_manager_without_a_clock(
    approval_service, requester, manager, amount, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        req = _file(requester, approval_service, amount)
    assert req.status == Status.AWAITING_APPROVAL
    assert req.due_at is None
    (step,) = req.approvals.all()  # below the threshold: Finance is not asked
    assert step.approver == manager
    assert step.started_at is not None
    asked = req.events.get(kind=EventKind.APPROVAL_ASKED)
    assert asked.new_value == "Mark Manager"
    note = Notification.objects.get(recipient=manager, kind=NotificationKind.APPROVAL)
    assert note.request == req
    (message,) = mail.outbox
    assert message.to == ["mark@example.com"]
    assert req.reference in message.subject
    assert reverse("desk:approvals") in message.body


def test_awaiting_request_is_not_workable(approval_service, requester, amount, agent_a, login):
    req = _file(requester, approval_service, amount)
    with pytest.raises(ValidationError, match="awaiting approval"):
        services.request_take(request=req, actor=agent_a)
    with pytest.raises(ValidationError):
        services.request_change_status(request=req, actor=agent_a, status=Status.IN_PROGRESS)
    assert Request.objects.get(pk=req.pk).assignee is None
    queue_url = reverse("desk:queue", args=[req.department.slug])
    client = login(agent_a)
    assert req.reference not in client.get(queue_url).content.decode()
    shown = client.get(queue_url, {"state": "awaiting_approval"}).content.decode()
    assert req.reference in shown


def test_approval_starts_the_clock_from_the_decision(
    approval_service, requester, manager, amount, django_capture_on_commit_callbacks
):
    req = _file(requester, approval_service, amount)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approvals.approval_decide(approval=_current(req), actor=manager, approve=True)
    req.refresh_from_db()
    assert req.status == Status.NEW
    assert req.approved_at is not None
    assert req.due_at is not None
    assert req.due_at > req.approved_at
    decision = req.events.get(kind=EventKind.APPROVAL)
    assert decision.actor == manager
    assert decision.new_value == Decision.APPROVED
    # The requester hears once, about the decision (not again about the state change).
    (note,) = Notification.objects.filter(recipient=requester)
    assert note.event == decision
    (message,) = mail.outbox
    assert "Mark Manager approved your request" in message.body


def test_second_step_runs_after_the_first_when_the_amount_is_above(
    approval_service, requester, manager, amount, finance_head
):
    req = _file(requester, approval_service, amount, value="7500")
    first, second = req.approvals.order_by("position")
    assert second.approver_department.code == "FIN"
    assert second.started_at is None
    assert not permissions.may_decide(finance_head, second)  # not its turn yet
    approvals.approval_decide(approval=first, actor=manager, approve=True)
    req.refresh_from_db()
    assert req.status == Status.AWAITING_APPROVAL
    assert req.due_at is None
    assert Notification.objects.filter(recipient=finance_head, kind="approval").exists()
    approvals.approval_decide(approval=_current(req), actor=finance_head, approve=True)
    req.refresh_from_db()
    assert req.status == Status.NEW


def test_reject_needs_a_reason_and_ends_the_request(approval_service, requester, manager, amount):
    req = _file(requester, approval_service, amount)
    with pytest.raises(ValidationError) as refused:
        approvals.approval_decide(approval=_current(req), actor=manager, approve=False)
    assert "reason" in refused.value.error_dict
    assert Request.objects.get(pk=req.pk).status == Status.AWAITING_APPROVAL
    approvals.approval_decide(
        approval=_current(req), actor=manager, approve=False, reason="Not in this year's budget."
    )
    req.refresh_from_db()
    assert req.status == Status.REJECTED
    assert req.closed_at is not None
    assert req.events.get(kind=EventKind.APPROVAL).body == "Not in this year's budget."


def test_only_an_approver_decides_and_only_once(
    approval_service, requester, manager, amount, agent_a, head_a, outsider
):
    req = _file(requester, approval_service, amount)
    step = _current(req)
    for person in (agent_a, head_a, outsider, requester):
        with pytest.raises(ValidationError):
            approvals.approval_decide(approval=step, actor=person, approve=True)
    approvals.approval_decide(approval=step, actor=manager, approve=True)
    with pytest.raises(services.ConflictError, match="Mark Manager already approved"):
        approvals.approval_decide(approval=step, actor=manager, approve=False, reason="No")


def test_nobody_approves_their_own_request(service_a, finance, finance_head):
    ApprovalStep.objects.create(
        service=service_a, approver_kind=ApproverKind.DEPARTMENT_HEAD, department=finance
    )
    req = file_request(finance_head, service_a)
    with pytest.raises(ValidationError):
        approvals.approval_decide(approval=_current(req), actor=finance_head, approve=True)
    assert not approvals.waiting_for(finance_head).exists()


def test_without_a_manager_the_home_heads_decide(service_a, requester, dept_b):
    ApprovalStep.objects.create(service=service_a, approver_kind=ApproverKind.MANAGER)
    home_head = EmployeeFactory(full_name="Hank Home")
    MembershipFactory(department=dept_b, employee=home_head, role=Role.HEAD)
    requester.department = dept_b
    requester.save()
    req = file_request(requester, service_a)
    assert _current(req).approver_department == dept_b
    assert list(approvals.waiting_for(home_head)) == [_current(req)]


def test_a_delegate_decides_only_within_the_dates(approval_service, requester, manager, amount):
    deputy = EmployeeFactory(full_name="Dana Deputy")
    today = timezone.localdate()
    delegation = approvals.delegation_add(
        delegator=manager,
        delegate=deputy,
        starts_on=today + timedelta(days=1),
        ends_on=today + timedelta(days=5),
    )
    req = _file(requester, approval_service, amount)
    assert not permissions.may_decide(deputy, _current(req))
    Delegation.objects.filter(pk=delegation.pk).update(starts_on=today)
    assert permissions.may_decide(deputy, _current(req))
    approvals.approval_decide(approval=_current(req), actor=deputy, approve=True)
    assert Request.objects.get(pk=req.pk).status == Status.NEW


def test_delegation_rules(manager):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as refused:
        approvals.delegation_add(
            delegator=manager, delegate=manager, starts_on=today, ends_on=today
        )
    assert "delegate" in refused.value.error_dict
    other = EmployeeFactory()
    with pytest.raises(ValidationError) as refused:
        approvals.delegation_add(
            delegator=manager, delegate=other, starts_on=today, ends_on=today - timedelta(days=1)
        )
    assert "ends_on" in refused.value.error_dict
    assert not Delegation.objects.exists()


def _monday(hour: int) -> datetime:
    return datetime(2026, 3, 2, hour, tzinfo=ZoneInfo("Europe/Warsaw"))


def test_reminder_after_a_working_day_and_escalation_after_three(
    approval_service, requester, manager, amount, dept_b, django_capture_on_commit_callbacks
):
    home_head = EmployeeFactory(full_name="Hank Home")
    MembershipFactory(department=dept_b, employee=home_head, role=Role.HEAD)
    requester.department = dept_b
    requester.save()
    req = _file(requester, approval_service, amount)
    step = _current(req)
    # Filed on a Monday morning in Warsaw (08:00-16:00, Monday to Friday).
    Approval.objects.filter(pk=step.pk).update(started_at=_monday(9))
    Notification.objects.all().delete()
    assert approvals.approvals_remind(now=_monday(15)) == (0, 0)  # six working hours
    with django_capture_on_commit_callbacks(execute=True):
        assert approvals.approvals_remind(now=_monday(9) + timedelta(days=1, minutes=5)) == (1, 0)
    assert approvals.approvals_remind(now=_monday(9) + timedelta(days=1, hours=1)) == (0, 0)
    assert Notification.objects.filter(recipient=manager, kind="approval").count() == 1
    # Thursday morning: three working days.
    assert approvals.approvals_remind(now=_monday(10) + timedelta(days=3)) == (0, 1)
    assert approvals.approvals_remind(now=_monday(11) + timedelta(days=3)) == (0, 0)
    step.refresh_from_db()
    assert step.escalation_department == dept_b
    assert Notification.objects.filter(recipient=home_head, kind="approval").count() == 1
    assert permissions.may_decide(home_head, step)
    approvals.approval_decide(approval=step, actor=home_head, approve=True)
    assert Request.objects.get(pk=req.pk).status == Status.NEW


def test_an_approval_email_is_not_sent_once_decided(approval_service, requester, manager, amount):
    req = _file(requester, approval_service, amount)
    note = Notification.objects.get(recipient=manager, kind="approval")
    approvals.approval_decide(approval=_current(req), actor=manager, approve=True)
    mail.outbox.clear()
    assert notifications.notification_send_email(notification_id=note.pk) is False
    assert mail.outbox == []


def test_requester_may_cancel_while_awaiting(approval_service, requester, manager, amount):
    req = _file(requester, approval_service, amount)
    services.request_cancel(request=req, actor=requester)
    assert Request.objects.get(pk=req.pk).status == Status.CANCELLED
    assert not approvals.waiting_for(manager).exists()
    with pytest.raises(services.ConflictError):
        approvals.approval_decide(approval=req.approvals.get(), actor=manager, approve=True)


def test_step_validation(service_a, amount, finance):
    step = ApprovalStep(service=service_a, approver_kind=ApproverKind.PERSON)
    with pytest.raises(ValidationError) as refused:
        step.full_clean()
    assert "person" in refused.value.error_dict
    other_field = ServiceFieldFactory(kind=FieldKind.TEXT, service=service_a)
    step = ApprovalStep(
        service=service_a,
        approver_kind=ApproverKind.DEPARTMENT_HEAD,
        department=finance,
        condition_field=other_field,
    )
    with pytest.raises(ValidationError) as refused:
        step.full_clean()
    assert set(refused.value.error_dict) >= {"condition_field", "condition_above"}


# --- pages ----------------------------------------------------------------------------------------


def test_page_lists_and_approves_without_javascript(
    approval_service, requester, manager, amount, login
):
    req = _file(requester, approval_service, amount, value="800")
    client = login(manager)
    page = client.get(reverse("desk:approvals"))
    assert page.status_code == 200
    assert req.title in page.content.decode()
    assert "800" in page.content.decode()
    step = _current(req)
    response = client.post(
        reverse("desk:approval-decide", args=[step.pk]), {f"a{step.pk}-decision": "approve"}
    )
    assert response.status_code == 302
    assert Request.objects.get(pk=req.pk).status == Status.NEW
    assert "You approved" in client.get(reverse("desk:approvals")).content.decode()


def test_reject_without_reason_keeps_the_page(approval_service, requester, manager, amount, login):
    req = _file(requester, approval_service, amount)
    step = _current(req)
    client = login(manager)
    response = client.post(
        reverse("desk:approval-decide", args=[step.pk]),
        {f"a{step.pk}-decision": "reject", f"a{step.pk}-reason": "  "},
    )
    assert response.status_code == 400
    assert "Say why you reject it" in response.content.decode()
    assert Request.objects.get(pk=req.pk).status == Status.AWAITING_APPROVAL


def test_htmx_decision_swaps_the_card_and_the_loser_is_told(
    approval_service, requester, amount, finance, finance_head, login
):
    ApprovalStep.objects.filter(service=approval_service).delete()
    ApprovalStep.objects.create(
        service=approval_service, approver_kind=ApproverKind.DEPARTMENT_HEAD, department=finance
    )
    second_head = EmployeeFactory(full_name="Frank Finance")
    MembershipFactory(department=finance, employee=second_head, role=Role.HEAD)
    req = _file(requester, approval_service, amount)
    step = _current(req)
    url = reverse("desk:approval-decide", args=[step.pk])
    response = login(finance_head).post(
        url, {f"a{step.pk}-decision": "approve"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert f'id="approval-{step.pk}"' in body
    assert "You approved" in body
    late = login(second_head).post(url, {f"a{step.pk}-decision": "approve"}, HTTP_HX_REQUEST="true")
    assert "Fiona Finance already approved this request" in late.content.decode()


def test_strangers_get_404(approval_service, requester, amount, outsider, agent_a, login):
    req = _file(requester, approval_service, amount)
    step = _current(req)
    url = reverse("desk:approval-decide", args=[step.pk])
    for person in (outsider, agent_a, requester):
        assert login(person).post(url, {f"a{step.pk}-decision": "approve"}).status_code == 404
        assert (
            step.request.title not in login(person).get(reverse("desk:approvals")).content.decode()
        )
    assert Request.objects.get(pk=req.pk).status == Status.AWAITING_APPROVAL


def test_requester_sees_who_decides(approval_service, requester, manager, amount, login):
    req = _file(requester, approval_service, amount)
    page = login(requester).get(req.get_absolute_url()).content.decode()
    assert "Mark Manager" in page
    assert "Deciding now" in page
    assert "Awaiting approval" in page
    approvals.approval_decide(
        approval=_current(req), actor=manager, approve=False, reason="Use the spare one."
    )
    page = login(requester).get(req.get_absolute_url()).content.decode()
    assert "Use the spare one." in page
    assert "rejected the request" in page


def test_delegation_page(manager, login):
    deputy = EmployeeFactory(email="dana@example.com", full_name="Dana Deputy")
    client = login(manager)
    today = timezone.localdate()
    response = client.post(
        reverse("desk:delegation-create"),
        {"delegate_email": "nobody@example.com", "starts_on": today, "ends_on": today},
    )
    assert response.status_code == 400
    assert "Nobody at the company" in response.content.decode()
    response = client.post(
        reverse("desk:delegation-create"),
        {"delegate_email": "DANA@example.com", "starts_on": today, "ends_on": today},
    )
    assert response.status_code == 302
    delegation = Delegation.objects.get(delegator=manager, delegate=deputy)
    assert (
        login(EmployeeFactory())
        .post(reverse("desk:delegation-delete", args=[delegation.pk]))
        .status_code
        == 404
    )
    assert "Dana Deputy" in login(deputy).get(reverse("desk:approvals")).content.decode()
