"""The top bar and the footer of every page, for base.html: {% page_header %} and {% page_footer %}.

Their markup is Jinja2's (templates/jinja2/desk/_page_header.html and _page_footer.html): Django's
engine took about a millisecond of every page to render the top bar's links, menus and forms, a
sixth of the request page's time. The values come from the page's context (the navigation context
processor: desk/context_processors.py), gathered here, so the Jinja2 templates need nothing else.
"""

from __future__ import annotations

from django import template
from django.conf import settings
from django.template import engines
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from feedback.navigation import report_links

register = template.Library()


def _render(name: str, values: dict) -> SafeString:
    # Rendered by Jinja2 with autoescaping on (desk/jinja2.py).
    return mark_safe(engines["jinja2"].get_template(name).render(values))


def _csrf_token(context) -> str:
    # As {% csrf_token %}: no field when the page has no token (an error page without a request).
    token = context.get("csrf_token")
    return "" if not token or token == "NOTPROVIDED" else str(token)


@register.simple_tag(takes_context=True)
def page_header(context) -> SafeString:
    # Error pages may be rendered without a request: the bare top bar then.
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    values = {"request": request, "user": user, "signed_in": bool(user and user.is_authenticated)}
    if values["signed_in"]:
        teams = context.get("staff_departments", [])
        unread = context.get("unread_notifications", int)()
        match = getattr(request, "resolver_match", None)
        values.update(
            csrf_token=_csrf_token(context),
            staff_departments=teams,
            head_department_ids=context.get("head_department_ids", set()),
            report_links=report_links(user, teams),
            sees_surveys=context.get("sees_surveys", False),
            unread=unread,
            bell_label=ngettext(
                "Notifications, %(n)s unread", "Notifications, %(n)s unread", unread
            )
            % {"n": unread},
            view_name=match.view_name if match else None,
        )
    return _render("desk/_page_header.html", values)


@register.simple_tag(takes_context=True)
def page_footer(context) -> SafeString:
    request = context.get("request")
    return _render(
        "desk/_page_footer.html",
        {
            "next": request.get_full_path() if request else "",
            "csrf_token": _csrf_token(context),
            "languages": [(code, gettext(name)) for code, name in settings.LANGUAGES],
            "language_code": translation.get_language(),
        },
    )
