"""The Jinja2 environment of the few templates Django's engine would render too slowly: the queue's
rows (templates/jinja2/desk/queue_rows.html), 50 to a page, each with some forty values.

It offers what those templates need and nothing more: Django's translations (`_`, with
`|format` for placeholders, so that `make messages` finds the strings as it does in Django
templates). Dates and durations come ready to show from the view, made with one
formatter per page (desk/dates.py). Autoescaping is on, as in Django's engine.
"""

from __future__ import annotations

from django.utils.translation import gettext, ngettext
from jinja2 import Environment


def environment(**options) -> Environment:
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    # Old-style: `_()` returns the plain translation, escaped on output like any value.
    env.install_gettext_callables(gettext, ngettext, newstyle=False)
    return env
