"""The Jinja2 environment of the few templates Django's engine would render too slowly: the queue's
rows (templates/jinja2/desk/queue_rows.html), 50 to a page, each with some forty values.

It offers what those templates need and nothing more: Django's translations (`_`, with
`|format` for placeholders, so that `make messages` finds the strings as it does in Django
templates), dates in the active locale, ages and due badges as the Django templates show them.
Autoescaping is on, as in Django's engine.
"""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from jinja2 import Environment

from desk.templatetags.desk import due_badge, duration_words


def _age(value: datetime | None, now: datetime | None = None) -> str:
    if value is None:
        return ""
    return duration_words((now or timezone.now()) - value)


def _date(value: datetime | None, format_name: str) -> str:
    """Django's |date, in the active locale's format, of a value already in local time (the view
    converts the rows' times once: looking up the current time zone per value is costly)."""
    return date_format(value, format_name) if value else ""


def _url(name: str, *args) -> str:
    return reverse(name, args=args)


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    # Old-style: `_()` returns the plain translation, escaped on output like any value.
    env.install_gettext_callables(gettext, ngettext, newstyle=False)
    env.filters.update({"date": _date, "age": _age})
    env.globals.update({"due_badge": due_badge, "url": _url})
    return env
