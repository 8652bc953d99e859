"""Accessibility and feel, on a busy Desk: the demo company with half a year of requests.

The journeys (test_journeys.py) check every page they pass with axe-core on a small, fresh
company. Here the same pages, and the ones the journeys do not reach, are checked full of data
(long tables, overdue badges, charts), plus what axe cannot see: that overdue is said in words
and not only in red, that htmx updates reach screen readers through a live region, and that an
action the person waits for shows it is busy.

DESK_DOCS_SCREENSHOTS=1 also writes the README's pictures (docs/screenshots/).
"""

from __future__ import annotations

import os
import random
import re
from dataclasses import dataclass
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from desk.models import Priority, Request, Status
from tests.e2e.helpers import LOCALES, ROOT, SIZES
from tests.factories import file_request

pytestmark = pytest.mark.e2e

DOCS = ROOT / "docs" / "screenshots"


@dataclass
class Busy:
    demo: object  # demo.company.Demo
    working: Request | None = None  # in progress, with a reply to the client

    def person(self, name: str):
        return self.demo.organisation.people[name]

    @property
    def it(self):
        return self.demo.organisation.departments["IT"]

    @property
    def it_head(self):
        return self.demo.organisation.heads["IT"][0]

    @property
    def it_agent(self):
        return self.demo.organisation.agents["IT"][0]

    @property
    def client(self):
        """The featured operational client of the demo's login list."""
        from demo.company import demo_logins

        name = next(login.name for login in demo_logins() if "Operational" in login.role)
        return self.person(name)


def _add_current_work(busy: Busy) -> None:
    """Work the pages must show whatever the demo's history holds today: new requests nobody
    has taken (one of them overdue) and one in progress with a reply, all from the client."""
    from desk import services

    laptop = next(s for s in busy.demo.organisation.services if s.slug == "new-laptop")
    vpn = next(s for s in busy.demo.organisation.services if s.slug == "account-locked")
    # Filed a week ago (the clock moved back for the filing only): overdue by now.
    with time_machine.travel(timezone.now() - timedelta(days=7), tick=True):
        file_request(busy.client, laptop, title="Second screen for the design team")
    file_request(busy.client, vpn, title="Locked out of the VPN")
    file_request(busy.client, laptop, title="Laptop battery swells", priority=Priority.URGENT)
    busy.working = file_request(
        busy.client,
        laptop,
        title="Laptop for our new analyst",
        description="Marta joins the analytics team on Monday and works with large data sets. "
        "She needs the laptop set up with Power BI and access to the shared reports folder.",
    )
    services.request_take(request=busy.working, actor=busy.it_agent)
    services.comment_add(
        request=busy.working,
        author=busy.it_agent,
        body="We have a 14-inch model ready. Do you need a docking station as well?",
    )


def _busy(demo_built) -> Busy:
    company = Busy(demo_built)
    _add_current_work(company)
    return company


@pytest.fixture
def busy(transactional_db) -> Busy:
    """The demo company and half a year of its requests, plus current work (about 2 s)."""
    from demo.common import demo_anchor
    from demo.company import Demo
    from demo.parts.organisation import build_organisation
    from demo.parts.requests import build_requests

    anchor = demo_anchor()
    with translation.override("en"):
        org = build_organisation(anchor=anchor, rng=random.Random("e2e:organisation"))
        requests = build_requests(org, anchor=anchor, rng=random.Random("e2e:requests"))
    return _busy(Demo(anchor=anchor, organisation=org, requests=requests))


@pytest.fixture
def whole_demo(transactional_db) -> Busy:
    """The whole demo, as `make demo` loads it: ratings, subscriptions and computed report
    cells too (about 6 s on SQLite, so only for the tour)."""
    from demo.company import build_demo

    return _busy(build_demo())


def docs_picture(page: Page, name: str, size: str) -> None:
    """A README picture: what fits the screen, not the whole page."""
    if not os.environ.get("DESK_DOCS_SCREENSHOTS"):
        return
    DOCS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(SIZES[size])
    page.screenshot(path=DOCS / f"{name}-{size}.png", animations="disabled", caret="hide")
    page.set_viewport_size(SIZES["desktop"])


LIVE = "[aria-live]:not([aria-live='off']), [role=status], [role=alert], [role=log]"


def announcements(page: Page) -> list[str]:
    """Mark the live regions on the page now and return their text. Screen readers speak when a
    live region that was already there changes; one that arrives with new content is often
    skipped, so only these marked regions count as announcing the next update."""
    return page.eval_on_selector_all(
        LIVE,
        """els => els.map((el, i) => {
            el.dataset.e2eLive = String(i);
            return el.textContent.trim().replace(/\\s+/g, " ");
        })""",
    )


def assert_announced(page: Page, before: list[str], what: str) -> None:
    after = page.evaluate(
        """(count) => Array.from({length: count}, (_, i) => {
            const el = document.querySelector(`[data-e2e-live="${i}"]`);
            return el ? el.textContent.trim().replace(/\\s+/g, " ") : null;
        })""",
        len(before),
    )
    changed = [new for old, new in zip(before, after, strict=True) if new and new != old]
    assert changed, f"{what}: no live region that was on the page changed ({before} → {after})"


def watch_busy(page: Page, selector: str) -> None:
    """From now on, note (in sessionStorage, which outlives a form's page change) whether an
    element matching `selector` ever says it is busy: aria-busy="true" or disabled."""
    page.evaluate(
        """(selector) => {
            sessionStorage.removeItem("e2e-busy");
            const note = () => {
                for (const el of document.querySelectorAll(selector)) {
                    if (el.disabled || el.getAttribute("aria-busy") === "true") {
                        sessionStorage.setItem("e2e-busy", "yes");
                    }
                }
            };
            new MutationObserver(note).observe(document.body, {
                subtree: true, attributes: true, attributeFilter: ["disabled", "aria-busy"],
            });
        }""",
        selector,
    )


def busy_seen(page: Page) -> bool:
    return page.evaluate("sessionStorage.getItem('e2e-busy') === 'yes'")


# --- every page, full of data ---------------------------------------------------------------------


def test_tour(whole_demo, browser_as, inspector, t):
    """Each role's pages; every page's problems are collected and reported together."""
    busy = whole_demo
    inspector.soft = True

    # A requester: the catalog with its figures, own requests in each state, notifications.
    page = browser_as(busy.client)
    page.goto("/catalog/")
    inspector.look(page, "catalog")
    docs_picture(page, "catalog", "desktop")
    page.goto("/requests/")
    inspector.look(page, "my-requests")
    page.get_by_role("link", name=t("Resolved")).click()
    expect(page.get_by_role("link", name=t("Resolved"))).to_have_attribute("aria-current", "page")
    inspector.look(page, "my-requests-resolved")
    page.goto(busy.working.get_absolute_url())
    inspector.look(page, "request-in-progress")
    docs_picture(page, "request", "phone")
    mine = Request.objects.filter(requester=busy.client)
    for status in (Status.WAITING, Status.RESOLVED, Status.CLOSED):
        req = mine.filter(status=status).order_by("-created_at").first()
        if req is not None:  # whatever the demo's history holds today
            page.goto(req.get_absolute_url())
            inspector.look(page, f"request-{status}")
    page.goto("/notifications/")
    inspector.look(page, "notifications")
    page.goto("/profile/")
    inspector.look(page, "profile")

    # The head of IT: the queue, a request being worked on, feedback and reports.
    page = browser_as(busy.it_head)
    page.goto(f"/departments/{busy.it.slug}/queue/")
    inspector.look(page, "queue")
    docs_picture(page, "queue", "desktop")
    page.goto(f"/departments/{busy.it.slug}/queue/?state=all")
    inspector.look(page, "queue-all")
    page.goto(busy.working.get_absolute_url())
    inspector.look(page, "request-staff")
    page.goto("/my-work/")
    inspector.look(page, "my-work")
    page.goto(f"/departments/{busy.it.slug}/feedback/")
    inspector.look(page, "feedback-list")
    page.goto(f"/reports/{busy.it.slug}/")
    inspector.look(page, "report-department")

    # The admin's company overview.
    page = browser_as(busy.demo.organisation.admin)
    page.goto("/reports/")
    inspector.look(page, "reports")

    inspector.assert_no_problems()


def test_logged_out(new_context, inspector, lang, t):
    page = new_context(locale=LOCALES[lang]).new_page()
    inspector.watch(page)
    page.goto("/login/")
    inspector.look(page, "login")
    page.get_by_role("button", name=t("Log in")).click()
    expect(page.get_by_role("alert")).to_be_visible()
    inspector.look(page, "login-errors")
    page.get_by_role("link", name=t("Forgot your password?")).click()
    inspector.look(page, "password-reset")


# --- what axe cannot judge ------------------------------------------------------------------------


def test_overdue_in_words(busy, browser_as, inspector, t):
    page = browser_as(busy.it_head)
    page.goto(f"/departments/{busy.it.slug}/queue/?overdue=1")
    rows = page.locator("tr.is-overdue")
    expect(rows.first).to_be_visible()
    for size in ("desktop", "phone"):
        page.set_viewport_size(SIZES[size])
        for row in rows.all():
            expect(row).to_contain_text(re.compile(re.escape(t("overdue by %(time)s")[:10])))
            assert re.search(t("overdue by %(time)s")[:10], row.inner_text()), size
    inspector.look(page, "queue-overdue")


def test_wide_tables_scroll_in_their_frame_not_the_page(busy, browser_as):
    """Between a phone and a wide laptop the queue's nine columns and the reports' grids are
    wider than the window: they scroll sideways within their frame (.table-wrap); the page
    itself never does, or its header and filters would slide away with them. A cell's
    visually hidden text is positioned absolutely: it must stay inside the frame as well."""
    page = browser_as(busy.it_head)
    for path in (f"/departments/{busy.it.slug}/queue/", f"/reports/{busy.it.slug}/"):
        page.goto(path)
        for width in (320, 390, 700, 900, 1100, 1366):
            page.set_viewport_size({"width": width, "height": 800})
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width, f"{path} at {width} px is {scroll_width} px wide"
    # What is checked is there: at 900 px the queue's table is wider than its frame.
    page.goto(f"/departments/{busy.it.slug}/queue/")
    page.set_viewport_size({"width": 900, "height": 800})
    assert page.locator(".table-wrap").first.evaluate("e => e.scrollWidth > e.clientWidth")


def test_htmx_updates_are_announced(busy, browser_as, inspector, t):
    page = browser_as(busy.it_head)

    # The catalog says how many services match, in a live region that is there from the start.
    page.goto("/catalog/")
    before = announcements(page)
    page.get_by_role("searchbox", name=t("Search services")).press_sequentially("laptop")
    expect(page.locator("#catalog-count")).to_contain_text("laptop")
    assert_announced(page, before, "catalog search")

    # A row action in the queue says what it did.
    page.goto(f"/departments/{busy.it.slug}/queue/?assignee=unassigned")
    before = announcements(page)
    take = page.get_by_role("button", name=re.compile(rf"^{t('Take')} ")).first
    take.click()
    expect(page.locator("#messages")).not_to_be_empty()
    assert_announced(page, before, "taking a request in the queue")

    # Filtering the queue says how many requests are left.
    before = announcements(page)
    page.get_by_label(t("Priority"), exact=True).select_option(index=1)
    expect(page).to_have_url(re.compile(r"priority="))
    page.wait_for_load_state("networkidle")
    assert_announced(page, before, "filtering the queue")


def test_waiting_shows_busy(busy, browser_as, t):
    # Filing: the button says it is working (and cannot be pressed twice) until the page changes.
    # (The service's own questions are left out, so the form comes back: the page changes.)
    page = browser_as(busy.client)
    page.goto(f"/catalog/{busy.it.slug}/new-laptop/new/")
    page.get_by_label(t("Title")).fill("Busy state")
    page.get_by_label(t("Description")).fill("Does the button say it is working?")
    watch_busy(page, "button[type=submit]")
    page.get_by_role("button", name=t("File request")).click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert busy_seen(page), "the File request button never showed it was busy"

    # A bulk action in the queue disables its button until the answer comes.
    boss = browser_as(busy.it_head)
    boss.goto(f"/departments/{busy.it.slug}/queue/?assignee=unassigned")
    boss.locator(".queue-pick-box").first.check()
    boss.get_by_label(t("With the selected requests:")).select_option(value="take")
    watch_busy(boss, "#queue-bulk button")
    boss.get_by_role("button", name=t("Apply to selected")).click()
    expect(boss.locator("#messages")).not_to_be_empty()
    assert busy_seen(boss), "the bulk action's button never showed it was busy"
