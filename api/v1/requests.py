"""Requests: list, file, read, comment, change state. Every read goes through desk.permissions and
every write through desk.services, exactly as the pages do: someone who could not open a request
in the browser gets 404 here too."""

import re
from datetime import datetime
from typing import Literal

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja import Status as Reply
from ninja.pagination import LimitOffsetPagination, paginate

from api.v1.auth import require_write
from api.v1.errors import check_expected, run_service
from api.v1.schemas import (
    PRIORITY_BY_NAME,
    CommentIn,
    Error,
    EventOut,
    RequestDetail,
    RequestIn,
    RequestOut,
    StatusIn,
)
from departments.models import Service
from desk import permissions, selectors, services
from desk.forms import RequestForm
from desk.models import Event, Request, Status

router = Router(tags=["requests"])

REFERENCE = re.compile(r"^(?P<code>[A-Z][A-Z0-9]{0,7})-(?P<number>[0-9]{1,9})$")
ERRORS = {400: Error, 403: Error, 404: Error, 409: Error}


def request_or_404(user, reference: str) -> Request:
    match = REFERENCE.match(reference.upper())
    if match is None:
        raise Http404("No such request.")
    return permissions.get_request_or_404(user, match["code"], int(match["number"]))


def next_states(user, desk_request: Request) -> list[str]:
    """The states this person may move the request to now, as POST .../status accepts them."""
    states: set[str] = set()
    if permissions.can(user, permissions.Action.CHANGE_STATUS, desk_request):
        states |= set(services.staff_targets(desk_request.status))
    if desk_request.requester_id == user.pk:
        if desk_request.status == Status.NEW:
            states.add(Status.CANCELLED)
        if desk_request.status == Status.RESOLVED:
            states |= {Status.CLOSED, Status.IN_PROGRESS}
    return [value for value in Status.values if value in states]


def event_out(desk_request: Request, event: Event, files=()) -> dict:
    code, number = desk_request.department.code, f"{desk_request.number:04d}"
    return {
        "id": event.pk,
        "kind": event.kind,
        "actor": event.actor.full_name if event.actor is not None else None,
        "old_value": event.old_value,
        "new_value": event.new_value,
        "body": event.body,
        "internal": event.is_internal,
        "created_at": event.created_at,
        "attachments": [
            {
                "name": file.name,
                "size": file.size,
                "url": settings.DESK_BASE_URL
                + reverse("desk:attachment-download", args=[code, number, file.token]),
            }
            for file in files
        ],
    }


def request_detail(user, desk_request: Request) -> Request:
    """The request with what RequestDetail adds, as this person may see it."""
    desk_request.api_timeline = [
        event_out(desk_request, event, event.files)
        for event in selectors.timeline(user, desk_request)
    ]
    desk_request.api_actions = sorted(permissions.allowed_actions(user, desk_request))
    desk_request.api_next_states = next_states(user, desk_request)
    return desk_request


class RequestFilters(Schema):
    status: list[Status] | None = None
    role: Literal["requester", "assignee", "staff"] | None = None
    department: str | None = None
    updated_since: datetime | None = None


@router.get(
    "/requests",
    response=list[RequestOut],
    summary="List the requests you may see",
    description="Your own requests and, if you are on a department's team, its queue; most "
    "recent activity first. Filter by `status` (repeatable), `role` (`requester`: filed by you; "
    "`assignee`: assigned to you; `staff`: your departments' queues), `department` (a reference "
    "code such as IT) and `updated_since` (ISO 8601).",
)
@paginate(LimitOffsetPagination)
def list_requests(request: HttpRequest, filters: Query[RequestFilters]):
    user = request.user
    requests = permissions.visible_requests(user).with_list_relations()
    if filters.status:
        requests = requests.filter(status__in=filters.status)
    if filters.role == "requester":
        requests = requests.filter(requester=user)
    elif filters.role == "assignee":
        requests = requests.filter(assignee=user)
    elif filters.role == "staff":
        requests = requests.filter(department_id__in=permissions.staff_department_ids(user))
    if filters.department:
        requests = requests.filter(department__code=filters.department.upper())
    if filters.updated_since:
        requests = requests.filter(last_activity_at__gte=filters.updated_since)
    return requests.order_by("-last_activity_at", "-pk")


@router.get(
    "/requests/{reference}",
    response={200: RequestDetail, 404: Error},
    summary="Read a request with its timeline",
    description="Internal notes appear only for the department's staff.",
)
def read_request(request: HttpRequest, reference: str):
    return request_detail(request.user, request_or_404(request.user, reference))


@router.post(
    "/requests",
    response={201: RequestDetail, **ERRORS},
    summary="File a request",
    description="For a published service (GET /catalog), with answers to its extra fields. "
    "Needs a token that can write.",
)
def file_request(request: HttpRequest, payload: RequestIn):
    require_write(request)
    service = (
        Service.objects.published()
        .select_related("department")
        .prefetch_related("fields")
        .filter(pk=payload.service_id)
        .first()
    )
    if service is None:
        raise Http404("No such service.")
    # The page's form checks the input, the service's extra fields included: one set of rules.
    data = {
        "title": payload.title,
        "description": payload.description,
        "priority": PRIORITY_BY_NAME[payload.priority],
    }
    data.update({f"extra_{key}": value for key, value in payload.extra.items()})
    form = RequestForm(data, {}, service=service)
    if not form.is_valid():
        return Reply(400, form_errors(form))
    new_request = run_service(
        services.request_file,
        requester=request.user,
        service=service,
        title=form.cleaned_data["title"],
        description=form.cleaned_data["description"],
        priority=form.cleaned_data["priority"],
        extra=form.extra_answers(),
    )
    desk_request = request_or_404(request.user, new_request.reference)
    return Reply(201, request_detail(request.user, desk_request))


def form_errors(form) -> dict:
    errors = {}
    for name, messages in form.errors.get_json_data().items():
        key = name.replace("extra_", "extra.") if name.startswith("extra_") else name
        errors[key if name != "__all__" else "detail"] = [m["message"] for m in messages]
    first = next(iter(errors.values()))[0]
    return {"detail": first, "errors": errors}


@router.post(
    "/requests/{reference}/comments",
    response={201: EventOut, **ERRORS},
    summary="Reply, or add an internal note",
    description="An internal note (`internal: true`) is for the department's staff only.",
)
def add_comment(request: HttpRequest, reference: str, payload: CommentIn):
    require_write(request)
    desk_request = request_or_404(request.user, reference)
    event = run_service(
        services.comment_add,
        request=desk_request,
        author=request.user,
        body=payload.body,
        internal=payload.internal,
    )
    return Reply(201, event_out(desk_request, event))


@router.post(
    "/requests/{reference}/status",
    response={200: RequestDetail, **ERRORS},
    summary="Change the request's state",
    description="Staff move a request along the workflow; its requester may cancel a new "
    "request (`cancelled`), confirm a resolved one (`closed`) or reopen it (`in_progress`, with a "
    "`reason`). `next_states` in the request lists what you may choose now.",
)
def change_status(request: HttpRequest, reference: str, payload: StatusIn):
    require_write(request)
    user = request.user
    desk_request = request_or_404(user, reference)
    status = payload.status
    expected = payload.expected_status
    is_requester = desk_request.requester_id == user.pk
    staff_may = permissions.can(user, permissions.Action.CHANGE_STATUS, desk_request)
    if staff_may and status in services.STAFF_TRANSITIONS.get(desk_request.status, set()):
        action = {"function": services.request_change_status, "status": status}
        action.update(expected_status=expected, note=payload.reason)
    elif is_requester and status in (Status.CANCELLED, Status.CLOSED, Status.IN_PROGRESS):
        check_expected(desk_request, expected)
        action = {
            Status.CANCELLED: {"function": services.request_cancel, "reason": payload.reason},
            Status.CLOSED: {"function": services.request_confirm},
            Status.IN_PROGRESS: {"function": services.request_reopen, "reason": payload.reason},
        }[status]
    elif staff_may:
        # Not a move staff may make from this state: the service says why.
        action = {"function": services.request_change_status, "status": status}
        action.update(expected_status=expected)
    else:
        return Reply(403, {"detail": _("You are not allowed to do that on this request.")})
    function = action.pop("function")
    run_service(function, request=desk_request, actor=user, **action)
    return Reply(200, request_detail(user, request_or_404(user, reference)))
