"""Admin for requests (read-mostly: states change only through desk.services), notifications
and the departments' canned replies."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from desk.models import (
    AllowedFileType,
    Approval,
    CannedReply,
    Delegation,
    Event,
    Notification,
    NotificationPreference,
    Request,
)


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    fields = ["created_at", "actor", "kind", "old_value", "new_value", "body"]
    readonly_fields = fields
    can_delete = False
    show_change_link = False
    ordering = ["created_at", "id"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class ApprovalInline(admin.TabularInline):
    model = Approval
    extra = 0
    fields = [
        "position",
        "approver_kind",
        "approver",
        "approver_department",
        "started_at",
        "decision",
        "decided_by",
        "decided_at",
        "reason",
        "escalated_at",
    ]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("approver", "approver_department", "decided_by")
        )


@admin.register(Request)
class RequestAdmin(admin.ModelAdmin):
    """To look things up and support people; the workflow happens on the request page."""

    list_display = [
        "reference",
        "title",
        "department",
        "service",
        "status",
        "priority",
        "assignee",
        "requester",
        "created_at",
        "due_at",
    ]
    list_filter = ["status", "priority", "client_type", "department", "service"]
    search_fields = ["title", "description", "requester__email", "requester__full_name"]
    list_select_related = ["department", "service", "assignee", "requester"]
    date_hierarchy = "created_at"
    show_full_result_count = False  # no COUNT(*) over years of requests on every page
    inlines = [ApprovalInline, EventInline]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False  # requests are filed through the catalog, which numbers them

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    @admin.display(description=_("reference"), ordering="number")
    def reference(self, obj: Request) -> str:
        return obj.reference


@admin.register(CannedReply)
class CannedReplyAdmin(admin.ModelAdmin):
    list_display = ["title", "department", "is_active"]
    list_filter = ["is_active", "department"]
    search_fields = ["title", "body"]
    list_select_related = ["department"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "request", "read_at", "email", "emailed_at"]
    list_filter = ["kind", "email"]
    search_fields = ["recipient__email", "recipient__full_name"]
    list_select_related = ["recipient", "request__department"]
    raw_id_fields = ["recipient", "request", "event"]
    show_full_result_count = False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["employee", "kind", "in_app", "email"]
    list_filter = ["kind"]
    search_fields = ["employee__email", "employee__full_name"]
    raw_id_fields = ["employee"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["delegator", "delegate", "starts_on", "ends_on"]
    search_fields = ["delegator__full_name", "delegator__email", "delegate__full_name"]
    autocomplete_fields = ["delegator", "delegate"]
    list_select_related = ["delegator", "delegate"]
    date_hierarchy = "starts_on"


@admin.register(AllowedFileType)
class AllowedFileTypeAdmin(admin.ModelAdmin):
    """The attachment allowlist: which file name extensions people may attach, and what each
    must contain (checked from the file's first bytes)."""

    list_display = ["extension", "kind", "is_active"]
    list_editable = ["is_active"]
    list_filter = ["is_active", "kind"]
    search_fields = ["extension"]
