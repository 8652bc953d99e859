"""Department staff's pages: the queue with its row and bulk actions, saved views, "My work"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format, number_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import push_url

from departments.models import ClientType
from desk import page_cache, permissions, selectors, services
from desk.models import Priority, SavedView, Status
from desk.permissions import Action
from desk.queue import (
    ACTION_ASSIGN,
    ACTION_STATUS,
    ACTION_TAKE,
    ASSIGN_NOBODY,
    ASSIGNEE_MINE,
    ASSIGNEE_UNASSIGNED,
    COUNT_CAP,
    PAGE_SIZE,
    SORTS,
    STATE_ALL,
    STATE_OPEN,
    STATES,
    TRUE_VALUES,
    QueueAction,
    QueueFilters,
    QueuePage,
    is_capped,
    is_number,
    parse_action,
    parse_ids,
    parse_page,
    saved_view_delete,
    saved_view_save,
)
from desk.templatetags.desk import due_badge, duration_words

if TYPE_CHECKING:
    from departments.models import Department, Employee, Service
    from desk.models import Request


@dataclass
class _Team:
    """The department's services and members, read once per response (filters and menus)."""

    department: Department
    services: list[Service]
    members: list[Employee]

    @classmethod
    def of(cls, department: Department) -> _Team:
        return cls(
            department=department,
            services=list(selectors.department_services(department)),
            members=list(selectors.department_members(department)),
        )

    def filters(self, data) -> QueueFilters:
        """Filters from request.GET or from a stored query string, through the allowlist."""
        ids = {
            "service_ids": {service.pk for service in self.services},
            "member_ids": {member.pk for member in self.members},
        }
        if isinstance(data, str):
            return QueueFilters.from_query_string(data, **ids)
        return QueueFilters.from_query(data, **ids)

    def assignable(self, user: Employee) -> list[Employee]:
        """Whom this person may assign to: heads anyone active in the team, agents themselves."""
        if permissions.is_head_of(user, self.department.pk):
            return [member for member in self.members if member.is_active]
        return [member for member in self.members if member.pk == user.pk]


def _queue_url(department: Department, filters: QueueFilters, page: int = 1) -> str:
    query = filters.query
    if page > 1:
        query = f"{query}&page={page}" if query else f"page={page}"
    url = reverse("desk:queue", args=[department.slug])
    return f"{url}?{query}" if query else url


def _decorate(rows, user: Employee, now: datetime) -> list[Request]:
    """Attach what each row offers this person; permissions are cached, so no queries."""
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


@dataclass
class _RowForms:
    """What the rows' forms post back, the same for every row of a response."""

    action_url: str
    back_query: str
    page_number: int
    # The token {% csrf_token %} would render: page bodies get page_cache.CSRF_PLACEHOLDER.
    csrf_token: str
    # Action answers swap their rows in out of band; the table's own rows are not.
    swap_oob: bool = False


# One row of the queue's table. Built in Python (_RowParts._row): a page has 50 rows, and the
# template engine would resolve and escape some forty variables in each.
_ROW_HTML = """<tr id="queue-row-{pk}"{overdue}{swap_oob}>
  <td class="queue-pick">
    <input type="checkbox" name="ids" value="{pk}" form="queue-bulk" id="queue-pick-{pk}" \
class="queue-pick-box">
    <label for="queue-pick-{pk}" class="visually-hidden">{select_label}</label>
  </td>
  <td class="mono nowrap hide-sm"><a href="{url}">{ref}</a></td>
  <td class="title-cell">
    <span class="show-sm mono small">{ref}</span>
    <a href="{url}">{title}</a>
    <div class="small muted">{service}<span class="show-sm">{assignee_short} · {priority}</span></div>
    <div class="show-sm queue-facts-sm">{state}</div>
  </td>
  <td class="hide-sm">{requester}<br><span class="badge badge--client">{client_type}</span></td>
  <td class="hide-sm"><span class="badge badge--priority-{priority_value}">{priority}</span></td>
  <td class="hide-sm queue-state">{state}</td>
  <td class="hide-sm">{assignee}</td>
  <td class="hide-sm nowrap"><time datetime="{created_iso}" title="{created_title}">{age}</time></td>
  <td class="queue-actions">
    {take}
    {menu}
  </td>
</tr>
"""
_OVERDUE_CLASS = mark_safe(' class="is-overdue"')
_TAKE_FORM_HTML = """<form method="post" action="{action_url}" hx-post="{action_url}" \
hx-swap="none" class="inline-form">
      {csrf_input}
      <input type="hidden" name="ids" value="{pk}">
      <input type="hidden" name="back" value="{back}">
      <input type="hidden" name="page" value="{page}">
      <button type="submit" name="do" value="take" class="btn btn--small">{take}\
<span class="visually-hidden"> {ref}</span></button>
    </form>"""
# expected_status and expected_assignee are what the person saw: if someone else changed the
# request meanwhile, the service refuses and says so.
_MENU_FORM_HTML = """<form method="post" action="{action_url}" hx-post="{action_url}" \
hx-swap="none" class="inline-form queue-act">
      {csrf_input}
      <input type="hidden" name="ids" value="{pk}">
      <input type="hidden" name="back" value="{back}">
      <input type="hidden" name="page" value="{page}">
      <input type="hidden" name="expected_status" value="{status}">
      <input type="hidden" name="expected_assignee" value="{assignee}">
      <label for="queue-do-{pk}" class="visually-hidden">{action_label}</label>
      <select name="do" id="queue-do-{pk}" class="select--small" required>
        <option value="">{choose}</option>
        {menu}
      </select>
      <button type="submit" class="btn btn--secondary btn--small">{apply}\
<span class="visually-hidden"> {apply_label}</span></button>
    </form>"""


class _RowParts:
    """What the queue's rows show, prepared in Python: a page has 50 rows, and the template engine
    costs tens of microseconds for each variable, filter and translated label of each row.

    What repeats from row to row is built once per page: each state badge, each choice label,
    each option of the "Assign to" menus (a head's page would otherwise render ~900 options),
    the translated label patterns. Each row then gets finished strings.
    """

    def __init__(
        self, user: Employee, assignable: list[Employee], now: datetime, forms: _RowForms
    ) -> None:
        self.user = user
        self.now = now
        me = _("Me")
        self.options = [
            (
                member.pk,
                format_html(
                    '<option value="assign:{}">{}</option>',
                    member.pk,
                    f"{me} ({member.full_name})" if member.pk == user.pk else member.full_name,
                ),
            )
            for member in assignable
        ]
        self.assign_self = format_html(
            '<optgroup label="{}"><option value="assign:{}">{} ({})</option></optgroup>',
            _("Assign to"),
            user.pk,
            me,
            user.full_name,
        )
        self.priorities = {value: escape(label) for value, label in Priority.choices}
        self.client_types = {value: escape(label) for value, label in ClientType.choices}
        # The same msgids as the template's {% blocktranslate %} would use.
        self.select_label = _("Select %(ref)s")
        self.action_label = _("Action for %(ref)s")
        self.apply_label = _("to %(ref)s")
        self.unassigned = _("Unassigned")
        self.unassigned_cell = format_html('<span class="muted">{}</span>', self.unassigned)
        self.take = _("Take")
        self.choose_action = _("Action…")
        self.apply = _("Apply")
        self.swap_oob = mark_safe(' hx-swap-oob="true"') if forms.swap_oob else ""
        # What every row's forms share, escaped once (format_html passes safe strings through).
        self.form_fields = {
            "action_url": escape(forms.action_url),
            "csrf_input": (
                format_html(
                    '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', forms.csrf_token
                )
                if forms.csrf_token
                else ""
            ),
            "back": escape(forms.back_query),
            "page": escape(forms.page_number),
        }
        self._badges: dict[str, str] = {}
        self._moves: dict[str, str] = {}
        self._assign: dict[int | None, str] = {}

    def prepare(self, req: Request) -> None:
        ref = req.reference
        req.queue_pk = mark_safe(
            str(req.pk)
        )  # digits: nothing to escape in each of its four places
        req.queue_url = req.get_absolute_url()
        req.queue_priority = self.priorities[req.priority]
        req.queue_client_type = self.client_types.get(req.client_type, req.client_type)
        req.queue_select_label = self.select_label % {"ref": ref}
        req.queue_action_label = self.action_label % {"ref": ref}
        req.queue_apply_label = self.apply_label % {"ref": ref}
        created = timezone.localtime(req.created_at)
        req.queue_created_iso = created.isoformat()
        req.queue_created_title = date_format(created, "SHORT_DATETIME_FORMAT")
        req.queue_age = duration_words(self.now - req.created_at)
        req.queue_state = self._state(req)
        req.queue_menu = self._menu(req) if req.queue_has_menu else ""
        req.queue_html = self._row(req)

    def _row(self, req: Request) -> str:
        """The row's <tr>, in one format_html call (see _ROW_HTML)."""
        assignee = req.assignee.full_name if req.assignee is not None else None
        return format_html(
            _ROW_HTML,
            pk=req.queue_pk,
            overdue=_OVERDUE_CLASS if req.queue_overdue else "",
            swap_oob=self.swap_oob,
            select_label=req.queue_select_label,
            url=req.queue_url,
            ref=req.reference,
            title=req.title,
            service=req.service.localized_name,
            assignee_short=assignee or self.unassigned,
            priority=req.queue_priority,
            priority_value=req.priority,
            state=req.queue_state,
            requester=req.requester.full_name,
            client_type=req.queue_client_type,
            assignee=assignee or self.unassigned_cell,
            created_iso=req.queue_created_iso,
            created_title=req.queue_created_title,
            age=req.queue_age,
            take=self._take_form(req) if req.queue_can_take else "",
            menu=self._menu_form(req) if req.queue_has_menu else "",
        )

    def _take_form(self, req: Request) -> str:
        return format_html(
            _TAKE_FORM_HTML,
            **self.form_fields,
            pk=req.queue_pk,
            take=self.take,
            ref=req.reference,
        )

    def _menu_form(self, req: Request) -> str:
        return format_html(
            _MENU_FORM_HTML,
            **self.form_fields,
            pk=req.queue_pk,
            status=req.status,
            assignee=req.assignee_id or "none",
            action_label=req.queue_action_label,
            choose=self.choose_action,
            menu=req.queue_menu,
            apply=self.apply,
            apply_label=req.queue_apply_label,
        )

    def _state(self, req: Request) -> str:
        """The state badge, and the due badge while the request is open."""
        badge = self._badges.get(req.status)
        if badge is None:
            # The markup of desk/_status.html, which the other request lists include.
            badge = self._badges[req.status] = format_html(
                '<span class="badge badge--{}">{}</span>', req.status, req.get_status_display()
            )
        if req.is_open:
            return format_html("{} {}", badge, due_badge(req, self.now))
        return badge

    def _menu(self, req: Request) -> str:
        """The <optgroup>s of the row's "Action…" menu (_decorate says what it offers)."""
        groups = []
        if req.queue_moves:
            if req.status not in self._moves:
                self._moves[req.status] = format_html(
                    '<optgroup label="{}">{}</optgroup>',
                    _("Move to"),
                    format_html_join("", '<option value="status:{}">{}</option>', req.queue_moves),
                )
            groups.append(self._moves[req.status])
        if req.queue_assign_anyone:
            groups.append(self._assign_anyone(req.assignee_id))
        elif req.queue_assign_self:
            groups.append(self.assign_self)
        return mark_safe("".join(groups))  # each group is built by format_html

    def _assign_anyone(self, assignee_id: int | None) -> str:
        """Everyone assignable but the current assignee, then "Nobody" if there is one."""
        if assignee_id not in self._assign:
            options = [html for pk, html in self.options if pk != assignee_id]
            if assignee_id is not None:
                options.append(
                    format_html('<option value="assign:none">{}</option>', _("Nobody (unassign)"))
                )
            self._assign[assignee_id] = format_html(
                '<optgroup label="{}">{}</optgroup>', _("Assign to"), mark_safe("".join(options))
            )
        return self._assign[assignee_id]


def _queue_rows(
    rows, user: Employee, team: _Team, now: datetime, forms: _RowForms
) -> list[Request]:
    """The queue's rows with what they offer (_decorate) and what they show, ready to place."""
    rows = _decorate(rows, user, now)
    parts = _RowParts(user, team.assignable(user), now, forms)
    for req in rows:
        # The rows' query leaves the department out: it is this one, already at hand.
        req.department = team.department
        parts.prepare(req)
    return rows


def _count_label(state: str, count: int) -> str:
    """A tile's number: exact, or "10,000+" when its count stopped at the cap."""
    if is_capped(state, count):
        return _("%(count)s+") % {"count": number_format(COUNT_CAP, force_grouping=True)}
    return str(count)


def _tiles(department: Department, filters: QueueFilters, counts: dict[str, int]) -> list[dict]:
    """The counts at the top; each links to the same view narrowed to that state."""
    labels = {STATE_OPEN: _("Open"), "overdue": _("Overdue"), STATE_ALL: _("All")}
    labels.update(Status.choices)
    keys = [STATE_OPEN, Status.NEW, Status.IN_PROGRESS, Status.WAITING, "overdue"]
    keys += [Status.RESOLVED, Status.CLOSED, Status.CANCELLED, STATE_ALL]
    tiles = []
    for key in keys:
        if key == "overdue":
            target = filters.replace(state=STATE_OPEN, overdue=True)
        else:
            target = filters.replace(state=str(key), overdue=False)
        tiles.append(
            {
                "key": str(key),
                "label": labels[key],
                "count": counts[key],
                "count_label": _count_label(str(key), counts[key]),
                "url": _queue_url(department, target),
                "current": target == filters,
            }
        )
    return tiles


def _bulk_moves() -> list[tuple[str, str]]:
    """Every state staff can move some request to; each row is then checked by the service."""
    targets = set().union(*services.STAFF_TRANSITIONS.values())
    return [(value, label) for value, label in Status.choices if value in targets]


def _context(
    request: HttpRequest, team: _Team, filters: QueueFilters, counts: dict[str, int], now: datetime
) -> dict:
    """What the counts, saved views, rows and bulk menu need, for pages and fragments alike."""
    user = request.user
    department = team.department
    views = list(selectors.saved_views(user, department))
    for view in views:
        view.url = _queue_url(department, team.filters(view.query))
        view.is_current = view.query == filters.query
    return {
        "department": department,
        "queue_url": reverse("desk:queue", args=[department.slug]),
        "action_url": reverse("desk:queue-action", args=[department.slug]),
        "filters": filters,
        "back_query": filters.query,
        "tiles": _tiles(department, filters, counts),
        "saved_views": views,
        "assignable": team.assignable(user),
        "bulk_moves": _bulk_moves(),
        "count_cap": number_format(COUNT_CAP, force_grouping=True),
        "now": now,
    }


def _queue_body(
    request: HttpRequest, department: Department, *, fragment: bool
) -> tuple[str, str, dict]:
    """The page body (or the htmx fragment), the normalised URL it shows, and its context.

    Rendered with page_cache.CSRF_PLACEHOLDER for the CSRF token, so that it may be cached."""
    team = _Team.of(department)
    filters = team.filters(request.GET)
    now = timezone.now()
    counts = selectors.queue_counts(request.user, department, filters, now=now)
    # The chosen state's tile counts the rows already: the page needs no COUNT(*) of its own.
    page = QueuePage.of(
        selectors.queue_list(request.user, department, filters, now=now),
        parse_page(request.GET.get("page")),
        filters.state,
        counts[filters.state],
    )
    context = {
        **_context(request, team, filters, counts, now),
        "page": page,
        "page_number": page.number,
        "page_query": f"{filters.query}&" if filters.query else "",
        "rows": _queue_rows(
            page.object_list,
            request.user,
            team,
            now,
            _RowForms(
                action_url=reverse("desk:queue-action", args=[department.slug]),
                back_query=filters.query,
                page_number=page.number,
                csrf_token=page_cache.CSRF_PLACEHOLDER,
            ),
        ),
        "services": team.services,
        "members": team.members,
        "states": list(STATES.items()),
        "sorts": [(key, label) for key, (label, _order) in SORTS.items()],
        "priorities": Priority.choices,
        "client_types": ClientType.choices,
        "ASSIGNEE_MINE": ASSIGNEE_MINE,
        "ASSIGNEE_UNASSIGNED": ASSIGNEE_UNASSIGNED,
        # The table; the counts and saved views come along out of band, as they follow the filters.
        "oob": fragment,
    }
    partial = "queue-table" if fragment else "queue-body"
    body = render_to_string(
        f"desk/queue.html#{partial}",
        {**context, "csrf_token": page_cache.CSRF_PLACEHOLDER},
        request,
    )
    return body, _queue_url(department, filters, page.number), context


@require_GET
@login_required
def queue(request: HttpRequest, slug: str) -> HttpResponse:
    # The navigation lists the person's teams anyway: this one is found among them (a 404 if it
    # is not one of theirs or not active), and the list goes to the navigation: one query.
    teams = list(permissions.staff_departments(request.user))
    department = next((team for team in teams if team.slug == slug), None)
    if department is None:
        raise Http404("No such department.")
    fragment = bool(request.htmx and not request.htmx.history_restore_request)
    # Nothing in the body changes until a request of this department does (desk/page_cache.py).
    entry, cached = page_cache.lookup(request, department, fragment=fragment)
    if cached:
        body, url = cached
        context = {"department": department}
    else:
        body, url, context = _queue_body(request, department, fragment=fragment)
        page_cache.store(entry, (body, url))
    body = page_cache.with_csrf_token(request, body)
    if fragment:
        response = HttpResponse(body)
        # The address bar gets the normalised view, whatever the form sent.
        push_url(response, url)
    else:
        # A fresh body's context goes along too: nothing in base.html reads it, tests do.
        response = render(
            request, "desk/queue.html", {**context, "body": body, "staff_departments": teams}
        )
    # One URL answers with a fragment or a page: caches and the back button must not mix them.
    patch_vary_headers(response, ["HX-Request"])
    return response


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


def _perform(request: HttpRequest, team: _Team, action: QueueAction, targets: list[Request]):
    """Run the action on each request through its service: one transaction per request, so
    one refusal does not undo the others; each refusal is reported with its reference."""
    user = request.user
    assignee = None
    if action.kind == ACTION_ASSIGN and action.value != ASSIGN_NOBODY:
        assignee = next((m for m in team.members if m.pk == action.assignee_id), None)
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
    team = _Team.of(department)
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
        return redirect(_queue_url(department, filters, page))
    now = timezone.now()
    rows = selectors.queue_rows(user, department, [req.pk for req in targets])
    counts = selectors.queue_counts(user, department, filters, now=now)
    context = {
        **_context(request, team, filters, counts, now),
        "rows": _queue_rows(
            rows,
            user,
            team,
            now,
            _RowForms(
                action_url=reverse("desk:queue-action", args=[department.slug]),
                back_query=filters.query,
                page_number=page,
                csrf_token=get_token(request),
                swap_oob=True,
            ),
        ),
        "page_number": page,
        "oob": True,
    }
    return render(request, "desk/queue.html#queue-update", context)


# --- saved views ------------------------------------------------------------------------------------


@require_POST
@login_required
def saved_view_create(request: HttpRequest, slug: str) -> HttpResponse:
    department = permissions.get_staff_department_or_404(request.user, slug)
    team = _Team.of(department)
    filters = team.filters(request.POST.get("query", ""))
    try:
        view = saved_view_save(
            owner=request.user,
            department=department,
            name=request.POST.get("name", "")[:200],
            filters=filters,
            shared=request.POST.get("shared", "").lower() in TRUE_VALUES,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("View “%(name)s” saved.") % {"name": view.name})
    return redirect(_queue_url(department, filters))


@require_POST
@login_required
def saved_view_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    department = permissions.get_staff_department_or_404(request.user, slug)
    # Only the owner's own views: someone else's shared view is a 404 here, like any other.
    view = get_object_or_404(SavedView, pk=pk, department=department, owner=request.user)
    saved_view_delete(view=view, actor=request.user)
    messages.success(request, _("View “%(name)s” deleted.") % {"name": view.name})
    return redirect("desk:queue", slug=department.slug)


# --- my work --------------------------------------------------------------------------------------------


@require_GET
@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """Requests assigned to me in all the departments I serve."""
    if not permissions.staff_department_ids(request.user):
        raise Http404("Not a member of any department's team.")
    now = timezone.now()
    page = Paginator(selectors.my_work(request.user), PAGE_SIZE).get_page(
        parse_page(request.GET.get("page"))
    )
    context = {"page": page, "rows": _decorate(page.object_list, request.user, now), "now": now}
    return render(request, "desk/my_work.html", context)
