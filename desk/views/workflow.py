"""Staff actions on a request: take, assign, change status, service or priority.

POST only. Each is a real form: without htmx (or with hx-boost) the view redirects back to the
request page with a message; an htmx request that targets the panel gets the re-rendered panel
and an `HX-Trigger: desk:request-changed` event, so other parts of the page (or a queue row) can
refresh. Only the department's staff reach these views; everyone else gets a 404, as they cannot
see the request, or, for its requester, cannot see the action.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from departments.models import Employee
from desk import permissions, services
from desk.models import Priority, Request, Status
from desk.staff_tools import render_staff_actions
from desk.workflow_forms import AssignForm, PriorityForm, ServiceForm, StatusForm

CHANGED_EVENT = "desk:request-changed"


def _staff_request_or_404(request: HttpRequest, code: str, number: int) -> Request:
    desk_request = permissions.get_request_or_404(request.user, code, number)
    if not permissions.is_staff_of(request.user, desk_request.department_id):
        raise Http404("No such request.")
    return desk_request


def _wants_panel(request: HttpRequest) -> bool:
    # A boosted form wants the whole page (it follows the redirect); a targeted hx-post the panel.
    return bool(request.htmx) and not request.htmx.boosted


def _back(request: HttpRequest, desk_request: Request) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        # A URL, never a view name: redirect() would try to reverse "next=foo" and fail.
        return HttpResponseRedirect(target)
    return redirect(desk_request)


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


def _respond(
    request: HttpRequest,
    desk_request: Request,
    *,
    success: str = "",
    errors: list[str] | None = None,
) -> HttpResponse:
    """The message and the current state: the panel for htmx, the request page otherwise."""
    if not _wants_panel(request):
        for error in errors or []:
            messages.error(request, error)
        if success:
            messages.success(request, success)
        return _back(request, desk_request)
    # Read again: after a refusal the person must see what the request looks like *now*.
    fresh = Request.objects.with_list_relations().get(pk=desk_request.pk)
    response = HttpResponse(render_staff_actions(request, fresh, message=success, errors=errors))
    if success:
        response["HX-Trigger"] = json.dumps(
            {
                CHANGED_EVENT: {
                    "reference": fresh.reference,
                    "status": fresh.status,
                    "assignee": fresh.assignee_id,
                }
            }
        )
    return response


def _run(
    request: HttpRequest, desk_request: Request, action: Callable[[], object], success: str
) -> HttpResponse:
    try:
        action()
    except ValidationError as exc:
        return _respond(request, desk_request, errors=_errors(exc))
    return _respond(request, desk_request, success=success)


def _form_errors(form) -> list[str]:
    return [str(error) for errors in form.errors.values() for error in errors]


@require_POST
@login_required
def request_take(request: HttpRequest, code: str, number: int) -> HttpResponse:
    desk_request = _staff_request_or_404(request, code, number)
    return _run(
        request,
        desk_request,
        lambda: services.request_take(request=desk_request, actor=request.user),
        _("You took %(ref)s.") % {"ref": desk_request.reference},
    )


@require_POST
@login_required
def request_assign(request: HttpRequest, code: str, number: int) -> HttpResponse:
    desk_request = _staff_request_or_404(request, code, number)
    form = AssignForm(request.POST, department=desk_request.department)
    if not form.is_valid():
        return _respond(request, desk_request, errors=_form_errors(form))
    assignee: Employee | None = form.cleaned_data["assignee"]
    if assignee is None:
        success = _("%(ref)s is no longer assigned.") % {"ref": desk_request.reference}
    else:
        success = _("%(ref)s is assigned to %(who)s.") % {
            "ref": desk_request.reference,
            "who": assignee.full_name,
        }
    return _run(
        request,
        desk_request,
        lambda: services.request_assign(
            request=desk_request,
            actor=request.user,
            assignee=assignee,
            expected_assignee_id=form.expected_assignee_id(),
        ),
        success,
    )


@require_POST
@login_required
def request_status(request: HttpRequest, code: str, number: int) -> HttpResponse:
    desk_request = _staff_request_or_404(request, code, number)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _respond(request, desk_request, errors=_form_errors(form))
    status = form.cleaned_data["status"]
    return _run(
        request,
        desk_request,
        lambda: services.request_change_status(
            request=desk_request,
            actor=request.user,
            status=status,
            expected_status=form.cleaned_data["expected_status"] or None,
        ),
        _("%(ref)s is now “%(status)s”.")
        % {"ref": desk_request.reference, "status": Status(status).label},
    )


@require_POST
@login_required
def request_priority(request: HttpRequest, code: str, number: int) -> HttpResponse:
    desk_request = _staff_request_or_404(request, code, number)
    form = PriorityForm(request.POST)
    if not form.is_valid():
        return _respond(request, desk_request, errors=_form_errors(form))
    priority = form.cleaned_data["priority"]
    return _run(
        request,
        desk_request,
        lambda: services.request_change_priority(
            request=desk_request, actor=request.user, priority=priority
        ),
        _("The priority of %(ref)s is now %(priority)s.")
        % {"ref": desk_request.reference, "priority": Priority(priority).label},
    )


@require_POST
@login_required
def request_service(request: HttpRequest, code: str, number: int) -> HttpResponse:
    desk_request = _staff_request_or_404(request, code, number)
    form = ServiceForm(request.POST, department=desk_request.department)
    if not form.is_valid():
        return _respond(request, desk_request, errors=_form_errors(form))
    service = form.cleaned_data["service"]
    return _run(
        request,
        desk_request,
        lambda: services.request_change_service(
            request=desk_request, actor=request.user, service=service
        ),
        _("%(ref)s moved to %(service)s.") % {"ref": desk_request.reference, "service": service},
    )
