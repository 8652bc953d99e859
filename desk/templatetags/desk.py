"""Template helpers for showing requests: due and overdue labels in words, not only colour."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from desk.money import effort_words, money

register = template.Library()


def duration_words(delta: timedelta) -> str:
    """3 min / 5 h / 2 d: the single largest unit, as service desks show it."""
    seconds = int(abs(delta.total_seconds()))
    if seconds < 3600:
        minutes = max(1, seconds // 60)
        return ngettext("%(n)d min", "%(n)d min", minutes) % {"n": minutes}
    if seconds < 48 * 3600:
        hours = seconds // 3600
        return ngettext("%(n)d h", "%(n)d h", hours) % {"n": hours}
    days = seconds // 86400
    return ngettext("%(n)d d", "%(n)d d", days) % {"n": days}


@register.filter
def age(value: datetime | None) -> str:
    if value is None:
        return ""
    return duration_words(timezone.now() - value)


@register.simple_tag
def due_badge(req, now: datetime | None = None) -> str:
    """“due in 3 h” or “overdue by 2 d”; paused while waiting on the requester."""
    if req.due_at is None:
        return ""
    now = now or timezone.now()
    if req.status == "waiting":
        return format_html('<span class="badge badge--due">{}</span>', _("clock paused"))
    if req.due_at < now:
        return format_html(
            '<span class="badge badge--overdue" title="{}">⚠ {}</span>',
            date_format(timezone.localtime(req.due_at), "SHORT_DATETIME_FORMAT"),
            _("overdue by %(time)s") % {"time": duration_words(now - req.due_at)},
        )
    return format_html(
        '<span class="badge badge--due" title="{}">{}</span>',
        date_format(timezone.localtime(req.due_at), "SHORT_DATETIME_FORMAT"),
        _("due in %(time)s") % {"time": duration_words(req.due_at - now)},
    )


@register.filter(name="money")
def money_filter(amount) -> str:
    """An amount in the desk's currency, with the language's separators."""
    return money(amount)


@register.filter
def effort(minutes) -> str:
    """Minutes as hours and minutes: 2 h 30 min."""
    return effort_words(minutes)
