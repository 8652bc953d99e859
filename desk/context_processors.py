"""What every page's navigation needs to know about the current person."""

from __future__ import annotations

from django.http import HttpRequest

from desk import permissions


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"staff_departments": permissions.staff_departments(user)}
