"""Template helpers for showing requests: due and overdue labels in words, not only colour."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone

from desk.dates import due_of, duration_words
from desk.money import effort_words, money

register = template.Library()


@register.filter
def age(value: datetime | None) -> str:
    if value is None:
        return ""
    return duration_words(timezone.now() - value)


@register.inclusion_tag("desk/_due_badge.html")
def due_badge(req, now: datetime | None = None) -> dict:
    """“due in 3 h” or “overdue by 2 d”; paused while waiting on the requester (desk.dates.due_of)."""
    return {"due": due_of(req, now or timezone.now())}


@register.filter(name="money")
def money_filter(amount) -> str:
    """An amount in the desk's currency, with the language's separators."""
    return money(amount)


@register.filter
def effort(minutes) -> str:
    """Minutes as hours and minutes: 2 h 30 min."""
    return effort_words(minutes)
