from django.contrib import admin

from inbound.models import InboundAddress, ProcessedMessage


@admin.register(InboundAddress)
class InboundAddressAdmin(admin.ModelAdmin):
    list_display = ["email", "department", "service", "folder", "is_active"]
    list_filter = ["is_active", "department"]
    list_select_related = ["department", "service"]
    search_fields = ["email", "folder"]
    autocomplete_fields = ["department", "service"]


@admin.register(ProcessedMessage)
class ProcessedMessageAdmin(admin.ModelAdmin):
    """What happened to each email: read-only, the log of email in."""

    list_display = ["processed_at", "sender", "subject", "address", "outcome", "request"]
    list_filter = ["outcome", "address"]
    list_select_related = ["address", "request__department"]
    search_fields = ["sender", "subject", "message_id"]
    date_hierarchy = "processed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
