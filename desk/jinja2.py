"""The Jinja2 environment of the templates Django's engine would render too slowly, the two busiest
pages: the queue's body and rows (templates/jinja2/desk/queue_*.html), 50 rows to a page, each with
some forty values, and the whole request page (request_detail.html and request_page.html: its
timeline, staff actions panel, forms and cards), plus what both engines share: the page around
the content (page.html, _page_*.html; desk/chrome.py) and the form field markup (_field.html).

It offers what those templates need and nothing more: Django's translations (`_`, with
`|format` for placeholders, so that `make messages` finds the strings as it does in Django
templates), `url()` (Django's reverse), `static()`, `htmx_script()`, `field_html()` (a form
field with its label, help and errors), and the filters
`short_date`, `effort` and `money`, as
Django's `|date:"SHORT_DATE_FORMAT"` and Desk's `|effort` and `|money`. Date-times come ready to
show from the view, made with one formatter per page (desk/dates.py). Autoescaping is on, as in
Django's engine; as there, a translation is trusted text (`{% translate %}` does not escape it)
and `|format` escapes only the values put into it, as `{% blocktranslate with %}` does.
"""

from __future__ import annotations

import functools
import html

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template import engines
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django_htmx.jinja import htmx_script
from jinja2 import Environment
from jinja2.compiler import CodeGenerator
from markupsafe import Markup

try:  # markupsafe's C function behind escape()
    from markupsafe import _escape_inner
except ImportError:  # pragma: no cover - another markupsafe: its escape() as a plain str

    def _escape_inner(text: str) -> str:
        return str(Markup.escape(text))


from desk.links import request_link
from desk.money import effort_words, money

# The translations, as markup, by language: a page shows a hundred short texts (labels, buttons,
# the timeline's "Internal note" on every note), and Django's gettext, called through Jinja2's
# i18n extension, took a tenth of the request page. Bounded by the texts of the templates.
_TRANSLATED: dict[tuple[str | None, str], Markup] = {}


def _gettext(message: str) -> Markup:
    key = (get_language(), message)
    try:
        return _TRANSLATED[key]
    except KeyError:
        translated = _TRANSLATED[key] = Markup(gettext(message))
        return translated


def _ngettext(singular: str, plural: str, number: int) -> Markup:
    return Markup(ngettext(singular, plural, number))


def _url(name: str, *args) -> str:
    if len(args) == 2:  # a request's own links (its code and number): a million of them
        return request_link(name, *args)
    if len(args) > 2:
        return reverse(name, args=args)
    return _reverse(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), name, args)


# Django's reverse() takes some 20 µs, and the top bar alone shows a dozen links on every page.
# The answer depends only on the URLconf and the script prefix (reverse reads that itself), both
# in the key. Kept: links without arguments, and those of a department (its slug).
@functools.lru_cache(maxsize=1024)
def _reverse(urlconf: str, prefix: str, name: str, args: tuple) -> str:
    return reverse(name, urlconf=urlconf, args=args)


def escape_as_django(value) -> Markup:
    """Django's conditional_escape (an apostrophe as &#x27;, where Jinja2 writes &#39;), without
    its checks for lazy arguments, which made it the most called function of a request page:
    html.escape is what Django's escape runs."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup(html.escape(str(value)))


def csrf_token(request: HttpRequest) -> str:
    """This response's CSRF token, masked once and the same in every form of the page.

    Django masks a new token at each call of get_token (32 characters from the system's random
    source), and its Jinja2 backend calls it at every use of csrf_token or csrf_input in a
    template: a request page made ten. One per response is what Django's own template engine
    gives a page; a new secret (a login) gets a new token."""
    cached = getattr(request, "_desk_csrf", None)
    if cached is not None and cached[0] == request.META.get("CSRF_COOKIE"):
        return cached[1]
    token = get_token(request)
    request._desk_csrf = (request.META.get("CSRF_COOKIE"), token)
    return token


def render_jinja2(request: HttpRequest, name: str, context: dict) -> SafeString:
    """A Jinja2 template rendered for this request, as render_to_string(name, context, request,
    using="jinja2") does, with the response's one CSRF token (`csrf_token`, `csrf_input`)."""
    token = csrf_token(request)
    values = {**context, "request": request, "csrf_token": token, "csrf_input": csrf_input(token)}
    return render_fragment(name, values)


def render_fragment(name: str, values: dict) -> SafeString:
    """A Jinja2 template rendered with exactly these values (no request): the parts Django's
    templates include through tags (desk.templatetags.desk_forms and desk_chrome)."""
    return mark_safe(engines["jinja2"].get_template(name).render(values))  # autoescaped


# The fields of a blank form, by everything their markup is made of: the reply and time-log forms
# put the same six empty fields on every view of a request page (0.6 ms of a 10 ms page to render
# them each time). Only forms that say their fields are the same for everyone keep them
# (`blank_fields_kept`, no per-person choices); a bound form, with the person's input or errors,
# is rendered every time. Bounded by the forms, languages and help texts there are.
_BLANK_FIELDS: dict[tuple, SafeString] = {}
_MAX_BLANK_FIELDS = 512


def field_html(field) -> SafeString:
    """templates/jinja2/desk/_field.html for one bound field: its label, widget, help and errors."""
    form = field.form
    if form.is_bound or form.errors or not getattr(form, "blank_fields_kept", False):
        return render_fragment("desk/_field.html", {"field": field})
    key = (
        type(form),
        form.prefix,
        form.auto_id,
        field.name,
        get_language(),
        str(field.label),
        str(field.help_text),
        repr(field.value()),
        repr(field.field.widget.attrs),
        field.field.required,
        field.field.disabled,
    )
    try:
        return _BLANK_FIELDS[key]
    except KeyError:
        if len(_BLANK_FIELDS) >= _MAX_BLANK_FIELDS:
            _BLANK_FIELDS.clear()
        html = _BLANK_FIELDS[key] = render_fragment("desk/_field.html", {"field": field})
        return html


def csrf_input(token: str) -> SafeString:
    """What {% csrf_token %} shows: the hidden field with the token."""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


def _short_date(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def escape_output(value) -> str:
    """What `{{ value }}` writes with autoescaping on: markupsafe.escape's text, as a plain str.

    markupsafe.escape wraps each value in Markup, and Markup.__new__ is Python: 1.4 µs a value
    where this takes 0.3, and a queue page writes some 3,000 values. A plain str is enough
    there, as Jinja2 only joins what a template writes (and makes Markup of the join itself where
    it keeps it: macros, call and filter blocks, `{% set %}` blocks)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape_inner(str(value))


class _OutputCodeGenerator(CodeGenerator):
    """Writes `{{ value }}` as escape_output(value) in autoescaped templates (tests/test_jinja2.py
    checks the compiled code, so that a Jinja2 release that renames this hook is noticed)."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile:
            self.write("environment.escape_output(")
            if finalize.src is not None:
                self.write(finalize.src)
            return
        super()._output_child_pre(node, frame, finalize)


class DeskEnvironment(Environment):
    code_generator_class = _OutputCodeGenerator
    escape_output = staticmethod(escape_output)


def environment(**options) -> Environment:
    env = DeskEnvironment(extensions=["jinja2.ext.i18n"], **options)
    # Old-style: `_()` returns the translation as markup, so that `|format` escapes only its values.
    env.install_gettext_callables(_gettext, _ngettext, newstyle=False)
    env.globals.update(url=_url, static=static, htmx_script=htmx_script, field_html=field_html)
    env.filters.update(short_date=_short_date, effort=effort_words, money=money)
    return env
