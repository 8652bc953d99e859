"""Journey 1 again without a mouse: Tab, Shift+Tab, Enter, Space and typing, nothing else.

Every control the journey passes on its way shows where the focus is (a visible ring), and the
keyboard reaches every control the journey needs in a sensible order.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import translation
from playwright.sync_api import Locator, Page, expect

from departments.models import FieldKind
from desk.models import Priority, Request
from tests.e2e.helpers import LOCALES, TIMEOUT_MS, assert_focus_visible, tiny_png

pytestmark = pytest.mark.e2e

MAX_TABS = 60


def is_focused(target: Locator) -> bool:
    return target.evaluate("el => el === document.activeElement")


def tab_to(page: Page, target: Locator, *, backwards: bool = False) -> list[dict]:
    """Press Tab (or Shift+Tab) until `target` has the focus; every stop must show its focus."""
    key = "Shift+Tab" if backwards else "Tab"
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if page.evaluate("document.activeElement === document.body"):
            continue  # past the last control the focus leaves the page; the next Tab wraps
        stops.append(assert_focus_visible(page))
        if is_focused(target):
            return stops
    pytest.fail(f"{key} never reached {target}; it stopped at: {[s['label'] for s in stops]}")


def type_date(page: Page, control: Locator, day: date) -> None:
    """Type a day into a date input, segment by segment, in the order the browser shows them."""
    for order in ("%m%d%Y", "%d%m%Y", "%Y%m%d"):
        page.keyboard.type(day.strftime(order))
        if control.input_value() == day.isoformat():
            return
        # Back out and in again: the focus returns to the first segment, typing overwrites.
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
    pytest.fail(f"could not type {day} into the date field")


def test_file_request_keyboard_only(company, new_context, inspector, lang, t, demo_password):
    me = company.clients("operational")[0]
    service = company.service("IT", "new-laptop")
    fields = company.fields(service)
    context = new_context(locale=LOCALES[lang])
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    inspector.watch(page)

    # Log in: the email field has the focus when the page opens.
    page.goto("/login/")
    expect(page.get_by_label(t("Email"))).to_be_focused()
    page.keyboard.type(me.email)
    page.keyboard.press("Tab")
    expect(page.get_by_label(t("Password"))).to_be_focused()
    page.keyboard.type(demo_password)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("What do you need?"))

    # The first Tab shows the skip link; Enter on it jumps over the navigation.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=t("Skip to content"))
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert_focus_visible(page)
    page.keyboard.press("Enter")
    search = page.get_by_role("searchbox", name=t("Search services"))
    tab_to(page, search)
    page.keyboard.type("laptop")
    expect(page.get_by_role("link", name=t(company.service("HR", "payslip")))).to_have_count(0)
    link = page.get_by_role("link", name=t(service))
    tab_to(page, link)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(t(service))

    # The form, field by field; Shift+Tab goes back to correct the title.
    title = page.get_by_label(t("Title"))
    tab_to(page, title)
    page.keyboard.type("Laptop for the new analyts")
    tab_to(page, page.get_by_label(t("Description")))
    page.keyboard.type("She starts on Monday.")
    tab_to(page, title, backwards=True)
    page.keyboard.press("End")  # tabbing into a field selects its text; keep it, fix the end
    page.keyboard.press("Backspace")
    page.keyboard.press("Backspace")
    page.keyboard.type("st")
    tab_to(page, page.get_by_label(t("Priority")))
    page.keyboard.type(t("High"))
    expect(page.get_by_label(t("Priority"))).to_have_value(str(Priority.HIGH))
    day = (company.anchor + timedelta(days=14)).date()
    for field in fields:
        control = page.get_by_label(t(field))
        tab_to(page, control)
        if field.kind == FieldKind.DATE:
            type_date(page, control, day)
        elif field.kind == FieldKind.CHOICE:
            with translation.override(lang):
                shown = field.option_choices[-1][1]  # the option as the page shows it
            page.keyboard.type(shown)  # a closed select picks by typed text
            expect(control.locator("option:checked")).to_have_text(shown)
        else:
            page.keyboard.type(f"About {field.label}")
    # Space on the file input opens the file chooser.
    tab_to(page, page.get_by_label(t("Attachments")))
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Space")
    chooser.value.set_files(
        files=[{"name": "desk.png", "mimeType": "image/png", "buffer": tiny_png()}]
    )
    tab_to(page, page.get_by_role("button", name=t("File request")))
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/requests/[A-Z0-9]+-[0-9]+/$"))
    filed = Request.objects.get(requester=me)
    expect(page).to_have_url(re.compile(rf"/requests/{filed.reference}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Laptop for the new analyst")
    assert filed.priority == Priority.HIGH
    assert len(filed.extra) == len(fields)

    # To My requests through the main navigation, and back into the request.
    mine = page.get_by_role("navigation", name=t("Main")).get_by_role("link", name=t("My requests"))
    tab_to(page, mine)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("My requests"))
    row_link = page.get_by_role("link", name="Laptop for the new analyst")
    tab_to(page, row_link)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/requests/{filed.reference}/$"))
    inspector.assert_console_clean()
