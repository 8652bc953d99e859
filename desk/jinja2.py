"""The Jinja2 environment of the templates Django's engine would render too slowly, the two busiest
pages: the queue's body and rows (templates/jinja2/desk/queue_*.html), 50 rows to a page, each with
some forty values, and the request page's body (request_page.html: its timeline, staff actions
panel, forms and cards), plus the form field markup both engines share (_field.html).

It offers what those templates need and nothing more: Django's translations (`_`, with
`|format` for placeholders, so that `make messages` finds the strings as it does in Django
templates), `url()` (Django's reverse), and the filters `short_date`, `effort` and `money`, as
Django's `|date:"SHORT_DATE_FORMAT"` and Desk's `|effort` and `|money`. Date-times come ready to
show from the view, made with one formatter per page (desk/dates.py). Autoescaping is on, as in
Django's engine; as there, a translation is trusted text (`{% translate %}` does not escape it)
and `|format` escapes only the values put into it, as `{% blocktranslate with %}` does.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from jinja2 import Environment
from markupsafe import Markup

from desk.money import effort_words, money


def _gettext(message: str) -> Markup:
    return Markup(gettext(message))


def _ngettext(singular: str, plural: str, number: int) -> Markup:
    return Markup(ngettext(singular, plural, number))


def _url(name: str, *args) -> str:
    return _reverse(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), name, args)


# Django's reverse() takes some 20 µs, and the top bar alone shows a dozen links on every page.
# The answer depends only on the URLconf and the script prefix (reverse reads that itself), both
# in the key. Bounded: requests' own links (args) come and go.
@functools.lru_cache(maxsize=4096)
def _reverse(urlconf: str, prefix: str, name: str, args: tuple) -> str:
    return reverse(name, urlconf=urlconf, args=args)


def _short_date(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    # Old-style: `_()` returns the translation as markup, so that `|format` escapes only its values.
    env.install_gettext_callables(_gettext, _ngettext, newstyle=False)
    env.globals["url"] = _url
    env.filters.update(short_date=_short_date, effort=effort_words, money=money)
    return env
