"""Forms check the shape of input; feedback.services checks the business rules."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from departments.models import ClientType, Department, Service
from feedback.models import AspectScore, Satisfaction
from feedback.services import COMMENT_MAX_LENGTH, KUDOS_MESSAGE_MAX_LENGTH, NOTE_MAX_LENGTH


def _aspect_field(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        # A "no answer" choice, so a radio picked by mistake can be taken back.
        choices=[*AspectScore.choices, ("", _("No answer"))],
        coerce=int,
        empty_value=None,
        required=False,
        initial="",
        widget=forms.RadioSelect,
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Overall, how satisfied are you with how this request was handled?"),
        choices=Satisfaction.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how satisfied you are, from 1 to 5.")},
    )
    quality = _aspect_field(_("Quality of the result"))
    speed = _aspect_field(_("Speed"))
    communication = _aspect_field(_("Communication"))
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        help_text=_(
            "What went well, what could be better? The department's head reads every comment."
        ),
    )

    ASPECTS = ("quality", "speed", "communication")

    def aspect_fields(self):
        return [self[name] for name in self.ASPECTS]

    def scores(self) -> dict:
        """The cleaned values as the services take them."""
        return {
            name: self.cleaned_data[name]
            for name in ("rating", "quality", "speed", "communication", "comment")
        }

    @classmethod
    def initial_from(cls, feedback) -> dict:
        return {
            "rating": feedback.rating,
            "quality": "" if feedback.quality is None else feedback.quality,
            "speed": "" if feedback.speed is None else feedback.speed,
            "communication": "" if feedback.communication is None else feedback.communication,
            "comment": feedback.comment,
        }


class ActedUponForm(forms.Form):
    note = forms.CharField(
        label=_("What was done about it?"),
        max_length=NOTE_MAX_LENGTH,
        help_text=_("A short note; the requester sees it on the request page."),
        error_messages={"required": _("Say in a few words what was done.")},
    )


# --- the heads' list filters ----------------------------------------------------------------------

PERIOD_DAYS = {"7d": 7, "30d": 30, "90d": 90, "365d": 365}
MONTHS_OFFERED = 12


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _previous_month(day: date) -> date:
    return _month_start(_month_start(day) - timedelta(days=1))


def _next_month(day: date) -> date:
    return _month_start(_month_start(day) + timedelta(days=32))


def _recent_months(today: date) -> list[date]:
    months = [_month_start(today)]
    while len(months) < MONTHS_OFFERED:
        months.append(_previous_month(months[-1]))
    return months


def _period_choices() -> list:
    days = [
        ("7d", _("Last 7 days")),
        ("30d", _("Last 30 days")),
        ("90d", _("Last 90 days")),
        ("365d", _("Last 365 days")),
    ]
    months = [
        (f"{m:%Y-%m}", date_format(m, "YEAR_MONTH_FORMAT"))
        for m in _recent_months(timezone.localdate())
    ]
    return [("", _("Any time")), (_("Recent"), days), (_("Month"), months)]


class FeedbackFilterForm(forms.Form):
    """The list's query string. Only these parameters are read; a bad value is ignored."""

    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[("", _("Any rating")), *Satisfaction.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    service = forms.ModelChoiceField(
        label=_("Service"), queryset=Service.objects.none(), required=False, empty_label=_("Any")
    )
    client_type = forms.ChoiceField(
        label=_("Client type"), choices=[("", _("Any")), *ClientType.choices], required=False
    )
    period = forms.ChoiceField(label=_("Period"), choices=(), required=False)
    needs_action = forms.BooleanField(label=_("Needs action"), required=False)

    PARAMS = ("rating", "service", "client_type", "period", "needs_action")

    def __init__(self, data=None, *, department: Department):
        # Only the allowlisted keys are bound; anything else in the query string is dropped.
        if data is not None:
            data = {key: data.get(key) for key in self.PARAMS if data.get(key)}
        super().__init__(data)
        self.fields["service"].queryset = department.services.order_by("order", "name")
        self.fields["period"].choices = _period_choices()

    def filters(self) -> dict:
        """Keyword arguments for selectors.department_feedback from the valid parameters."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = self.cleaned_data
        filters: dict = {
            "rating": data.get("rating"),
            "service_id": data["service"].pk if data.get("service") else None,
            "client_type": data.get("client_type") or "",
            "needs_action": bool(data.get("needs_action")),
        }
        filters.update(self.period_bounds(data.get("period") or ""))
        return filters

    @staticmethod
    def period_bounds(period: str, now: datetime | None = None) -> dict:
        now = now or timezone.now()
        if period in PERIOD_DAYS:
            return {"since": now - timedelta(days=PERIOD_DAYS[period])}
        if period:
            year, month = (int(part) for part in period.split("-"))
            start = date(year, month, 1)
            tz = timezone.get_current_timezone()
            return {
                "since": datetime.combine(start, datetime.min.time(), tzinfo=tz),
                "until": datetime.combine(_next_month(start), datetime.min.time(), tzinfo=tz),
            }
        return {}

    def query_string(self) -> str:
        """The valid filters as a query string, for pagination links and redirects."""
        if not self.is_bound:
            return ""
        self.is_valid()
        return urlencode(
            [(k, self.data[k]) for k in self.PARAMS if k in self.data and k not in self.errors]
        )


class KudosForm(forms.Form):
    """Whom to thank, among the team members who worked on the request, and an optional word."""

    recipient = forms.ModelChoiceField(
        label=_("Who helped you?"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": _("Choose who you want to thank."),
            "invalid_choice": _("Choose someone of the team who worked on this request."),
        },
    )
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=KUDOS_MESSAGE_MAX_LENGTH,
        required=False,
        help_text=_(
            "Optional. Your thanks and message are shown on the department's recognition page."
        ),
    )

    def __init__(self, *args, helpers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = helpers
        self.fields["recipient"].label_from_instance = lambda person: person.full_name
