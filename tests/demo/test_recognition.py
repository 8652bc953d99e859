"""The demo's help articles, thanks and findings: there on first start, as load_demo builds them."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from demo.data import ARTICLES
from desk.models import Event, EventKind, Status
from feedback.models import Feedback, Finding, FindingKind, Kudos
from helpcenter.models import Article, ArticleStatus
from tests.demo.test_demo import company, featured  # noqa: F401 (the module's demo)

pytestmark = pytest.mark.django_db


def test_articles_in_english_and_polish_one_a_draft(company):  # noqa: F811
    articles = Article.objects.filter(department__contact_email__endswith="@kestrel.example")
    assert articles.count() == len(ARTICLES) == len(company.articles)
    assert articles.filter(status=ArticleStatus.DRAFT).count() == 1
    published = articles.filter(status=ArticleStatus.PUBLISHED)
    assert published.values("department").distinct().count() >= 3
    for article in articles:
        assert article.title_pl
        assert article.body_html
        assert article.body_html_pl
        assert article.services.exists()
        assert article.created_at < company.anchor


def test_kudos_thank_whoever_resolved_a_request_rated_5(company):  # noqa: F811
    kudos = Kudos.objects.select_related("request")
    assert kudos.count() == len(company.kudos) >= 10
    for item in kudos:
        request = item.request
        assert item.giver_id == request.requester_id != item.recipient_id
        assert item.recipient_id == request.assignee_id
        assert request.status in (Status.RESOLVED, Status.CLOSED)
        assert Feedback.objects.get(request=request).rating == 5
        assert item.created_at < company.anchor
    thanked = Event.objects.filter(kind=EventKind.KUDOS)
    assert thanked.count() == kudos.count()


def test_every_department_has_findings_for_last_month(company):  # noqa: F811
    february = Finding.objects.filter(period_kind="month", period_start=date(2026, 2, 1))
    for dept in company.organisation.departments.values():
        ranks = list(february.filter(department=dept).values_list("rank", flat=True))
        assert ranks == list(range(1, len(ranks) + 1)), dept
        assert ranks, dept
    kinds = set(Finding.objects.values_list("kind", flat=True))
    assert {FindingKind.SLOWEST_STEP, FindingKind.COMPLIANCE_DROP} <= kinds


def test_the_head_of_it_sees_where_to_improve(company, client):  # noqa: F811
    client.force_login(featured("Head of IT"))
    url = reverse("feedback:department-report", args=["it"])
    page = client.get(url, {"kind": "month", "period": "2026-02"}).content.decode()
    assert "Where to improve" in page
    assert 'class="finding finding--' in page
    assert "See the requests" in page
