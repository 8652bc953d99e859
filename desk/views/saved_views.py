"""Saved views of a department's queue: save the current filters under a name (shared with the
team or not), delete one's own. The views themselves are listed by the queue page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from desk import permissions
from desk.models import SavedView
from desk.queue import TRUE_VALUES, saved_view_delete, saved_view_save
from desk.views.queue_parts import Team, queue_url


@require_POST
@login_required
def saved_view_create(request: HttpRequest, slug: str) -> HttpResponse:
    department = permissions.get_staff_department_or_404(request.user, slug)
    filters = Team.read(department).filters(request.POST.get("query", ""))
    try:
        view = saved_view_save(
            owner=request.user,
            department=department,
            name=request.POST.get("name", "")[:200],
            filters=filters,
            shared=request.POST.get("shared", "").lower() in TRUE_VALUES,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
    return redirect(queue_url(department, filters))


@require_POST
@login_required
def saved_view_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    department = permissions.get_staff_department_or_404(request.user, slug)
    # Only the owner's own views: someone else's shared view is a 404 here, like any other.
    view = get_object_or_404(SavedView, pk=pk, department=department, owner=request.user)
    saved_view_delete(view=view, actor=request.user)
    messages.success(request, _("View “%(name)s” deleted.") % {"name": view.name})
    return redirect("desk:queue", slug=department.slug)
