"""desk.together: independent statements sent to the database in one exchange."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from desk import context_processors, selectors, staff_tools, together
from desk.permissions import allowed_actions

pytestmark = pytest.mark.django_db


def _ask(sql, params=()):
    rows = yield sql, params
    return rows


def _ask_twice():
    first = yield "SELECT 20 + %s", [1]
    second = yield "SELECT %s * 2", [first[0][0]]
    return second[0][0]


def _nothing_to_ask():
    return "ready"
    yield  # a reader that returns at once


def test_each_reader_gets_its_own_rows_in_order():
    results = together.run(
        _ask("SELECT %s", [1]), None, _ask("SELECT %s, %s", ["b", 2]), _ask_twice()
    )
    assert [list(map(tuple, rows)) if isinstance(rows, list) else rows for rows in results] == [
        [(1,)],
        None,
        [("b", 2)],
        42,
    ]


def test_a_reader_with_nothing_to_ask_makes_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert together.run(_nothing_to_ask(), None) == ["ready", None]


def test_every_statement_is_seen_by_djangos_cursor_wrappers():
    with CaptureQueriesContext(connection) as captured:
        together.run(_ask("SELECT 1"), _ask("SELECT 2"), _ask("SELECT 3"))
    assert [query["sql"] for query in captured.captured_queries] == [
        "SELECT 1",
        "SELECT 2",
        "SELECT 3",
    ]


@pytest.mark.django_db(transaction=True)
def test_a_failing_statement_raises_and_the_connection_goes_on():
    with pytest.raises(DatabaseError):
        together.run(_ask("SELECT 1"), _ask("SELECT * FROM desk_no_such_table"), _ask("SELECT 3"))
    assert together.one(_ask("SELECT 4"))[0][0] == 4


@pytest.mark.postgres  # pipeline mode is psycopg's; SQLite runs the statements one by one
def test_postgresql_answers_them_in_one_pipeline(monkeypatch):
    connection.ensure_connection()
    raw = connection.connection
    entered = []
    pipeline = raw.pipeline

    def counted_pipeline():
        entered.append(True)
        return pipeline()

    monkeypatch.setattr(raw, "pipeline", counted_pipeline)
    assert together.run(_ask("SELECT 1"), _ask("SELECT 2"))[1][0][0] == 2
    assert entered == [True]


def test_the_readers_give_what_their_plain_functions_give(agent_a, head_a, desk_request):
    from desk.models import Request

    for person in (agent_a, head_a):
        fresh = Request.objects.select_related("department").get(pk=desk_request.pk)
        actions = allowed_actions(person, fresh)
        rows, lists, bar = together.run(
            selectors.timeline_rows_reader(person, fresh),
            staff_tools.staff_lists_reader(person, fresh, actions),
            context_processors.top_bar_reader(person),
        )
        assert rows == selectors.timeline_rows(person, fresh)
        assert bar == context_processors.top_bar(person)
        assert fresh._desk_staff_lists is lists  # kept for the staff tools: no second query
        again = Request.objects.select_related("department").get(pk=desk_request.pk)
        assert lists == staff_tools._staff_lists(person, again, actions)


def test_the_request_page_shows_the_bell_it_read_with_its_timeline(
    login, requester, agent_a, desk_request, django_capture_on_commit_callbacks
):
    from desk import services

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(request=desk_request, author=agent_a, body="On it")
    client = login(requester)
    page = client.get(desk_request.get_absolute_url()).content.decode()
    assert '<span class="bell__count" aria-hidden="true">1</span>' in page
    assert "On it" in page
    client.post(reverse("desk:notifications-read"))
    page = client.get(desk_request.get_absolute_url()).content.decode()
    assert "bell__count" not in page
