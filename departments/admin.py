"""Admin for the organisation: what an admin configures day to day, on as few pages as possible."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from departments import people_import, services
from departments.forms import EmployeeImportForm, extra_form_field
from departments.models import (
    ApprovalStep,
    Department,
    Employee,
    FieldKind,
    Holiday,
    HourlyRate,
    Membership,
    Service,
    ServiceField,
    WorkingHours,
)


class TeamChangesThroughServices:
    """Team rows edited in an admin page go through departments.services, so that a person who
    leaves a team is released from its open requests (desk reacts to the service's signal)."""

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        for membership in formset.deleted_objects:
            services.membership_remove(membership=membership, actor=request.user)
        for membership in instances:
            was = (
                Membership.objects.filter(pk=membership.pk)
                .values_list("department_id", "employee_id")
                .first()
                if membership.pk
                else None
            )
            services.membership_save(membership=membership, actor=request.user, was=was)
        formset.save_m2m()
        return None


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["employee"]
    verbose_name = _("team member")
    verbose_name_plural = _("team (heads and agents)")


class ServiceInline(admin.TabularInline):
    model = Service
    extra = 0
    fields = ["name", "slug", "target_hours", "around_the_clock", "is_active", "order"]
    prepopulated_fields = {"slug": ["name"]}
    show_change_link = True


class WorkingHoursInline(admin.TabularInline):
    model = WorkingHours
    extra = 0


class HolidayInline(admin.TabularInline):
    model = Holiday
    extra = 0


@admin.register(Department)
class DepartmentAdmin(TeamChangesThroughServices, admin.ModelAdmin):
    list_display = ["name", "code", "contact_email", "service_count", "member_count", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "name_pl", "code", "description", "contact_email"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "code", "description", "contact_email", "is_active"]}),
        (_("In Polish"), {"fields": ["name_pl", "description_pl"]}),
        (_("Working calendar"), {"fields": ["time_zone"]}),
    ]
    inlines = [ServiceInline, MembershipInline, WorkingHoursInline, HolidayInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _services=Count("services", filter=Q(services__is_active=True), distinct=True),
                _members=Count("memberships", distinct=True),
            )
        )

    @admin.display(description=_("active services"), ordering="_services")
    def service_count(self, obj: Department) -> int:
        return obj._services

    @admin.display(description=_("team"), ordering="_members")
    def member_count(self, obj: Department) -> int:
        return obj._members


class ServiceFieldInline(admin.StackedInline):
    model = ServiceField
    extra = 0
    fields = [
        ("label", "kind", "required", "order"),
        "help_text",
        "options",
        "label_pl",
        "help_text_pl",
        "options_pl",
    ]


class ApprovalStepInline(admin.TabularInline):
    model = ApprovalStep
    extra = 0
    fields = [
        "order",
        "approver_kind",
        "person",
        "department",
        "condition_field",
        "condition_above",
    ]
    autocomplete_fields = ["person", "department"]
    verbose_name_plural = _("approval steps (run in order; none: no approval needed)")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "condition_field":
            # Only this service's number fields can carry a condition.
            service_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = ServiceField.objects.filter(
                service_id=service_id, kind=FieldKind.NUMBER
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "department",
        "target_hours",
        "around_the_clock",
        "field_count",
        "is_active",
    ]
    list_filter = ["department", "is_active", "around_the_clock"]
    list_select_related = ["department"]
    search_fields = ["name", "name_pl", "description", "department__name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["form_preview"]
    fields = [
        "department",
        "name",
        "slug",
        "description",
        "name_pl",
        "description_pl",
        ("target_hours", "around_the_clock"),
        ("is_active", "order"),
        "form_preview",
    ]
    inlines = [ServiceFieldInline, ApprovalStepInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_fields=Count("fields"))

    @admin.display(description=_("extra fields"), ordering="_fields")
    def field_count(self, obj: Service) -> int:
        return obj._fields

    @admin.display(description=_("preview of the extra fields"))
    def form_preview(self, obj: Service) -> str:
        """The extra fields as the requester will see them (after saving)."""
        if obj.pk is None:
            return _("Save the service to see a preview.")
        from django import forms

        fields = {f"extra_{f.pk}": extra_form_field(f) for f in obj.fields.all()}
        form = type("Preview", (forms.Form,), fields)()
        return render_to_string("admin/departments/service_preview.html", {"form": form})


class EmployeeMembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fk_name = "employee"
    verbose_name_plural = _("service teams")


@admin.register(Employee)
class EmployeeAdmin(TeamChangesThroughServices, UserAdmin):
    ordering = ["full_name"]
    list_display = [
        "full_name",
        "email",
        "job_title",
        "department",
        "client_type",
        "is_active",
        "is_staff",
    ]
    list_filter = ["client_type", "department", "is_active", "is_staff", "is_superuser"]
    list_select_related = ["department"]
    search_fields = ["full_name", "email", "job_title"]
    autocomplete_fields = ["department", "manager"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Person"),
            {
                "fields": [
                    "full_name",
                    "job_title",
                    "department",
                    "manager",
                    "client_type",
                    "language",
                ]
            },
        ),
        (
            _("Access"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "email",
                    "full_name",
                    "department",
                    "client_type",
                    "password1",
                    "password2",
                ],
            },
        )
    ]
    inlines = [EmployeeMembershipInline]
    change_list_template = "admin/departments/employee/change_list.html"

    def get_urls(self):
        own = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="departments_employee_import",
            )
        ]
        return own + super().get_urls()

    def import_view(self, request):
        """Upload HR's CSV: checked as a whole, previewed, then applied (people_import)."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = EmployeeImportForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            result = people_import.import_employees(
                form.cleaned_data["text"], dry_run=not form.cleaned_data["apply"]
            )
            if result.ok and form.cleaned_data["apply"]:
                messages.success(
                    request,
                    _("Imported: %(created)s new, %(updated)s updated.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("admin:departments_employee_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import employees"),
            "form": form,
            "result": result,
            "columns": [*people_import.REQUIRED_COLUMNS, *people_import.OPTIONAL_COLUMNS],
        }
        return TemplateResponse(request, "admin/departments/employee/import.html", context)

    # Who may hand out admin rights: only superusers, and nobody to themselves. A field that is
    # read-only is left out of the form, so a forged POST cannot change it either.
    access_fields = ("is_staff", "is_superuser", "groups", "user_permissions")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        own_record = obj is not None and obj.pk == request.user.pk
        if not request.user.is_superuser or own_record:
            fields += self.access_fields
        return fields

    def _guards_higher_account(self, request, obj) -> bool:
        """Another admin's record (their password, their email) is another admin's power: only a
        superuser may change or delete it."""
        return (
            obj is not None
            and not request.user.is_superuser
            and obj.pk != request.user.pk
            and (obj.is_staff or obj.is_superuser)
        )

    def has_change_permission(self, request, obj=None):
        if self._guards_higher_account(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._guards_higher_account(request, obj):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(HourlyRate)
class HourlyRateAdmin(admin.ModelAdmin):
    """Hourly costs per department (and per person). Saved and deleted through
    departments.services, so that the time logged on the days a change covers is priced again."""

    list_display = ["department", "employee", "amount", "valid_from", "valid_until"]
    list_filter = ["department"]
    list_select_related = ["department", "employee"]
    autocomplete_fields = ["employee"]
    search_fields = ["department__name", "employee__email", "employee__full_name"]
    date_hierarchy = "valid_from"

    def save_model(self, request, obj, form, change):
        was = (
            HourlyRate.objects.filter(pk=obj.pk)
            .values_list("department_id", "valid_from", "valid_until")
            .first()
            if change
            else None
        )
        services.rate_save(rate=obj, was=was)

    def delete_model(self, request, obj):
        services.rate_delete(rate=obj)

    def delete_queryset(self, request, queryset):
        for rate in queryset:
            services.rate_delete(rate=rate)


admin.site.unregister(Group)


@admin.register(Group)
class DeskGroupAdmin(GroupAdmin):
    """A group's permissions are admin rights: only superusers change them."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("permissions")
        return fields
