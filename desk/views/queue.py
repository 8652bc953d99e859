"""The department queue page: counts, saved views, filters and one page of rows, as a whole page
or as the htmx fragment the filters ask for. Its body is rendered once for the whole team and
kept between changes (desk/page_cache.py); each viewer's own parts are filled in afterwards
(desk/views/queue_parts.py). Row and bulk actions and the row menus: desk/views/queue_actions.py;
saved views: desk/views/saved_views.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET
from django_htmx.http import push_url

from departments.models import ClientType
from desk import chrome, context_processors, page_cache, permissions, selectors, together
from desk.models import Priority
from desk.queue import (
    ASSIGNEE_MINE,
    ASSIGNEE_UNASSIGNED,
    SORTS,
    STATES,
    QueueFilters,
    QueuePage,
    parse_page,
)
from desk.views.queue_parts import (
    BULK_SLOT,
    VIEWS_SLOT,
    VIEWS_SLOT_OOB,
    Shared,
    Team,
    common_context,
    department_views,
    page_words,
    personalise,
    render_rows,
    row_menu_query,
    shared_rows,
    view_url,
)

if TYPE_CHECKING:
    from departments.models import Department


def _render_body(
    request: HttpRequest, team: Team, filters: QueueFilters, number: int, *, fragment: bool
) -> tuple[str, str, Shared, dict]:
    """The body (or the htmx fragment) as everyone on the team sees it, the normalised URL it
    shows, what its viewers' own parts need, and its context (tests read it)."""
    department = team.department
    user = request.user
    now = timezone.now()
    rows = selectors.queue_page_rows(user, department, filters, now=now)
    # The counts, the page asked for, the saved views and the viewer's top bar (on a whole page,
    # unless read) need nothing of each other: one exchange with the database (desk.together).
    counts, asked, saved, top_bar = together.run(
        selectors.queue_counts_reader(user, department, filters, now=now),
        rows.reader(QueuePage.slice_of(number)),
        selectors.saved_views_reader(department),
        None
        if fragment or hasattr(request, "desk_top_bar")
        else context_processors.top_bar_reader(user),
    )
    if top_bar is not None:
        request.desk_top_bar = top_bar
    # The chosen state's tile counts the rows already: the page needs no COUNT(*) of its own.
    page = QueuePage.of(rows, number, filters.state, counts[filters.state], read=asked)
    shared = Shared(
        page_number=page.number,
        views=department_views(department, team, saved),
    )
    context = {
        **common_context(department, filters, counts),
        "now": now,
        "page": page,
        "page_number": page.number,
        "page_query": f"{filters.query}&" if filters.query else "",
        "words": page_words(page),
        "menu_query": row_menu_query(filters, page.number),
        "rows": shared_rows(
            page.object_list, department, now, row_menu_query(filters, page.number)
        ),
        "services": team.services,
        "members": team.members,
        "states": list(STATES.items()),
        "sorts": [(key, label) for key, (label, _order) in SORTS.items()],
        "sort_label": SORTS[filters.sort][0],
        "priorities": Priority.choices,
        "client_types": ClientType.choices,
        "ASSIGNEE_MINE": ASSIGNEE_MINE,
        "ASSIGNEE_UNASSIGNED": ASSIGNEE_UNASSIGNED,
        "my_work_url": reverse("desk:my-work"),
        "save_view_url": reverse("desk:queue-view-save", args=[department.slug]),
        "views_slot": mark_safe(VIEWS_SLOT_OOB if fragment else VIEWS_SLOT),
        "bulk_slot": mark_safe(BULK_SLOT),
        # The table; the counts and saved views come along out of band, as they follow the filters.
        "fragment": fragment,
        "oob": fragment,
        "csrf_token": page_cache.CSRF_PLACEHOLDER,
    }
    # The table's own rows, in the fragment too: only an action's answer swaps rows out of band.
    context["rows_html"] = render_rows({**context, "oob": False})
    body = render_to_string("desk/queue_body.html", context, using="jinja2")
    del context["csrf_token"]  # the page around the body gets the viewer's own
    return body, view_url(context["queue_url"], filters, page.number), shared, context


@require_GET
@login_required
def queue(request: HttpRequest, slug: str) -> HttpResponse:
    # The navigation lists the person's teams anyway: this one is found among them (a 404 if it
    # is not one of theirs or not active), and the list goes to the navigation: one query.
    teams = list(permissions.staff_departments(request.user))
    department: Department | None = next((team for team in teams if team.slug == slug), None)
    if department is None:
        raise Http404("No such department.")
    fragment = bool(request.htmx and not request.htmx.history_restore_request)
    cached = page_cache.open_queue(department)
    if cached is not None and cached.team is not None:
        team = Team.of(department, *cached.team)
    else:
        team = Team.read(department)
        page_cache.keep_team(cached, team.cached)
    filters = team.filters(request.GET)
    number = parse_page(request.GET.get("page"))
    context = {}

    def render_body():
        body, url, shared, body_context = _render_body(
            request, team, filters, number, fragment=fragment
        )
        context.update(body_context)  # a fresh body's context goes along: tests read it
        return body, url, shared

    key = None
    # Far pages are rarely looked at twice: rendered, not kept (page=<random> makes no keys).
    if cached is not None and number <= page_cache.MAX_KEPT_PAGE:
        key = cached.body_key(
            filters,
            page=number,
            fragment=fragment,
            viewer_id=request.user.pk if filters.assignee == ASSIGNEE_MINE else None,
        )
    body, url, shared = page_cache.body(cached, key, render_body)
    body = personalise(
        request,
        body,
        team,
        filters,
        shared,
        generations=cached.generations if key is not None else None,
    )
    if fragment:
        response = HttpResponse(body)
        # The address bar gets the normalised view, whatever the form sent.
        push_url(response, url)
    else:
        response = chrome.render_page(
            request, "desk/queue.html", {"department": department, **context, "body": body}
        )
    # One URL answers with a fragment or a page: caches and the back button must not mix them.
    patch_vary_headers(response, ["HX-Request"])
    return response
