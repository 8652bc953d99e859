from django.contrib import admin

from sso.models import Identity


@admin.register(Identity)
class IdentityAdmin(admin.ModelAdmin):
    list_display = ["employee", "issuer", "subject", "created_at", "last_login_at"]
    list_select_related = ["employee"]
    search_fields = ["employee__email", "employee__full_name", "subject"]
    readonly_fields = ["created_at", "last_login_at"]
    raw_id_fields = ["employee"]
