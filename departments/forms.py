"""A service's extra field as a form field: the request form (desk.forms.RequestForm) asks it, and
the admin's service page previews it (departments.admin), so it lives with the model it reads."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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


class EmployeeImportForm(forms.Form):
    """The admin's upload of HR's CSV (departments.people_import reads it)."""

    MAX_BYTES = 5 * 1024 * 1024

    file = forms.FileField(label=_("CSV file (UTF-8)"))
    apply = forms.BooleanField(
        label=_("Apply the changes (leave unticked to check the file first)"), required=False
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            cleaned["text"] = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(
                _("The file is not UTF-8 text: save it from your spreadsheet as “CSV UTF-8”.")
            ) from error
        if "\x00" in cleaned["text"]:
            raise forms.ValidationError(_("The file is not a CSV file."))
        return cleaned
