"""Read queries about help articles: suggestions while typing, lists, deflection figures.

Search: PostgreSQL full-text search, English articles with the 'english' configuration
(stemming: “printers” finds “printer”) and Polish ones with 'simple' over unaccent() — PostgreSQL
ships no Polish dictionary, so Polish words match whole, with or without diacritics (“drukarka”
finds “Drukarka”, “zolw” finds “żółw”) but not across inflections. Any word of the title may
match (OR), ranked by how well. Other databases (SQLite in development) fall back to a
case-insensitive substring match of each word.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, Count, F, Func, IntegerField, Q, QuerySet, Value, When

from desk import permissions
from helpcenter.models import Article, ArticleStatus, Deflection

if TYPE_CHECKING:
    from departments.models import Department, Employee, Service

SUGGESTIONS = 5
MIN_WORD = 3
MAX_WORDS = 8


def _words(text: str) -> list[str]:
    words = [w for w in re.findall(r"\w+", (text or "").lower()) if len(w) >= MIN_WORD]
    return list(dict.fromkeys(words))[:MAX_WORDS]


def _unaccent(expression):
    return Func(expression, function="unaccent")


def _search(articles: QuerySet[Article], words: list[str]) -> QuerySet[Article]:
    if connection.vendor == "postgresql":
        vector = SearchVector("title", weight="A", config="english") + SearchVector(
            "body", weight="B", config="english"
        )
        vector += SearchVector(_unaccent(F("title_pl")), weight="A", config="simple")
        vector += SearchVector(_unaccent(F("body_pl")), weight="B", config="simple")
        query = None
        for word in words:
            either = SearchQuery(word, config="english") | SearchQuery(
                _unaccent(Value(word)), config="simple"
            )
            query = either if query is None else query | either
        return (
            articles.annotate(rank=SearchRank(vector, query))
            .filter(rank__gt=0)
            .order_by("-linked", "-rank", "title", "pk")
        )
    match = Q()
    for word in words:
        for field in ("title", "body", "title_pl", "body_pl"):
            match |= Q(**{f"{field}__icontains": word})
    return articles.filter(match).order_by("-linked", "title", "pk")


def suggestions(user: Employee, service: Service, title: str) -> list[Article]:
    """Published articles of the service's department that match what is typed; those linked to
    the service first."""
    words = _words(title)
    if not words:
        return []
    articles = (
        permissions.readable_articles(user)
        .filter(department_id=service.department_id, status=ArticleStatus.PUBLISHED)
        .annotate(
            linked=Case(
                When(pk__in=service.articles.values("pk"), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    )
    return list(_search(articles, words)[:SUGGESTIONS])


def service_articles(user: Employee, service: Service) -> list[Article]:
    """The published articles linked to a service, for its request form (without JavaScript)."""
    return list(
        permissions.readable_articles(user)
        .filter(services=service, status=ArticleStatus.PUBLISHED)
        .order_by("title", "pk")
    )


def department_articles(department: Department) -> QuerySet[Article]:
    """Every article of the department, drafts too, for its heads; with how many requests each
    saved."""
    return (
        Article.objects.filter(department=department)
        .annotate(saved=Count("deflections"))
        .prefetch_related("services")
        .order_by("status", "title", "pk")
    )


def deflections_by_article(department: Department, begin: datetime, end: datetime) -> list[dict]:
    """Requests saved in the period, per article, most first: one grouped query."""
    return list(
        Deflection.objects.filter(department=department, created_at__gte=begin, created_at__lt=end)
        .values("article_id", "article__title", "article__title_pl")
        .annotate(count=Count("pk"))
        .order_by("-count", "article__title")
    )


def deflections_by_service(department: Department, begin: datetime, end: datetime) -> list[dict]:
    """Requests saved in the period, per service, most first: one grouped query."""
    return list(
        Deflection.objects.filter(department=department, created_at__gte=begin, created_at__lt=end)
        .values("service_id", "service__name", "service__name_pl")
        .annotate(count=Count("pk"))
        .order_by("-count", "service__name")
    )
