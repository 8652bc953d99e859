"""Survey forms: their shape only; services.py checks the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import AspectScore
from surveys.models import MAX_QUESTIONS, QuestionKind, Survey


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    title_pl = forms.CharField(
        label=_("Title in Polish"),
        max_length=200,
        required=False,
        help_text=_("Empty: Polish pages show the English title."),
    )
    is_active = forms.BooleanField(
        label=_("Send every quarter"),
        required=False,
        help_text=_(
            "At the start of each quarter, to the colleagues who filed a request in the last one."
        ),
    )

    @staticmethod
    def initial_from(survey: Survey) -> dict:
        return {"title": survey.title, "title_pl": survey.title_pl, "is_active": survey.is_active}


class QuestionForm(forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Question"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to leave the question out."),
    )
    text_pl = forms.CharField(label=_("In Polish"), max_length=300, required=False)
    kind = forms.ChoiceField(
        label=_("Answer"), choices=QuestionKind.choices, initial=QuestionKind.SCALE
    )


QuestionFormSet = forms.formset_factory(
    QuestionForm, extra=0, min_num=MAX_QUESTIONS, max_num=MAX_QUESTIONS, validate_max=True
)


def question_formset(data=None, survey: Survey | None = None):
    initial = (
        [
            {"pk": q.pk, "text": q.text, "text_pl": q.text_pl, "kind": q.kind}
            for q in survey.questions.all()
        ]
        if survey
        else []
    )
    return QuestionFormSet(data, initial=initial, prefix="questions")


class AnswerForm(forms.Form):
    """One field per question: q<pk>, a 1–5 radio group or a text box."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        scale = AspectScore.choices  # the words of the feedback form's aspects
        for question in questions:
            name = f"q{question.pk}"
            if question.kind == QuestionKind.SCALE:
                self.fields[name] = forms.TypedChoiceField(
                    label=question.localized_text,
                    choices=scale,
                    coerce=int,
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.localized_text,
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
        self.questions = questions

    def answers(self) -> dict[int, int | str | None]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


class ActedUponForm(forms.Form):
    note = forms.CharField(
        label=_("What was done"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
