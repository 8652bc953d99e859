"""Rating a request, and the heads' list of their department's feedback."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from desk import permissions
from desk.views.requests import attach_errors
from feedback import selectors, services
from feedback.forms import ActedUponForm, FeedbackFilterForm, FeedbackForm

LIST_PAGE_SIZE = 50


def _wants_fragment(request: HttpRequest) -> bool:
    """An htmx swap gets the named partial; a history restore needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


# --- rating -----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def rate(request: HttpRequest, code: str, number: int) -> HttpResponse:
    """GET only shows the form (mail scanners follow the link in the email); POST records."""
    user = request.user
    desk_request = permissions.get_request_or_404(user, code, number)
    if desk_request.requester_id != user.pk:
        raise Http404("No such request.")
    refusal = services.rating_refusal(user, desk_request)
    if refusal:
        messages.info(request, refusal)
        return redirect(desk_request)

    feedback = selectors.feedback_for_request(desk_request)
    rate_url = reverse("feedback:rate", args=[code, number])
    editing = feedback is not None and request.POST.get("edit") == str(feedback.pk)
    if request.method == "POST" and feedback is not None and not editing:
        # A second tab, a double click or a replayed POST: keep and show the first answer.
        messages.info(request, _("You had already rated this request; your answer is below."))
        return redirect(rate_url)

    if request.method == "POST":
        form = FeedbackForm(request.POST)
    elif feedback is not None:
        form = FeedbackForm(initial=FeedbackForm.initial_from(feedback))
    else:
        form = FeedbackForm()

    if request.method == "POST" and form.is_valid():
        try:
            if editing:
                services.feedback_edit(feedback=feedback, editor=user, **form.scores())
                messages.success(request, _("Your feedback was updated. Thank you."))
                return redirect(desk_request)
            _feedback, created = services.feedback_submit(
                request=desk_request, requester=user, **form.scores()
            )
        except ValidationError as exc:
            if exc.code == "window_passed":
                messages.error(request, exc.messages[0])
                return redirect(rate_url)
            attach_errors(form, exc)
        else:
            if not created:
                messages.info(
                    request, _("You had already rated this request; your answer is below.")
                )
                return redirect(rate_url)
            messages.success(
                request,
                _(
                    "Thank you for your feedback. %(dept)s reads every rating; you can change "
                    "yours for 24 hours."
                )
                % {"dept": desk_request.department.localized_name},
            )
            return redirect(desk_request)

    context = {
        "req": desk_request,
        "feedback": feedback,
        "form": form,
        "can_edit": feedback is not None and services.can_edit(user, feedback),
        "edit_deadline": services.edit_deadline(feedback) if feedback else None,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "feedback/rate.html", context, status=status)


# --- the heads' list ---------------------------------------------------------------------------------


def _list_context(request: HttpRequest, department, filter_form: FeedbackFilterForm) -> dict:
    feedback = selectors.department_feedback(department, **filter_form.filters())
    page = Paginator(feedback, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    query = filter_form.query_string()
    return {
        "department": department,
        "list_url": reverse("feedback:list", args=[department.slug]),
        "filter_form": filter_form,
        "page": page,
        "summary": selectors.feedback_summary(feedback),
        "query": query,
        "page_query": f"{query}&" if query else "",
        "is_filtered": bool(query),
    }


@require_GET
@login_required
def feedback_list(request: HttpRequest, slug: str) -> HttpResponse:
    department = selectors.get_feedback_department_or_404(request.user, slug)
    filter_form = FeedbackFilterForm(request.GET, department=department)
    context = _list_context(request, department, filter_form)
    if _wants_fragment(request):
        return render(request, "feedback/feedback_list.html#feedback-results", context)
    return render(request, "feedback/feedback_list.html", context)


@require_POST
@login_required
def mark_acted_upon(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """An inline form on each row: htmx re-renders the row; a plain POST goes back to the list."""
    department = selectors.get_feedback_department_or_404(request.user, slug)
    feedback = get_object_or_404(selectors.department_feedback(department), pk=pk)
    # The list's filters come back as a query string; only allowlisted parameters survive.
    return_filters = FeedbackFilterForm(
        QueryDict(request.POST.get("return_query", "")[:500]), department=department
    )
    query = return_filters.query_string()
    list_url = reverse("feedback:list", args=[department.slug])
    back = f"{list_url}?{query}" if query else list_url

    form = ActedUponForm(request.POST)
    if form.is_valid():
        try:
            services.feedback_mark_acted_upon(
                feedback=feedback, head=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            attach_errors(form, exc)

    if request.htmx:
        # htmx swaps only 2xx answers, so a rejected note comes back as a 200 row with its error.
        row = selectors.department_feedback(department).get(pk=feedback.pk)
        row.acted_form = form if form.errors else None
        context = {"department": department, "fb": row, "query": query}
        response = render(request, "feedback/feedback_list.html#feedback-row", context)
        if not form.errors:
            response["HX-Trigger"] = "feedback-acted-upon"
        return response

    if form.errors:
        # The list again, with this row's form as the head typed it, if it is still on the page.
        context = _list_context(request, department, return_filters)
        rows = [row for row in context["page"].object_list if row.pk == feedback.pk]
        if rows:
            rows[0].acted_form = form
            return render(request, "feedback/feedback_list.html", context, status=400)
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(back)

    messages.success(
        request,
        _("%(ref)s is marked as acted upon; %(who)s sees your note on the request page.")
        % {"ref": feedback.request.reference, "who": feedback.requester.full_name},
    )
    return redirect(back)
