"""What every page's navigation needs to know about the current person."""

from __future__ import annotations

import functools

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from desk import notifications, permissions, together
from desk.jinja2 import csrf_token


def top_bar(user) -> tuple[int, bool]:
    """The bell's unread count, and whether the person has a survey invitation to answer: one
    statement for both, as every full page shows the two (most people have no invitation, and
    so no banner to look up in the cache)."""
    return together.one(top_bar_reader(user))


def top_bar_reader(user) -> together.Reader[tuple[int, bool]]:
    """top_bar as a reader of desk.together. A view that reads it with its own statements leaves
    the answer on the request as `desk_top_bar`, where navigation() finds it."""
    from surveys.banner import invited_statement

    bell_sql, bell_params = notifications.unread_count_statement(user)
    invited_sql, invited_params = invited_statement(user)
    rows = yield f"SELECT ({bell_sql}), {invited_sql}", (*bell_params, *invited_params)
    unread, invited = rows[0]
    return unread, bool(invited)


def survey_banner(user, invited: bool):
    from surveys.banner import banner_for

    return banner_for(user, invited)


def csrf(request: HttpRequest) -> dict:
    """Django's csrf_token, made once per response (desk.jinja2.csrf_token): the same token in
    every form of a page, whichever engine renders it. Listed after Django's own, it replaces it."""

    def token() -> str:
        return csrf_token(request) or "NOTPROVIDED"

    return {"csrf_token": SimpleLazyObject(token)}


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    bar = functools.cache(lambda: getattr(request, "desk_top_bar", None) or top_bar(user))
    return {
        "staff_departments": permissions.staff_departments(user),
        "head_department_ids": permissions.head_department_ids(user),
        # Callables: the template runs the top bar's one query only when it shows the bell or
        # the banner (htmx fragments don't), and once however often it shows them.
        "unread_notifications": lambda: bar()[0],
        "sees_surveys": permissions.sees_surveys(user),
        # The pulse survey banner: on full pages only, from the cache (surveys/banner.py).
        "survey_invitation": functools.cache(lambda: survey_banner(user, bar()[1])),
    }
