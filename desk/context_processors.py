"""What every page's navigation needs to know about the current person."""

from __future__ import annotations

import functools

from django.http import HttpRequest

from desk import notifications, permissions


def survey_banner(user):
    from surveys.banner import banner_for

    return banner_for(user)


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "staff_departments": permissions.staff_departments(user),
        "head_department_ids": permissions.head_department_ids(user),
        # A callable: the template runs the one COUNT query only when it shows the bell
        # (htmx fragments don't), and once however often it shows it.
        "unread_notifications": functools.cache(lambda: notifications.unread_count(user)),
        "sees_surveys": permissions.sees_surveys(user),
        # The pulse survey banner: on full pages only, from the cache mostly (surveys/banner.py).
        "survey_invitation": functools.cache(lambda: survey_banner(user)),
    }
