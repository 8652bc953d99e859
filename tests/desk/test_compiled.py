"""desk.compiled: a queryset compiled once gives what the ORM gives, with one query, for any values;
and the permission checks built on it (who may open a request, whose teams) still hold."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Q
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from departments.models import Membership, Role
from desk import permissions, selectors, services
from desk.compiled import CompiledQuery
from desk.models import Request
from tests.desk.uploads import png
from tests.factories import DepartmentFactory, MembershipFactory, file_request

pytestmark = pytest.mark.django_db

FIELDS = [field.attname for field in Request._meta.concrete_fields]


def _requests(requester_id, team_ids, status):
    return (
        Request.objects.filter(Q(requester_id=requester_id) | Q(department_id__in=team_ids))
        .filter(status=status)
        .with_list_relations()
        .order_by("pk")
    )


def _same(compiled: list[Request], orm: list[Request]) -> None:
    assert [r.pk for r in compiled] == [r.pk for r in orm]
    for mine, theirs in zip(compiled, orm, strict=True):
        assert [getattr(mine, f) for f in FIELDS] == [getattr(theirs, f) for f in FIELDS]
        for relation in ("service", "department", "requester", "assignee"):
            mine_related, their_related = getattr(mine, relation), getattr(theirs, relation)
            assert getattr(mine_related, "pk", None) == getattr(their_related, "pk", None)
        assert mine._state.db == theirs._state.db
        assert not mine._state.adding


def test_it_gives_what_the_orm_gives_with_its_relations_and_converted_values(
    requester, agent_a, service_a, service_b, dept_a
):
    own = file_request(requester, service_b, extra=[{"field": 1, "label": "Room", "value": "4"}])
    theirs = file_request(agent_a, service_a)
    services.request_take(request=theirs, actor=agent_a)
    compiled = CompiledQuery(_requests)

    for requester_id, team_ids, status in [
        (requester.pk, (), "new"),
        (agent_a.pk, (dept_a.pk,), "in_progress"),
        (agent_a.pk, (dept_a.pk, own.department_id), "new"),
        (agent_a.pk, (), "new"),
    ]:
        with CaptureQueriesContext(connection) as queries:
            found = compiled.fetch(requester_id=requester_id, team_ids=team_ids, status=status)
            # Relations come with the row, and JSON and dates as Python values.
            [(r.service.name, r.department.code, r.requester.full_name, r.assignee) for r in found]
        assert len(queries) == 1
        _same(found, list(_requests(requester_id, team_ids, status)))

    [mine] = compiled.fetch(requester_id=requester.pk, team_ids=(), status="new")
    assert mine.extra == [{"field": 1, "label": "Room", "value": "4"}]
    assert mine.created_at.tzinfo is not None
    [taken] = compiled.fetch(requester_id=agent_a.pk, team_ids=(dept_a.pk,), status="in_progress")
    assert taken.assignee.pk == agent_a.pk


def test_values_and_a_switch_of_the_statement(
    django_capture_on_commit_callbacks, requester, agent_a, desk_request
):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_take(request=desk_request, actor=agent_a)
        services.comment_add(
            request=desk_request, author=agent_a, body="Internal", internal=True, files=[png()]
        )
        services.comment_add(request=desk_request, author=agent_a, body="Public reply")
    compiled = CompiledQuery(selectors._timeline_rows)  # values(), with a True/False switch

    for internal in (True, False, True):
        rows = compiled.fetch(request_id=desk_request.pk, internal=internal)
        assert rows == list(selectors._timeline_rows(desk_request.pk, internal))
        bodies = [row["body"] for row in rows]
        assert ("Internal" in bodies) is internal
        assert "Public reply" in bodies
    assert compiled.fetch(request_id=desk_request.pk + 1, internal=True) == []


def test_it_compiles_once_per_shape():
    built = []

    def build(requester_id, team_ids):
        built.append(len(team_ids))
        return Request.objects.filter(Q(requester_id=requester_id) | Q(department_id__in=team_ids))

    compiled = CompiledQuery(build)
    for _ in range(3):
        compiled.fetch(requester_id=1, team_ids=(1, 2))
        compiled.fetch(requester_id=5, team_ids=(7, 8))
        compiled.fetch(requester_id=5, team_ids=(7,))
    assert built == [2, 1]


def test_a_statement_nothing_can_meet_runs_no_query():
    compiled = CompiledQuery(lambda team_ids: Request.objects.filter(department_id__in=team_ids))
    with CaptureQueriesContext(connection) as queries:
        assert compiled.fetch(team_ids=()) == []
    assert len(queries) == 0


def test_a_value_the_orm_rewrites_is_refused_before_it_runs(desk_request):
    # icontains wraps the value in %...%: running the statement with the bare value would be wrong.
    compiled = CompiledQuery(lambda title: Request.objects.filter(title__icontains=title))
    with pytest.raises(ImproperlyConfigured, match="title"):
        compiled.fetch(title="help")
    with pytest.raises(TypeError):
        CompiledQuery(lambda when: Request.objects.filter(created_at=when)).fetch(when=1.5)


def test_date_times_are_values_and_none_and_fixed_are_the_shape(requester, service_a, service_b):
    from datetime import timedelta

    from django.utils import timezone

    from desk.compiled import Fixed

    first = file_request(requester, service_a, title="first")
    file_request(requester, service_b, title="second")
    now = timezone.now()
    Request.objects.filter(pk=first.pk).update(created_at=now - timedelta(days=3))

    def build(since, service_id, order):
        requests = Request.objects.filter(created_at__gte=since)
        if service_id is not None:
            requests = requests.filter(service_id=service_id)
        return requests.order_by(order).values_list("title")

    compiled = CompiledQuery(build)
    for since, service_id, order, expected in [
        (now - timedelta(days=7), None, "pk", ["first", "second"]),
        (now - timedelta(days=1), None, "pk", ["second"]),
        (now - timedelta(days=7), None, "-pk", ["second", "first"]),
        (now - timedelta(days=7), service_a.pk, "pk", ["first"]),
        (now - timedelta(days=7), service_b.pk, "pk", ["second"]),
        (now - timedelta(days=1), service_a.pk, "-pk", []),
    ]:
        found = compiled.fetch(since=since, service_id=service_id, order=Fixed(order))
        assert [row[0] for row in found] == expected
        assert found == list(build(since, service_id, order))
    # One statement per shape: with or without the service, in either order.
    assert len(compiled._plans) == 4
    with pytest.raises(TypeError):  # a naive date-time would be read in some other zone
        compiled.fetch(since=now.replace(tzinfo=None), service_id=None, order=Fixed("pk"))


def test_the_teams_follow_a_membership_as_it_changes(agent_a, dept_a):
    other = DepartmentFactory(name="Aardvark Office", code="AAO")
    assert permissions.staff_departments(agent_a) == [dept_a]

    permissions.forget(agent_a)
    MembershipFactory(employee=agent_a, department=other, role=Role.HEAD)
    assert permissions.staff_departments(agent_a) == [other, dept_a]  # by name
    assert permissions.head_department_ids(agent_a) == {other.pk}

    permissions.forget(agent_a)
    other.is_active = False
    other.save()
    assert permissions.staff_departments(agent_a) == [dept_a]

    permissions.forget(agent_a)
    Membership.objects.filter(employee=agent_a).delete()
    assert permissions.staff_departments(agent_a) == []


def test_opening_a_request_by_reference(requester, agent_a, agent_b, outsider, desk_request):
    code, number = desk_request.department.code, desk_request.number
    for person in (requester, agent_a):
        opened = permissions.get_request_or_404(person, code, str(number))
        assert opened.pk == desk_request.pk
        assert opened.requester.pk == requester.pk
    for person, reference in [
        (agent_b, (code, number)),  # another department's staff
        (outsider, (code, number)),
        (requester, (code, number + 1)),
        (requester, ("NOPE", number)),
        (requester, (code, 0)),
        (requester, (code, 2**31)),  # beyond the column's range
        (requester, (code, "999999999999999999999")),
    ]:
        with pytest.raises(Http404):
            permissions.get_request_or_404(person, *reference)


def test_a_team_of_a_deactivated_department_opens_only_what_one_filed(
    requester, agent_a, desk_request
):
    """The permission check looks the person's teams up in the statement, as _teams reads them:
    active departments only."""
    department = desk_request.department
    department.is_active = False
    department.save(update_fields=["is_active"])
    code, number = department.code, desk_request.number
    with pytest.raises(Http404):
        permissions.get_request_or_404(agent_a, code, number)
    assert permissions.get_request_or_404(requester, code, number).pk == desk_request.pk


def test_the_teams_and_the_request_are_read_in_one_exchange(
    agent_a, desk_request, django_assert_num_queries, exchanges
):
    from desk import together

    person = type(agent_a).objects.get(pk=agent_a.pk)  # nothing read yet
    with django_assert_num_queries(2):
        _nothing, opened = together.run(
            permissions.teams_reader(person),
            permissions.request_reader(person, desk_request.department.code, desk_request.number),
        )
    assert exchanges == [2]
    assert opened.pk == desk_request.pk
    assert permissions.is_staff_of(person, desk_request.department_id)  # kept: no query
    with django_assert_num_queries(0):
        assert together.one(permissions.teams_reader(person)) is None
        assert permissions.staff_departments(person) == [desk_request.department]


def test_a_queryset_read_with_others_gives_what_iterating_it_gives(
    agent_a, desk_request, django_assert_num_queries
):
    from desk import together
    from desk.compiled import reader
    from desk.models import Request

    mine = Request.objects.filter(pk=desk_request.pk)
    querysets = [
        mine.select_related("department", "requester"),
        mine.values("pk", "title", "created_at"),
        mine.values_list("pk", "title", "created_at", "department__code"),
    ]
    with django_assert_num_queries(3):
        found = together.run(*(reader(queryset) for queryset in querysets))
    instance, values, row = (result[0] for result in found)
    _same([instance], list(querysets[0]))
    assert instance.requester.pk == desk_request.requester_id
    assert values == next(iter(querysets[1]))
    assert row == next(iter(querysets[2]))
    assert row[2].tzinfo is not None  # converted as the ORM converts
    with django_assert_num_queries(0):
        assert together.one(reader(Request.objects.filter(pk__in=[]))) == []
    with pytest.raises(ImproperlyConfigured):
        together.one(reader(mine.values_list("pk", flat=True)))
