"""The Jinja2 environment of the few templates Django's engine would render too slowly: the queue's
rows (templates/jinja2/desk/queue_rows.html), 50 to a page, each with some forty values, and the
request page's timeline and staff actions panel (timeline.html, request_staff_actions.html), with
dozens of entries and options.

It offers what those templates need and nothing more: Django's translations (`_`, with
`|format` for placeholders, so that `make messages` finds the strings as it does in Django
templates). Dates and durations come ready to show from the view, made with one
formatter per page (desk/dates.py). Autoescaping is on, as in Django's engine; as there, a
translation is trusted text (`{% translate %}` does not escape it) and `|format` escapes only the
values put into it, as `{% blocktranslate with %}` does.
"""

from __future__ import annotations

from django.utils.translation import gettext, ngettext
from jinja2 import Environment
from markupsafe import Markup


def _gettext(message: str) -> Markup:
    return Markup(gettext(message))


def _ngettext(singular: str, plural: str, number: int) -> Markup:
    return Markup(ngettext(singular, plural, number))


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    # Old-style: `_()` returns the translation as markup, so that `|format` escapes only its values.
    env.install_gettext_callables(_gettext, _ngettext, newstyle=False)
    return env
