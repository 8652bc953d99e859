"""Forms check the shape of input; desk.services checks the business rules."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.core.exceptions import ValidationError
from django.forms.renderers import Jinja2
from django.utils.functional import cached_property, lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from departments.forms import extra_form_field
from departments.models import Employee, Service, ServiceField
from desk.attachments import inspect_upload
from desk.jinja2 import escape_as_django
from desk.models import MAX_MINUTES, Priority


class JinjaWidgets(Jinja2):
    """Django's own widget templates rendered by Jinja2 (Django ships both, with the same markup):
    half the time of its template engine, whose include and loop per widget took most of a
    field's cost. Values are escaped as Django's engine escapes them (an apostrophe as &#x27;,
    a quote as &quot;), so a refused form gives the person's text back byte for byte as before.
    For the forms shown on every view of a request page (CommentForm, TimeLogForm).

    Django's templates for the input widgets only include input.html, which includes attrs.html:
    each include is a new Jinja2 context, most of a field's rendering. Desk's copies in
    templates/jinja2/desk/widgets/ write the includes in (same markup; tests/desk/test_forms.py
    compares them with Django's)."""

    FLATTENED = {
        **{
            f"django/forms/widgets/{name}.html": "desk/widgets/input.html"
            for name in ("checkbox", "date", "email", "file", "hidden", "number", "text")
        },
        "django/forms/widgets/textarea.html": "desk/widgets/textarea.html",
        "django/forms/widgets/clearable_file_input.html": "desk/widgets/clearable_file_input.html",
    }

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    settings.BASE_DIR / "templates" / "jinja2",
                    Path(forms.__file__).parent / "jinja2",
                ],
                "NAME": "djangoforms",
                # Every value is escaped once, by finalize, rather than by finalize and again
                # by autoescaping (whose Markup it would only copy).
                "OPTIONS": {"autoescape": False, "finalize": escape_as_django},
            }
        )

    def get_template(self, template_name):
        return self.engine.get_template(self.FLATTENED.get(template_name, template_name))


JINJA_WIDGETS = JinjaWidgets()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def _attachments_help() -> str:
    # Read when rendered, not at import: the language and the limits may differ by then.
    return gettext(
        "Up to %(n)d files of at most %(mb)d MB each: images, PDF, office documents, ZIP or text."
    ) % {"n": settings.DESK_MAX_ATTACHMENTS, "mb": settings.DESK_MAX_ATTACHMENT_MB}


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content and size."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", lazy(_attachments_help, str)())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        if len(files) > settings.DESK_MAX_ATTACHMENTS:
            limit = settings.DESK_MAX_ATTACHMENTS
            raise ValidationError(
                ngettext("Attach at most %(n)d file.", "Attach at most %(n)d files.", limit)
                % {"n": limit},
                code="too_many",
            )
        errors: list[ValidationError] = []
        cleaned = []
        for upload in files:
            try:
                cleaned.append(super().clean(upload, initial))
                inspect_upload(upload)
            except ValidationError as exc:
                errors.append(exc)
        if errors:
            raise ValidationError(errors)
        return cleaned


class RequestForm(forms.Form):
    """Filing a request: the common fields plus the service's own extra fields."""

    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("A short summary."))
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        help_text=_("What do you need, and by when? Add anything that helps the team."),
    )
    priority = forms.TypedChoiceField(
        label=_("Priority"), choices=Priority.choices, coerce=int, initial=Priority.NORMAL
    )
    attachments = MultipleFileField(label=_("Attachments"))

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.extra_fields = list(service.fields.all())
        for field in self.extra_fields:
            self.fields[self.extra_name(field)] = extra_form_field(field)
        # Extra fields come before the attachments, in the order the admin set.
        self.order_fields(
            ["title", "description", "priority"]
            + [self.extra_name(f) for f in self.extra_fields]
            + ["attachments"]
        )

    @staticmethod
    def extra_name(field: ServiceField) -> str:
        return f"extra_{field.pk}"

    def extra_bound_fields(self):
        return [self[self.extra_name(f)] for f in self.extra_fields]

    def extra_answers(self) -> list[dict]:
        answers = []
        for field in self.extra_fields:
            value = self.cleaned_data.get(self.extra_name(field))
            if value in (None, ""):
                continue
            answers.append(
                {"field": field.pk, "label": field.label, "kind": field.kind, "value": str(value)}
            )
        return answers


class CommentForm(forms.Form):
    default_renderer = JINJA_WIDGETS
    blank_fields_kept = True  # the same fields for everyone (desk.jinja2.field_html)

    body = forms.CharField(
        label=_("Message"),
        # hx-preserve keeps a half-written reply when a staff action refreshes the page via htmx.
        widget=forms.Textarea(attrs={"rows": 4, "hx-preserve": "true"}),
        max_length=20000,
        required=False,
    )
    internal = forms.BooleanField(label=_("Internal note (only your team sees it)"), required=False)
    attachments = MultipleFileField(label=_("Attachments"))

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("body") or "").strip() and not cleaned.get("attachments"):
            self.add_error("body", _("Write a message or attach a file."))
        return cleaned


class EmailLoginForm(AuthenticationForm):
    """Log in by work email: an email keyboard on phones; matching ignores case (the manager)."""

    username = UsernameField(
        label=_("Email"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        # Django's default says both fields may be case-sensitive; the email is not.
        "invalid_login": _(
            "That email and password do not match an account. The password is case-sensitive."
        ),
    }


class DecisionForm(forms.Form):
    """Approve or reject: the button pressed says which; a rejection needs its reason."""

    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Reason or comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        help_text=_("Required when you reject; the requester sees it."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "reject" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why you reject it, so the requester knows."))
        return cleaned


class DelegationForm(forms.Form):
    delegate_email = forms.EmailField(
        label=_("Colleague's email"), help_text=_("They decide your approvals while you are away.")
    )
    starts_on = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean_delegate_email(self):
        email = self.cleaned_data["delegate_email"].lower()
        delegate = Employee.objects.filter(email=email, is_active=True).first()
        if delegate is None:
            raise forms.ValidationError(_("Nobody at the company has this email address."))
        self.delegate = delegate
        return email


class TimeLogForm(forms.Form):
    """Time spent on a request: minutes, the day (today unless said), and an optional note."""

    default_renderer = JINJA_WIDGETS
    blank_fields_kept = True  # the same fields for everyone (desk.jinja2.field_html)

    minutes = forms.IntegerField(
        label=_("Minutes"),
        min_value=1,
        max_value=MAX_MINUTES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": "5", "size": "6"}),
        error_messages={"required": _("How many minutes did you spend?")},
    )
    spent_on = forms.DateField(
        label=_("Day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Empty: today."),
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "time_%s")
        super().__init__(*args, **kwargs)
