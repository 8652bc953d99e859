"""Two approvers deciding the same step at the same moment, on PostgreSQL's row locks.

Each thread has its own database connection; the request row lock in desk.approvals makes the
second wait for the first to commit, then re-read the step and refuse, naming who decided.
"""

from __future__ import annotations

import pytest

from departments.models import ApprovalStep, ApproverKind, Role
from desk import approvals, services
from desk.models import Approval, Decision, EventKind, Request, Status
from tests.desk.test_concurrency import fresh, race
from tests.factories import DepartmentFactory, EmployeeFactory, MembershipFactory, file_request

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_heads_deciding_at_once_make_one_decision(requester, service_a):
    finance = DepartmentFactory(name="Finance", slug="finance", code="FIN")
    heads = [
        EmployeeFactory(full_name="Fiona Finance"),
        EmployeeFactory(full_name="Frank Finance"),
    ]
    for head in heads:
        MembershipFactory(department=finance, employee=head, role=Role.HEAD)
    ApprovalStep.objects.create(
        service=service_a, approver_kind=ApproverKind.DEPARTMENT_HEAD, department=finance
    )
    req = file_request(requester, service_a)
    step = Approval.objects.get(request=req)
    first, second = fresh(heads[0]), fresh(heads[1])
    results, errors = race(
        lambda: approvals.approval_decide(approval=step, actor=first, approve=True),
        lambda: approvals.approval_decide(
            approval=step, actor=second, approve=False, reason="Too expensive."
        ),
    )
    assert len(results) == 1
    assert len(errors) == 1
    (error,) = errors.values()
    assert isinstance(error, services.ConflictError)
    winner = heads[0] if 0 in results else heads[1]
    assert error.messages[0].startswith(f"{winner.full_name} already ")
    step.refresh_from_db()
    assert step.decided_by == winner
    req = Request.objects.get(pk=req.pk)
    if step.decision == Decision.APPROVED:
        assert req.status == Status.NEW
        assert req.due_at is not None
    else:
        assert req.status == Status.REJECTED
    assert req.events.filter(kind=EventKind.APPROVAL).count() == 1
    assert req.events.filter(kind=EventKind.STATUS).count() == 1
