"""Help articles on pages that helpcenter does not render itself (the request form, reports)."""

from __future__ import annotations

from django import template
from django.utils import translation

from feedback import periods
from helpcenter import selectors

register = template.Library()


@register.simple_tag
def service_articles(user, service) -> list:
    """{% service_articles user service as articles %}: its published articles, one query."""
    return selectors.service_articles(user, service)


@register.simple_tag
def deflections(department, period) -> dict:
    """{% deflections department period as saved %}: requests saved in the report's period, per
    article and per service (two grouped queries)."""
    begin, end = periods.bounds(period.kind, period.start)
    polish = (translation.get_language() or "").startswith("pl")

    def name(row: dict, field: str) -> str:
        return (polish and row[f"{field}_pl"]) or row[field]

    return {
        "articles": [
            (name(row, "article__title"), row["count"])
            for row in selectors.deflections_by_article(department, begin, end)
        ],
        "services": [
            (name(row, "service__name"), row["count"])
            for row in selectors.deflections_by_service(department, begin, end)
        ],
    }
