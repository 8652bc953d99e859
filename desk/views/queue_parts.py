"""What the queue page (desk/views/queue.py) and its actions (desk/views/queue_actions.py) both
render: the team behind the filters and menus, the normalised URL of a view, the state tiles,
what each row shows and offers, and the parts of a body that depend on who looks.

A queue body is rendered once for everyone on the team (desk/page_cache.py keeps it): nothing in
it depends on the viewer except three things, which are filled in per viewer by `personalise`:

- the saved views (the viewer's own and the shared ones, each with its Delete button when it is
  the viewer's), rendered from the department's views read with the body;
- the bulk form's menu (a head may assign anyone, an agent only themselves);
- the rows' Take buttons: every staff member may take an unassigned open request, but a new request
  already assigned to someone is taken only by that person. Such a button is rendered wrapped in
  `<!--take:<owner id>-->...<!--/take-->` and dropped for everyone else.

The rows' action menus are not in the body at all: "Actions" loads them on demand
(desk/views/queue_actions.py, templates/desk/queue_row_actions.html).
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from departments.models import ClientType, localized
from desk import page_cache, permissions, selectors, services, together
from desk.dates import ListDates
from desk.models import Priority, Status
from desk.permissions import Action
from desk.queue import COUNT_CAP, STATE_ALL, STATE_OPEN, QueueFilters, QueuePage, is_capped

if TYPE_CHECKING:
    from django.http import HttpRequest

    from departments.models import Department, Employee
    from desk.models import Request


@dataclass(frozen=True)
class Member:
    """A team member as the filters and menus show them; plain data, so that it can be cached."""

    pk: int
    full_name: str
    is_active: bool


@dataclass(frozen=True)
class ServiceOption:
    """A service as the filter menu lists it; plain data, so that it can be cached."""

    pk: int
    name: str
    name_pl: str
    is_active: bool

    @property
    def localized_name(self) -> str:
        return localized(self, "name")


@dataclass(frozen=True)
class Team:
    """The department's services and members: what filters are checked against, what the filter
    menus list and whom the action menus offer. Read once per response, or taken from the page
    cache with the department's bodies (page_cache.Queue.team)."""

    department: Department
    services: tuple[ServiceOption, ...]
    members: tuple[Member, ...]

    @classmethod
    def read(cls, department: Department) -> Team:
        """Both lists in one exchange with the database."""
        services, members = together.run(*selectors.team_lists_readers(department))
        return cls.of(
            department,
            (ServiceOption(*values) for values in services),
            (Member(*values) for values in members),
        )

    @classmethod
    def of(cls, department: Department, services, members) -> Team:
        return cls(department=department, services=tuple(services), members=tuple(members))

    @property
    def cached(self) -> tuple:
        """What the page cache keeps: plain data, not the department."""
        return (self.services, self.members)

    @cached_property
    def service_ids(self) -> frozenset[int]:
        return frozenset(service.pk for service in self.services)

    def filters(self, data) -> QueueFilters:
        """Filters from request.GET or from a stored query string, through the allowlist."""
        ids = {
            "service_ids": self.service_ids,
            "member_ids": {member.pk for member in self.members},
        }
        if isinstance(data, str):
            return QueueFilters.from_query_string(data, **ids)
        return QueueFilters.from_query(data, **ids)

    def member(self, pk: int | None) -> Member | None:
        return next((member for member in self.members if member.pk == pk), None)

    def assignable(self, user: Employee) -> list[Member]:
        """Whom this person may assign to: heads anyone active in the team, agents themselves."""
        if permissions.is_head_of(user, self.department.pk):
            return [member for member in self.members if member.is_active]
        return [member for member in self.members if member.pk == user.pk]


def queue_url(department: Department, filters: QueueFilters, page: int = 1) -> str:
    return view_url(reverse("desk:queue", args=[department.slug]), filters, page)


def view_url(path: str, filters: QueueFilters, page: int = 1) -> str:
    """A view's address from the queue's own `path`: a page links a dozen views, and a reverse()
    for each cost more than the rest of the page's links."""
    query = filters.query
    if page > 1:
        query = f"{query}&page={page}" if query else f"page={page}"
    return f"{path}?{query}" if query else path


def row_menu_query(filters: QueueFilters, page: int) -> str:
    """What a row's menu link carries: the view to come back to."""
    return urllib.parse.urlencode({"back": filters.query, "page": page})


def decorate(rows, user: Employee, now: datetime) -> list[Request]:
    """What each row offers this person (permissions are cached, so no queries): the request
    page's and My work's lists, the row menu, and the tests read these."""
    rows = list(rows)
    for req in rows:
        is_open = req.is_open
        req.queue_overdue = (
            req.due_at is not None
            and req.due_at < now
            and req.status in (Status.NEW, Status.IN_PROGRESS)
        )
        req.queue_can_take = (
            is_open
            and permissions.can(user, Action.TAKE, req)
            and (
                req.assignee_id is None or (req.assignee_id == user.pk and req.status == Status.NEW)
            )
        )
        req.queue_moves = (
            [(value, Status(value).label) for value in services.staff_targets(req.status)]
            if permissions.can(user, Action.CHANGE_STATUS, req)
            else []
        )
        req.queue_assign_anyone = is_open and permissions.can(user, Action.ASSIGN_ANYONE, req)
        req.queue_assign_self = (
            is_open
            and not req.queue_assign_anyone
            and req.assignee_id != user.pk
            and permissions.can(user, Action.ASSIGN_SELF, req)
        )
        req.queue_has_menu = bool(
            req.queue_moves or req.queue_assign_anyone or req.queue_assign_self
        )
    return rows


def shared_rows(rows, department: Department, now: datetime, menu_query: str = "") -> list[Request]:
    """The rows as everyone on the team sees them (the template shows them): what each may
    offer to some member, decided without the viewer, and its words and dates ready to show,
    made with one formatter for the page (desk.dates). Staff may all take, move and (heads
    anyone, agents themselves) assign, so an open row always has its "Actions" menu."""
    rows = list(rows)
    # Each row's menu is at <queue>/<id>/actions/: one reverse() for the page, not one per row.
    menu_prefix = reverse("desk:queue-row-actions", args=[department.slug, 0]).removesuffix(
        "0/actions/"
    )
    # Each row's page is <prefix><number>/ (Request.get_absolute_url): one reverse() for the page.
    link_prefix = reverse("desk:request-detail", args=[department.code, "0000"]).removesuffix(
        "0000/"
    )
    zone = timezone.get_current_timezone()
    dates = ListDates(zone)
    # The rows' words in the active language, translated once for the page: each
    # get_FOO_display() would translate every label of its field again, for each row.
    statuses = {value: str(label) for value, label in Status.choices}
    priorities = {value: str(label) for value, label in Priority.choices}
    client_types = {value: str(label) for value, label in ClientType.choices}
    service_names: dict[int, str] = {}
    moves: dict[str, list[tuple[str, str]]] = {}
    for req in rows:
        # The rows' query leaves the department out: it is this one, already at hand.
        req.department = department
        req.queue_ref = f"{department.code}-{req.number:04d}"
        req.queue_link = f"{link_prefix}{req.number:04d}/"
        req.queue_created = req.created_at.astimezone(zone)
        req.queue_created_iso = req.queue_created.isoformat()
        req.queue_created_title = dates.date(req.queue_created)
        req.queue_status_label = statuses[req.status]
        req.queue_priority_label = priorities[req.priority]
        req.queue_client_type_label = client_types.get(req.client_type, req.client_type)
        req.queue_age = dates.duration(now - req.created_at)
        if req.service_id not in service_names:
            service_names[req.service_id] = req.service.localized_name
        req.queue_service = service_names[req.service_id]
        req.queue_requester = req.requester.full_name
        req.queue_assignee = req.assignee.full_name if req.assignee_id is not None else ""
        is_open = req.queue_open = req.is_open
        req.queue_due = dates.due(req, now) if is_open else None
        req.queue_menu_url = f"{menu_prefix}{req.pk}/actions/?{menu_query}"
        # Overdue as its badge says (a waiting request's clock is paused).
        req.queue_overdue = req.queue_due is not None and req.queue_due.kind == "overdue"
        # Who may take it: anyone while unassigned; a new request assigned to someone, only them.
        if is_open and req.assignee_id is None:
            req.queue_take_owner = "any"
        elif req.status == Status.NEW and req.assignee_id is not None:
            req.queue_take_owner = str(req.assignee_id)
        else:
            req.queue_take_owner = ""
        # Every staff member may move it along the workflow; the menu says where.
        if req.status not in moves:
            moves[req.status] = [
                (value, Status(value).label) for value in services.staff_targets(req.status)
            ]
        req.queue_moves = moves[req.status]
        req.queue_has_menu = is_open or bool(req.queue_moves)
    return rows


def row_labels() -> dict:
    """The rows' own words in the active language, translated once per page (their states,
    priorities and client types come with each row: shared_rows)."""
    return {
        "select": _("Select %(ref)s"),
        "choose": _("Choose an action for %(ref)s"),
        "unassigned": _("Unassigned"),
        "take": _("Take"),
        "actions": _("Actions"),
    }


def render_rows(context: dict) -> SafeString:
    """The rows' markup (templates/jinja2/desk/queue_rows.html) from the queue's context."""
    return mark_safe(  # rendered by Jinja2 with autoescaping on
        render_to_string(
            "desk/queue_rows.html", {**context, "labels": row_labels()}, using="jinja2"
        )
    )


def page_words(page: QueuePage) -> dict[str, str]:
    """What the body says of its page, in words with their numbers: how many requests (also
    for screen readers after a filter), which page of how many, and the pagination's line. Worded
    here because the body's engine (Jinja2) cannot collect plural forms for translators."""
    cap = number_format(COUNT_CAP, force_grouping=True)
    if page.capped:
        count = _("More than %(count)s requests") % {"count": cap}
        summary = f"{count} · " + _("page %(n)s") % {"n": page.number}
        pages = _("Page %(n)s · more than %(count)s requests") % {"n": page.number, "count": cap}
        return {"count": count, "summary": summary, "pages": pages}
    count = ngettext("%(count)s request", "%(count)s requests", page.count) % {"count": page.count}
    summary = count
    if page.num_pages > 1:
        summary += " · " + _("page %(n)s of %(total)s") % {
            "n": page.number,
            "total": page.num_pages,
        }
    pages = ngettext(
        "Page %(n)s of %(total)s · %(count)s request",
        "Page %(n)s of %(total)s · %(count)s requests",
        page.count,
    ) % {"n": page.number, "total": page.num_pages, "count": page.count}
    return {"count": count, "summary": summary, "pages": pages}


def _count_label(state: str, count: int) -> str:
    """A tile's number: exact, or "10,000+" when its count stopped at the cap."""
    if is_capped(state, count):
        return _("%(count)s+") % {"count": number_format(COUNT_CAP, force_grouping=True)}
    return str(count)


def tiles(path: str, filters: QueueFilters, counts: dict[str, int]) -> list[dict]:
    """The counts at the top; each links to the same view of the queue at `path`, narrowed to
    that state."""
    labels = {STATE_OPEN: _("Open"), "overdue": _("Overdue"), STATE_ALL: _("All")}
    labels.update(Status.choices)
    keys = [STATE_OPEN, Status.NEW, Status.IN_PROGRESS, Status.WAITING, "overdue"]
    keys += [Status.RESOLVED, Status.CLOSED, Status.CANCELLED, STATE_ALL]
    result = []
    for key in keys:
        if key == "overdue":
            target = filters.replace(state=STATE_OPEN, overdue=True)
        else:
            target = filters.replace(state=str(key), overdue=False)
        result.append(
            {
                "key": str(key),
                "label": labels[key],
                "count": counts[key],
                "count_label": _count_label(str(key), counts[key]),
                "url": view_url(path, target),
                "current": target == filters,
            }
        )
    return result


def bulk_moves() -> list[tuple[str, str]]:
    """Every state staff can move some request to; each row is then checked by the service."""
    targets = set().union(*services.STAFF_TRANSITIONS.values())
    return [(value, label) for value, label in Status.choices if value in targets]


def department_views(department: Department, team: Team, saved: list) -> list[dict]:
    """Every saved view of the department's queue (`saved`, as selectors.saved_views_reader reads
    them), as plain data: each viewer is shown their own and the shared ones (viewer_views)."""
    path = reverse("desk:queue", args=[department.slug])
    return [
        {
            "pk": view.pk,
            "name": view.name,
            "query": view.query,
            "shared": view.shared,
            "owner_id": view.owner_id,
            "owner_name": view.owner.full_name,
            "url": view_url(path, team.filters(view.query)),
            "delete_url": reverse("desk:queue-view-delete", args=[department.slug, view.pk]),
        }
        for view in saved
    ]


def viewer_views(views: list[dict], user: Employee, filters: QueueFilters) -> list[dict]:
    return [
        {**view, "is_current": view["query"] == filters.query}
        for view in views
        if view["owner_id"] == user.pk or view["shared"]
    ]


def common_context(department: Department, filters: QueueFilters, counts: dict[str, int]):
    """What the counts, rows and forms need, for pages and fragments alike."""
    path = reverse("desk:queue", args=[department.slug])
    return {
        "department": department,
        "queue_url": path,
        "action_url": reverse("desk:queue-action", args=[department.slug]),
        "filters": filters,
        "back_query": filters.query,
        "tiles": tiles(path, filters, counts),
    }


# The per-viewer parts' places in a body.
VIEWS_SLOT = "<!--desk:queue-views-->"
VIEWS_SLOT_OOB = "<!--desk:queue-views:oob-->"
BULK_SLOT = "<!--desk:queue-bulk-->"
_TAKE = re.compile(r"<!--take:(\w+)-->(.*?)<!--/take-->", re.DOTALL)


@dataclass(frozen=True)
class Shared:
    """What a body's viewers need besides its markup to get their own parts: plain data that is
    cached with it."""

    page_number: int
    views: list[dict]


# A viewer's parts (saved views, bulk menu) as rendered last, per process: between two changes a
# viewer asks for the same view again and again. The key holds everything they depend on: the
# cache's generation counters (saved views, services, memberships and people all bump one), the
# viewer, the view, its page, the language and which slots the body has. Bounded: emptied when full.
_PARTS: dict[tuple, dict[str, str]] = {}
_PARTS_MAX = 2048


def personalise(
    request: HttpRequest,
    body: str,
    team: Team,
    filters: QueueFilters,
    shared: Shared | None = None,
    generations: tuple | None = None,
) -> SafeString:
    """The body with this viewer's saved views, bulk menu, Take buttons and CSRF token (an
    action's answer has rows only: no `shared`). `generations`: the page cache's counters the
    body was served under, when it was; the viewer's parts are then kept with them."""
    user = request.user
    slots = tuple(slot for slot in (VIEWS_SLOT, VIEWS_SLOT_OOB, BULK_SLOT) if slot in body)
    key = None
    if generations is not None and shared is not None:
        key = (
            generations,
            team.department.pk,
            user.pk,
            filters.query,
            shared.page_number,
            translation.get_language(),
            slots,
        )
    parts = _PARTS.get(key) if key is not None else None
    if parts is None:
        parts = _viewer_parts(user, team, filters, shared, slots)
        if key is not None:
            if len(_PARTS) >= _PARTS_MAX:
                _PARTS.clear()
            _PARTS[key] = parts
    for slot, markup in parts.items():
        body = body.replace(slot, markup)
    me = str(user.pk)
    body = _TAKE.sub(lambda m: m.group(2) if m.group(1) in ("any", me) else "", body)
    return page_cache.with_csrf_token(request, body)


def _render_viewer_part(context: dict) -> str:
    return render_to_string("desk/queue_viewer.html", context, using="jinja2")


def _viewer_parts(
    user: Employee, team: Team, filters: QueueFilters, shared: Shared | None, slots: tuple
) -> dict[str, str]:
    department = team.department
    context = {
        "department": department,
        "user": user,
        "filters": filters,
        "saved_views": viewer_views(shared.views, user, filters) if shared else [],
        "assignable": team.assignable(user),
        "bulk_moves": bulk_moves(),
        "action_url": reverse("desk:queue-action", args=[department.slug]),
        "back_query": filters.query,
        "page_number": shared.page_number if shared else 1,
        "csrf_token": page_cache.CSRF_PLACEHOLDER,
    }
    parts = {}
    for slot, oob in ((VIEWS_SLOT, False), (VIEWS_SLOT_OOB, True)):
        if slot in slots:
            parts[slot] = _render_viewer_part({**context, "part": "views", "oob": oob})
    if BULK_SLOT in slots:
        parts[BULK_SLOT] = _render_viewer_part({**context, "part": "bulk"})
    return parts
