"""A service's extra field as a form field: the request form (desk.forms.RequestForm) asks it, and
the admin's service page previews it (departments.admin), so it lives with the model it reads."""

from __future__ import annotations

from django import forms

from departments.models import FieldKind, ServiceField


def extra_form_field(field: ServiceField) -> forms.Field:
    # Shown in the page's language; RequestForm.extra_answers still stores the English label.
    common = {
        "label": field.localized_label,
        "required": field.required,
        "help_text": field.localized_help_text,
    }
    if field.kind == FieldKind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, **common)
    if field.kind == FieldKind.NUMBER:
        return forms.DecimalField(max_digits=18, decimal_places=4, **common)
    if field.kind == FieldKind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if field.kind == FieldKind.CHOICE:
        choices = [("", "—")] + field.option_choices
        return forms.ChoiceField(choices=choices, **common)
    return forms.CharField(max_length=500, **common)
