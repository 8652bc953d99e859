"""Pulse surveys: the heads' editor and results, and the invited colleague's answer page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from departments.models import Department
from desk import permissions
from desk.views.requests import attach_errors
from surveys import results, services
from surveys.forms import ActedUponForm, AnswerForm, SurveyForm, question_formset
from surveys.models import Answer, Invitation, QuestionKind, Survey


def _results_survey_or_404(user, pk: int) -> Survey:
    try:
        return permissions.survey_results_visible(user).select_related("department").get(pk=pk)
    except Survey.DoesNotExist:
        raise Http404("No such survey.") from None


def _editable_survey_or_404(user, pk: int) -> Survey:
    survey = Survey.objects.select_related("department").filter(pk=pk).first()
    if survey is None or not permissions.can_edit_survey(user, survey.department_id):
        raise Http404("No such survey.")
    return survey


@require_GET
@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    surveys = (
        permissions.survey_results_visible(user)
        .select_related("department")
        .order_by("department__name", "title", "pk")
    )
    if not permissions.sees_surveys(user):
        raise Http404("No surveys for you.")
    heads = [d for d in permissions.staff_departments(user) if permissions.is_head_of(user, d.pk)]
    context = {
        "surveys": surveys,
        "head_departments": heads,
        "company_editor": permissions.can_edit_survey(user, None),
    }
    return render(request, "surveys/survey_list.html", context)


def _edit_page(request, survey: Survey | None, department: Department | None) -> HttpResponse:
    if request.method == "POST":
        form = SurveyForm(request.POST)
        formset = question_formset(request.POST, survey)
    else:
        form = SurveyForm(
            initial=SurveyForm.initial_from(survey) if survey else {"is_active": True}
        )
        formset = question_formset(None, survey)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        questions = [
            services.QuestionInput(
                kind=f.cleaned_data["kind"],
                text=f.cleaned_data["text"] or "",
                pk=f.cleaned_data.get("pk"),
                text_pl=f.cleaned_data["text_pl"] or "",
            )
            for f in formset.forms
        ]
        try:
            saved = services.survey_save(
                survey=survey,
                department=department,
                editor=request.user,
                title=form.cleaned_data["title"],
                title_pl=form.cleaned_data["title_pl"],
                is_active=form.cleaned_data["is_active"],
                questions=questions,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("“%(title)s” is saved.") % {"title": saved.localized_title})
            return redirect(saved)
    context = {"survey": survey, "department": department, "form": form, "formset": formset}
    status = 400 if request.method == "POST" else 200
    return render(request, "surveys/survey_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
def survey_new(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    if slug is None:
        if not permissions.can_edit_survey(request.user, None):
            raise Http404("No such page.")
        department = None
    else:
        department = permissions.get_head_department_or_404(request.user, slug)
    return _edit_page(request, None, department)


@require_http_methods(["GET", "POST"])
@login_required
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _editable_survey_or_404(request.user, pk)
    return _edit_page(request, survey, survey.department)


@require_GET
@login_required
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _results_survey_or_404(request.user, pk)
    rounds = results.rounds_of(survey)
    chosen = request.GET.get("round", "")
    round_ = next((r for r in rounds if chosen.isdigit() and r.pk == int(chosen)), None)
    if round_ is None and rounds:
        round_ = rounds[-1]
    context = {
        "survey": survey,
        "rounds": rounds,
        "results": results.round_results(survey, round_, rounds),
        "minimum": results.minimum(),
        "can_edit": permissions.can_edit_survey(request.user, survey.department_id),
        "acted_form": ActedUponForm(),
    }
    return render(request, "surveys/results.html", context)


@require_POST
@login_required
def comment_acted(request: HttpRequest, pk: int, answer_pk: int) -> HttpResponse:
    survey = _editable_survey_or_404(request.user, pk)
    answer = (
        Answer.objects.select_related("question__survey", "response__round")
        .filter(pk=answer_pk, question__survey=survey, question__kind=QuestionKind.TEXT)
        .first()
    )
    if answer is None or answer.response.round.responses.count() < results.minimum():
        raise Http404("No such comment.")
    form = ActedUponForm(request.POST)
    url = f"{survey.get_absolute_url()}?round={answer.response.round_id}#comment-{answer.pk}"
    if not form.is_valid():
        messages.error(request, _("Say in a few words what was done."))
        return redirect(url)
    try:
        services.comment_mark_acted_upon(
            answer=answer, head=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Marked as acted upon; respondents see your reply."))
    return redirect(url)


@require_http_methods(["GET", "POST"])
@login_required
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """Only the invited person may open their link; for anyone else it does not exist."""
    invitation = (
        Invitation.objects.select_related("round__survey__department")
        .filter(token=token, employee=request.user)
        .first()
    )
    if invitation is None:
        raise Http404("No such survey.")
    if request.method == "POST" and invitation.answered:
        messages.info(request, _("You had answered this survey already."))
        return redirect("desk:home")
    survey = invitation.round.survey
    questions = list(survey.questions.all())
    closed = invitation.answered or not invitation.round.is_open or not survey.is_active
    form = AnswerForm(request.POST if request.method == "POST" else None, questions=questions)
    if request.method == "POST" and not closed and form.is_valid():
        try:
            created = services.answer_submit(
                invitation=invitation, employee=request.user, answers=form.answers()
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            if created:
                messages.success(request, _("Thank you: your answers are in, without your name."))
            else:
                messages.info(request, _("You had answered this survey already."))
            return redirect("desk:home")
    context = {
        "invitation": invitation,
        "survey": survey,
        "form": form,
        "fields": [form[f"q{q.pk}"] for q in questions],
        "closed": closed,
        "replies": results.replies_for(survey),
    }
    status = 400 if request.method == "POST" and not closed else 200
    return render(request, "surveys/answer.html", context, status=status)
