"""Admins configure webhooks per department and read the delivery log."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from webhooks import delivery
from webhooks.models import DeliveryStatus, Webhook, WebhookDelivery, new_secret

RECENT_DELIVERIES = 20


class RecentDeliveryInline(admin.TabularInline):
    model = WebhookDelivery
    verbose_name_plural = _("Recent deliveries")
    fields = [
        "created_at",
        "event_type",
        "request",
        "status",
        "attempts",
        "response_status",
        "error",
    ]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("request__department")
        ids = (
            WebhookDelivery.objects.filter(
                webhook_id=request.resolver_match.kwargs.get("object_id")
            )
            .order_by("-created_at", "-pk")
            .values_list("pk", flat=True)[:RECENT_DELIVERIES]
        )
        return queryset.filter(pk__in=list(ids))


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    list_display = ["name", "department", "url", "is_active", "internal", "allow_private_network"]
    list_filter = ["is_active", "internal", "department"]
    search_fields = ["name", "url"]
    list_select_related = ["department"]
    fieldsets = [
        (None, {"fields": ["department", "name", "url", "is_active"]}),
        (_("Events"), {"fields": ["on_filed", "on_state_changed", "on_commented", "on_rated"]}),
        (_("Security"), {"fields": ["secret", "internal", "allow_private_network"]}),
    ]
    readonly_fields = ["secret"]
    inlines = [RecentDeliveryInline]
    actions = ["rotate_secret"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"  # a bare host name means https
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.action(description=_("Give the selected webhooks a new signing secret"))
    def rotate_secret(self, request, queryset):
        count = 0
        for webhook in queryset:
            webhook.secret = new_secret()
            webhook.save(update_fields=["secret"])
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(n)d webhook has a new secret: update its receiver.",
                "%(n)d webhooks have a new secret: update their receivers.",
                count,
            )
            % {"n": count},
        )


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log: what was sent where, and what the receiver answered."""

    list_display = [
        "created_at",
        "webhook",
        "event_type",
        "request",
        "status",
        "attempts",
        "response_status",
        "delivered_at",
    ]
    list_filter = ["status", "event_type", "webhook"]
    search_fields = ["uid", "webhook__name"]
    list_select_related = ["webhook", "request__department"]
    date_hierarchy = "created_at"
    fields = [
        "uid",
        "webhook",
        "event_type",
        "request",
        "status",
        "attempts",
        "last_attempt_at",
        "next_attempt_at",
        "delivered_at",
        "response_status",
        "response_body",
        "error",
        "payload",
    ]
    readonly_fields = fields
    actions = ["send_again"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Send the selected deliveries again"))
    def send_again(self, request, queryset):
        count = 0
        for item in queryset.exclude(status=DeliveryStatus.PENDING):
            delivery.delivery_resend(delivery=item)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(n)d delivery will be sent again.", "%(n)d deliveries will be sent again.", count
            )
            % {"n": count},
        )
