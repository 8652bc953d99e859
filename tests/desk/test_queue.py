"""The department queue page and its row and bulk actions (desk/views/queue.py)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from departments.models import Department, Role
from desk import page_cache, permissions, selectors
from desk.models import Event, EventKind, Request, Status
from desk.queue import QueueFilters
from tests.desk.queue_data import add_requests
from tests.factories import DepartmentFactory, MembershipFactory, ServiceFactory, file_request

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
# Queries for one queue page, whatever the number of requests: session, user, the person's teams
# (departments and roles: the navigation's list, where the view finds this one), services,
# members, state counts (1: the small states, with closed and cancelled up to a cap beside them;
# the page reuses the chosen state's count), saved views, page rows, and the bell's unread count
# = 9; plus the pulse survey banner on a person's first page (then cached: surveys/banner.py) = 10.
QUEUE_PAGE_QUERIES = 10


def queue_url(department) -> str:
    return reverse("desk:queue", args=[department.slug])


def action_url(department) -> str:
    return reverse("desk:queue-action", args=[department.slug])


def _set(req: Request, **fields) -> None:
    Request.objects.filter(pk=req.pk).update(**fields)


def _row_ids(response) -> list[int]:
    return [req.pk for req in response.context["rows"]]


# --- who may see it ---------------------------------------------------------------------------


def test_head_sees_the_queue_with_counts_and_rows(login, head_a, dept_a, desk_request):
    response = login(head_a).get(queue_url(dept_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert "IT queue" in html
    assert desk_request.reference in html
    assert "Laptop for new hire" in html
    assert "Olga Operational" in html
    assert 'class="badge badge--client">Operational' in html
    assert "badge--priority-2" in html
    assert "due in" in html
    tiles = {tile["key"]: tile for tile in response.context["tiles"]}
    assert tiles["open"]["count"] == 1
    assert tiles["open"]["current"]
    assert tiles["new"]["url"] == queue_url(dept_a) + "?state=new"
    # Each row links to its request page (built from one reverse() per page, not one per row).
    assert f'<a href="{desk_request.get_absolute_url()}">{desk_request.reference}</a>' in html


def test_agent_sees_the_queue(login, agent_a, dept_a, desk_request):
    response = login(agent_a).get(queue_url(dept_a))
    assert response.status_code == 200
    assert _row_ids(response) == [desk_request.pk]


def test_it_requires_login(client, dept_a):
    response = client.get(queue_url(dept_a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("person", ["requester", "outsider", "agent_b", "admin_user"])
def test_it_is_404_for_anyone_outside_the_team(request, login, dept_a, desk_request, person):
    response = login(request.getfixturevalue(person)).get(queue_url(dept_a))
    assert response.status_code == 404


def test_it_is_404_for_an_unknown_or_inactive_department(login, head_a, dept_a):
    client = login(head_a)
    assert client.get(reverse("desk:queue", args=["nope"])).status_code == 404
    Department.objects.filter(pk=dept_a.pk).update(is_active=False)
    permissions.forget(head_a)
    assert client.get(queue_url(dept_a)).status_code == 404


def test_it_rejects_post(login, head_a, dept_a):
    assert login(head_a).post(queue_url(dept_a)).status_code == 405


def test_actions_reject_get(login, head_a, dept_a):
    assert login(head_a).get(action_url(dept_a)).status_code == 405


def test_nav_links_to_each_queue_and_my_work_for_staff_only(login, head_a, requester, dept_a):
    other = DepartmentFactory(name="Facilities", slug="facilities", code="FAC")
    MembershipFactory(department=other, employee=head_a, role=Role.AGENT)
    html = login(head_a).get(reverse("desk:catalog")).content.decode()
    assert f'href="{queue_url(dept_a)}"' in html
    assert f'href="{queue_url(other)}"' in html
    assert "Facilities queue" in html
    assert f'href="{reverse("desk:my-work")}"' in html
    html = login(requester).get(reverse("desk:catalog")).content.decode()
    assert "/queue/" not in html
    assert reverse("desk:my-work") not in html


def test_request_page_breadcrumb_leads_staff_back_to_the_queue(login, agent_a, desk_request):
    html = login(agent_a).get(desk_request.get_absolute_url()).content.decode()
    assert f'href="{queue_url(desk_request.department)}"' in html


# --- the table --------------------------------------------------------------------------------


def test_default_view_is_open_requests_by_due_time_nulls_last(login, head_a, requester, service_a):
    now = timezone.now()
    later, soon, undated, done = (file_request(requester, service_a) for _ in range(4))
    _set(later, due_at=now + timedelta(hours=5))
    _set(soon, due_at=now + timedelta(hours=1))
    _set(undated, due_at=None)
    _set(done, status=Status.CLOSED)
    response = login(head_a).get(queue_url(service_a.department))
    assert _row_ids(response) == [soon.pk, later.pk, undated.pk]


def test_overdue_rows_say_so_in_words(login, head_a, desk_request):
    _set(desk_request, due_at=timezone.now() - timedelta(days=2, hours=1))
    html = login(head_a).get(queue_url(desk_request.department)).content.decode()
    assert 'class="is-overdue"' in html
    assert "overdue by 2 d" in html
    tiles = {
        tile["key"]: tile
        for tile in login(head_a).get(queue_url(desk_request.department)).context["tiles"]
    }
    assert tiles["overdue"]["count"] == 1


def test_pages_hold_fifty_and_page_links_keep_the_filters(
    login, head_a, requester, service_a, dept_a
):
    add_requests(service_a, requester, 60)
    client = login(head_a)
    response = client.get(queue_url(dept_a), {"sort": "-age", "bogus": "1"})
    assert len(response.context["rows"]) == 50
    assert 'href="?sort=-age&amp;page=2"' in response.content.decode()
    second = client.get(queue_url(dept_a), {"sort": "-age", "page": "2"})
    assert len(second.context["rows"]) == 10
    assert not set(_row_ids(response)) & set(_row_ids(second))
    # A page past the end shows the last page rather than an error.
    assert client.get(queue_url(dept_a), {"page": "99"}).context["page"].number == 2


def test_htmx_gets_the_table_fragment_with_counts_out_of_band(login, head_a, desk_request):
    department = desk_request.department
    response = login(head_a).get(
        queue_url(department), {"state": "all", "sort": "-due", "q": "", "x": "1"}, headers=HTMX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert f'id="queue-row-{desk_request.pk}"' in html
    assert (
        'id="queue-counts" class="counts queue-counts" aria-label="Requests by state" hx-swap-oob="true"'
        in html
    )
    assert 'id="queue-views"' in html
    # The address bar gets the normalised, shareable URL.
    assert response["HX-Push-Url"] == queue_url(department) + "?state=all&sort=-due"
    assert "HX-Request" in response["Vary"]


def test_full_page_has_the_htmx_filter_form(login, head_a, desk_request):
    html = login(head_a).get(queue_url(desk_request.department)).content.decode()
    assert "<html" in html
    assert 'hx-get="/departments/it/queue/" hx-target="#queue-table" hx-push-url="true"' in html
    assert 'method="get" action="/departments/it/queue/"' in html  # works without JavaScript
    assert 'data-select-all=".queue-pick-box"' in html
    assert 'form="queue-bulk"' in html
    # Back and forward reload from the URL rather than from a snapshot of old rows.
    assert 'hx-history="false"' in html


def test_history_restore_gets_the_full_page(login, head_a, desk_request):
    response = login(head_a).get(
        queue_url(desk_request.department),
        headers={**HTMX, "HX-History-Restore-Request": "true"},
    )
    assert "<html" in response.content.decode()


def test_agent_gets_take_and_self_assignment_only(login, agent_a, head_a, desk_request, agent_a2):
    html = login(agent_a).get(queue_url(desk_request.department)).content.decode()
    assert 'name="do" value="take"' in html
    assert f'value="assign:{agent_a.pk}"' in html
    assert f'value="assign:{agent_a2.pk}"' not in html
    assert f'value="assign:{head_a.pk}"' not in html
    assert 'value="status:in_progress"' in html


def test_head_can_assign_anyone_in_the_team(
    login, head_a, agent_a, agent_a2, agent_b, desk_request
):
    html = login(head_a).get(queue_url(desk_request.department)).content.decode()
    for member in (agent_a, agent_a2, head_a):
        assert f'value="assign:{member.pk}"' in html
    assert f'value="assign:{agent_b.pk}"' not in html


def test_row_menu_offers_only_allowed_states(login, head_a, desk_request):
    _set(desk_request, status=Status.WAITING)
    response = login(head_a).get(queue_url(desk_request.department))
    row = response.context["rows"][0]
    assert [value for value, _label in row.queue_moves] == ["in_progress", "resolved", "cancelled"]
    _set(desk_request, status=Status.RESOLVED)
    response = login(head_a).get(queue_url(desk_request.department), {"state": "all"})
    assert response.context["rows"][0].queue_moves == []


# --- scale ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [10, 200])
def test_queue_page_query_count_does_not_grow_with_rows(
    count,
    login,
    head_a,
    agent_a,
    agent_a2,
    requester,
    service_a,
    service_a2,
    dept_a,
    django_assert_max_num_queries,
):
    add_requests(service_a, requester, count // 2, assignees=[None, agent_a, agent_a2])
    add_requests(service_a2, requester, count - count // 2, assignees=[head_a, None])
    client = login(head_a)
    client.post(
        reverse("desk:queue-view-save", args=[dept_a.slug]), {"name": "Mine", "query": "sort=-age"}
    )
    with django_assert_max_num_queries(QUEUE_PAGE_QUERIES):
        response = client.get(queue_url(dept_a), {"sort": "-priority", "q": "bulk"})
    assert len(response.context["rows"]) == min(count, 50)
    with django_assert_max_num_queries(QUEUE_PAGE_QUERIES):
        response = client.get(queue_url(dept_a), {"state": "all"}, headers=HTMX)
    assert response.content.count(b'id="queue-row-') == min(count, 50)


@pytest.mark.postgres
def test_default_queue_query_uses_an_index_on_postgres(
    head_a, requester, service_a, service_b, dept_a
):
    """Years of history: 2,000 requests over three departments, nine in ten of them finished.

    After ANALYZE the planner reaches one department's open requests through an index on
    desk_request and sorts only those (a top-N sort of the open backlog). On this data PostgreSQL 15
    picks the department foreign-key index and filters the state; with other proportions it may
    pick request_dept_status_due or request_dept_due instead. Any of them is fine; what must not
    happen is reading the whole table, whose size grows with the years.
    """
    third = ServiceFactory(department=DepartmentFactory(name="Legal", slug="legal", code="LG"))
    finished = [Status.CLOSED] * 9 + [Status.RESOLVED]
    open_mix = [Status.NEW, Status.IN_PROGRESS, Status.WAITING]
    for service in (service_a, service_b, third):
        add_requests(service, requester, 620, statuses=finished)
        add_requests(service, requester, 47, statuses=open_mix)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE desk_request")
    permissions.is_staff_of(head_a, dept_a.pk)  # memberships read before capturing

    uses_index = re.compile(r"(Index (Only )?Scan using \S+|Bitmap Heap Scan) on desk_request\b")
    plan = selectors.queue_list(head_a, dept_a, QueueFilters())[:50].explain()
    assert "Seq Scan on desk_request" not in plan, plan
    assert uses_index.search(plan), plan

    # The counts at the top are one aggregate over the same department's rows: an index too.
    with CaptureQueriesContext(connection) as captured:
        selectors.queue_counts(head_a, dept_a, QueueFilters())
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + captured.captured_queries[-1]["sql"])
        counts_plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan on desk_request" not in counts_plan, counts_plan
    assert uses_index.search(counts_plan), counts_plan


# --- actions ----------------------------------------------------------------------------------------


def _post(client, department, *, ids, do, htmx=False, **extra):
    data = {"ids": [str(pk) for pk in ids], "do": do, **extra}
    return client.post(action_url(department), data, headers=HTMX if htmx else {})


def test_take_from_the_row_re_renders_only_that_row(login, agent_a, requester, service_a):
    taken, other = file_request(requester, service_a), file_request(requester, service_a)
    response = _post(login(agent_a), service_a.department, ids=[taken.pk], do="take", htmx=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<tr id="queue-row-{taken.pk}" hx-swap-oob="true">' in html
    assert f'id="queue-row-{other.pk}"' not in html
    assert 'hx-swap-oob="innerHTML:#messages"' in html
    assert f"Taken: {taken.reference}." in html
    assert "<html" not in html
    taken.refresh_from_db()
    assert taken.assignee == agent_a
    assert taken.status == Status.IN_PROGRESS


def test_an_answers_rows_post_with_the_viewers_token(login, agent_a, requester, service_a):
    # Rows are rendered with the page cache's placeholder for the token; an action's answer gets
    # the viewer's own. The row keeps a form only while it can be taken (its menu is loaded on
    # demand), so the action leaves it unassigned.
    taken = file_request(requester, service_a)
    response = _post(
        login(agent_a), service_a.department, ids=[taken.pk], do="status:waiting", htmx=True
    )
    html = response.content.decode()
    row = html[html.index(f'<tr id="queue-row-{taken.pk}"') :]
    row = row[: row.index("</tr>")]
    assert 'name="csrfmiddlewaretoken" value="' in row
    assert page_cache.CSRF_PLACEHOLDER not in row


def test_without_htmx_an_action_redirects_back_with_the_same_filters(login, agent_a, desk_request):
    client = login(agent_a)
    response = _post(
        client,
        desk_request.department,
        ids=[desk_request.pk],
        do="take",
        back="sort=-age&bogus=1&state=all",
        page="2",
    )
    assert response.status_code == 302
    assert (
        response["Location"] == queue_url(desk_request.department) + "?state=all&sort=-age&page=2"
    )
    page = client.get(response["Location"], follow=True)
    assert f"Taken: {desk_request.reference}." in page.content.decode()


def test_head_assigns_a_row_to_an_agent(login, head_a, agent_a2, desk_request):
    response = _post(
        login(head_a),
        desk_request.department,
        ids=[desk_request.pk],
        do=f"assign:{agent_a2.pk}",
        expected_assignee="none",
        htmx=True,
    )
    assert f"Assigned to Adam Agent: {desk_request.reference}." in response.content.decode()
    desk_request.refresh_from_db()
    assert desk_request.assignee == agent_a2
    assert Event.objects.filter(request=desk_request, kind=EventKind.ASSIGNED).exists()


def test_head_unassigns(login, head_a, agent_a, desk_request):
    _set(desk_request, assignee=agent_a)
    _post(login(head_a), desk_request.department, ids=[desk_request.pk], do="assign:none")
    desk_request.refresh_from_db()
    assert desk_request.assignee is None


def test_an_agent_cannot_assign_someone_else(login, agent_a, agent_a2, desk_request):
    response = _post(
        login(agent_a),
        desk_request.department,
        ids=[desk_request.pk],
        do=f"assign:{agent_a2.pk}",
        htmx=True,
    )
    html = response.content.decode()
    assert f"{desk_request.reference}: You are not allowed to do that on this request." in html
    desk_request.refresh_from_db()
    assert desk_request.assignee is None


def test_assigning_someone_outside_the_team_is_refused(login, head_a, agent_b, desk_request):
    response = _post(
        login(head_a), desk_request.department, ids=[desk_request.pk], do=f"assign:{agent_b.pk}"
    )
    assert response.status_code == 302
    desk_request.refresh_from_db()
    assert desk_request.assignee is None
    page = login(head_a).get(response["Location"])
    assert "Choose a member of the IT team." in page.content.decode()


def test_a_row_changes_state(login, agent_a, desk_request):
    response = _post(
        login(agent_a),
        desk_request.department,
        ids=[desk_request.pk],
        do="status:waiting",
        expected_status="new",
        htmx=True,
    )
    assert "Moved to “Waiting on requester”" in response.content.decode()
    desk_request.refresh_from_db()
    assert desk_request.status == Status.WAITING


def test_a_stale_row_is_refused_with_its_reference(login, agent_a, agent_a2, desk_request):
    # Adam took it after Alice loaded the page, which still showed it as new.
    from desk import services

    services.request_take(request=desk_request, actor=agent_a2)
    response = _post(
        login(agent_a),
        desk_request.department,
        ids=[desk_request.pk],
        do="status:resolved",
        expected_status="new",
        htmx=True,
    )
    html = response.content.decode()
    assert f"{desk_request.reference}: Someone else changed this request meanwhile" in html
    # The row comes back as it is now, so the person sees the current state.
    assert "badge--in_progress" in html
    desk_request.refresh_from_db()
    assert desk_request.status == Status.IN_PROGRESS


def test_bulk_state_change_reports_each_refused_row(login, head_a, requester, service_a):
    new, resolved, working = (file_request(requester, service_a) for _ in range(3))
    _set(resolved, status=Status.RESOLVED)
    _set(working, status=Status.IN_PROGRESS)
    response = _post(
        login(head_a),
        service_a.department,
        ids=[new.pk, resolved.pk, working.pk],
        do="status:resolved",
        htmx=True,
    )
    html = response.content.decode()
    assert f"Moved to “Resolved”: {new.reference}, {working.reference}." in html
    assert f"{resolved.reference}: A request that is “Resolved” cannot become “Resolved”." in html
    for req in (new, resolved, working):
        assert f'<tr id="queue-row-{req.pk}" hx-swap-oob="true">' in html
    assert Request.objects.filter(status=Status.RESOLVED).count() == 3
    assert Event.objects.filter(kind=EventKind.STATUS).count() == 2


def test_bulk_assign_with_mixed_success(login, head_a, agent_a2, requester, service_a):
    first, closed, second = (file_request(requester, service_a) for _ in range(3))
    _set(closed, status=Status.CLOSED)
    response = _post(
        login(head_a),
        service_a.department,
        ids=[first.pk, closed.pk, second.pk],
        do=f"assign:{agent_a2.pk}",
        htmx=True,
    )
    html = response.content.decode()
    assert f"Assigned to Adam Agent: {first.reference}, {second.reference}." in html
    assert f"{closed.reference}: A closed request cannot be reassigned." in html
    assert set(Request.objects.filter(assignee=agent_a2).values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }


def test_bulk_take_skips_what_someone_else_has(login, agent_a, agent_a2, requester, service_a):
    free, theirs = file_request(requester, service_a), file_request(requester, service_a)
    _set(theirs, assignee=agent_a2)
    response = _post(
        login(agent_a), service_a.department, ids=[free.pk, theirs.pk], do="take", htmx=True
    )
    html = response.content.decode()
    assert f"Taken: {free.reference}." in html
    assert f"{theirs.reference}: Adam Agent has already taken this request." in html


def test_bulk_counts_are_refreshed(login, head_a, requester, service_a):
    reqs = [file_request(requester, service_a) for _ in range(2)]
    response = _post(
        login(head_a), service_a.department, ids=[r.pk for r in reqs], do="take", htmx=True
    )
    html = response.content.decode()
    assert re.search(r"count-tile--new\"[^>]*>\s*<strong>0</strong>", html)
    assert re.search(r"count-tile--in_progress\"[^>]*>\s*<strong>2</strong>", html)


def test_ids_of_another_department_are_ignored(
    login, head_a, requester, service_a, service_b, desk_request
):
    hr = file_request(requester, service_b)
    response = _post(
        login(head_a), service_a.department, ids=[desk_request.pk, hr.pk], do="take", htmx=True
    )
    html = response.content.decode()
    assert f'id="queue-row-{hr.pk}"' not in html
    hr.refresh_from_db()
    assert hr.assignee is None
    assert hr.status == Status.NEW


@pytest.mark.parametrize("do", ["", "delete", "status:gone", "assign:me", "take; drop"])
def test_an_unknown_action_changes_nothing(login, head_a, desk_request, do):
    response = _post(
        login(head_a), desk_request.department, ids=[desk_request.pk], do=do, htmx=True
    )
    assert response.status_code == 200
    assert "Choose an action for the selected requests." in response.content.decode()
    desk_request.refresh_from_db()
    assert desk_request.status == Status.NEW
    assert desk_request.assignee is None


def test_no_selection_says_so(login, head_a, dept_a, desk_request):
    response = _post(login(head_a), dept_a, ids=[], do="take", htmx=True)
    assert "Select at least one request in the list." in response.content.decode()


@pytest.mark.parametrize("person", ["requester", "outsider", "agent_b"])
def test_actions_are_404_outside_the_team(request, login, desk_request, person):
    response = _post(
        login(request.getfixturevalue(person)),
        desk_request.department,
        ids=[desk_request.pk],
        do="take",
    )
    assert response.status_code == 404
    desk_request.refresh_from_db()
    assert desk_request.assignee is None


# --- the row's "Actions" menu, loaded when opened -----------------------------------------------


def row_actions_url(req) -> str:
    return reverse("desk:queue-row-actions", args=[req.department.slug, req.pk])


def test_the_page_links_each_open_row_to_its_menu_instead_of_rendering_it(
    login, head_a, desk_request
):
    html = login(head_a).get(queue_url(desk_request.department)).content.decode()
    row = html[html.index(f'<tr id="queue-row-{desk_request.pk}"') :]
    row = row[: row.index("</tr>")]
    # Works without JavaScript: a link to the menu's page; htmx loads it in place when opened.
    assert f'href="{row_actions_url(desk_request)}?back=&amp;page=1"' in row
    assert 'hx-trigger="toggle once"' in row
    assert "<select" not in row


def test_the_menu_offers_what_the_person_may_do(login, head_a, agent_a, agent_a2, desk_request):
    head_menu = login(head_a).get(row_actions_url(desk_request), headers=HTMX)
    assert head_menu.status_code == 200
    html = head_menu.content.decode()
    assert "<html" not in html
    assert f'value="assign:{agent_a2.pk}"' in html
    assert 'value="status:in_progress"' in html
    assert 'name="expected_status" value="new"' in html
    agent_menu = login(agent_a).get(row_actions_url(desk_request), headers=HTMX).content.decode()
    assert f'value="assign:{agent_a.pk}"' in agent_menu
    assert f'value="assign:{agent_a2.pk}"' not in agent_menu


def test_without_javascript_the_menu_is_a_page_that_posts_back(login, head_a, desk_request):
    client = login(head_a)
    page = client.get(row_actions_url(desk_request), {"back": "state=all", "page": "2"})
    html = page.content.decode()
    assert "<html" in html
    assert f"Actions for {desk_request.reference}" in html
    assert 'name="back" value="state=all"' in html
    response = _post(
        client,
        desk_request.department,
        ids=[desk_request.pk],
        do="status:waiting",
        back="state=all",
    )
    assert response.status_code == 302
    assert response["Location"] == queue_url(desk_request.department) + "?state=all"
    desk_request.refresh_from_db()
    assert desk_request.status == Status.WAITING


def test_the_menu_of_another_departments_request_is_a_404(login, agent_b, head_a, desk_request):
    assert login(agent_b).get(row_actions_url(desk_request)).status_code == 404
    other = reverse("desk:queue-row-actions", args=[desk_request.department.slug, 999_999])
    assert login(head_a).get(other).status_code == 404


def test_the_menu_refuses_post(login, head_a, desk_request):
    assert login(head_a).post(row_actions_url(desk_request)).status_code == 405


def test_the_filters_fragment_puts_its_rows_in_the_table(login, head_a, desk_request):
    html = login(head_a).get(queue_url(desk_request.department), headers=HTMX).content.decode()
    assert f'<tr id="queue-row-{desk_request.pk}">' in html  # not swapped out of band
    assert 'id="queue-counts" class="counts queue-counts" aria-label' in html
