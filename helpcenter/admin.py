from django.contrib import admin

from helpcenter.models import Article, Deflection


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Heads edit articles in Desk (helpcenter.views), where Markdown is rendered and sanitised;
    here admins only see them and can take one down."""

    list_display = ["title", "department", "status", "updated_at"]
    list_filter = ["status", "department"]
    list_select_related = ["department"]
    search_fields = ["title", "title_pl"]
    fields = ["department", "title", "title_pl", "status", "services", "body", "body_pl"]
    readonly_fields = ["department", "title", "title_pl", "services", "body", "body_pl"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Deflection)
class DeflectionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "department", "service", "article", "employee"]
    list_filter = ["department"]
    list_select_related = ["department", "service", "article", "employee"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
