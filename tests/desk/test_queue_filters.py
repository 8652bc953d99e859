"""The queue's allowlisted filters and sorts (desk/queue.py) and the queries they build (selectors)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from departments.models import ClientType
from desk import permissions, selectors
from desk.models import Priority, Request, Status
from desk.queue import (
    SORTS,
    QueueAction,
    QueueFilters,
    parse_action,
    parse_ids,
    parse_page,
)
from tests.factories import file_request

pytestmark = pytest.mark.django_db


def _filters(service_ids=(), member_ids=(), **params) -> QueueFilters:
    return QueueFilters.from_query(params, service_ids=set(service_ids), member_ids=set(member_ids))


# --- parsing ---------------------------------------------------------------------------------


def test_the_default_view_is_open_requests_by_due_time():
    filters = _filters()
    assert filters == QueueFilters()
    assert filters.statuses == Status.open_values()
    assert filters.sort == "due"
    assert filters.query == ""
    assert filters.is_default


def test_it_keeps_every_known_value():
    filters = _filters(
        service_ids={7},
        member_ids={3},
        state="waiting",
        service="7",
        assignee="3",
        priority="4",
        client_type="executive",
        overdue="1",
        q="  broken   screen ",
        sort="-priority",
    )
    assert filters == QueueFilters(
        state="waiting",
        service=7,
        assignee="3",
        priority=4,
        client_type="executive",
        overdue=True,
        q="broken screen",
        sort="-priority",
    )
    assert filters.statuses == ["waiting"]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("sort", "password"),
        ("sort", "requester__password"),
        ("sort", "-created_at"),
        ("state", ";drop table desk_request"),
        ("state", "NEW"),
        ("service", "8"),  # another department's service
        ("service", "7 OR 1=1"),
        ("service", "-7"),
        ("assignee", "999999"),  # not a member of this department
        ("assignee", "3; delete"),
        ("assignee", "none"),
        ("priority", "9"),
        ("priority", "urgent"),
        ("priority", "1" * 40),
        ("priority", "²"),  # a digit to str.isdigit, not to int()
        ("service", "٧"),
        ("client_type", "admin"),
        ("overdue", "maybe"),
        ("page", "x"),
        ("status__in", "new"),
    ],
)
def test_it_ignores_unknown_and_crafted_values(name, value):
    filters = _filters(service_ids={7}, member_ids={3}, **{name: value})
    assert filters == QueueFilters()
    assert filters.query == ""


def test_it_accepts_the_special_assignees():
    assert _filters(assignee="mine").assignee == "mine"
    assert _filters(assignee="unassigned").assignee == "unassigned"


def test_state_all_shows_every_state():
    assert _filters(state="all").statuses is None


def test_search_text_is_trimmed_and_capped():
    assert _filters(q="x" * 500).q == "x" * 100
    assert _filters(q=" \t ").q == ""


def test_the_query_string_is_normalised_and_round_trips():
    data = QueryDict(
        "sort=-age&bogus=1&q=vpn+down&state=all&overdue=on&priority=3&client_type=business"
        "&service=7&assignee=mine&page=4"
    )
    filters = QueueFilters.from_query(data, service_ids={7}, member_ids=set())
    assert filters.query == (
        "state=all&service=7&assignee=mine&priority=3&client_type=business&overdue=1"
        "&q=vpn+down&sort=-age"
    )
    again = QueueFilters.from_query_string(filters.query, service_ids={7}, member_ids=set())
    assert again == filters


def test_a_default_value_is_left_out_of_the_query():
    assert _filters(state="open", sort="due", overdue="").query == ""


def test_it_parses_actions_from_the_menus_only():
    assert parse_action("take") == QueueAction("take")
    assert parse_action("status:resolved") == QueueAction("status", "resolved")
    assert parse_action("assign:12") == QueueAction("assign", "12")
    assert parse_action("assign:12").assignee_id == 12
    assert parse_action("assign:none").assignee_id is None
    crafted_values = (
        "",
        "delete",
        "status:deleted",
        "status:",
        "assign:me",
        "assign:-1",
        "assign:²",
    )
    for crafted in (*crafted_values, "take:1"):
        assert parse_action(crafted) is None


def test_it_parses_ids_without_repeats_and_with_a_limit():
    assert parse_ids(["3", "1", "3", "x", "-2", " 4 ", "1e3", "²", "٣"], 50) == [3, 1, 4]
    assert parse_ids([str(n) for n in range(100)], 5) == [0, 1, 2, 3, 4]


def test_it_parses_page_numbers():
    assert parse_page("3") == 3
    assert parse_page("0") == 1
    assert parse_page("-3") == 1
    assert parse_page("x") == 1
    assert parse_page("9" * 50) == 1
    assert parse_page("²") == 1
    assert parse_page(None) == 1


# --- the queries ------------------------------------------------------------------------------


@pytest.fixture
def spread(
    requester,
    business_requester,
    executive,
    service_a,
    service_a2,
    service_b,
    agent_a,
    head_a,
    agent_b,
):
    """Five IT requests that differ in every filtered column, and one HR request."""
    now = timezone.now()
    rows = {
        "laptop": {
            "who": requester,
            "service": service_a,
            "description": "The screen flickers.",
            "priority": Priority.LOW,
            "status": Status.NEW,
            "assignee": None,
            "due": now + timedelta(hours=2),
            "age": timedelta(days=1),
            "activity": timedelta(hours=3),
        },
        "vpn": {
            "who": business_requester,
            "service": service_a2,
            "description": "Cannot connect from home.",
            "priority": Priority.HIGH,
            "status": Status.IN_PROGRESS,
            "assignee": agent_a,
            "due": now - timedelta(hours=3),
            "age": timedelta(days=4),
            "activity": timedelta(hours=1),
        },
        "monitor": {
            "who": executive,
            "service": service_a,
            "description": "A second laptop screen, please.",
            "priority": Priority.URGENT,
            "status": Status.WAITING,
            "assignee": head_a,
            "due": now - timedelta(hours=1),
            "age": timedelta(days=2),
            "activity": timedelta(hours=8),
        },
        "password": {
            "who": requester,
            "service": service_a2,
            "description": "Locked out.",
            "priority": Priority.NORMAL,
            "status": Status.RESOLVED,
            "assignee": agent_a,
            "due": now - timedelta(hours=5),
            "age": timedelta(days=9),
            "activity": timedelta(hours=2),
        },
        "keyboard": {
            "who": business_requester,
            "service": service_a,
            "description": "Keys stick.",
            "priority": Priority.NORMAL,
            "status": Status.NEW,
            "assignee": None,
            "due": None,
            "age": timedelta(days=3),
            "activity": timedelta(hours=5),
        },
    }
    made = {}
    for title, row in rows.items():
        req = file_request(row["who"], row["service"], title=title, description=row["description"])
        Request.objects.filter(pk=req.pk).update(
            priority=row["priority"],
            status=row["status"],
            assignee=row["assignee"],
            due_at=row["due"],
            created_at=now - row["age"],
            last_activity_at=now - row["activity"],
        )
        made[title] = req
    made["hr"] = file_request(requester, service_b, title="hr payslip laptop")
    return made


def _titles(user, department, service_ids=(), member_ids=(), **params) -> list[str]:
    filters = _filters(service_ids=service_ids, member_ids=member_ids, **params)
    return [req.title for req in selectors.queue_list(user, department, filters)]


def test_default_shows_open_requests_soonest_due_first_without_due_last(spread, head_a, dept_a):
    # vpn (overdue 3 h), monitor (1 h ago, paused), laptop (in 2 h), keyboard (no due time).
    assert _titles(head_a, dept_a) == ["vpn", "monitor", "laptop", "keyboard"]


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("new", {"laptop", "keyboard"}),
        ("in_progress", {"vpn"}),
        ("waiting", {"monitor"}),
        ("resolved", {"password"}),
        ("closed", set()),
        ("cancelled", set()),
        ("all", {"laptop", "vpn", "monitor", "password", "keyboard"}),
        ("open", {"laptop", "vpn", "monitor", "keyboard"}),
    ],
)
def test_it_filters_by_state(spread, head_a, dept_a, state, expected):
    assert set(_titles(head_a, dept_a, state=state)) == expected


def test_it_filters_by_service(spread, head_a, dept_a, service_a, service_a2, service_b):
    ids = {service_a.pk, service_a2.pk}
    assert set(_titles(head_a, dept_a, ids, state="all", service=str(service_a2.pk))) == {
        "vpn",
        "password",
    }
    # Another department's service is not a choice here: the filter is dropped, not applied.
    assert len(_titles(head_a, dept_a, ids, state="all", service=str(service_b.pk))) == 5


def test_it_filters_by_assignee(spread, head_a, agent_a, agent_b, dept_a):
    members = {head_a.pk, agent_a.pk}
    assert set(_titles(head_a, dept_a, member_ids=members, state="all", assignee="mine")) == {
        "monitor"
    }
    assert set(_titles(agent_a, dept_a, member_ids=members, state="all", assignee="mine")) == {
        "vpn",
        "password",
    }
    assert set(_titles(head_a, dept_a, member_ids=members, assignee="unassigned")) == {
        "laptop",
        "keyboard",
    }
    assert set(_titles(head_a, dept_a, member_ids=members, assignee=str(agent_a.pk))) == {"vpn"}
    # Someone outside the team: ignored.
    assert len(_titles(head_a, dept_a, member_ids=members, assignee=str(agent_b.pk))) == 4


def test_it_filters_by_priority(spread, head_a, dept_a):
    assert _titles(head_a, dept_a, priority=str(Priority.URGENT)) == ["monitor"]
    assert set(_titles(head_a, dept_a, state="all", priority=str(Priority.NORMAL))) == {
        "password",
        "keyboard",
    }


def test_it_filters_by_client_type(spread, head_a, dept_a):
    assert set(_titles(head_a, dept_a, client_type=ClientType.BUSINESS)) == {"vpn", "keyboard"}
    assert _titles(head_a, dept_a, client_type=ClientType.EXECUTIVE) == ["monitor"]


def test_overdue_only_leaves_out_paused_and_finished_requests(spread, head_a, dept_a):
    # monitor's due time has passed but its clock is paused; password is resolved.
    assert _titles(head_a, dept_a, overdue="1") == ["vpn"]
    assert _titles(head_a, dept_a, state="all", overdue="1") == ["vpn"]


def test_search_looks_in_title_and_description(spread, head_a, dept_a):
    assert set(_titles(head_a, dept_a, q="laptop")) == {"laptop", "monitor"}  # title, description
    assert _titles(head_a, dept_a, q="FROM HOME") == ["vpn"]  # any case
    assert _titles(head_a, dept_a, q="screen second") == ["monitor"]  # every word
    assert _titles(head_a, dept_a, q="nothing like this") == []
    assert _titles(head_a, dept_a, q="100%") == []  # LIKE wildcards are plain text


def test_search_finds_a_reference(spread, head_a, dept_a):
    vpn = spread["vpn"]
    assert _titles(head_a, dept_a, q=vpn.reference) == ["vpn"]
    assert _titles(head_a, dept_a, q=vpn.reference.lower()) == ["vpn"]
    assert _titles(head_a, dept_a, q=str(vpn.number)) == ["vpn"]


def test_filters_combine(spread, head_a, agent_a, dept_a, service_a2):
    ids, members = {service_a2.pk}, {agent_a.pk}
    assert _titles(
        head_a,
        dept_a,
        ids,
        members,
        state="all",
        service=str(service_a2.pk),
        assignee=str(agent_a.pk),
        client_type=ClientType.OPERATIONAL,
    ) == ["password"]
    assert _titles(
        head_a, dept_a, ids, state="all", service=str(service_a2.pk), overdue="1", q="connect"
    ) == ["vpn"]
    assert (
        _titles(head_a, dept_a, priority=str(Priority.LOW), client_type=ClientType.BUSINESS) == []
    )


def test_another_departments_requests_never_show(spread, head_a, agent_b, dept_a, dept_b):
    assert "hr payslip laptop" not in _titles(head_a, dept_a, state="all", q="laptop")
    # Staff of HR get nothing from IT's queue, whatever the filters.
    assert _titles(agent_b, dept_a, state="all") == []


def _expected_order(requests: list[Request], sort: str) -> list[str]:
    far = timezone.now() + timedelta(days=3650)

    def due(req, sign=1):
        # Nulls last in both directions.
        return (req.due_at is None, sign * (req.due_at or far).timestamp())

    keys = {
        "due": lambda r: (*due(r), r.pk),
        "-due": lambda r: (*due(r, -1), -r.pk),
        "age": lambda r: (-r.created_at.timestamp(), -r.pk),
        "-age": lambda r: (r.created_at.timestamp(), r.pk),
        "priority": lambda r: (r.priority, *due(r), r.pk),
        "-priority": lambda r: (-r.priority, *due(r), r.pk),
        "activity": lambda r: (r.last_activity_at.timestamp(), r.pk),
        "-activity": lambda r: (-r.last_activity_at.timestamp(), -r.pk),
    }
    return [req.title for req in sorted(requests, key=keys[sort])]


@pytest.mark.parametrize("sort", list(SORTS))
def test_every_sort_orders_in_the_database(spread, head_a, dept_a, sort):
    everything = list(Request.objects.filter(department=dept_a))
    assert _titles(head_a, dept_a, state="all", sort=sort) == _expected_order(everything, sort)


def test_sorts_go_both_ways(spread, head_a, dept_a):
    for key in ("age", "activity"):
        forward = _titles(head_a, dept_a, state="all", sort=key)
        assert _titles(head_a, dept_a, state="all", sort=f"-{key}") == forward[::-1]
    assert _titles(head_a, dept_a, sort="-priority")[0] == "monitor"
    assert _titles(head_a, dept_a, sort="priority")[0] == "laptop"
    assert _titles(head_a, dept_a, sort="-due") == ["laptop", "monitor", "vpn", "keyboard"]


def test_counts_follow_the_other_filters_in_one_query(
    spread, head_a, dept_a, django_assert_num_queries
):
    filters = _filters(client_type=ClientType.BUSINESS, state="resolved")
    permissions.is_staff_of(head_a, dept_a.pk)  # memberships are read once per request
    # The small states in one aggregate, with closed and cancelled each counted up to the cap in
    # the same statement.
    with django_assert_num_queries(1):
        counts = selectors.queue_counts(head_a, dept_a, filters)
    assert counts == {
        "open": 2,
        "overdue": 1,
        "all": 2,
        "new": 1,
        "in_progress": 1,
        "waiting": 0,
        "awaiting_approval": 0,
        "resolved": 0,
        "rejected": 0,
        "closed": 0,
        "cancelled": 0,
    }


def test_the_page_applies_the_allowlist_to_the_url(spread, login, head_a, dept_a):
    url = reverse("desk:queue", args=[dept_a.slug])
    crafted = login(head_a).get(
        url, {"sort": "password", "state": ";drop", "assignee": "999999", "priority": "0"}
    )
    default = login(head_a).get(url)
    assert crafted.status_code == 200
    assert [r.title for r in crafted.context["rows"]] == [r.title for r in default.context["rows"]]
    assert crafted.context["filters"] == QueueFilters()


# --- from a report's finding: a period and low ratings -------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("2026-03", "2026-03"),
        ("2026-W10", "2026-W10"),
        (" 2026-03 ", "2026-03"),
        ("2026-13", ""),
        ("2026-W54", ""),
        ("1999-12", ""),
        ("2026-3", ""),
        ("2026-03-01", ""),
        ("2026-03' OR 1=1", ""),
        ("２０２６-03", ""),
    ],
)
def test_a_report_period_is_kept_only_when_it_names_one(raw, kept):
    filters = _filters(period=raw)
    assert filters.period == kept
    assert ("period=" in filters.query) == bool(kept)


def test_low_rated_is_a_flag():
    assert _filters(low_rated="1").query == "low_rated=1"
    assert _filters(low_rated="whatever").low_rated is False


def test_a_report_period_counts_what_was_filed_resolved_or_rated_in_it(
    head_a, dept_a, service_a, requester
):
    from tests.feedback.reportdata import at, make_request, rate, resolved

    filed = make_request(requester, service_a, at(3, 2))
    done = make_request(requester, service_a, at(2, 20), **resolved(at(3, 1, 10), 1, 1, True))
    rated = make_request(requester, service_a, at(1, 20), **resolved(at(2, 1), 1, 1, True))
    rate(rated, 2, at(3, 5))
    rate(done, 5, at(3, 2))
    outside = make_request(requester, service_a, at(2, 2), **resolved(at(2, 3), 1, 1, True))
    march = _filters(state="all", period="2026-03")
    shown = set(selectors.queue_list(head_a, dept_a, march))
    assert shown == {filed, done, rated}
    assert outside not in shown
    low = set(selectors.queue_list(head_a, dept_a, march.replace(low_rated=True)))
    assert low == {rated}
    # A week holds only its own days: week 11 is 9 to 15 March.
    assert not set(selectors.queue_list(head_a, dept_a, _filters(state="all", period="2026-W11")))


# --- the page's compiled statements give what the ORM gives ---------------------------------------


def _orm_page(user, department, filters, now, page: slice) -> list[tuple]:
    rows = selectors.queue_list(user, department, filters, now=now)
    return list(rows.values_list(*selectors.QUEUE_PAGE_VALUES)[page])


def _orm_counts(user, department, filters, now) -> dict[str, int]:
    statement = selectors._counts_statement(
        selectors._queue_filtered(user, department, filters, now), now
    )
    return selectors._with_totals(dict(statement.get()))


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"state": "all", "sort": "-age"},
        {"state": "resolved"},
        {"service": "SERVICE", "priority": str(Priority.URGENT.value)},
        {"assignee": "mine", "state": "all"},
        {"assignee": "unassigned", "sort": "-priority"},
        {"assignee": "AGENT", "state": "all", "sort": "activity"},
        {"client_type": ClientType.BUSINESS, "state": "all"},
        {"overdue": "1", "sort": "-due"},
        {"state": "all", "period": "PERIOD"},
        {"state": "all", "low_rated": "1"},
        {"state": "all", "q": "laptop"},
    ],
)
def test_the_compiled_page_and_counts_are_the_orms(
    spread, head_a, agent_a, dept_a, service_a, service_a2, params
):
    """queue_page_rows and queue_counts run statements compiled once per shape, with the values
    put in: for every kind of filter, and again with other values of the same shape, they give
    what the ORM's own querysets give."""
    member_ids = set(
        permissions.queue_requests(head_a, dept_a).values_list("assignee_id", flat=True)
    )
    member_ids |= {head_a.pk, agent_a.pk}
    service_ids = {service_a.pk, service_a2.pk}
    now = timezone.now()
    period = f"{now:%Y-%m}"
    shown = 0
    for service, agent in ((service_a, agent_a), (service_a2, head_a)):
        raw = {
            key: {"SERVICE": str(service.pk), "AGENT": str(agent.pk), "PERIOD": period}.get(
                value, value
            )
            for key, value in params.items()
        }
        filters = _filters(service_ids=service_ids, member_ids=member_ids, **raw)
        assert filters.params() == raw  # every filter was kept
        for user in (head_a, agent_a):
            for page in (slice(0, 3), slice(2, 51)):
                rows = selectors.queue_page_rows(user, dept_a, filters, now=now)[page]
                expected = _orm_page(user, dept_a, filters, now, page)
                assert [
                    (r.pk, r.number, r.title, r.status, r.due_at, r.service.name, r.assignee_id)
                    for r in rows
                ] == [(v[0], v[2], v[3], v[4], v[8], v[12], v[11]) for v in expected]
                shown += len(rows)
            counts = selectors.queue_counts(user, dept_a, filters, now=now)
            assert counts == _orm_counts(user, dept_a, filters, now)
    assert shown or params.get("low_rated")  # nothing rated in the spread


def test_someone_outside_the_team_gets_no_rows_and_no_counts(spread, agent_b, dept_a):
    filters = QueueFilters(state="all")
    assert selectors.queue_page_rows(agent_b, dept_a, filters)[0:51] == []
    assert set(selectors.queue_counts(agent_b, dept_a, filters).values()) == {0}


def test_the_rows_due_badges_are_the_request_pages(spread, login, head_a, dept_a):
    """queue_rows.html writes the due badge of desk/_badges.html in (a macro call per row cost a
    tenth of the rows): the same markup, for a request overdue, due and paused."""
    from django.template import engines

    from desk.dates import ListDates

    macro = engines["jinja2"].env.get_template("desk/_badges.html").module.due_badge
    page = login(head_a).get(reverse("desk:queue", args=[dept_a.slug]))
    html = page.content.decode()
    rows = {row.title: row for row in page.context["rows"]}
    kinds = set()
    for title in ("vpn", "laptop", "monitor"):
        due = ListDates().due(rows[title], page.context["now"])
        kinds.add(due.kind)
        assert rows[title].queue_due == due
        assert str(macro(due)) in html
    assert kinds == {"overdue", "due", "paused"}


def test_the_states_are_written_into_the_statement_and_only_states(head_a, dept_a):
    """PostgreSQL plans a prepared statement once only if the plan sees the states (the partial
    index of open requests names them): they are in the SQL's text, not its parameters."""
    sql, params = selectors.queue_list(head_a, dept_a, QueueFilters()).query.sql_with_params()
    assert "IN ('new', 'in_progress', 'waiting')" in sql
    assert not {"new", "in_progress", "waiting"} & {str(p) for p in params}
    for wrong in ([], ["new", "x') OR ('1'='1"], ["NEW"]):
        with pytest.raises(ValueError, match="Not states of a request"):
            selectors._StatesIn(wrong)
