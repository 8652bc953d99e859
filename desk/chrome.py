"""The page around every page's content: its head, top bar, notices (messages and the pulse survey
banner) and footer.

Their markup is Jinja2's, one copy for both engines (templates/jinja2/desk/_page_*.html):
- Django pages extend base.html, whose tags (desk.templatetags.desk_chrome) render the parts with
  the values below, read from the page's context (the context processors);
- the request and queue pages, the busiest ones, are Jinja2 from top to bottom (desk/page.html),
  with the same values from page_values().
Django's engine spent about 2 ms of every page on these parts, a third of the request page's time.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from desk import context_processors
from desk.dates import DateFormatter
from desk.jinja2 import render_jinja2
from feedback.navigation import report_links


def _csrf_token(page: Mapping) -> str:
    # As {% csrf_token %}: no field when the page has no token (an error page without a request).
    token = page.get("csrf_token")
    return "" if not token or token == "NOTPROVIDED" else str(token)


def _who(page: Mapping):
    """The page's request (None on an error page rendered without one), its user, and whether
    someone is signed in."""
    request = page.get("request")
    user = page.get("user") or getattr(request, "user", None)
    return request, user, bool(user and user.is_authenticated)


def header_values(page: Mapping) -> dict:
    """The top bar's values. `page`: the page's context (for Django pages) or page_values'
    (for Jinja2 ones), with the navigation context processor's values when someone is signed in.
    Error pages may be rendered without a request: the bare top bar then."""
    request, user, signed_in = _who(page)
    values = {"request": request, "user": user, "signed_in": signed_in}
    if signed_in:
        teams = page.get("staff_departments", [])
        unread = page.get("unread_notifications", int)()
        match = getattr(request, "resolver_match", None)
        values.update(
            csrf_token=_csrf_token(page),
            staff_departments=teams,
            head_department_ids=page.get("head_department_ids", set()),
            report_links=report_links(user, teams),
            sees_surveys=page.get("sees_surveys", False),
            unread=unread,
            bell_label=ngettext(
                "Notifications, %(n)s unread", "Notifications, %(n)s unread", unread
            )
            % {"n": unread},
            view_name=match.view_name if match else None,
        )
    return values


def notices_values(page: Mapping) -> dict:
    """The messages of the last action, and the pulse survey banner (not on the survey itself)."""
    request, _user, signed_in = _who(page)
    match = getattr(request, "resolver_match", None)
    banner = None
    if signed_in and not (match and match.view_name == "surveys:answer"):
        banner = page.get("survey_invitation", lambda: None)()
    return {
        "messages": get_messages(request) if request else [],
        "banner": banner,
        "banner_closes": DateFormatter("SHORT_DATE_FORMAT")(banner.closes_at) if banner else "",
    }


def footer_values(page: Mapping) -> dict:
    request = page.get("request")
    return {
        "next": request.get_full_path() if request else "",
        "csrf_token": _csrf_token(page),
        "languages": [(code, gettext(name)) for code, name in settings.LANGUAGES],
        "language_code": translation.get_language(),
    }


def page_values(request: HttpRequest) -> dict:
    """Everything desk/page.html shows around a Jinja2 page's content: what Django pages get from
    the context processors and base.html's tags."""
    page = {
        "request": request,
        "user": request.user,
        **context_processors.csrf(request),
        **context_processors.navigation(request),
    }
    return {
        **page,
        **header_values(page),
        **notices_values(page),
        **footer_values(page),
    }


def render_page(
    request: HttpRequest, template: str, context: dict, *, status: int = 200
) -> HttpResponse:
    """A whole page from a Jinja2 template that extends desk/page.html. The page's own values
    cannot hide the frame's (a page's `messages` or `next` would not reach the notices)."""
    return HttpResponse(
        render_jinja2(request, template, {**context, **page_values(request)}), status=status
    )
