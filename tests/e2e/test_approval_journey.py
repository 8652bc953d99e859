"""Approvals in a real Chromium: a request that needs the line manager's yes, in both languages.

The requester files, sees who decides; the manager finds it under “Approvals”, rejects without a
reason (and is told), then approves (the card updates in place, htmx); the requester sees the
decision and the department's queue now shows the request as work.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from departments.models import ApprovalStep, ApproverKind
from desk.models import Request, Status
from tests.e2e.helpers import file_laptop_request

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("lang", ["en", "pl"])]


def test_approval(company, browser_as, inspector, t):
    me, boss = company.clients("operational")[:2]
    me.manager = boss
    me.save()
    service = company.service("IT", "new-laptop")
    ApprovalStep.objects.create(service=service, approver_kind=ApproverKind.MANAGER)

    page = browser_as(me)
    file_laptop_request(page, company, service, t)
    expect(page).to_have_url(re.compile(r"/requests/IT-[0-9]+/$"))
    req = Request.objects.get(requester=me)
    assert req.status == Status.AWAITING_APPROVAL
    assert req.due_at is None
    approval = page.get_by_role("region", name=t("Approval"))
    expect(approval).to_contain_text(boss.full_name)
    expect(approval).to_contain_text(t("Deciding now"))
    expect(page.locator(".req-title")).to_contain_text(t("Awaiting approval"))
    inspector.look(page, "request-awaiting")

    manager = browser_as(boss)
    manager.get_by_role("link", name=t("Approvals")).click()
    expect(manager.get_by_role("heading", level=1)).to_have_text(t("Waiting for my approval"))
    card = manager.get_by_role("article", name=req.title)
    expect(card).to_contain_text(me.full_name)
    inspector.look(manager, "approvals")
    card.get_by_role("button", name=t("Reject")).click()
    expect(card).to_contain_text(t("Say why you reject it, so the requester knows."))
    inspector.look(manager, "approvals-reason-missing")
    card.get_by_role("button", name=t("Approve")).click()
    expect(card.get_by_role("status")).to_contain_text(req.reference)
    inspector.look(manager, "approvals-approved")
    req.refresh_from_db()
    assert req.status == Status.NEW
    assert req.due_at is not None

    page.reload()
    expect(page.locator(".req-title")).to_contain_text(t("New"))
    expect(page.get_by_role("region", name=t("Approval"))).to_contain_text(t("Approved"))
    expect(page.locator(".timeline")).to_contain_text(t("approved the request"))
    inspector.look(page, "request-approved")

    staff = browser_as(company.it_agent)
    staff.goto(f"/departments/{company.it.slug}/queue/")
    expect(staff.get_by_role("link", name=req.title)).to_be_visible()
