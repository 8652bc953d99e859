from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from api.models import TokenScope
from api.tokens import DEFAULT_EXPIRY_DAYS, EXPIRY_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What will use it, e.g. “HR system” or “my reporting script”."),
    )
    scope = forms.ChoiceField(
        label=_("Access"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
        help_text=_(
            "Read only lists and reads; read and write also files, replies and changes state."
        ),
    )
    days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        initial=DEFAULT_EXPIRY_DAYS,
        choices=[
            (days, ngettext_lazy("%(n)d day", "%(n)d days", days) % {"n": days})
            for days in EXPIRY_DAYS
        ],
    )
