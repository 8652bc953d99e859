"""Effort and cost in a real Chromium, in both languages: a request is filed, approved by the line
manager, worked by IT, who log their time from the queue's row menu and from the request page,
resolved and rated; the head's report then shows what it cost and how long the approval took. The
requester never sees the time.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import translation
from playwright.sync_api import expect

from departments.models import ApprovalStep, ApproverKind, HourlyRate
from desk.models import Request, Status, TimeLog
from desk.money import effort_words, money
from feedback.models import ALL_CLIENTS, ReportCell
from feedback.report_pages import display
from tests.e2e.helpers import file_laptop_request

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("lang", ["en", "pl"])]


def test_effort_and_cost(company, browser_as, inspector, t, lang):
    me, boss = company.clients("operational")[:2]
    me.manager = boss
    me.save()
    service = company.service("IT", "new-laptop")
    ApprovalStep.objects.create(service=service, approver_kind=ApproverKind.MANAGER)
    HourlyRate.objects.create(
        department=company.it,
        amount=Decimal("60.00"),
        valid_from=company.anchor.date() - timedelta(days=30),
    )
    agent, head = company.it_agent, company.it_head

    # The requester files; the manager approves.
    page = browser_as(me)
    file_laptop_request(page, company, service, t)
    expect(page).to_have_url(re.compile(r"/requests/IT-[0-9]+/$"))
    req = Request.objects.get(requester=me)
    manager = browser_as(boss)
    manager.get_by_role("link", name=t("Approvals")).click()
    card = manager.get_by_role("article", name=req.title)
    card.get_by_role("button", name=t("Approve")).click()
    expect(card.get_by_role("status")).to_contain_text(req.reference)
    req.refresh_from_db()
    assert req.status == Status.NEW

    # The agent logs half an hour from the queue's row menu (htmx, in place).
    staff = browser_as(agent)
    staff.goto(f"/departments/{company.it.slug}/queue/")
    row = staff.locator(f"#queue-row-{req.pk}")
    row.locator("summary").click()
    minutes = row.get_by_label(re.compile(re.escape(t("Log time"))))
    minutes.fill("30")
    row.get_by_role("button", name=re.compile(rf"^{re.escape(t('Log'))}\b")).click()
    expect(row.get_by_role("status")).to_contain_text(req.reference)
    inspector.look(staff, "queue-time-logged")
    assert TimeLog.objects.get(request=req).minutes == 30

    # Opens the request, takes it, and logs 45 minutes more with a note on its page.
    row.get_by_role("link", name=req.title).click()
    expect(staff.get_by_role("heading", level=1)).to_have_text(req.title)
    work = staff.get_by_role("region", name=t("Work on this request"))
    work.get_by_role("button", name=t("Take it")).click()
    expect(staff.locator(".req-title")).to_contain_text(t("In progress"))
    spent = staff.get_by_role("region", name=t("Time spent"))
    spent.get_by_label(t("Minutes")).fill("0")
    spent.get_by_label(t("Note (optional)")).fill("Imaged and set up")
    spent.get_by_role("button", name=t("Log time")).click()
    # Refused in place, the note kept.
    expect(spent.get_by_label(t("Note (optional)"))).to_have_value("Imaged and set up")
    inspector.look(staff, "request-time-refused")
    spent.get_by_label(t("Minutes")).fill("45")
    spent.get_by_role("button", name=t("Log time")).click()
    with translation.override(lang):
        total, cost = effort_words(75), money(Decimal("75.00"))
    expect(spent.get_by_role("status")).to_contain_text(req.reference)
    expect(spent).to_contain_text(total)
    expect(spent).to_contain_text(cost)
    expect(spent).to_contain_text("Imaged and set up")
    inspector.look(staff, "request-time-logged")

    # Resolves it; the timeline shows the logged time to the team.
    staff.reload()
    expect(staff.locator(".timeline")).to_contain_text(
        t("logged %(minutes)s min") % {"minutes": 45}
    )
    work = staff.get_by_role("region", name=t("Work on this request"))
    work.get_by_label(t("Status"), exact=True).select_option(label=t("Resolved"))
    work.get_by_role("button", name=t("Change")).click()
    expect(staff.locator(".req-title")).to_contain_text(t("Resolved"))

    # The requester sees no time and no cost, and rates the work.
    page.reload()
    expect(page.locator("#time-log")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text(cost)
    expect(page.locator(".timeline")).not_to_contain_text("Imaged and set up")
    page.get_by_role("link", name=t("Rate this request")).click()
    overall = t("Overall, how satisfied are you with how this request was handled?")
    page.get_by_role("group", name=re.compile(re.escape(overall))).get_by_role("radio").nth(
        4
    ).check()
    page.get_by_role("button", name=t("Send feedback")).click()
    expect(page.get_by_role("region", name=t("Your feedback"))).to_be_visible()

    # The head's report shows the time and what it cost, by service and by client type.
    boss_page = browser_as(head)
    boss_page.goto(f"/reports/{company.it.slug}/")
    by_service = boss_page.get_by_role("region", name=t("Time and cost by service"))
    laptop_row = by_service.get_by_role("row").filter(has_text=t(service))
    expect(laptop_row).to_contain_text(cost)
    by_client = boss_page.get_by_role("region", name=t("Time and cost by client type"))
    expect(by_client.get_by_role("row").filter(has_text=t("Operational"))).to_contain_text(cost)
    inspector.look(boss_page, "report-cost")

    # And the approval: one decided, how long it took, none rejected.
    cell = ReportCell.objects.get(
        period_kind="month",
        period_start=company.anchor.date().replace(day=1),
        service_key=service.pk,
        client_type=ALL_CLIENTS,
    )
    assert (cell.approvals_decided, cell.approvals_rejected) == (1, 0)
    with translation.override(lang):
        waited = display(cell.approval_median_hours, "h")
        none_rejected = display(0.0, "%")
    approvals = boss_page.get_by_role("region", name=t("Approvals by service"))
    approved_row = approvals.get_by_role("row").filter(has_text=t(service))
    expect(approved_row).to_contain_text(waited)
    expect(approved_row).to_contain_text(none_rejected)
