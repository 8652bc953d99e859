"""Admin for feedback and reports."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from feedback.models import Feedback, Kudos

# --- feedback -------------------------------------------------------------------------------------


class ComputedAdmin(admin.ModelAdmin):
    """Rows Desk writes itself (requesters' ratings, the report job's cells, findings and marks):
    shown in admin, never added or edited there."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Feedback)
class FeedbackAdmin(ComputedAdmin):
    """Read-only: ratings are the requesters' words, and changes go through feedback.services.

    The services send feedback_saved, which keeps the reports right; an admin edit would not.
    """

    list_display = [
        "request",
        "rating",
        "department",
        "service",
        "client_type",
        "created_at",
        "is_acted_upon",
    ]
    list_filter = [
        "rating",
        "department",
        "client_type",
        ("acted_upon_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["request__department", "department", "service"]
    search_fields = ["request__title", "comment", "requester__email", "requester__full_name"]
    date_hierarchy = "created_at"
    fields = [
        "request",
        "requester",
        "department",
        "service",
        "client_type",
        "rating",
        "quality",
        "speed",
        "communication",
        "comment",
        "created_at",
        "updated_at",
        "acted_upon_at",
        "acted_upon_by",
        "acted_upon_note",
    ]

    @admin.display(description=_("acted upon"), boolean=True)
    def is_acted_upon(self, obj: Feedback) -> bool:
        return obj.acted_upon_at is not None

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# --- reports -------------------------------------------------------------------------------------

from feedback.models import Finding, ReportCell, ReportSubscription, StaleCell  # noqa: E402


@admin.register(ReportCell)
class ReportCellAdmin(ComputedAdmin):
    """Read-only: cells are computed (feedback.reports); `manage.py recompute_reports` rebuilds them."""

    list_display = [
        "department",
        "period_kind",
        "period_start",
        "service",
        "client_type",
        "filed",
        "resolved",
        "backlog",
        "rated",
        "computed_at",
    ]
    list_filter = ["period_kind", "department", "client_type"]
    list_select_related = ["department", "service"]
    date_hierarchy = "period_start"


@admin.register(Finding)
class FindingAdmin(ComputedAdmin):
    """Read-only: "where to improve" is computed by the report job with the cells."""

    list_display = [
        "department",
        "period_kind",
        "period_start",
        "rank",
        "kind",
        "service",
        "subject",
    ]
    list_filter = ["period_kind", "kind", "department"]
    list_select_related = ["department", "service"]
    date_hierarchy = "period_start"


@admin.register(StaleCell)
class StaleCellAdmin(ComputedAdmin):
    """The outbox of cells waiting to be recomputed; it should empty itself within a minute."""

    list_display = [
        "department",
        "period_kind",
        "period_start",
        "service_key",
        "client_type",
        "marked_at",
    ]
    list_filter = ["period_kind", "department"]


@admin.register(ReportSubscription)
class ReportSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["employee", "department", "monthly_email", "last_sent_month"]
    list_filter = ["monthly_email", "department"]
    list_select_related = ["employee", "department"]
    autocomplete_fields = ["employee"]
    search_fields = ["employee__email", "employee__full_name", "department__name"]


@admin.register(Kudos)
class KudosAdmin(admin.ModelAdmin):
    """Thanks are the requester's words: admins may remove an abusive one, not rewrite it."""

    list_display = ["created_at", "department", "recipient", "giver", "request"]
    list_filter = ["department"]
    list_select_related = ["department", "recipient", "giver", "request__department"]
    search_fields = ["recipient__full_name", "giver__full_name", "message"]
    readonly_fields = [
        "request",
        "giver",
        "recipient",
        "department",
        "service",
        "message",
        "created_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False
