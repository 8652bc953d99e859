"""Pulse surveys in the browser, in English and Polish: a head writes a survey, the quarter's
round reaches the department's clients as a banner, one answers, and the head reads the results
(shown once five have answered) and replies to a comment, which the respondents then see."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from surveys import services
from surveys.models import Response, Survey
from tests.factories import file_request

pytestmark = [pytest.mark.e2e, pytest.mark.parametrize("lang", ["en", "pl"])]

QUESTIONS = [
    ("How easy is it to ask IT for help?", "Jak łatwo poprosić IT o pomoc?", "scale"),
    ("How well do we keep you informed?", "Jak dobrze informujemy?", "scale"),
    ("What should we do differently?", "Co powinniśmy zmienić?", "text"),
]


def test_pulse_survey(company, browser_as, inspector, t, lang):
    head = company.it_head
    boss = browser_as(head)
    boss.goto("/")
    boss.get_by_role("navigation", name=t("Main")).get_by_role("link", name=t("Surveys")).click()
    expect(boss.get_by_role("heading", level=1)).to_have_text(t("Pulse surveys"))
    new = t("New survey for %(dept)s") % {"dept": t(company.it)}
    boss.get_by_role("link", name=new).click()
    boss.get_by_role("textbox", name=t("Title"), exact=True).fill("IT pulse")
    boss.get_by_label(t("Title in Polish")).fill("Puls IT")
    for n, (text, text_pl, kind) in enumerate(QUESTIONS, start=1):
        boss.get_by_role("textbox", name=t("Question %(n)s") % {"n": n}, exact=True).fill(text)
        boss.get_by_label(t("Question %(n)s in Polish") % {"n": n}).fill(text_pl)
        boss.get_by_label(t("Answer to question %(n)s") % {"n": n}).select_option(value=kind)
    inspector.look(boss, "survey-form")
    boss.get_by_role("button", name=t("Save")).click()
    expect(boss.locator("#messages")).to_contain_text({"en": "IT pulse", "pl": "Puls IT"}[lang])
    survey = Survey.objects.get()
    boss.get_by_role("navigation", name=t("Breadcrumbs")).get_by_role("link").click()
    expect(
        boss.get_by_role("row").filter(has_text="IT pulse" if lang == "en" else "Puls IT")
    ).to_contain_text(t("Every quarter"))
    inspector.look(boss, "survey-list")
    assert survey.department == company.it
    assert survey.is_active

    # The quarter ends: the beat sends the round to the colleagues who filed requests with IT.
    clients = company.clients("operational")[:3] + company.clients("business")[:3]
    for person in clients:
        file_request(person, company.service("IT", "new-laptop"))
    today = timezone.localdate()
    round_, created = services.round_send(survey=survey, start=today - timedelta(days=7), end=today)
    assert created
    assert round_.invitations.count() == len(clients)

    # A colleague sees the banner on any page and answers.
    first = clients[0]
    page = browser_as(first)
    page.goto("/")
    banner = page.get_by_role("complementary", name=re.compile(re.escape(t(company.it))))
    expect(banner).to_contain_text({"en": "IT pulse", "pl": "Puls IT"}[lang])
    inspector.look(page, "banner")
    banner.get_by_role("link", name=t("Answer the survey")).click()
    question = {"en": QUESTIONS, "pl": [(pl, pl, kind) for _, pl, kind in QUESTIONS]}[lang]
    page.get_by_role("group", name=question[0][0]).get_by_label(t("4 – Good")).check()
    page.get_by_role("group", name=question[1][0]).get_by_label(t("5 – Excellent")).check()
    page.get_by_label(question[2][0]).fill("Tell us when the laptop arrives.")
    inspector.look(page, "answer")
    page.get_by_role("button", name=t("Send my answers")).click()
    expect(page.locator("#messages")).to_contain_text(
        t("Thank you: your answers are in, without your name.")
    )
    expect(page.locator(".survey-banner")).to_have_count(0)
    assert Response.objects.count() == 1

    # Under five answers the head sees no figures and no comments.
    boss.goto(survey.get_absolute_url())
    expect(boss.get_by_role("region", name=question[0][0])).to_contain_text(
        t("fewer than %(n)s answers") % {"n": 5}
    )
    expect(boss.get_by_role("region", name=t("Comments"))).not_to_contain_text("laptop arrives")

    # Four more answer (not through the browser); now the figures and the comment show.
    questions = list(survey.questions.all())
    for person in clients[1:5]:
        invitation = round_.invitations.get(employee=person)
        services.answer_submit(
            invitation=invitation,
            employee=person,
            answers={questions[0].pk: 4, questions[1].pk: 3, questions[2].pk: ""},
        )
    boss.reload()
    expect(boss.get_by_role("region", name=question[0][0])).to_contain_text(
        {"en": "4.0", "pl": "4,0"}[lang]
    )
    comments = boss.get_by_role("region", name=t("Comments"))
    expect(comments).to_contain_text("Tell us when the laptop arrives.")
    comments.get_by_text(t("Mark acted upon")).click()
    comments.get_by_label(t("What was done about it?")).fill(
        "Laptop requests now show the delivery date."
    )
    comments.get_by_role("button", name=t("Save")).click()
    expect(boss.locator("#messages")).to_contain_text(
        t("Marked as acted upon; respondents see your reply.")
    )
    expect(boss.get_by_role("region", name=t("Comments"))).to_contain_text(t("Acted upon"))
    inspector.look(boss, "results")
    for person in clients:
        expect(boss.locator("main")).not_to_contain_text(person.full_name)

    # The people asked see the reply on the survey's page.
    page.goto(round_.invitations.get(employee=first).get_absolute_url())
    expect(page.get_by_role("complementary").filter(has_text=t("Acted upon"))).to_contain_text(
        "Laptop requests now show the delivery date."
    )
    inspector.look(page, "reply")

    # Someone who was not asked gets a 404 on the link.
    outsider = browser_as(clients[5])
    response = outsider.goto(round_.invitations.get(employee=first).get_absolute_url())
    assert response.status == 404
