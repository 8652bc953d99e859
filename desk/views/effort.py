"""Logging time on a request: from its page (the "Time spent" card) or from a queue row's menu.

POST only, staff of the request's department only (everyone else gets a 404). Without
JavaScript a logged time redirects back (to the request page, or to the queue it came from) with a
message, and a refused form shows the request page again with the person's input and the reason
(400). With htmx the form's own part is answered: the card on the request page, the small form in
the queue's menu; a refusal keeps what was typed there too.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from desk import effort, permissions
from desk.forms import TimeLogForm
from desk.jinja2 import render_jinja2
from desk.models import Request, Status
from desk.views.requests import attach_errors, request_page
from desk.views.workflow import CHANGED_EVENT, _back

CARD = "desk/time_log_card.html"  # Jinja2
QUICK = "desk/_time_log.html#time-log-quick"


def _logging_request_or_404(request: HttpRequest, code: str, number: int) -> Request:
    desk_request = permissions.get_request_or_404(request.user, code, number)
    if not permissions.may_log_time(request.user, desk_request):
        raise Http404("No such request.")
    return desk_request


def effort_context(desk_request: Request, form: TimeLogForm | None = None, **extra) -> dict:
    """What the "Time spent" card shows when this view answers htmx with it."""
    return {
        "req": desk_request,
        "effort": effort.request_effort(desk_request),
        "time_form": form or TimeLogForm(),
        "Status": Status,
        **extra,
    }


@require_POST
@login_required
def request_log_time(request: HttpRequest, code: str, number: int) -> HttpResponse:
    desk_request = _logging_request_or_404(request, code, number)
    form = TimeLogForm(request.POST)
    logged = None
    if form.is_valid():
        try:
            logged = effort.time_log_add(
                request=desk_request,
                author=request.user,
                minutes=form.cleaned_data["minutes"],
                spent_on=form.cleaned_data["spent_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
    success = (
        _("%(minutes)s min logged on %(ref)s.")
        % {"minutes": logged.minutes, "ref": desk_request.reference}
        if logged is not None
        else ""
    )
    from_queue = request.POST.get("from") == "queue"
    if request.htmx and not request.htmx.boosted:
        fresh = Request.objects.with_list_relations().get(pk=desk_request.pk)
        context = effort_context(
            fresh,
            None if logged is not None else form,
            time_message=success,
            next_url=request.POST.get("next", ""),
        )
        if from_queue:
            response = render(request, QUICK, context)
        else:
            response = HttpResponse(render_jinja2(request, CARD, context))
        if logged is not None:
            response["HX-Trigger"] = json.dumps(
                {CHANGED_EVENT: {"reference": fresh.reference, "status": fresh.status}}
            )
        return response
    if logged is not None:
        messages.success(request, success)
        return _back(request, desk_request)
    return request_page(request, desk_request, status=400, time_form=form)
