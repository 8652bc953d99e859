"""The bell (my notifications) and the profile page (language and notification switches)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from desk import notifications, permissions
from desk.models import NotificationKind
from desk.workflow_forms import ProfileForm


@require_GET
@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    items = (
        permissions.visible_notifications(request.user)
        .select_related("request__department", "event__actor")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "desk/notifications.html",
        {"page": page, "unread": notifications.unread_count(request.user)},
    )


@require_POST
@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go to its request."""
    notification = get_object_or_404(
        permissions.visible_notifications(request.user).select_related("request__department"),
        pk=pk,
    )
    notifications.notifications_mark_read(user=request.user, ids=[notification.pk])
    if notification.kind == NotificationKind.APPROVAL:
        # Approvers decide on their page; they may not be able to open the request itself.
        return redirect("desk:approvals")
    return redirect(notification.request)


@require_POST
@login_required
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications.notifications_mark_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("desk:notifications")


@require_http_methods(["GET", "POST"])
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    employee = request.user
    form = ProfileForm(request.POST if request.method == "POST" else None, employee=employee)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            employee.language = form.cleaned_data["language"]
            employee.save(update_fields=["language"])
            notifications.preferences_save(employee=employee, choices=form.choices())
        messages.success(request, _("Your settings are saved."))
        response = redirect("desk:profile")
        # The choice applies at once in this browser; desk.middleware applies it on others.
        if employee.language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                employee.language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        else:
            response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
        return response
    status = 400 if request.method == "POST" else 200
    return render(request, "desk/profile.html", {"form": form}, status=status)
