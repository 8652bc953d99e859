"""Journeys of active listening and recognition, in English and Polish: thanks (kudos)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from desk.models import Notification, NotificationKind, Priority
from feedback.models import Kudos
from tests.factories import file_request

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("lang", ["en", "pl"])]


def _resolved_by(company, requester, agent, title: str):
    from desk import services

    req = file_request(
        requester, company.service("IT", "new-laptop"), title=title, priority=Priority.HIGH
    )
    services.request_take(request=req, actor=agent)
    services.comment_add(request=req, author=agent, body="Ready at the IT desk.", files=[])
    services.request_change_status(request=req, actor=agent, status="resolved")
    req.refresh_from_db()
    return req


# --- Recognition: the requester thanks who helped; the agent and the head hear of it -------------


def test_kudos(company, browser_as, inspector, t):
    client, agent = company.clients("operational")[0], company.it_agent
    req = _resolved_by(company, client, agent, "Laptop for our new analyst")

    page = browser_as(client)
    page.goto(req.get_absolute_url())
    prompt = page.get_by_role("region", name=t("Say thanks"))
    prompt.get_by_role("link", name=t("Say thanks")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Say thanks"))
    expect(page.get_by_label(t("Who helped you?"))).to_have_value(str(agent.pk))
    message = "The laptop was ready before our analyst arrived. Thank you!"
    page.get_by_label(t("Message")).fill(message)
    inspector.look(page, "thank")
    page.get_by_role("button", name=t("Send thanks")).click()

    expect(page).to_have_url(re.compile(rf"/requests/{req.reference}/$"))
    expect(page.get_by_role("status")).to_contain_text(agent.full_name)
    expect(page.get_by_role("region", name=t("Say thanks"))).to_contain_text(agent.full_name)
    expect(page.locator(".timeline")).to_contain_text(message)
    inspector.look(page, "request-thanked")
    assert Kudos.objects.get().recipient == agent

    # The agent hears about it in the bell.
    helper = browser_as(agent)
    helper.goto("/notifications/")
    expect(helper.locator(".notifications")).to_contain_text(client.full_name)
    expect(helper.locator(".notifications")).to_contain_text(req.reference)
    inspector.look(helper, "agent-bell")
    assert set(
        Notification.objects.filter(kind=NotificationKind.KUDOS).values_list("recipient", flat=True)
    ) == {agent.pk, *(person.pk for person in company.org.heads["IT"])}

    # Anyone can open the department's page of thanks from the catalogue.
    page.get_by_role("link", name=t("Services"), exact=True).click()
    page.get_by_role("link", name=t("Thanks to %(dept)s") % {"dept": t(company.it)}).click()
    recent = page.get_by_role("region", name=t("Recent thanks"))
    expect(recent).to_contain_text(message)
    expect(recent).to_contain_text(agent.full_name)
    inspector.look(page, "recognition")


# --- Self-help: a head writes an article; a colleague finds it while typing and needs no request --


def test_help_article(company, browser_as, inspector, t, lang):
    from helpcenter.models import Article, Deflection

    head, client = company.it_head, company.clients("operational")[0]
    service = company.service("IT", "new-laptop")

    boss = browser_as(head)
    boss.goto(f"/departments/{company.it.slug}/feedback/")
    boss.get_by_role("link", name=t("Help articles")).click()
    boss.get_by_role("link", name=t("New article")).click()
    boss.get_by_label(t("Title (English)")).fill("Laptop battery drains fast")
    boss.get_by_label(t("Text (English)")).fill(
        "## Quick fixes\n\n1. Lower the screen **brightness**.\n2. Close the video calls you left open."
    )
    boss.get_by_label(t("Title (Polish)")).fill("Bateria laptopa szybko się rozładowuje")
    boss.get_by_label(t("Text (Polish)")).fill(
        "## Szybkie rozwiązania\n\n1. Zmniejsz **jasność** ekranu.\n2. Zamknij otwarte wideorozmowy."
    )
    boss.get_by_label(t(service)).check()
    boss.get_by_label(t("Status")).select_option(value="published")
    inspector.look(boss, "article-form")
    boss.get_by_role("button", name=t("Save")).click()
    expect(boss.get_by_role("status")).to_contain_text("Laptop battery drains fast")
    article = Article.objects.get()
    boss.get_by_role("link", name=t("Help articles")).click()
    expect(boss.get_by_role("row").filter(has_text=t(article))).to_contain_text(t("Published"))
    inspector.look(boss, "article-list")
    assert article.is_published
    assert list(article.services.all()) == [service]

    # A colleague starts a request; typing the title brings the article up (htmx).
    page = browser_as(client)
    page.goto(f"/catalog/{company.it.slug}/{service.slug}/new/")
    title = {"en": "My battery drains in an hour", "pl": "Bateria rozładowuje się"}[lang]
    page.get_by_label(t("Title")).press_sequentially(title, delay=20)
    suggestions = page.locator("#help-suggestions")
    expect(suggestions.get_by_role("link", name=t(article))).to_be_visible()
    inspector.look(page, "suggestion")
    suggestions.get_by_role("link", name=t(article)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t(article))
    expect(page.locator(".article-body strong")).to_have_text(
        {"en": "brightness", "pl": "jasność"}[lang]
    )
    inspector.look(page, "article")
    page.get_by_role("button", name=t("This solved it")).click()
    expect(page.locator("#messages")).to_contain_text(t(company.it))
    assert Deflection.objects.get().employee == client

    # The head's report counts the request that was not needed.
    boss.goto(f"/reports/{company.it.slug}/")
    saved = boss.get_by_role("region", name=t("Requests saved by help articles"))
    expect(saved.get_by_role("row").filter(has_text=t(article))).to_contain_text("1")
    inspector.look(boss, "report-saved")
