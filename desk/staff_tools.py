"""The request page's staff tools: the actions panel (take, assign, status, priority, service)
and the canned replies above the reply box, for the department's staff.

Two views show the panel (templates/jinja2/desk/request_staff_actions.html): the request page
includes it in its own rendering, with staff_actions_values; desk.views.workflow answers htmx
with the panel alone (render_staff_actions).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from departments.models import Employee
from desk import permissions, selectors, services, together
from desk.dates import DateFormatter
from desk.jinja2 import render_jinja2
from desk.links import request_link
from desk.models import Priority, Request, Status
from desk.permissions import Action


def _staff_lists(user: Employee, req: Request, actions: set[Action]) -> selectors.StaffLists:
    """The lists the staff panel and the reply tools show, read in one query the first time either
    asks (or by the page with its other statements: staff_lists_reader) and kept on the request
    instance for the other (one page, one person)."""
    lists = getattr(req, "_desk_staff_lists", None)
    if lists is None:
        lists = together.one(staff_lists_reader(user, req, actions))
    return lists


def staff_lists_reader(
    user: Employee, req: Request, actions: set[Action]
) -> together.Reader[selectors.StaffLists]:
    """The lists this person's tools show on this request, as a reader of desk.together."""
    is_open = req.status in Status.open_values()
    lists = yield from selectors.staff_lists_reader(
        req.department_id,
        members=Action.ASSIGN_ANYONE in actions and is_open,
        services=Action.CHANGE_SERVICE in actions and is_open,
        replies=permissions.is_staff_of(user, req.department_id),
    )
    req._desk_staff_lists = lists
    return lists


def staff_panel(user: Employee, req: Request) -> dict:
    """The choices the current person has on this request, by role and state.

    Each select's options come as (value, label, selected) triples, decided here once rather
    than by comparisons per option in the template.
    """
    actions = permissions.allowed_actions(user, req)
    is_open = req.status in Status.open_values()
    is_head = Action.ASSIGN_ANYONE in actions
    mine = req.assignee_id == user.pk
    panel = {
        "is_open": is_open,
        "is_head": is_head,
        "can_take": Action.TAKE in actions
        and is_open
        and (req.assignee_id is None or (mine and req.status == Status.NEW)),
        "can_assign_self": Action.ASSIGN_SELF in actions
        and is_open
        and not is_head
        and req.assignee_id is not None
        and not mine,
        "targets": [(value, Status(value).label) for value in services.staff_targets(req.status)]
        if Action.CHANGE_STATUS in actions
        else [],
        "priorities": [(value, label, value == req.priority) for value, label in Priority.choices]
        if Action.CHANGE_PRIORITY in actions and is_open
        else [],
        "members": [],
        "services": [],
        "reopen_deadline": services.reopen_deadline(req),
    }
    lists = _staff_lists(user, req, actions)
    if lists.members:
        me = _("me")  # outside the f-string, where makemessages finds it
        panel["members"] = [
            (str(pk), f"{name} ({me})" if pk == user.pk else name, pk == req.assignee_id)
            for pk, name in lists.members
        ]
    panel["services"] = [(str(pk), name, pk == req.service_id) for pk, name in lists.services]
    return panel


def staff_actions_values(
    user: Employee,
    req: Request,
    *,
    message: str | None = None,
    errors: list[str] | None = None,
) -> dict:
    """What the panel's template needs beside the request (`req`), the person (`user`), `Status`
    and `dates`: the choices, the forms' addresses, and the message or errors of the action just
    taken if any."""
    ref = (req.department.code, f"{req.number:04d}")
    return {
        "panel": staff_panel(user, req),
        "panel_message": message,
        "panel_errors": errors,
        "panel_urls": {
            action: request_link(f"desk:request-{action}", *ref)
            for action in ("take", "assign", "status", "priority", "service")
        },
    }


def render_staff_actions(
    request: HttpRequest,
    req: Request,
    *,
    message: str | None = None,
    errors: list[str] | None = None,
) -> SafeString:
    """The staff actions panel alone (desk.views.workflow's answer to htmx)."""
    values = staff_actions_values(request.user, req, message=message, errors=errors)
    values.update(req=req, user=request.user, Status=Status, dates=DateFormatter())
    return render_jinja2(request, "desk/request_staff_actions.html", values)


def canned_replies(user: Employee, req: Request) -> list[dict]:
    """The department's active canned replies (pk, title, body), for its staff only."""
    if not permissions.is_staff_of(user, req.department_id):
        return []
    return _staff_lists(user, req, permissions.allowed_actions(user, req)).replies
