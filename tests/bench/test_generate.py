"""The benchmark's company carries every figure the reports compute: approvals (decided before
the team's first response, some rejected) and logged time on resolved requests."""

from __future__ import annotations

import pytest
from django.db.models import F, Q

from bench.generate import Plan, generate
from desk.models import Request, Status
from feedback import reports
from feedback.models import ReportCell

pytestmark = pytest.mark.django_db


def test_approvals_and_effort_are_generated_and_reported():
    generate(Plan(requests=3_000, departments=4, services=24, employees=300))
    requests = Request.objects.all()
    approved = requests.exclude(approval_decided_at=None)
    assert approved.count() > 50
    assert approved.filter(status=Status.REJECTED).exists()
    assert not approved.filter(approval_decided_at__lt=F("created_at")).exists()
    assert not approved.filter(first_response_at__lt=F("approval_decided_at")).exists()
    resolved = requests.exclude(resolved_at=None)
    logged = resolved.exclude(effort_minutes=None)
    assert 0.6 < logged.count() / resolved.count() < 0.8
    assert not requests.filter(resolved_at=None).exclude(effort_minutes=None).exists()
    assert not logged.filter(Q(effort_cost_cents=None) | Q(effort_minutes__gt=720)).exists()
    first = requests.order_by("created_at").first().created_at.date()
    reports.recompute_range(first, requests.order_by("-created_at").first().created_at.date())
    cells = ReportCell.objects.filter(department=None, client_type="", period_kind="month")
    assert sum(cells.values_list("approvals_decided", flat=True)) == approved.count()
    assert sum(cells.values_list("effort_requests", flat=True)) == logged.count()
