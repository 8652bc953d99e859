"""What staff do from the queue: take, assign or move one row (its Take button or its "Actions"
menu) or the selected rows (the bulk form), each through its service; and the row's "Actions"
menu itself, loaded when it is opened (htmx) or shown as a page of its own without JavaScript.
The menu's choices are in one template, templates/desk/queue_row_actions.html.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from desk import page_cache, permissions, selectors, services
from desk.models import Status
from desk.queue import (
    ACTION_ASSIGN,
    ACTION_STATUS,
    ACTION_TAKE,
    ASSIGN_NOBODY,
    PAGE_SIZE,
    QueueAction,
    is_number,
    parse_action,
    parse_ids,
    parse_page,
)
from desk.views.queue_parts import (
    Team,
    common_context,
    decorate,
    personalise,
    queue_url,
    render_rows,
    row_menu_query,
    shared_rows,
)

if TYPE_CHECKING:
    from desk.models import Request


def _expected_status(request: HttpRequest) -> str | None:
    value = request.POST.get("expected_status", "")
    return value if value in Status.values else None


def _expected_assignee(request: HttpRequest) -> int | None | str:
    value = request.POST.get("expected_assignee", "")
    if value == ASSIGN_NOBODY:
        return None
    if is_number(value):
        return int(value)
    return "any"


def _perform(request: HttpRequest, team: Team, action: QueueAction, targets: list[Request]):
    """Run the action on each request through its service: one transaction per request, so
    one refusal does not undo the others; each refusal is reported with its reference."""
    user = request.user
    assignee = None
    if action.kind == ACTION_ASSIGN and action.value != ASSIGN_NOBODY:
        assignee = selectors.department_member(team.department, action.assignee_id)
        if assignee is None:
            messages.error(
                request,
                _("Choose a member of the %(team)s team.")
                % {"team": team.department.localized_name},
            )
            return
    done: list[str] = []
    for req in targets:
        try:
            if action.kind == ACTION_TAKE:
                services.request_take(request=req, actor=user)
            elif action.kind == ACTION_STATUS:
                services.request_change_status(
                    request=req,
                    actor=user,
                    status=action.value,
                    expected_status=_expected_status(request),
                )
            else:
                services.request_assign(
                    request=req,
                    actor=user,
                    assignee=assignee,
                    expected_assignee_id=_expected_assignee(request),
                )
        except ValidationError as exc:
            messages.error(
                request,
                _("%(ref)s: %(reason)s") % {"ref": req.reference, "reason": " ".join(exc.messages)},
            )
        else:
            done.append(req.reference)
    if not done:
        return
    refs = ", ".join(done)
    if action.kind == ACTION_TAKE:
        text = _("Taken: %(refs)s.") % {"refs": refs}
    elif action.kind == ACTION_STATUS:
        text = _("Moved to “%(state)s”: %(refs)s.") % {
            "state": Status(action.value).label,
            "refs": refs,
        }
    elif assignee is None:
        text = _("Unassigned: %(refs)s.") % {"refs": refs}
    else:
        text = _("Assigned to %(who)s: %(refs)s.") % {"who": assignee, "refs": refs}
    messages.success(request, text)


@require_POST
@login_required
def queue_action(request: HttpRequest, slug: str) -> HttpResponse:
    """Take, assign or move one row (its own form) or the selected rows (the bulk form)."""
    user = request.user
    department = permissions.get_staff_department_or_404(user, slug)
    team = Team.read(department)
    filters = team.filters(request.POST.get("back", ""))
    page = parse_page(request.POST.get("page"))
    action = parse_action(request.POST.get("do", ""))
    ids = parse_ids(request.POST.getlist("ids"), PAGE_SIZE)
    targets = selectors.queue_rows(user, department, ids) if action and ids else []
    if action is None:
        messages.error(request, _("Choose an action for the selected requests."))
    elif not targets:
        messages.error(request, _("Select at least one request in the list."))
    else:
        _perform(request, team, action, targets)
    if not request.htmx:
        return redirect(queue_url(department, filters, page))
    now = timezone.now()
    rows = selectors.queue_rows(user, department, [req.pk for req in targets])
    counts = selectors.queue_counts(user, department, filters, now=now)
    # The changed rows as the queue shows them, swapped in out of band, with this person's own
    # Take buttons (personalise) and their own CSRF token.
    context = {
        **common_context(department, filters, counts),
        "now": now,
        "rows": decorate(
            shared_rows(rows, department, now, row_menu_query(filters, page)), user, now
        ),
        "page_number": page,
        "menu_query": row_menu_query(filters, page),
        "oob": True,
        "messages": messages.get_messages(request),
        "csrf_token": page_cache.CSRF_PLACEHOLDER,
    }
    context["rows_html"] = render_rows(context)
    body = render_to_string("desk/queue_update.html", context, using="jinja2")
    return HttpResponse(personalise(request, body, team, filters))


@require_GET
@login_required
def queue_row_actions(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One row's "Actions" menu: the fragment htmx loads when the menu is opened, or a page of its
    own (a link in the closed menu) without JavaScript. Both post to queue_action."""
    user = request.user
    department = permissions.get_staff_department_or_404(user, slug)
    found = selectors.queue_rows(user, department, [pk])
    if not found:
        raise Http404("No such request in this queue.")
    team = Team.read(department)
    filters = team.filters(request.GET.get("back", ""))
    page = parse_page(request.GET.get("page"))
    now = timezone.now()
    req = decorate(shared_rows(found, department, now), user, now)[0]
    context = {
        "department": department,
        "req": req,
        "assignable": team.assignable(user),
        "action_url": reverse("desk:queue-action", args=[department.slug]),
        "back_query": filters.query,
        "page_number": page,
        "back_url": queue_url(department, filters, page),
    }
    if request.htmx:
        return render(request, "desk/queue_row_actions.html#row-actions", context)
    return render(request, "desk/queue_row_actions.html", context)
