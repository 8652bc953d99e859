"""The benchmark's pages cost the same number of queries whatever the company's size (issue 7).

CI runs these instead of the benchmark's timings: the generator of bench/ builds a small company
and a ten times larger one (in turn, each rolled back), and every measured page must make exactly
as many queries at both sizes. A query per row or per event (N+1) shows up as a difference.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, F
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from bench.generate import Plan, generate
from bench.pages import page_urls
from departments.models import Employee
from desk import page_cache
from desk.models import Event, Request
from feedback import periods, reports
from feedback.models import ReportCell
from feedback.periods import PeriodKind

pytestmark = pytest.mark.django_db

SMALL, LARGE = 200, 2_000
PAGES = ("queue", "queue_filtered", "queue_search_all", "request", "report_overview", "report_csv")


def _plan(requests: int) -> Plan:
    # A smaller organisation than the benchmark's, so that both sizes generate in a few seconds.
    return Plan(requests=requests, departments=4, services=24, employees=300)


def _measure(requests: int) -> dict[str, int | dict]:
    """Generate a company, count each page's queries, and roll everything back."""
    with transaction.atomic():
        company = generate(_plan(requests))
        # The report pages read stored cells: compute the months they show.
        for start in periods.recent_starts(PeriodKind.MONTH, 13):
            reports.recompute_period(PeriodKind.MONTH, start)
        urls = page_urls(company)
        head = Client()
        head.force_login(Employee.objects.get(pk=company.head_id))
        admin = Client()
        admin.force_login(Employee.objects.get(pk=company.admin_id))
        counts: dict[str, int | dict] = {}
        for name in PAGES:
            client = admin if name.startswith("report") else head
            client.get(urls[name])  # warm: nothing cached on the first request
            with CaptureQueriesContext(connection) as queries:
                response = client.get(urls[name])
            assert response.status_code == 200, (name, response.status_code)
            counts[name] = len(queries)
        # The same queue pages as production serves them again: from the page cache (within one
        # minute of the key, even when the clock passes a minute between the two views).
        minute = page_cache._minute()
        with (
            override_settings(QUEUE_PAGE_CACHE=True),
            mock.patch.object(page_cache, "_minute", return_value=minute),
        ):
            for name in ("queue", "queue_filtered"):
                cache.clear()
                head.get(urls[name])  # stored
                with CaptureQueriesContext(connection) as queries:
                    response = head.get(urls[name])
                assert response.status_code == 200, (name, response.status_code)
                counts[f"{name}_cached"] = len(queries)
        counts["data"] = {
            "requests": Request.objects.count(),
            "busy_events": Event.objects.filter(request_id=company.busy_request_id).count(),
            "queue_rows": head.get(urls["queue"]).content.decode().count('id="queue-row-'),
            "cells": ReportCell.objects.count(),
        }
        transaction.set_rollback(True)
    return counts


def test_it_makes_the_same_queries_at_both_sizes():
    small = _measure(SMALL)
    large = _measure(LARGE)

    # The sizes really differ, and the pages have something to show.
    assert small["data"]["requests"] == SMALL + 1  # + the request with 30 events
    assert large["data"]["requests"] == LARGE + 1
    assert small["data"]["busy_events"] == large["data"]["busy_events"] == 30
    # More rows on the larger company's queue page: a query per row would show.
    assert 0 < small["data"]["queue_rows"] < large["data"]["queue_rows"] <= 50
    assert large["data"]["cells"] > small["data"]["cells"] > 0

    for page in (*PAGES, "queue_cached", "queue_filtered_cached"):
        assert small[page] == large[page], f"{page}: {small[page]} queries vs {large[page]}"
    # A cached view skips the queue's own queries: what is left is the session, the person and
    # the navigation.
    assert large["queue_cached"] < large["queue"]


def test_generated_requests_are_consistent():
    """The generator's invariants, checked in the database: timestamps in order, durations and
    targets agreeing with them, 3-6 events per request."""
    with transaction.atomic():
        company = generate(_plan(SMALL))
        requests = Request.objects.all()
        assert not requests.filter(first_response_at__lt=F("created_at")).exists()
        assert not requests.filter(resolved_at__lt=F("first_response_at")).exists()
        assert not requests.filter(closed_at__lt=F("created_at")).exists()
        assert not requests.filter(status="closed", closed_at__isnull=True).exists()
        assert not requests.filter(status="resolved", resolved_at__isnull=True).exists()
        assert not requests.filter(resolved_at__isnull=False, met_target__isnull=True).exists()
        for req in requests.filter(resolved_at__isnull=False):
            elapsed = (req.resolved_at - req.created_at).total_seconds()
            assert abs(req.resolution_seconds - elapsed) <= 1
            assert req.resolution_business_seconds <= req.resolution_seconds
            assert req.met_target == (req.resolved_at <= req.due_at)
        events = Event.objects.values("request_id").annotate(n=Count("pk"))
        sizes = {row["n"] for row in events if row["request_id"] != company.busy_request_id}
        assert len(events) == SMALL + 1
        assert sizes <= {3, 4, 5, 6}
        transaction.set_rollback(True)
