"""Journeys through Desk in a real Chromium, done the way people do them, checked as they see them.

Each journey uses the demo company's organisation (tests/e2e/conftest.py: `company`), logs its
people in through the login form, looks at every page it visits with axe-core and saves pictures
of them (artifacts/screenshots/<journey>-<page>-{desktop,phone}.png). Texts are asserted through
`t(...)`: Desk's own message ids and catalog names in the page's language, so each journey
runs in English and in Polish.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from departments.models import FieldKind
from desk.models import Priority, Request
from feedback.models import Feedback
from tests.e2e.helpers import tiny_png
from tests.factories import file_request

# Every journey in both of Desk's languages: the browser asks for the language, Desk follows.
pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("lang", ["en", "pl"])]


def fill_extra_field(page: Page, field, day: str, t) -> str:
    """Answer one of a service's extra questions as a person would; returns the stored answer.

    Questions and options show in the page's language; the stored answer keeps the English option.
    """
    control = page.get_by_label(t(field))
    if field.kind == FieldKind.CHOICE:
        choice = field.option_list[-1]
        control.select_option(value=choice)
        return choice
    value = {FieldKind.DATE: day, FieldKind.NUMBER: "2"}.get(field.kind, f"About {field.label}")
    control.fill(value)
    return value


# --- 1. An operational employee files a request ---------------------------------------------------


def test_file_request(company, browser_as, inspector, t):
    me = company.clients("operational")[0]
    service = company.service("IT", "new-laptop")
    fields = company.fields(service)
    assert fields, "the journey needs a service with extra questions"
    page = browser_as(me)

    page.get_by_role("link", name=t("Services"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("What do you need?"))
    inspector.look(page, "catalog")

    # Typing filters the catalog as you go (htmx), and says how many services match.
    term = max(t(service).split(), key=len)  # "workstation" from "New laptop or workstation"
    search = page.get_by_role("searchbox", name=t("Search services"))
    search.press_sequentially(term, delay=40)
    other = company.service("HR", "payslip")
    expect(page.get_by_role("link", name=t(other))).to_have_count(0)
    expect(page.locator("#catalog-count")).to_contain_text(term)
    expect(page).to_have_url(re.compile(r"[?&]q="))
    inspector.look(page, "catalog-search")

    page.get_by_role("link", name=t(service)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t(service))

    title = "Laptop for our new analyst"
    page.get_by_label(t("Title")).fill(title)
    page.get_by_label(t("Description")).fill("She starts on Monday and works with large datasets.")
    page.get_by_label(t("Priority")).select_option(label=t("High"))
    needed_by = (company.anchor + timedelta(days=14)).date().isoformat()
    answers = {}
    for field in fields:
        answers[field.label] = fill_extra_field(page, field, needed_by, t)
    page.get_by_label(t("Attachments")).set_input_files(
        files=[{"name": "desk-layout.png", "mimeType": "image/png", "buffer": tiny_png()}]
    )
    inspector.look(page, "request-form")
    page.get_by_role("button", name=t("File request")).click()

    expect(page).to_have_url(re.compile(r"/requests/[A-Z0-9]+-[0-9]+/$"))
    filed = Request.objects.get(requester=me)
    expect(page).to_have_url(re.compile(rf"/requests/{filed.reference}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("status")).to_contain_text(filed.reference)
    expect(page.locator(".req-ref")).to_have_text(filed.reference)
    answers_list = page.locator("dl.answers")
    for label, value in answers.items():
        if value == needed_by:  # a date is shown in the reader's format, not as typed
            continue
        expect(answers_list).to_contain_text(label)
        expect(answers_list).to_contain_text(value)
    expect(page.get_by_role("link", name=re.compile("desk-layout.png"))).to_be_visible()
    inspector.look(page, "request")

    page.get_by_role("navigation", name=t("Main")).get_by_role(
        "link", name=t("My requests")
    ).click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=title))
    expect(row).to_have_count(1)
    expect(row).to_contain_text(filed.reference)
    expect(row).to_contain_text(t(service))
    inspector.look(page, "my-requests")

    row.get_by_role("link", name=title).click()
    expect(page).to_have_url(re.compile(rf"/requests/{filed.reference}/$"))


# --- 4. A rejected form keeps what the person typed and says what is wrong where -------------------


def test_form_errors(company, browser_as, inspector, t):
    me = company.clients("operational")[0]
    service = company.service("IT", "new-laptop")
    fields = company.fields(service)
    required = [f for f in fields if f.required and f.kind == FieldKind.TEXT]
    missing = [f for f in fields if f.required and f.kind != FieldKind.TEXT]
    assert required
    assert missing
    page = browser_as(me)
    page.goto(f"/catalog/{service.department.slug}/{service.slug}/new/")

    # A title, one answer, a long description over the limit... and nothing else.
    page.get_by_label(t("Title")).fill("Screen flickers")
    page.get_by_label(t(required[0])).fill("Kasia from accounting")
    page.get_by_role("button", name=t("File request")).click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(t("Please correct the highlighted fields:"))
    expect(summary).to_be_focused()  # keyboard and screen-reader users start at the summary
    # What was typed is still there.
    expect(page.get_by_label(t("Title"))).to_have_value("Screen flickers")
    expect(page.get_by_label(t(required[0]))).to_have_value("Kasia from accounting")

    for label in [t("Description"), *(t(f) for f in missing)]:
        control = page.get_by_label(label, exact=False).first
        expect(control).to_have_attribute("aria-invalid", "true")
        # The message sits in the same field box, and the control names it as its description.
        box = page.locator(".form-field").filter(has=control)
        error = box.locator(".errorlist")
        expect(error).to_contain_text(t("This field is required."))
        error_id = error.get_attribute("id")
        described_by = (control.get_attribute("aria-describedby") or "").split()
        assert error_id in described_by, f"{label}: error {error_id} not in {described_by}"
        expect(control).to_have_accessible_description(re.compile(t("This field is required.")))
        # The summary links to the field.
        expect(summary.get_by_role("link", name=label)).to_be_visible()
    # Fields that were right are not marked.
    expect(page.get_by_label(t("Title"))).not_to_have_attribute("aria-invalid", "true")
    inspector.look(page, "errors")

    # Following a summary link puts the cursor in that field.
    summary.get_by_role("link", name=t("Description")).click()
    expect(page.get_by_label(t("Description"))).to_be_focused()
    assert not Request.objects.exists()


# --- 5. Someone else's request is simply not there ------------------------------------------------


def test_someone_elses_request(company, browser_as, inspector, t):
    owner, me = company.clients("operational")[:2]
    theirs = file_request(owner, company.service("HR", "payslip"), title="My salary in March")
    page = browser_as(me)

    response = page.goto(theirs.get_absolute_url())
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text(t("We cannot find that page"))
    expect(page.get_by_text("My salary in March")).to_have_count(0)
    # It is Desk's own page: the same header, navigation and way back.
    expect(page.get_by_role("navigation", name=t("Main"))).to_be_visible()
    expect(page.get_by_role("link", name=t("Go to Desk"))).to_be_visible()
    inspector.look(page, "not-found")

    # Not in My requests either, and the way back works.
    page.get_by_role("link", name=t("Go to Desk")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("What do you need?"))
    page.goto("/requests/")
    expect(page.get_by_role("link", name="My salary in March")).to_have_count(0)


# --- 2. The department works on it: queue, take, reply, reassign, resolve --------------------------


def _file_for(company, requester, title: str):
    """A request filed through the real service, as journey 1 leaves it."""
    service = company.service("IT", "new-laptop")
    return file_request(requester, service, title=title, priority=Priority.HIGH)


def test_department_work(company, browser_as, inspector, t):
    client, other_client = company.clients("operational")[:2]
    business = company.clients("business")[0]
    agent, agent2, head = company.it_agent, company.it_agent2, company.it_head
    mine = _file_for(company, client, "Laptop for our new analyst")
    # Other work in the same queue, which the filters must set aside.
    file_request(other_client, company.service("IT", "software"), title="Install a PDF editor")
    file_request(business, company.service("IT", "new-laptop"), title="Laptop for a consultant")

    # The agent narrows the queue down to new laptops for operational clients, nobody on them yet.
    page = browser_as(agent)
    page.get_by_role("navigation", name=t("Main")).get_by_role("link", name=t("Queue")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(t(company.it))
    expect(page.get_by_role("link", name="Install a PDF editor")).to_be_visible()
    inspector.look(page, "queue")
    page.get_by_label(t("Service"), exact=True).select_option(label=t(mine.service))
    expect(page.get_by_role("link", name="Install a PDF editor")).to_have_count(0)
    page.get_by_label(t("Client type")).select_option(label=t("Operational"))
    expect(page.get_by_role("link", name="Laptop for a consultant")).to_have_count(0)
    page.get_by_label(t("Assignee"), exact=True).select_option(label=t("Unassigned"))
    expect(page).to_have_url(re.compile(r"client_type=operational"))
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=mine.title))
    expect(row).to_have_count(1)
    inspector.look(page, "queue-filtered")

    # Takes it from the row: the row, the counts and the message change in place (htmx).
    row.get_by_role("button", name=re.compile(rf"^{t('Take')}\b")).click()
    expect(page.locator("#messages")).to_contain_text(mine.reference)
    row = page.locator(f"#queue-row-{mine.pk}")
    expect(row).to_contain_text(agent.full_name)
    expect(row).to_contain_text(t("In progress"))
    inspector.look(page, "queue-taken")

    # Opens it and replies to the requester.
    row.get_by_role("link", name=mine.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(mine.title)
    reply = "We have a 14-inch model ready. Is a docking station needed as well?"
    page.get_by_label(t("Message")).fill(reply)
    page.get_by_role("button", name=t("Send")).click()
    expect(page.get_by_role("status")).to_contain_text(t("Your message was added."))
    expect(page.locator(".timeline")).to_contain_text(reply)
    inspector.look(page, "request-staff")

    # The head gives it to a colleague.
    boss = browser_as(head)
    boss.goto(mine.get_absolute_url())
    staff = boss.get_by_role("region", name=t("Work on this request"))
    staff.get_by_label(t("Assignee"), exact=True).select_option(label=agent2.full_name)
    staff.get_by_role("button", name=t("Assign"), exact=True).click()
    expect(boss.get_by_role("status").first).to_contain_text(agent2.full_name)
    expect(boss.locator(".facts")).to_contain_text(agent2.full_name)
    inspector.look(boss, "request-head")

    # The colleague finds it under My work and resolves it.
    colleague = browser_as(agent2)
    colleague.get_by_role("link", name=t("My work")).first.click()
    colleague.get_by_role("link", name=mine.title).click()
    staff = colleague.get_by_role("region", name=t("Work on this request"))
    staff.get_by_label(t("Status"), exact=True).select_option(label=t("Resolved"))
    staff.get_by_role("button", name=t("Change")).click()
    expect(colleague.locator(".req-title")).to_contain_text(t("Resolved"))
    inspector.look(colleague, "request-resolved")

    mine.refresh_from_db()
    assert (mine.status, mine.assignee) == ("resolved", agent2)


# --- 3. The requester rates the work; the head acts on it; the report counts it -------------------


def _resolved_with_reply(company, requester, title: str, reply: str):
    from desk import services

    req = _file_for(company, requester, title)
    agent = company.it_agent
    services.request_take(request=req, actor=agent)
    services.comment_add(request=req, author=agent, body=reply, internal=False, files=[])
    services.request_change_status(request=req, actor=agent, status="resolved")
    req.refresh_from_db()
    return req


def test_rating_and_report(company, browser_as, inspector, t):
    client, head = company.clients("operational")[0], company.it_head
    reply = "Your laptop is ready at the IT desk, room 2.14."
    req = _resolved_with_reply(company, client, "Laptop for our new analyst", reply)

    # Before: the report for this month has no rating of IT yet.
    boss = browser_as(head)
    boss.goto(f"/reports/{company.it.slug}/")
    csat = boss.locator(".report-tiles .count-tile").filter(has_text=t("CSAT")).locator("strong")
    expect(csat).to_have_text("—")

    # The requester reads the reply and rates the work.
    page = browser_as(client)
    page.get_by_role("navigation", name=t("Main")).get_by_role(
        "link", name=t("My requests")
    ).click()
    page.get_by_role("link", name=req.title).click()
    expect(page.locator(".timeline")).to_contain_text(reply)
    inspector.look(page, "request-resolved")
    page.get_by_role("link", name=t("Rate this request")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("How did we do?"))
    overall = t("Overall, how satisfied are you with how this request was handled?")
    rating = page.get_by_role("group", name=re.compile(re.escape(overall)))
    rating.get_by_role("radio").nth(4).check()  # the fifth of five: very satisfied
    for aspect, score in ((t("Quality of the result"), 4), (t("Speed"), 5)):
        group = page.get_by_role("group", name=aspect, exact=True)
        group.get_by_role("radio").nth(score - 1).check()
    comment = "Quick and friendly, but the charger was missing."
    page.get_by_label(t("Comment")).fill(comment)
    inspector.look(page, "rate")
    page.get_by_role("button", name=t("Send feedback")).click()
    expect(page.get_by_role("region", name=t("Your feedback"))).to_contain_text(comment)
    inspector.look(page, "request-rated")

    # The head sees it on the request page, follows it to the department's feedback list and
    # says what was done.
    boss.goto(req.get_absolute_url())
    expect(boss.get_by_role("region", name=re.compile(client.full_name))).to_contain_text(comment)
    boss.get_by_role("link", name=t("Mark it as acted upon in the department's feedback")).click()
    row = boss.get_by_role("row").filter(has_text=req.reference)
    expect(row).to_contain_text(comment)
    expect(row).to_contain_text(t("Needs action"))
    inspector.look(boss, "feedback-list")
    row.get_by_text(t("Mark acted upon")).click()
    row.get_by_label(t("What was done about it?")).fill("Charger sent by internal mail.")
    row.get_by_role("button", name=t("Save")).click()
    row = boss.locator(f"#feedback-{Feedback.objects.get(request=req).pk}")
    expect(row).to_contain_text(t("Acted upon"))
    expect(row).to_contain_text("Charger sent by internal mail.")
    inspector.look(boss, "feedback-acted")

    # The report counts the new rating: the recomputation ran after the rating was saved (eagerly
    # in the live server here; tests/prod covers a real worker).
    boss.goto(f"/reports/{company.it.slug}/")
    expect(csat).to_have_text(re.compile(r"^100\s*%$"))
    inspector.look(boss, "report")

    # And the requester sees the head's note on the request page.
    page.reload()
    expect(page.get_by_role("region", name=t("Your feedback"))).to_contain_text(
        "Charger sent by internal mail."
    )
