"""The queue page's body is kept between changes (desk/page_cache.py) and never shown stale.

Each test turns the cache on (the suite runs with it off) on a fresh in-memory cache. The
invalidation runs after commit: the test transaction never commits, so actions run inside
django_capture_on_commit_callbacks(execute=True), as a real commit would run them.
"""

from __future__ import annotations

import os
import re
import secrets
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from desk import page_cache, services
from desk.models import SavedView, Status
from tests.factories import file_request

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
# What a hit costs: session, user, the person's teams (their departments and roles: for the
# navigation and to find this one) and the top bar (the bell, and whether there is a pulse survey
# to answer: surveys/banner.py). A miss reads services, members, the counts (one
# statement), saved views and rows too.
HIT_QUERIES = 4
MISS_QUERIES = 9
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.QUEUE_PAGE_CACHE = True
    cache.clear()
    # A body's key holds the current minute: each test starts just after a minute begins, so
    # that its views never straddle a minute boundary (the clock keeps ticking from there).
    start = timezone.now().replace(second=1, microsecond=0) + timedelta(minutes=1)
    with time_machine.travel(start, tick=True):
        yield
    cache.clear()


def _url(department) -> str:
    return reverse("desk:queue", args=[department.slug])


def _action(client, department, **data):
    return client.post(reverse("desk:queue-action", args=[department.slug]), data)


def _without_tokens(html: str) -> str:
    return TOKEN.sub("", html).replace(re.search(r'"X-CSRFToken": "[^"]*"', html).group(0), "")


def _warm(client, department, django_assert_max_num_queries, **params) -> str:
    """View the queue twice: the second view must come from the cache."""
    first = client.get(_url(department), params).content.decode()
    with django_assert_max_num_queries(HIT_QUERIES):
        second = client.get(_url(department), params).content.decode()
    assert _without_tokens(second) == _without_tokens(first)
    return second


def _is_hit(client, department, django_assert_max_num_queries, **params) -> str:
    with django_assert_max_num_queries(HIT_QUERIES):
        return client.get(_url(department), params).content.decode()


def _row(html: str, req) -> str:
    match = re.search(rf'<tr id="queue-row-{req.pk}".*?</tr>', html, re.DOTALL)
    assert match, f"row of {req.reference} missing"
    return match.group(0)


def test_a_repeat_view_makes_far_fewer_queries(
    login, head_a, desk_request, django_assert_num_queries, django_assert_max_num_queries
):
    client = login(head_a)
    with django_assert_num_queries(MISS_QUERIES):
        first = client.get(_url(desk_request.department))
    with django_assert_max_num_queries(HIT_QUERIES):
        second = client.get(_url(desk_request.department))
    assert second.status_code == 200
    assert desk_request.reference in second.content.decode()
    assert _without_tokens(second.content.decode()) == _without_tokens(first.content.decode())
    assert page_cache.CSRF_PLACEHOLDER not in second.content.decode()


def test_a_miss_reads_the_team_then_the_body_in_two_exchanges(
    login, head_a, desk_request, exchanges
):
    """The services and members go together, then the counts, the page's rows, the saved views
    and the viewer's top bar (desk.together)."""
    client = login(head_a)
    response = client.get(_url(desk_request.department))
    assert response.status_code == 200
    assert desk_request.reference in response.content.decode()
    assert exchanges[-2:] == [2, 4]


def test_a_fragments_miss_reads_no_top_bar(login, head_a, desk_request):
    """An htmx fragment shows no bell or banner: its body's exchange leaves the top bar out."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(head_a)
    with CaptureQueriesContext(connection) as page:
        client.get(_url(desk_request.department))
    cache.clear()
    with CaptureQueriesContext(connection) as fragment:
        client.get(_url(desk_request.department), headers=HTMX)
    assert any("desk_notification" in query["sql"] for query in page.captured_queries)
    assert not any("desk_notification" in query["sql"] for query in fragment.captured_queries)


def test_without_the_setting_every_view_reads_the_database(
    settings, login, head_a, desk_request, django_assert_num_queries
):
    settings.QUEUE_PAGE_CACHE = False
    client = login(head_a)
    client.get(_url(desk_request.department))
    with django_assert_num_queries(MISS_QUERIES):
        client.get(_url(desk_request.department))


def test_a_take_shows_at_once(
    login, client, head_a, agent_a, desk_request, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):  # fmt: skip
    head = login(head_a)
    html = _warm(head, desk_request.department, django_assert_max_num_queries)
    assert "Unassigned" in _row(html, desk_request)
    agent = Client()
    agent.force_login(agent_a)
    with django_capture_on_commit_callbacks(execute=True):
        _action(agent, desk_request.department, ids=str(desk_request.pk), do="take")
    row = _row(head.get(_url(desk_request.department)).content.decode(), desk_request)
    assert "Alice Agent" in row
    assert "badge--in_progress" in row


def test_a_state_change_and_an_assignment_show_at_once(
    login, head_a, agent_a2, desk_request, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):  # fmt: skip
    client = login(head_a)
    department = desk_request.department
    _warm(client, department, django_assert_max_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        _action(client, department, ids=str(desk_request.pk), do=f"assign:{agent_a2.pk}")
    assert "Adam Agent" in _row(client.get(_url(department)).content.decode(), desk_request)
    with django_capture_on_commit_callbacks(execute=True):
        _action(client, department, ids=str(desk_request.pk), do="status:waiting")
    assert "badge--waiting" in _row(client.get(_url(department)).content.decode(), desk_request)


def test_a_new_filing_shows_at_once(
    login, head_a, requester, service_a, desk_request, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):  # fmt: skip
    client = login(head_a)
    _warm(client, service_a.department, django_assert_max_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        new = file_request(requester, service_a, title="Printer on fire")
    html = client.get(_url(service_a.department)).content.decode()
    assert "Printer on fire" in _row(html, new)


def test_a_saved_view_shows_at_once(
    login, head_a, desk_request, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):  # fmt: skip
    client = login(head_a)
    department = desk_request.department
    _warm(client, department, django_assert_max_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("desk:queue-view-save", args=[department.slug]),
            {"name": "Urgent ones", "query": "priority=4"},
        )
    assert ">Urgent ones</a>" in client.get(_url(department)).content.decode()
    view = SavedView.objects.get(name="Urgent ones")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("desk:queue-view-delete", args=[department.slug, view.pk]))
    assert ">Urgent ones</a>" not in client.get(_url(department)).content.decode()


def test_a_change_in_another_department_keeps_the_cache(
    login, head_a, desk_request, requester, service_b, agent_b,
    django_capture_on_commit_callbacks, django_assert_max_num_queries,
):  # fmt: skip
    client = login(head_a)
    _warm(client, desk_request.department, django_assert_max_num_queries)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        other = file_request(requester, service_b)
        services.request_take(request=other, actor=agent_b)
    assert callbacks  # the other department's generation was bumped
    _is_hit(client, desk_request.department, django_assert_max_num_queries)


def test_a_request_change_renders_the_body_again_but_keeps_the_team(
    login, head_a, agent_a, desk_request, django_capture_on_commit_callbacks,
    django_assert_num_queries, django_assert_max_num_queries,
):  # fmt: skip
    client = login(head_a)
    _warm(client, desk_request.department, django_assert_max_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_take(request=desk_request, actor=agent_a)
    # A miss without the services and members: they did not change.
    with django_assert_num_queries(MISS_QUERIES - 2):
        html = client.get(_url(desk_request.department)).content.decode()
    assert agent_a.full_name in html


def test_a_team_change_refreshes_every_queue(
    login, head_a, agent_a, desk_request, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):  # fmt: skip
    client = login(head_a)
    _warm(client, desk_request.department, django_assert_max_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        agent_a.full_name = "Alice Renamed"
        agent_a.save()
    assert "Alice Renamed" in client.get(_url(desk_request.department)).content.decode()


def test_a_login_does_not_empty_the_cache(
    login, head_a, desk_request, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):  # fmt: skip
    client = login(head_a)
    _warm(client, desk_request.department, django_assert_max_num_queries)
    with django_capture_on_commit_callbacks(execute=True):
        head_a.save(update_fields=["last_login"])
    _is_hit(client, desk_request.department, django_assert_max_num_queries)


def test_two_people_never_see_each_others_body(
    login, head_a, agent_a, agent_a2, desk_request, django_assert_max_num_queries
):
    department = desk_request.department
    head = login(head_a)
    head_html = _warm(head, department, django_assert_max_num_queries)
    assert f'value="assign:{agent_a2.pk}"' in head_html
    agent = Client()
    agent.force_login(agent_a)
    agent_html = agent.get(_url(department)).content.decode()
    # An agent gets "take" and self-assignment only: none of the head's menus.
    assert f'value="assign:{agent_a2.pk}"' not in agent_html
    assert "Me (Alice Agent)" in agent_html
    assert "Me (Helen Head)" not in agent_html
    assert "Me (Helen Head)" in head.get(_url(department)).content.decode()


def test_the_token_in_a_cached_page_is_the_viewers_own(
    head_a, agent_a, desk_request, django_assert_max_num_queries
):
    department = desk_request.department
    for person in (head_a, agent_a):  # the agent's body is rendered after the head's is cached
        client = Client(enforce_csrf_checks=True)
        client.force_login(person)
        html = _warm(client, department, django_assert_max_num_queries)
        row_form = _row(html, desk_request)
        token = TOKEN.search(row_form).group(1)
        response = client.post(
            reverse("desk:queue-action", args=[department.slug]),
            {"csrfmiddlewaretoken": token, "ids": str(desk_request.pk), "do": "status:waiting"},
        )
        assert response.status_code == 302, person
        desk_request.refresh_from_db()
        assert desk_request.status == Status.WAITING
        services.request_change_status(
            request=desk_request, actor=head_a, status=Status.IN_PROGRESS
        )


def test_languages_do_not_mix(login, head_a, desk_request, django_assert_max_num_queries):
    client = login(head_a)
    department = desk_request.department
    english = _warm(client, department, django_assert_max_num_queries)
    assert f"Select {desk_request.reference}" in english
    client.cookies["django_language"] = "pl"
    polish = client.get(_url(department)).content.decode()
    assert f"Zaznacz {desk_request.reference}" in polish
    assert f"Select {desk_request.reference}" not in polish
    client.cookies["django_language"] = "en"
    assert f"Select {desk_request.reference}" in client.get(_url(department)).content.decode()


def test_the_fragment_and_the_page_are_kept_apart(
    login, head_a, desk_request, django_assert_max_num_queries
):
    client = login(head_a)
    department = desk_request.department
    _warm(client, department, django_assert_max_num_queries)
    fragment = client.get(_url(department), {"state": "all"}, headers=HTMX)
    assert "<html" not in fragment.content.decode()
    assert fragment["HX-Push-Url"] == _url(department) + "?state=all"
    with django_assert_max_num_queries(HIT_QUERIES):
        again = client.get(_url(department), {"state": "all"}, headers=HTMX)
    assert again["HX-Push-Url"] == _url(department) + "?state=all"
    assert "<html" not in again.content.decode()
    assert 'role="search"' not in again.content.decode()  # the filters stay on the page
    page = client.get(_url(department), {"state": "all"}).content.decode()
    assert 'role="search"' in page


def test_a_lost_counter_never_brings_back_an_old_body(
    login, head_a, desk_request, django_assert_max_num_queries, django_assert_num_queries
):
    client = login(head_a)
    department = desk_request.department
    _warm(client, department, django_assert_max_num_queries)
    cache.delete(f"desk:queue-generation:{department.pk}")  # evicted, or Redis restarted empty
    # The body is rendered again; the team hangs on the global counter only, which is there.
    with django_assert_num_queries(MISS_QUERIES - 2):
        client.get(_url(department))
    cache.delete("desk:queue-generation:all")
    with django_assert_num_queries(MISS_QUERIES):
        client.get(_url(department))


@pytest.mark.redis
def test_the_bodies_and_counters_live_in_redis(
    settings, login, head_a, agent_a, desk_request, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):  # fmt: skip
    """With Redis, as production runs it: another process sees the same counters."""
    import redis

    parts = urlsplit(os.environ["REDIS_URL"])
    url = urlunsplit((parts.scheme, parts.netloc, "/12", "", ""))
    redis.Redis.from_url(url).flushdb()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "desk-test",
        }
    }
    try:
        client = login(head_a)
        department = desk_request.department
        _warm(client, department, django_assert_max_num_queries)
        keys = redis.Redis.from_url(url).keys("desk-test:*")
        assert any(b"queue-generation" in key for key in keys)
        assert any(b"queue-body" in key for key in keys)
        with django_capture_on_commit_callbacks(execute=True):
            services.request_take(request=desk_request, actor=agent_a)
        assert "Alice Agent" in _row(client.get(_url(department)).content.decode(), desk_request)
    finally:
        redis.Redis.from_url(url).flushdb()


def _body_keys() -> set[str]:
    # The suite's cache is Django's local-memory cache: its keys are in _cache.
    return {key for key in cache._cache if "desk:queue-body:" in key}


def test_random_parameter_values_make_no_new_keys(
    login, head_a, agent_a, desk_request, django_assert_max_num_queries
):
    """Keys come from the normalised filters: values outside the allowlist are the default view,
    and unknown parameters are ignored (issue 12, point 4)."""
    client = login(head_a)
    department = desk_request.department
    _warm(client, department, django_assert_max_num_queries)
    keys = _body_keys()
    assert len(keys) == 1
    for n in range(20):
        junk = f"x{n}{secrets.token_hex(4)}"
        params = {
            "sort": junk,
            "state": junk,
            "service": str(900_000 + n),
            "assignee": str(800_000 + n),
            "priority": str(70 + n),
            "client_type": junk,
            "overdue": junk,
            junk: junk,
        }
        with django_assert_max_num_queries(HIT_QUERIES):
            assert client.get(_url(department), params).status_code == 200
    assert _body_keys() == keys
    # Far pages are not kept either: a random page number makes no key.
    client.get(_url(department), {"page": "987654"})
    assert _body_keys() == keys
    # Another person viewing the same view shares the body.
    agent = Client()
    agent.force_login(agent_a)
    with django_assert_max_num_queries(HIT_QUERIES):
        agent.get(_url(department), {"sort": "nonsense"})
    assert _body_keys() == keys


def test_searches_store_a_bounded_number_of_bodies(settings, login, head_a, desk_request):
    settings.QUEUE_PAGE_CACHE_MAX_BODIES = 3
    client = login(head_a)
    department = desk_request.department
    for n in range(10):
        assert client.get(_url(department), {"q": f"word{n}"}).status_code == 200
    assert len(_body_keys()) == 3
    # Past the bound a view is still served, rendered afresh.
    assert desk_request.reference in client.get(_url(department)).content.decode()


def test_a_viewers_parts_are_kept_until_something_they_show_changes(
    login, head_a, desk_request, monkeypatch, django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):  # fmt: skip
    from desk.views import queue_parts

    client = login(head_a)
    department = desk_request.department
    _warm(client, department, django_assert_max_num_queries)
    rendered = []
    original = queue_parts.render_to_string
    monkeypatch.setattr(
        queue_parts,
        "render_to_string",
        lambda *a, **k: rendered.append((a[0], a[1].get("part"))) or original(*a, **k),
    )
    again = client.get(_url(department)).content.decode()
    assert rendered == []  # the saved views and the bulk menu as this viewer had them
    assert 'id="queue-bulk"' in again
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("desk:queue-view-save", args=[department.slug]),
            {"name": "Urgent first", "query": "sort=-priority"},
        )
    html = client.get(_url(department)).content.decode()
    assert "Urgent first" in html
    assert ("desk/queue_viewer.html", "bulk") in rendered
