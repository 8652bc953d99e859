"""Approval time and the share rejected: written when the approval's last decision is made,
counted in that decision's period, the same through the outbox as by a full recomputation."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from departments.models import ApprovalStep, ApproverKind
from desk import approvals
from desk.models import Approval, Request, Status
from feedback import reports
from feedback.models import ALL_CLIENTS, ALL_SERVICES, ReportCell
from tests.factories import EmployeeFactory, file_request

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")
MARCH = ("month", date(2026, 3, 1))


@pytest.fixture
def manager(db):
    return EmployeeFactory(email="mark@example.com", full_name="Mark Manager")


@pytest.fixture
def approval_service(service_a, manager, requester):
    requester.manager = manager
    requester.save()
    ApprovalStep.objects.create(service=service_a, order=1, approver_kind=ApproverKind.MANAGER)
    return service_a


def _decide_after(requester, service, manager, filed: datetime, hours: float, approve: bool):
    with time_machine.travel(filed, tick=False):
        request = file_request(requester, service, title="Laptop")
    step = Approval.objects.get(request=request)
    with time_machine.travel(filed + timedelta(hours=hours), tick=False):
        approvals.approval_decide(
            approval=step, actor=manager, approve=approve, reason="" if approve else "No budget"
        )
    request.refresh_from_db()
    return request


def _cell(department, service_key=ALL_SERVICES) -> ReportCell:
    return ReportCell.objects.get(
        period_kind="month",
        period_start=date(2026, 3, 1),
        department=department,
        service_key=service_key,
        client_type=ALL_CLIENTS,
    )


@pytest.fixture
def three_decisions(approval_service, requester, manager):
    """Approved after 2 h and 10 h, rejected after 4 h; all in March 2026."""
    day = datetime(2026, 3, 10, 9, 0, tzinfo=WARSAW)
    return [
        _decide_after(requester, approval_service, manager, day, 2, True),
        _decide_after(requester, approval_service, manager, day, 10, True),
        _decide_after(requester, approval_service, manager, day, 4, False),
    ]


def test_the_last_decision_stamps_the_request(three_decisions):
    approved, _later, rejected = three_decisions
    assert approved.status == Status.NEW
    assert approved.approval_seconds == 2 * 3600
    assert approved.approval_decided_at == approved.approved_at
    assert rejected.status == Status.REJECTED
    assert rejected.approval_seconds == 4 * 3600
    assert rejected.approved_at is None


def test_a_request_without_approval_has_no_approval_time(service_a2, requester):
    request = file_request(requester, service_a2)
    assert request.approval_decided_at is None
    assert request.approval_seconds is None


def test_figures_of_the_period(three_decisions, dept_a, approval_service):
    reports.recompute_periods([MARCH], [dept_a.pk], company=True)
    for cell in (_cell(dept_a), _cell(dept_a, approval_service.pk)):
        assert cell.approvals_decided == 3
        assert cell.approvals_rejected == 1
        assert cell.rejected_share == pytest.approx(100 / 3)
        assert cell.approval_median_hours == pytest.approx(4.0)
        assert cell.approval_p90_hours == pytest.approx(8.8)  # 4 + 0.8 × (10 − 4)
    company = ReportCell.objects.get(
        period_kind="month",
        period_start=date(2026, 3, 1),
        department_key=0,
        service_key=ALL_SERVICES,
        client_type=ALL_CLIENTS,
    )
    assert company.approvals_decided == 3


def test_the_decision_marks_its_cells_and_the_outbox_matches_a_full_recompute(
    three_decisions, dept_a
):
    # The decisions marked their cells stale in their own transactions.
    assert reports.has_stale()
    while reports.recompute_stale().claimed:
        pass
    incremental = _cell(dept_a)
    assert (incremental.approvals_decided, incremental.approvals_rejected) == (3, 1)
    assert incremental.approval_median_hours == pytest.approx(4.0)
    ReportCell.objects.all().delete()
    reports.recompute_periods([MARCH], [dept_a.pk], company=False)
    full = _cell(dept_a)
    assert (full.approvals_decided, full.approval_median_hours, full.approval_p90_hours) == (
        incremental.approvals_decided,
        incremental.approval_median_hours,
        incremental.approval_p90_hours,
    )


def test_the_department_report_shows_approvals(
    three_decisions, dept_a, approval_service, client, head_a
):
    reports.recompute_periods([MARCH], [dept_a.pk], company=True)
    client.force_login(head_a)
    url = reverse("feedback:department-report", args=[dept_a.slug])
    page = client.get(url, {"kind": "month", "period": "2026-03"})
    assert page.status_code == 200
    table = page.context["report"].tables["approvals"]
    assert [label for label, _values in table.rows] == [approval_service.localized_name]
    assert "Approvals by service" in page.content.decode()
    csv = client.get(
        url, {"kind": "month", "period": "2026-03", "format": "csv", "table": "approvals"}
    )
    assert csv.status_code == 200
    lines = csv.content.decode().splitlines()
    assert lines[1].split(",")[1:] == ["3", "4.0", "8.8", "33.3"]


def test_no_approvals_section_for_a_department_without_them(dept_a, client, head_a, service_a):
    client.force_login(head_a)
    page = client.get(reverse("feedback:department-report", args=[dept_a.slug]))
    assert page.context["report"].tables["approvals"].rows == []
    assert "Approvals by service" not in page.content.decode()
    assert not Request.objects.exists()
