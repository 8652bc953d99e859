"""Employees' pages: the catalog, filing a request, following it, and the requester's actions."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from departments.models import Service
from desk import (
    approvals,
    chrome,
    context_processors,
    effort,
    permissions,
    selectors,
    services,
    staff_tools,
    together,
)
from desk.dates import DateFormatter, due_of
from desk.forms import CommentForm, RequestForm, TimeLogForm
from desk.jinja2 import escape_as_django
from desk.models import INTERNAL_KINDS, EventKind, Priority, Request, Status, event_value_display


def attach_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError at the field it names, or at the top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _wants_fragment(request: HttpRequest) -> bool:
    """An htmx swap gets the named partial; a history restore needs the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect("desk:catalog")


@require_GET
@login_required
def catalog(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    departments = selectors.catalog(query)
    context = {
        "departments": departments,
        "query": query,
        "service_count": sum(len(d.published_services) for d in departments),
    }
    if _wants_fragment(request):
        return render(request, "desk/catalog.html#catalog-results", context)
    return render(request, "desk/catalog.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def request_new(request: HttpRequest, department_slug: str, service_slug: str) -> HttpResponse:
    service = get_object_or_404(
        Service.objects.published().select_related("department").prefetch_related("fields"),
        department__slug=department_slug,
        slug=service_slug,
    )
    # Bound on every POST, even an empty one: an empty form is rejected, not shown afresh.
    data = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = RequestForm(*data, service=service)
    if request.method == "POST" and form.is_valid():
        try:
            new_request = services.request_file(
                requester=request.user,
                service=service,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                priority=form.cleaned_data["priority"],
                extra=form.extra_answers(),
                files=form.cleaned_data["attachments"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                _("Request %(ref)s filed. %(dept)s will get back to you.")
                % {"ref": new_request.reference, "dept": service.department.localized_name},
            )
            return redirect(new_request)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "desk/request_new.html", {"form": form, "service": service}, status=status
    )


@require_GET
@login_required
def my_requests(request: HttpRequest) -> HttpResponse:
    status_filter = request.GET.get("status", "")
    if status_filter not in selectors.MY_REQUEST_FILTERS:
        status_filter = ""
    paginator = Paginator(selectors.my_requests(request.user, status_filter), 25)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status_filter": status_filter,
        "filters": selectors.MY_REQUEST_FILTERS,
    }
    if _wants_fragment(request):
        return render(request, "desk/my_requests.html#request-list", context)
    return render(request, "desk/my_requests.html", context)


@dataclass(frozen=True, slots=True)
class TimelineFile:
    url: str
    name: str
    size: str


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One event as the timeline shows it, worded and dated once here rather than in the template:
    the page of a long conversation spent most of its time on per-event includes and filters.
    Every text is escaped here as Django's templates escape it (an
    apostrophe as &#x27;, where Jinja2 writes &#39;), so the page reads the same byte for byte."""

    pk: int
    kind: str
    actor: str
    summary: str
    iso_time: str
    time: str
    body: str
    is_internal: bool
    files: list[TimelineFile]


def _with_values(text: str, **values: str) -> SafeString:
    # As {% blocktranslate with %} does: the values escaped, the translated words as they are.
    return mark_safe(text % {name: conditional_escape(value) for name, value in values.items()})


def event_summary(event: dict) -> str:
    """What the actor did, after their name: “replied”, “changed the status from New to Done”.
    `event` is a row of selectors.timeline_rows."""
    kind, old, new = event["kind"], event["old_value"], event["new_value"]
    if kind == EventKind.FILED:
        return _("filed the request")
    if kind == EventKind.COMMENT:
        return _("replied")
    if kind == EventKind.NOTE:
        return _("added an internal note")
    if kind == EventKind.STATUS:
        return _with_values(
            _("changed the status from %(old)s to %(new)s"),
            old=event_value_display(kind, old),
            new=event_value_display(kind, new),
        )
    if kind == EventKind.ASSIGNED:
        if event["actor_name"] is not None and new == event["actor_name"]:
            return _("took the request")
        if new:
            return _with_values(_("assigned it to %(who)s"), who=new)
        return _("removed the assignee")
    if kind == EventKind.SERVICE:
        return _with_values(_("moved it from %(old)s to %(new)s"), old=old, new=new)
    if kind == EventKind.PRIORITY:
        return _with_values(_("changed the priority from %(old)s to %(new)s"), old=old, new=new)
    if kind == EventKind.REOPENED:
        return _("reopened the request")
    if kind == EventKind.DUE:
        return _("moved the due time (the clock was paused)")
    if kind == EventKind.APPROVAL_ASKED:
        return _with_values(_("asked %(who)s for approval"), who=new)
    if kind == EventKind.APPROVAL:
        if new == "approved":
            return _("approved the request")
        return _("rejected the request")
    if kind == EventKind.KUDOS:
        return _with_values(_("thanked %(who)s"), who=new)
    if kind == EventKind.TIME:
        return _with_values(_("logged %(minutes)s min"), minutes=new)
    return str(EventKind(kind).label) if kind in EventKind.values else kind


def timeline_entries(desk_request: Request, rows: list[dict]) -> list[TimelineEntry]:
    """The events this person may see (`rows`: selectors.timeline_rows), in order, ready to show
    (times in the current zone)."""
    code, number = desk_request.department.code, f"{desk_request.number:04d}"
    nobody = _("Desk")
    dates = DateFormatter()  # the page's zone and language: one for every entry
    # A conversation repeats a few sentences ("replied", "added an internal note"): each worded
    # once per page rather than translated and escaped again for every event.
    summaries: dict[tuple, SafeString] = {}
    entries = []
    for event in rows:
        said = (event["kind"], event["old_value"], event["new_value"], event["actor_name"])
        summary = summaries.get(said)
        if summary is None:
            summary = summaries[said] = escape_as_django(event_summary(event))
        at = event["created_at"].astimezone(dates.zone)
        files = [
            TimelineFile(
                url=reverse("desk:attachment-download", args=[code, number, file["token"]]),
                name=escape_as_django(file["name"]),
                size=filesizeformat(file["size"]),
            )
            for file in event["files"]
        ]
        entries.append(
            TimelineEntry(
                pk=event["pk"],
                kind=event["kind"],
                actor=escape_as_django(
                    event["actor_name"] if event["actor_name"] is not None else nobody
                ),
                summary=summary,
                iso_time=at.isoformat(),
                time=dates(at),
                body=escape_as_django(event["body"]),
                is_internal=event["kind"] in INTERNAL_KINDS,
                files=files,
            )
        )
    return entries


def _detail_context(request: HttpRequest, desk_request, comment_form=None, time_form=None) -> dict:
    user = request.user
    sees_effort = permissions.sees_effort(user, desk_request)
    is_staff = permissions.is_staff_of(user, desk_request.department_id)
    actions = permissions.allowed_actions(user, desk_request)
    # Three statements that need nothing of each other, in one exchange with the database
    # (desk.together): the timeline, the staff's lists (kept on the request for the staff tools)
    # and the top bar's counts (kept on the HTTP request for the page's frame).
    rows, _lists, request.desk_top_bar = together.run(
        selectors.timeline_rows_reader(user, desk_request),
        staff_tools.staff_lists_reader(user, desk_request, actions) if is_staff else None,
        context_processors.top_bar_reader(user),
    )
    context = {
        "req": desk_request,
        "timeline": timeline_entries(desk_request, rows),
        "answers": selectors.extra_answers(desk_request),
        "actions": actions,
        "is_staff": is_staff,
        "is_requester": desk_request.requester_id == user.pk,
        "comment_form": comment_form or CommentForm(),
        "reopen_deadline": services.reopen_deadline(desk_request),
        "Status": Status,
        "Priority": Priority,
        "due": due_of(desk_request, timezone.now())
        if desk_request.due_at and desk_request.is_open
        else None,
        # Logged time and its cost: the department's staff only.
        "effort": effort.request_effort(desk_request) if sees_effort else None,
        "time_form": (time_form or TimeLogForm()) if sees_effort else None,
        # Only a request that needed approval has steps: no query for the others.
        "steps": approvals.request_steps(desk_request)
        if desk_request.approved_at
        or desk_request.status in (Status.AWAITING_APPROVAL, Status.REJECTED)
        else [],
        "replies": staff_tools.canned_replies(user, desk_request),  # staff only
        "panel": None,  # the staff actions panel: the department's staff only
    }
    if is_staff:
        context.update(staff_tools.staff_actions_values(user, desk_request))
    # Only a resolved request can have been rated or thanked: no feedback queries for the others.
    context["banners"] = (
        render_to_string("desk/_request_banners.html", context, request=request)
        if desk_request.resolved_at
        else ""
    )
    return context


def request_page(
    request: HttpRequest, desk_request: Request, *, status: int = 200, **forms
) -> HttpResponse:
    """The request page, all Jinja2 (templates/jinja2/desk/request_detail.html, one date formatter
    for the page). `forms`: a refused comment_form or time_form, shown again with the person's
    input."""
    context = _detail_context(request, desk_request, **forms)
    context["dates"] = DateFormatter()
    return chrome.render_page(request, "desk/request_detail.html", context, status=status)


@require_GET
@login_required
def request_detail(request: HttpRequest, code: str, number: int) -> HttpResponse:
    return request_page(request, permissions.get_request_or_404(request.user, code, number))


@require_POST
@login_required
def request_comment(request: HttpRequest, code: str, number: int) -> HttpResponse:
    desk_request = permissions.get_request_or_404(request.user, code, number)
    form = CommentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.comment_add(
                request=desk_request,
                author=request.user,
                body=form.cleaned_data["body"],
                internal=form.cleaned_data["internal"],
                files=form.cleaned_data["attachments"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Your message was added."))
            return redirect(desk_request)
    return request_page(request, desk_request, status=400, comment_form=form)


def _requester_action(request: HttpRequest, code: str, number: int, action, success: str, **kwargs):
    desk_request = permissions.get_request_or_404(request.user, code, number)
    try:
        action(request=desk_request, actor=request.user, **kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect(desk_request)


@require_POST
@login_required
def request_cancel(request: HttpRequest, code: str, number: int) -> HttpResponse:
    return _requester_action(
        request,
        code,
        number,
        services.request_cancel,
        _("The request was cancelled."),
        reason=request.POST.get("reason", "")[:2000],
    )


@require_POST
@login_required
def request_confirm(request: HttpRequest, code: str, number: int) -> HttpResponse:
    return _requester_action(
        request, code, number, services.request_confirm, _("Thank you: the request is closed.")
    )


@require_POST
@login_required
def request_reopen(request: HttpRequest, code: str, number: int) -> HttpResponse:
    return _requester_action(
        request,
        code,
        number,
        services.request_reopen,
        _("The request was reopened."),
        reason=request.POST.get("reason", "")[:2000],
    )


@require_GET
@login_required
def attachment_download(request: HttpRequest, code: str, number: int, token: str) -> FileResponse:
    desk_request = permissions.get_request_or_404(request.user, code, number)
    attachment = selectors.visible_attachment_or_none(request.user, desk_request, token)
    if attachment is None:
        raise Http404("No such attachment.")
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=not attachment.content_type.startswith("image/"),
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response
