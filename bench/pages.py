"""In-process page timings (Django's test Client): the queue and request pages, warm and with the
page cache missed, and the report pages; the URLs measured and their query plans."""

from __future__ import annotations

import statistics
import time
import urllib.parse
from pathlib import Path

from bench.common import (
    PAGE_SAMPLES,
    PLANS_DIR,
    REPORT_SAMPLES,
    Results,
    log_line,
    summarise,
)
from bench.load_guard import guarded


def explain_queries(queries: list[dict], path: Path, top: int = 3) -> None:
    """The page's queries with their times, and EXPLAIN ANALYZE of the slowest SELECTs."""
    from django.db import connection

    lines = [f"-- {len(queries)} queries; times in ms as captured (one request)", ""]
    for number, query in enumerate(queries, start=1):
        lines.append(f"-- #{number}: {float(query['time']) * 1000:.1f} ms")
        lines.append(query["sql"] + ";")
        lines.append("")
    slowest = sorted(
        (q for q in queries if q["sql"].lstrip().upper().startswith("SELECT")),
        key=lambda q: float(q["time"]),
        reverse=True,
    )[:top]
    for query in slowest:
        lines.append(f"-- EXPLAIN ANALYZE of a {float(query['time']) * 1000:.1f} ms query")
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
            lines += [row[0] for row in cursor.fetchall()]
        lines.append("")
    PLANS_DIR.mkdir(exist_ok=True)
    path.write_text("\n".join(lines) + "\n")


def measure_page(
    client, url: str, name: str, size: str, samples: int = PAGE_SAMPLES, *, cold: bool = False
) -> dict:
    """Server time of `samples` GETs. With `cold`, Django's cache is emptied before each one
    (untimed), so every sample pays for what the page cache would otherwise save."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def prepare() -> None:
        if cold:
            cache.clear()

    for _ in range(10):  # warm-up: templates compiled, connection open, caches filled
        prepare()
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    prepare()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = list(captured.captured_queries)
    content = response.content.decode()
    explain_queries(queries, PLANS_DIR / f"{size}-{name}.sql")
    times, cpu = [], []
    for _ in range(samples):
        prepare()
        began, began_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    return {
        **summarise(times),
        # Python's own CPU time (not PostgreSQL's): unlike wall time, it barely moves when other
        # processes compete for the CPU, so it tells a slow page from a busy machine.
        "cpu_median_ms": statistics.median(cpu),
        "queries": len(queries),
        "rows": content.count('id="queue-row-'),
        "bytes": len(response.content),
    }


def client_for(user):
    from django.test import Client

    client = Client(raise_request_exception=True)
    client.force_login(user)
    return client


def page_urls(company) -> dict[str, str]:
    """The Desk pages the benchmark (and tests/bench) measure, for a generated company."""
    from django.db.models import Count
    from django.urls import reverse

    from bench.generate import SEARCH_WORD
    from departments.models import Department
    from desk.models import Request

    it = Department.objects.get(pk=company.department_ids[0])
    busy = Request.objects.select_related("department").get(pk=company.busy_request_id)
    queue = reverse("desk:queue", args=[it.slug])
    # Three filters (all states, a service, a priority) and a search for a word of the titles: the
    # service and priority with the most matching requests, so that every size shows rows.
    matching = (
        Request.objects.filter(department=it, title__icontains=SEARCH_WORD)
        .values("service_id", "priority")
        .annotate(n=Count("pk"))
        .order_by("-n", "service_id", "priority")
        .first()
    ) or {"service_id": busy.service_id, "priority": busy.priority}
    filtered = urllib.parse.urlencode(
        {
            "state": "all",
            "service": matching["service_id"],
            "priority": matching["priority"],
            "q": SEARCH_WORD,
        }
    )
    return {
        "queue": queue,
        "queue_filtered": f"{queue}?{filtered}",
        "queue_search_all": f"{queue}?{urllib.parse.urlencode({'state': 'all', 'q': SEARCH_WORD})}",
        "request": busy.get_absolute_url(),
        "report_overview": reverse("feedback:reports") + "?kind=month",
        "report_csv": reverse("feedback:reports") + "?kind=month&format=csv&table=trend",
        "report_department": reverse("feedback:department-report", args=[it.slug]) + "?kind=month",
    }


def measure_pages(results: Results, company, urls: dict, size: str) -> None:
    from departments.models import Employee

    head = Employee.objects.get(pk=company.head_id)
    client = client_for(head)
    pages = results.setdefault("pages", {})
    for name in ("queue", "queue_filtered", "request", "trivial"):
        log_line(f"  page {name}: {PAGE_SAMPLES} requests")
        pages[name] = guarded(name, lambda name=name: measure_page(client, urls[name], name, size))
        results.save()
    # The same queue pages with the page cache missed every time: what a view costs right after
    # a change in the department (information; the targets are about what people get).
    for name in ("queue", "queue_filtered"):
        log_line(f"  page {name}, page cache missed: {PAGE_SAMPLES} requests")
        pages[f"{name}_cold"] = guarded(
            f"{name}_cold",
            lambda name=name: measure_page(client, urls[name], f"{name}_cold", size, cold=True),
        )
        results.save()
    log_line("  page queue_search_all (information): 50 requests")
    pages["queue_search_all"] = measure_page(
        client, urls["queue_search_all"], "queue_search_all", size, samples=50
    )
    results.save()


def measure_report_pages(results: Results, company, urls: dict, size: str) -> None:
    from departments.models import Employee

    admin = client_for(Employee.objects.get(pk=company.admin_id))
    head = client_for(Employee.objects.get(pk=company.head_id))
    figures = results.setdefault("reports", {})
    for name, client, url in (
        ("overview", admin, urls["report_overview"]),
        ("csv", admin, urls["report_csv"]),
        ("department", head, urls["report_department"]),
    ):
        log_line(f"  report {name}: {REPORT_SAMPLES} requests")
        figures[name] = measure_page(client, url, f"report-{name}", size, samples=REPORT_SAMPLES)
        results.save()
