"""Forms of the staff actions on a request: shapes only; desk.services checks the rules.

Choices are deliberately wider than what the page offers (every status, every member): a form
posted from a page that went stale must reach the service, which says *why* it cannot be done
("someone else changed it meanwhile") instead of a bare "select a valid choice".
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from departments.models import Department, Employee, Service
from desk.models import NotificationKind, Priority, Status
from desk.notifications import kinds_for, preferences_for


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    # The status the person saw; if it changed since, the service refuses with a clear message.
    expected_status = forms.ChoiceField(
        choices=Status.choices, required=False, widget=forms.HiddenInput
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assignee"),
        queryset=Employee.objects.none(),
        required=False,
        empty_label=_("Nobody"),
    )
    # Who was assigned when the person looked: "" for nobody, absent for "don't check".
    expected_assignee = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, department: Department, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = Employee.objects.filter(
            memberships__department=department
        )

    def expected_assignee_id(self) -> int | None | str:
        """The value request_assign expects: an id, None for nobody, "any" when not sent."""
        if "expected_assignee" not in self.data:
            return "any"
        value = self.cleaned_data.get("expected_assignee", "")
        if not value:
            return None
        return int(value) if value.isdigit() else "any"


class PriorityForm(forms.Form):
    priority = forms.TypedChoiceField(label=_("Priority"), choices=Priority.choices, coerce=int)


class ServiceForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Service"), queryset=Service.objects.none())

    def __init__(self, *args, department: Department, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.filter(department=department)


class ProfileForm(forms.Form):
    """Language and, for each kind of notification that can reach the person, two switches."""

    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        help_text=_("Used for pages and emails. “Browser” follows your browser's setting."),
    )

    def __init__(self, *args, employee: Employee, **kwargs):
        super().__init__(*args, **kwargs)
        self.employee = employee
        self.fields["language"].choices = [("", _("Browser")), *settings.LANGUAGES]
        self.fields["language"].initial = employee.language
        self.kinds = kinds_for(employee)
        current = preferences_for(employee)
        for kind in self.kinds:
            label = NotificationKind(kind).label
            in_app, email = current[kind]
            self.fields[f"{kind}__in_app"] = forms.BooleanField(
                label=_("%(kind)s: in Desk") % {"kind": label}, required=False, initial=in_app
            )
            self.fields[f"{kind}__email"] = forms.BooleanField(
                label=_("%(kind)s: by email") % {"kind": label}, required=False, initial=email
            )

    def kind_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (NotificationKind(kind).label, self[f"{kind}__in_app"], self[f"{kind}__email"])
            for kind in self.kinds
        ]

    def choices(self) -> dict[str, tuple[bool, bool]]:
        return {
            kind: (self.cleaned_data[f"{kind}__in_app"], self.cleaned_data[f"{kind}__email"])
            for kind in self.kinds
        }
