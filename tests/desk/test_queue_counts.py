"""The queue's state counts stop at a cap for the states that grow with the years (issue 7)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from desk import permissions, selectors
from desk.models import Status
from desk.queue import COUNT_CAP, PAGE_SIZE, QueueFilters, QueuePage, is_capped
from tests.desk.queue_data import add_requests

pytestmark = pytest.mark.django_db


def _queue(client, department, **params):
    return client.get(reverse("desk:queue", args=[department.slug]), params)


def _tile(html: str, key: str) -> str:
    match = re.search(rf'count-tile--{key}"[^>]*>\s*<strong>([^<]*)</strong>', html)
    assert match, f"no {key} tile"
    return match.group(1)


def test_closed_requests_are_counted_up_to_the_cap(login, head_a, requester, service_a):
    add_requests(service_a, requester, COUNT_CAP + 1, statuses=[Status.CLOSED])
    add_requests(service_a, requester, 3, statuses=[Status.NEW, Status.CANCELLED, Status.RESOLVED])
    permissions.is_staff_of(head_a, service_a.department_id)
    counts = selectors.queue_counts(head_a, service_a.department, QueueFilters())
    assert counts["closed"] == COUNT_CAP + 1
    assert is_capped("closed", counts["closed"])
    assert is_capped("all", counts["all"])
    assert (counts["new"], counts["cancelled"], counts["resolved"], counts["open"]) == (1, 1, 1, 1)
    assert not is_capped("open", counts["open"])

    html = _queue(login(head_a), service_a.department).content.decode()
    assert _tile(html, "closed") == "10,000+"
    assert _tile(html, "all") == "10,000+"
    assert _tile(html, "cancelled") == "1"
    assert _tile(html, "open") == "1"


def test_a_capped_state_pages_without_a_total(login, head_a, requester, service_a):
    add_requests(service_a, requester, COUNT_CAP + 1, statuses=[Status.CLOSED])
    client = login(head_a)
    first = _queue(client, service_a.department, state="closed")
    html = first.content.decode()
    assert html.count('id="queue-row-') == PAGE_SIZE
    assert "More than 10,000 requests · page 1" in html
    assert "Page 1 · more than 10,000 requests" in html  # the pagination bar
    assert 'id="page-next"' in html
    assert 'id="page-prev"' not in html

    # The last page: a full count would say page 201 of 201; a capped one finds out by reading.
    last = _queue(client, service_a.department, state="closed", page="201").content.decode()
    assert last.count('id="queue-row-') == 1
    assert 'id="page-next"' not in last
    assert 'id="page-prev"' in last


def test_small_states_page_with_their_exact_count(login, head_a, requester, service_a):
    add_requests(service_a, requester, PAGE_SIZE + 5, statuses=[Status.NEW])
    client = login(head_a)
    html = _queue(client, service_a.department).content.decode()
    assert f"{PAGE_SIZE + 5} requests · page 1 of 2" in html
    assert _tile(html, "all") == str(PAGE_SIZE + 5)
    # A page past the end is the last one, as before.
    response = _queue(client, service_a.department, page="9")
    assert response.context["page"].number == 2
    assert response.content.decode().count('id="queue-row-') == 5


def test_the_page_reuses_the_count_instead_of_counting_again(
    login, head_a, requester, service_a, django_assert_max_num_queries
):
    add_requests(service_a, requester, 12, statuses=[Status.NEW, Status.CLOSED])
    client = login(head_a)
    _queue(client, service_a.department)
    with django_assert_max_num_queries(9) as captured:
        _queue(client, service_a.department, state="all")
    plain_counts = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].startswith('SELECT COUNT(*) AS "__count" FROM "desk_request"')
    ]
    assert plain_counts == []


def test_queue_page_of_a_capped_count_reads_one_row_more():
    rows = list(range(PAGE_SIZE + 1))
    page = QueuePage.of(rows, 1, "closed", COUNT_CAP + 1)
    assert page.capped
    assert page.has_next
    assert page.num_pages is None
    assert len(page.object_list) == PAGE_SIZE
    exact = QueuePage.of(rows[:PAGE_SIZE], 3, "closed", PAGE_SIZE)
    assert (exact.number, exact.num_pages, exact.has_next, exact.capped) == (1, 1, False, False)


def test_queue_page_of_uses_the_rows_read_with_the_counts():
    class Unread(list):
        def __getitem__(self, page):
            raise AssertionError("read again")

    read = list(range(PAGE_SIZE + 1))
    page = QueuePage.of(Unread(), 1, "new", 300, read=read)
    assert page.object_list == read[:PAGE_SIZE]
    assert page.has_next
    assert QueuePage.slice_of(3) == slice(2 * PAGE_SIZE, 3 * PAGE_SIZE + 1)


def test_a_page_beyond_the_last_reads_the_last_one_again():
    rows = list(range(PAGE_SIZE + 5))
    page = QueuePage.of(rows, 9, "new", PAGE_SIZE + 5, read=[])  # page 9 was read: empty
    assert (page.number, page.object_list) == (2, rows[PAGE_SIZE:])
