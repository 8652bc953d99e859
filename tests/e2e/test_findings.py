"""Where to improve, in English and Polish: a head opens the department's report on last month,
reads what went worse, and follows a finding to the requests behind it in the queue."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
from playwright.sync_api import expect

from desk.models import Request
from feedback import periods, reports
from feedback.periods import PeriodKind
from tests.feedback.reportdata import make_request, rate, resolved

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("lang", ["en", "pl"])]


def _month_story(company):
    """The month before last: New laptop met every target and pleased everyone; last month it
    met one target of four and three of its requesters rated it low, about the same thing."""
    this_month = periods.start_of(PeriodKind.MONTH, periods.today())
    last = periods.previous_start(PeriodKind.MONTH, this_month)
    before = periods.previous_start(PeriodKind.MONTH, last)
    service = company.service("IT", "new-laptop")
    people = company.clients("operational")[:4]
    tz = periods.report_tz()

    def filed(month, day, person, *, met, rating, comment="", title):
        start = datetime.combine(month + timedelta(days=day), time(9), tzinfo=tz)
        request = make_request(
            person,
            service,
            start,
            first_response_at=start + timedelta(hours=1),
            first_response_business_seconds=3600,
            **resolved(start + timedelta(days=1), 24, 8, met),
        )
        Request.objects.filter(pk=request.pk).update(title=title)
        feedback = rate(request, rating, start + timedelta(days=1, hours=3))
        if comment:
            feedback.comment = comment
            feedback.save(update_fields=["comment"])
        return request

    for day in (1, 3, 5):
        filed(before, day, people[3], met=True, rating=5, title=f"Earlier laptop {day}")
    complaints = ["The docking station is missing", "Docking station still missing", "Slow"]
    for day, person, comment in zip((1, 4, 7), people[:3], complaints, strict=True):
        filed(last, day, person, met=day == 1, rating=1, comment=comment, title=f"Laptop {day}")
    filed(last, 9, people[3], met=False, rating=5, title="Laptop for the new analyst")
    reports.recompute_range(before, last + timedelta(days=27), [company.it.pk])
    return last


def test_where_to_improve(company, browser_as, inspector, t):
    last = _month_story(company)
    head = company.it_head
    page = browser_as(head)
    page.goto(f"/reports/{company.it.slug}/?kind=month&period={last:%Y-%m}")
    improve = page.get_by_role("region", name=t("Where to improve"))
    expect(improve).to_be_visible()
    findings = improve.locator(".finding")
    expect(findings.first).to_contain_text(t(company.service("IT", "new-laptop")))
    expect(findings.first).to_contain_text("25 %")
    expect(improve).to_contain_text("docking")
    inspector.look(page, "report-findings")

    # The words of the low ratings lead to the requests rated low last month, and no others.
    words = improve.locator(".finding--comment_words")
    words.get_by_role("link", name=re.compile(t("See the requests"))).click()
    expect(page).to_have_url(re.compile(r"/queue/\?state=all&period=\d{4}-\d{2}&low_rated=1$"))
    table = page.locator("#queue-table")
    for day in (1, 4, 7):
        expect(table).to_contain_text(f"Laptop {day}")
    expect(table).not_to_contain_text("Laptop for the new analyst")
    expect(table).not_to_contain_text("Earlier laptop")
    inspector.look(page, "findings-queue")
    inspector.assert_no_problems()
