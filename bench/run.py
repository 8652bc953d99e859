"""Desk's benchmark: generate a company of each size on PostgreSQL, measure, print one table.

    python -m bench.run                 # 10k, 100k and 1M requests (make bench)
    python -m bench.run --sizes 10k     # the quick one (make bench-small)

Each size runs in its own process against its own database (BENCH_DATABASE_URL with the size
appended to the name: desk_bench_10k, ...), which is created first and dropped at the end
(--keep keeps it for investigation). Figures are stored per size in bench/results/<size>.json and
rendered, with every size measured so far, to bench/results.md. See bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS_DIR = BENCH / "results"
PLANS_DIR = BENCH / "plans"
RESULTS_MD = BENCH / "results.md"
NOTES_MARKER = "<!-- notes: everything below this line is kept when the table is re-rendered -->"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/desk_bench"
SIZE_ORDER = ["10k", "100k", "1m"]
SIZE_LABEL = {"10k": "10k", "100k": "100k", "1m": "1M"}

# How long each part may run at most; every loop below is bounded by count and by time.
CHILD_TIMEOUT = {"10k": 20 * 60, "100k": 90 * 60, "1m": 240 * 60}
RECOMPUTE_TIMEOUT = int(os.environ.get("BENCH_RECOMPUTE_TIMEOUT", "1800"))
# --quick (make bench-small) takes fewer samples and shorter load phases, so that 10k runs in about
# three minutes; the figures of a quick run say so in results.md.
QUICK = os.environ.get("BENCH_QUICK") == "1"
PAGE_SAMPLES = 100 if QUICK else 200
REPORT_SAMPLES = 30 if QUICK else 100
INCREMENTAL_SAMPLES = 100
INCREMENTAL_BUDGET = float(os.environ.get("BENCH_INCREMENTAL_BUDGET", "10" if QUICK else "180"))
WRK_SECONDS = 10 if QUICK else 20
WRK_CONNECTIONS = 16
FILINGS = 500 if QUICK else 2_000
FILING_THREADS = 4
FILING_BUDGET = 600.0


def _log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def percentile(values: list[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (as numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _summary(samples_ms: list[float]) -> dict:
    return {
        "n": len(samples_ms),
        "median_ms": statistics.median(samples_ms) if samples_ms else None,
        "p95_ms": percentile(samples_ms, 95),
    }


# --- the parent: databases, children, the table -------------------------------------------------------


def _database_url(size: str) -> str:
    base = urllib.parse.urlsplit(os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    name = base.path.lstrip("/") or "desk_bench"
    return urllib.parse.urlunsplit(base._replace(path=f"/{name}_{size}"))


def _admin_connection(url: str):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    maintenance = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    return psycopg.connect(maintenance, autocommit=True), parts.path.lstrip("/")


def _recreate_database(url: str) -> None:
    from psycopg import sql

    conn, name = _admin_connection(url)
    with conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _drop_database(url: str) -> None:
    from psycopg import sql

    conn, name = _admin_connection(url)
    with conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _redis_answers(url: str) -> bool:
    """The page cache lives in Redis as in production; without it the pages would be measured
    uncached, silently."""
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def _child_env(url: str) -> dict:
    env = dict(os.environ)
    # Reports run in the benchmark process, never on a worker; the cache is bench.settings' Redis.
    env.pop("REDIS_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": url,
            "DEBUG": "0",
            "PYTHONPATH": str(ROOT),
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def _database_exists(url: str) -> bool:
    conn, name = _admin_connection(url)
    with conn:
        return bool(conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def run_sizes(sizes: list[str], steps: list[str], keep: bool, reuse: bool, work: Path) -> int:
    RESULTS_DIR.mkdir(exist_ok=True)
    failed = 0
    for size in sizes:
        url = _database_url(size)
        _log(f"== {SIZE_LABEL[size]} requests: database {url.rsplit('/', 1)[1]}")
        reusing = reuse and _database_exists(url)
        if not reusing:
            _recreate_database(url)
        out = RESULTS_DIR / f"{size}.json"
        log_path = work / f"child-{size}.log"
        began = time.monotonic()
        try:
            with open(log_path, "w") as log:
                child = subprocess.run(
                    [sys.executable, "-m", "bench.run", "--child", size, "--out", str(out)]
                    + ["--steps", ",".join(steps)]
                    + (["--reuse"] if reusing else []),
                    cwd=ROOT,
                    env=_child_env(url),
                    stderr=log,
                    timeout=CHILD_TIMEOUT[size],
                    check=False,
                )
            if child.returncode:
                failed += 1
                _log(f"!! {size} failed (exit {child.returncode}); last lines of {log_path}:")
                print("".join(log_path.read_text().splitlines(keepends=True)[-30:]))
        except subprocess.TimeoutExpired:
            failed += 1
            _log(f"!! {size} took longer than {CHILD_TIMEOUT[size]} s and was stopped")
        finally:
            if not (keep or reuse):
                _drop_database(url)
        _log(f"== {SIZE_LABEL[size]} done in {time.monotonic() - began:.0f} s")
    table = render_results()
    print()
    print(table)
    return 1 if failed else 0


# --- the table ------------------------------------------------------------------------------------


def _load_results() -> dict[str, dict]:
    results = {}
    for size in SIZE_ORDER:
        path = RESULTS_DIR / f"{size}.json"
        if path.exists():
            results[size] = json.loads(path.read_text())
    return results


def _get(data: dict, path: str):
    for key in path.split("."):
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _fmt(value, digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def _verdict(ok: bool | None, where: str) -> str:
    if ok is None:
        return "not measured"
    return f"**met** ({where})" if ok else f"**MISSED** ({where})"


def _rows(results: dict[str, dict]) -> list[tuple[str, list[str], str, str]]:
    """(measurement, one value per size, target, verdict) for the table. Verdicts are taken at
    the largest size measured (the targets are stated at 1M)."""
    sizes = [s for s in SIZE_ORDER if s in results]
    top = sizes[-1] if sizes else None
    where = f"at {SIZE_LABEL[top]}" if top else ""
    rows: list[tuple[str, list[str], str, str]] = []

    def row(label: str, cells: list[str], target: str = "", verdict: str = "") -> None:
        rows.append((label, cells, target, verdict))

    def values(path: str, digits: int = 1, scale: float = 1.0) -> list[str]:
        out = []
        for size in sizes:
            value = _get(results[size], path)
            if isinstance(value, int | float) and not isinstance(value, bool):
                value = value * scale if scale != 1.0 else value
            out.append(_fmt(value, digits))
        return out

    def joined(*paths: str, digits: int = 1) -> list[str]:
        return [
            " / ".join(_fmt(_get(results[size], path), digits) for path in paths) for size in sizes
        ]

    def at_top(path: str):
        return _get(results[top], path) if top else None

    def check(path: str, test) -> str:
        value = at_top(path)
        return _verdict(None if value is None else test(value), where)

    def ratio_to_small(path: str, size: str) -> float | None:
        small = _get(results.get("10k", {}), path)
        value = _get(results[size], path)
        return value / small if small and value else None

    row("Requests / events / ratings", joined("data.requests", "data.events", "data.feedback"))
    row(
        "Generation, total (s)",
        values("data.seconds_total", 0),
        "< 600 s",
        check("data.seconds_total", lambda v: v < 600),
    )
    for key, label in (
        ("queue", "Queue, default view"),
        ("queue_filtered", "Queue, 3 filters + search"),
        ("request", "Request page, 30 events"),
    ):
        page = f"pages.{key}"
        if key != "request":
            row(f"{label}: rows shown", values(f"{page}.rows", 0), "50" if key == "queue" else "")
        median = f"{page}.median_ms"
        row(f"{label}: median (ms)", values(median), "< 25 ms", check(median, lambda v: v < 25))
        row(f"{label}: p95 (ms)", values(f"{page}.p95_ms"), "< 60 ms",
            check(f"{page}.p95_ms", lambda v: v < 60))  # fmt: skip
        row(f"{label}: Python CPU median (ms, info)", values(f"{page}.cpu_median_ms"))
        ratios = [ratio_to_small(median, size) for size in sizes]
        top_ratio = ratios[-1] if top and top != "10k" else None
        row(
            f"{label}: median vs 10k",
            [f"{_fmt(r, 2)}×" if r is not None else "—" for r in ratios],
            "≤ 1.5×",
            _verdict(None if top_ratio is None else top_ratio <= 1.5, where),
        )
        counts = [_get(results[size], f"{page}.queries") for size in sizes]
        same = None if not counts or None in counts else len(set(counts)) == 1
        row(f"{label}: SQL queries", [_fmt(c) for c in counts], "identical",
            _verdict(same, "all sizes"))  # fmt: skip
    for key, label in (
        ("queue_cold", "Queue, default view, page cache missed"),
        ("queue_filtered_cold", "Queue, 3 filters + search, page cache missed"),
    ):
        page = f"pages.{key}"
        if key == "queue_cold":
            # Issue 11: the rendering itself, not a cache of it, must be fast.
            row(f"{label} (first view after a change): median (ms)", values(f"{page}.median_ms"),
                "< 25 ms", check(f"{page}.median_ms", lambda v: v < 25))  # fmt: skip
            row(f"{label}: p95 (ms)", values(f"{page}.p95_ms"))
        else:
            row(f"{label} (info): median / p95 (ms)",
                joined(f"{page}.median_ms", f"{page}.p95_ms"))  # fmt: skip
        row(f"{label} (info): Python CPU median (ms)", values(f"{page}.cpu_median_ms"))
        counts = [_get(results[size], f"{page}.queries") for size in sizes]
        same = None if not counts or None in counts else len(set(counts)) == 1
        row(f"{label}: SQL queries", [_fmt(c) for c in counts], "identical",
            _verdict(same, "all sizes"))  # fmt: skip
    row(
        "Queue, all states + search (info): median / p95 (ms)",
        joined("pages.queue_search_all.median_ms", "pages.queue_search_all.p95_ms"),
    )
    row("Trivial page in-process: median (ms)", values("pages.trivial.median_ms"))

    for key, label in (
        ("trivial", "trivial view (ceiling)"),
        ("queue", "queue page"),
        ("request", "request page"),
    ):
        load = f"load.{key}"
        row(f"Load, {label}: requests/s", values(f"{load}.rps", 0))
        row(f"Load, {label}: load average / other processes' load", [
            f"{_get(results[size], f'{load}.loadavg') or '—'} / "
            f"{_fmt(_get(results[size], f'{load}.other_load'), 2)}"
            for size in sizes
        ], "others ≤ 0.5")  # fmt: skip
        row(f"Load, {label}: p50 / p99 (ms)", joined(f"{load}.p50_ms", f"{load}.p99_ms"))
        row(f"Load, {label}: non-2xx", values(f"{load}.non_2xx", 0), "0",
            check(f"{load}.non_2xx", lambda v: v == 0))  # fmt: skip
        if key == "queue":
            row(f"Load, {label}: share of ceiling (%)", values(f"{load}.share", 0, 100.0),
                "≥ 40 %", check(f"{load}.share", lambda v: v >= 0.4))  # fmt: skip
        elif key == "request":
            row(f"Load, {label}: share of ceiling (%)", values(f"{load}.share", 0, 100.0),
                "≥ 30 %", check(f"{load}.share", lambda v: v >= 0.3))  # fmt: skip
    for viewers in MIXED_VIEWERS:
        for rate in MIXED_WRITES:
            mixed = f"mixed.{viewers}v-{rate}w"
            label = f"Mixed, {viewers} viewer{'s' if viewers > 1 else ''}, {rate} writes/s"
            refused = [
                "refused" if _get(results[size], f"{mixed}.refused") else "" for size in sizes
            ]
            row(f"{label}: queue requests/s (ceiling)", [
                note or f"{_fmt(_get(results[size], f'{mixed}.rps'), 0)} "
                f"({_fmt(_get(results[size], f'{mixed}.ceiling_rps'), 0)})"
                for size, note in zip(sizes, refused, strict=True)
            ])  # fmt: skip
            target = {(18, 1): 0.4, (18, 5): 0.3}.get((viewers, rate))
            row(f"{label}: share of ceiling (%)", values(f"{mixed}.share", 0, 100.0),
                f"≥ {target:.0%}".replace("%", " %") if target else "",
                check(f"{mixed}.share", lambda v, t=target: v >= t) if target else "")  # fmt: skip
            row(f"{label}: p50 / p99 (ms)", joined(f"{mixed}.p50_ms", f"{mixed}.p99_ms"),
                "p99 < 250 ms" if (viewers, rate) == (18, 1) else "",
                check(f"{mixed}.p99_ms", lambda v: v < 250) if (viewers, rate) == (18, 1) else "")  # fmt: skip
            row(f"{label}: non-2xx / writes done (failed)", [
                f"{_fmt(_get(results[size], f'{mixed}.non_2xx'), 0)} / "
                f"{_fmt(_get(results[size], f'{mixed}.writes_done'), 0)} "
                f"({_fmt(_get(results[size], f'{mixed}.writes_failed'), 0)})"
                for size in sizes
            ], "0 non-2xx" if viewers == 18 else "",
                check(f"{mixed}.non_2xx", lambda v: v == 0) if viewers == 18 else "")  # fmt: skip
            row(f"{label}: load average / other processes' load", [
                f"{_get(results[size], f'{mixed}.loadavg') or '—'} / "
                f"{_fmt(_get(results[size], f'{mixed}.other_load'), 2)}"
                for size in sizes
            ], "others ≤ 0.5")  # fmt: skip
    row("Filing over HTTP: requests/s", values("filing.rps", 0))
    row("Filing over HTTP: p50 / p99 (ms)", joined("filing.p50_ms", "filing.p99_ms"))
    row("Filing over HTTP: failed", values("filing.failed", 0), "0",
        check("filing.failed", lambda v: v == 0))  # fmt: skip

    full = "reports.full"
    stopped = [" (stopped)" if _get(results[size], f"{full}.timed_out") else "" for size in sizes]
    full_ok = None
    if at_top(f"{full}.seconds") is not None:
        full_ok = not at_top(f"{full}.timed_out") and at_top(f"{full}.seconds") < 30
    row(
        "Reports, full recomputation (s)",
        [v + note for v, note in zip(values(f"{full}.seconds"), stopped, strict=True)],
        "< 30 s",
        _verdict(full_ok, where),
    )
    row(
        "Reports, full recomputation: estimate (s, info)",
        values("reports.estimate.total_seconds", 0),
    )
    row("Reports, full recomputation: PostgreSQL backend peak RSS (MB)",
        values(f"{full}.backend_peak_rss_mb", 0), "< 512 MB",
        check(f"{full}.backend_peak_rss_mb", lambda v: v < 512))  # fmt: skip
    row("Reports, full recomputation: backend peak private memory (MB, info)",
        values(f"{full}.backend_peak_private_mb", 0))  # fmt: skip
    row("Reports, full recomputation: Python process peak RSS (MB)",
        values(f"{full}.peak_rss_mb", 0), "< 300 MB",
        check(f"{full}.peak_rss_mb", lambda v: v < 300))  # fmt: skip
    for key, label in (("close", "after one close"), ("rating", "after one rating")):
        path = f"reports.{key}"
        row(f"Reports, incremental {label}: median (ms)", values(f"{path}.median_ms"), "< 50 ms",
            check(f"{path}.median_ms", lambda v: v < 50))  # fmt: skip
        row(f"Reports, incremental {label}: samples", values(f"{path}.n", 0), "100")
    for key, label, target in (
        ("overview", "Company report page (12 months)", True),
        ("csv", "Company report CSV (12 months)", True),
        ("department", "Department report page (info)", False),
    ):
        path = f"reports.{key}"
        row(
            f"{label}: median / p95 (ms)",
            joined(f"{path}.median_ms", f"{path}.p95_ms"),
            "< 100 ms" if target else "",
            check(f"{path}.median_ms", lambda v: v < 100) if target else "",
        )
        row(f"{label}: SQL queries", values(f"{path}.queries", 0))
    return rows


def render_results() -> str:
    results = _load_results()
    sizes = [s for s in SIZE_ORDER if s in results]
    head = ["Measurement", *[f"{SIZE_LABEL[s]} requests" for s in sizes], "Target", "Verdict"]
    lines = [
        "# Benchmark results",
        "",
        "Written by `python -m bench.run` (see bench/README.md); do not edit above the notes marker.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join(["---"] * len(head)) + "|",
    ]
    for label, values, target, verdict in _rows(results):
        lines.append("| " + " | ".join([label, *values, target, verdict]) + " |")
    lines += ["", "Runs:", ""]
    for size in sizes:
        meta = results[size].get("meta", {})
        lines.append(
            f"- {SIZE_LABEL[size]}: {meta.get('machine', '?')}, PostgreSQL {meta.get('postgres', '?')}."
            f" {meta.get('note', '')}".rstrip()
        )
        for step, sitting in results[size].get("sittings", {}).items():
            quick = " (quick mode)" if sitting.get("quick") else ""
            lines.append(
                f"  - {step}{quick}: started {sitting.get('started', '?')}, load average"
                f" {sitting.get('loadavg', '?')} (1, 5, 15 min)"
            )
    lines += ["", "Pages measured (URLs):", ""]
    if sizes:
        for name, url in results[sizes[-1]].get("urls", {}).items():
            lines.append(f"- {name}: `{url}`")
    table = "\n".join(lines) + "\n"
    notes = ""
    if RESULTS_MD.exists():
        text = RESULTS_MD.read_text()
        if NOTES_MARKER in text:
            notes = text[text.index(NOTES_MARKER) + len(NOTES_MARKER) :]
    RESULTS_MD.write_text(table + "\n" + NOTES_MARKER + (notes or "\n"))
    return table


# --- the child: one size, one database ---------------------------------------------------------------


class Results(dict):
    """Written to disk after every step, so a stopped run keeps what it measured."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def save(self) -> None:
        self.path.write_text(json.dumps(self, indent=2, default=str) + "\n")


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def _explain(queries: list[dict], path: Path, top: int = 3) -> None:
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


def _measure_page(
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
    _explain(queries, PLANS_DIR / f"{size}-{name}.sql")
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
        **_summary(times),
        # Python's own CPU time (not PostgreSQL's): unlike wall time, it barely moves when other
        # processes compete for the CPU, so it tells a slow page from a busy machine.
        "cpu_median_ms": statistics.median(cpu),
        "queries": len(queries),
        "rows": content.count('id="queue-row-'),
        "bytes": len(response.content),
    }


def _client_for(user):
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


def _pages(results: Results, company, urls: dict, size: str) -> None:
    from departments.models import Employee

    head = Employee.objects.get(pk=company.head_id)
    client = _client_for(head)
    pages = results.setdefault("pages", {})
    for name in ("queue", "queue_filtered", "request", "trivial"):
        _log(f"  page {name}: {PAGE_SAMPLES} requests")
        pages[name] = _guarded(
            name, lambda name=name: _measure_page(client, urls[name], name, size)
        )
        results.save()
    # The same queue pages with the page cache missed every time: what a view costs right after
    # a change in the department (information; the targets are about what people get).
    for name in ("queue", "queue_filtered"):
        _log(f"  page {name}, page cache missed: {PAGE_SAMPLES} requests")
        pages[f"{name}_cold"] = _guarded(
            f"{name}_cold",
            lambda name=name: _measure_page(client, urls[name], f"{name}_cold", size, cold=True),
        )
        results.save()
    _log("  page queue_search_all (information): 50 requests")
    pages["queue_search_all"] = _measure_page(
        client, urls["queue_search_all"], "queue_search_all", size, samples=50
    )
    results.save()


# --- reports ---------------------------------------------------------------------------------------


def _data_range():
    from django.db.models import Max, Min

    from desk.models import Request
    from feedback import periods

    bounds = Request.objects.aggregate(first=Min("created_at"), last=Max("created_at"))
    return periods.local_date(bounds["first"]), periods.today()


def _status_kb(pid: int) -> dict[str, int]:
    """VmHWM, VmRSS, RssAnon... of a process, in kB (/proc/<pid>/status)."""
    figures = {}
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                name, _sep, value = line.partition(":")
                if value.strip().endswith("kB"):
                    figures[name] = int(value.split()[0])
    except OSError:
        pass
    return figures


class BackendMemory(threading.Thread):
    """The PostgreSQL backend's memory while it works, sampled every 20 ms from /proc (the
    server runs on this machine): its peak resident set (VmHWM, which includes the shared buffers
    it touched) and the peak of its private memory (RssAnon: sorts, hashes, work_mem)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.stop = threading.Event()
        self.peak_anon_kb = 0
        self.baseline = _status_kb(pid)

    def run(self) -> None:
        while not self.stop.wait(0.02):
            self.peak_anon_kb = max(self.peak_anon_kb, _status_kb(self.pid).get("RssAnon", 0))

    def result(self) -> dict:
        self.stop.set()
        self.join(timeout=5)
        final = _status_kb(self.pid)
        return {
            "backend_pid": self.pid,
            "backend_peak_rss_mb": final.get("VmHWM", 0) / 1024,
            "backend_peak_private_mb": self.peak_anon_kb / 1024,
            "backend_baseline_rss_mb": self.baseline.get("VmRSS", 0) / 1024,
        }


def recompute_child(out: Path) -> None:
    """Run in its own process, so that ru_maxrss is the peak of the recomputation alone; the
    PostgreSQL backend doing the work is watched too (its memory is the one that grows)."""
    _setup_django()
    from django.db import connection

    from feedback import reports

    first, last = _data_range()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone()
    watch = BackendMemory(backend)
    watch.start()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    began = time.perf_counter()
    cells = reports.recompute_range(first, last)
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out.write_text(
        json.dumps(
            {
                "seconds": seconds,
                "cells": cells,
                "first": str(first),
                "last": str(last),
                "baseline_rss_mb": before / 1024,
                "peak_rss_mb": peak / 1024,
                **watch.result(),
                "timed_out": False,
            }
        )
    )


def _full_recompute(results: Results, work: Path) -> None:
    out = work / "recompute.json"
    began = time.monotonic()
    try:
        subprocess.run(
            [sys.executable, "-m", "bench.run", "--recompute", "--out", str(out)],
            cwd=ROOT,
            env=dict(os.environ),
            timeout=RECOMPUTE_TIMEOUT,
            check=True,
        )
        full = json.loads(out.read_text())
    except subprocess.TimeoutExpired:
        full = {"seconds": time.monotonic() - began, "timed_out": True}
    results.setdefault("reports", {})["full"] = full
    results.save()


def _estimate_recompute(results: Results, size: str) -> None:
    """Time one month and one week (all departments and the company) and extrapolate to the whole
    range; also writes the slowest recomputation queries' plans."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from feedback import periods, reports
    from feedback.periods import PeriodKind

    first, last = _data_range()
    estimate = {}
    total = 0.0
    for kind in PeriodKind.values:
        starts = periods.starts_between(kind, first, last)
        sample = periods.start_of(kind, periods.shift(kind, periods.start_of(kind, last), -2))
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            reports.recompute_period(kind, sample)
            seconds = time.perf_counter() - began
        _explain(
            list(captured.captured_queries), PLANS_DIR / f"{size}-report-recompute-{kind}.sql", 2
        )
        estimate[kind] = {"periods": len(starts), "seconds_per_period": seconds}
        total += seconds * len(starts)
    estimate["total_seconds"] = total
    results.setdefault("reports", {})["estimate"] = estimate
    results.save()


def _incremental(results: Results) -> None:
    from django.db.models import Exists, OuterRef

    from departments.models import Membership
    from desk import services
    from desk.models import Request, Status
    from feedback import reports
    from feedback.models import Feedback, StaleCell
    from feedback.services import feedback_submit

    StaleCell.objects.all().delete()  # the full recomputation covered everything

    def drain() -> None:
        for _ in range(100):
            if reports.recompute_stale().claimed == 0:
                return

    # Recently resolved requests, as a requester confirms them; topped up with in-progress ones
    # resolved first (untimed) when a small company has too few.
    resolved = list(
        Request.objects.filter(status=Status.RESOLVED)
        .select_related("requester", "department", "service")
        .order_by("-resolved_at")[:INCREMENTAL_SAMPLES]
    )
    if len(resolved) < INCREMENTAL_SAMPLES:
        more = list(
            Request.objects.filter(status=Status.IN_PROGRESS, assignee__isnull=False)
            .select_related("assignee", "department", "service")
            .order_by("-created_at")[: INCREMENTAL_SAMPLES - len(resolved)]
        )
        for req in more:
            services.request_change_status(request=req, actor=req.assignee, status=Status.RESOLVED)
        drain()
        resolved += list(
            Request.objects.filter(pk__in=[r.pk for r in more]).select_related(
                "requester", "department", "service"
            )
        )
    on_team = Membership.objects.filter(
        department_id=OuterRef("department_id"), employee_id=OuterRef("requester_id")
    )
    unrated = list(
        Request.objects.filter(status=Status.CLOSED)
        .exclude(Exists(Feedback.objects.filter(request_id=OuterRef("pk"))))
        .exclude(Exists(on_team))
        .select_related("requester", "department", "service")
        .order_by("-closed_at")[:INCREMENTAL_SAMPLES]
    )
    figures = results.setdefault("reports", {})
    for name, targets, change in (
        ("close", resolved, lambda r: services.request_confirm(request=r, actor=r.requester)),
        (
            "rating",
            unrated,
            lambda r: feedback_submit(request=r, requester=r.requester, rating=4, quality=5),
        ),
    ):
        _log(f"  incremental after one {name}: up to {len(targets)} samples")
        update_ms, change_ms, cells = [], [], []
        deadline = time.monotonic() + INCREMENTAL_BUDGET
        for req in targets:
            if time.monotonic() > deadline:
                break
            began = time.perf_counter()
            change(req)
            changed = time.perf_counter()
            batch = reports.recompute_stale()
            done = time.perf_counter()
            drain()  # nothing left normally; keeps the next sample independent
            change_ms.append((changed - began) * 1000)
            update_ms.append((done - changed) * 1000)
            cells.append(batch.cells)
        figures[name] = {
            **_summary(update_ms),
            "change_median_ms": statistics.median(change_ms) if change_ms else None,
            "cells_median": statistics.median(cells) if cells else None,
            "budget_s": INCREMENTAL_BUDGET,
        }
        results.save()


def _report_pages(results: Results, company, urls: dict, size: str) -> None:
    from departments.models import Employee

    admin = _client_for(Employee.objects.get(pk=company.admin_id))
    head = _client_for(Employee.objects.get(pk=company.head_id))
    figures = results.setdefault("reports", {})
    for name, client, url in (
        ("overview", admin, urls["report_overview"]),
        ("csv", admin, urls["report_csv"]),
        ("department", head, urls["report_department"]),
    ):
        _log(f"  report {name}: {REPORT_SAMPLES} requests")
        figures[name] = _measure_page(client, url, f"report-{name}", size, samples=REPORT_SAMPLES)
        results.save()


# --- under load ----------------------------------------------------------------------------------------

# One script for every page and for the ceiling. It sends each request with the next viewer's
# session cookie (each viewer is a different person: 1 or 18 of them). No response() hook: with
# one, wrk copies every body into Lua, which on two cores takes CPU from the server being measured.
# wrk counts statuses >= 400 itself; a 3xx (the login redirect of a lost session) is caught by the
# size check in _wrk.
WRK_SCRIPT = """
local path, cookies, turn = "/", {}, 0
function init(args)
  path = args[1]
  for i = 2, #args do cookies[#cookies + 1] = args[i] end
  turn = math.random(#cookies)
end
function request()
  turn = turn % #cookies + 1
  return wrk.format("GET", path, {["Cookie"] = cookies[turn]})
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH bad_status=%d requests=%d bytes=%d duration_us=%d p50_us=%d "
    .. "p99_us=%d socket_errors=%d\\n",
    e.status, summary.requests, summary.bytes, summary.duration, latency:percentile(50),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout))
end
"""


def _gunicorn_command(port: int, control_socket: Path) -> list[str]:
    """The web command of docker-compose.yml, bound to 127.0.0.1:<port> instead of 0.0.0.0:8000."""
    command = [
        "gunicorn", "desk.wsgi:application", "--workers", "2", "--bind", "0.0.0.0:8000",
        "--access-logfile", "-", "--timeout", "30", "--graceful-timeout", "30",
    ]  # fmt: skip
    try:
        import yaml

        compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
        command = [str(part) for part in compose["services"]["web"]["command"]]
    except (ImportError, OSError, KeyError, TypeError):
        pass  # the copy above mirrors it
    command = [f"127.0.0.1:{port}" if part.startswith("0.0.0.0:") else part for part in command]
    command[0] = str(Path(sys.executable).with_name(command[0]))
    # gunicorn >= 23 opens a control socket in ~/.gunicorn by default; a private one keeps the
    # benchmark from taking it over from another gunicorn running on this machine.
    return [*command, "--control-socket", str(control_socket)]


@contextlib.contextmanager
def _gunicorn(port: int, work: Path):
    log = open(work / "gunicorn.log", "w")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        _gunicorn_command(port, work / "gunicorn.ctl"),
        cwd=ROOT,
        env=dict(os.environ),
        stdout=log,
        stderr=log,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
                break
            except OSError:  # refused, reset or timed out while the workers boot
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start; see gunicorn.log") from None
                time.sleep(0.3)
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        log.close()


def _session_cookie(user) -> str:
    """A logged-in session as the login view would create it."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def _http_get(port: int, path: str, cookie: str) -> tuple[int, bytes, dict]:
    conn = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        conn.close()


def _wrk(port: int, path: str, cookies: list[str], work: Path) -> dict:
    """wrk against one page, each request as the next of `cookies`' people."""
    script = work / "viewers.lua"
    script.write_text(WRK_SCRIPT)
    smallest = None
    for number in range(max(10, len(cookies))):  # both workers warm; every viewer's page
        status, body, _headers = _http_get(port, path, cookies[number % len(cookies)])
        if status != 200:
            raise RuntimeError(f"{path} answered {status} before the load test")
        smallest = len(body) if smallest is None else min(smallest, len(body))
    command = [
        shutil.which("wrk") or "/usr/bin/wrk",
        "-t2",
        f"-c{WRK_CONNECTIONS}",
        f"-d{WRK_SECONDS}s",
        "--latency",
        "--timeout",
        "10s",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}{path}",
        "--",
        path,
        *cookies,
    ]
    output = subprocess.run(
        command, capture_output=True, text=True, timeout=WRK_SECONDS + 60, check=True
    ).stdout
    match = re.search(
        r"BENCH bad_status=(\d+) requests=(\d+) bytes=(\d+) duration_us=(\d+) p50_us=(\d+) "
        r"p99_us=(\d+) socket_errors=(\d+)",
        output,
    )
    if not match:
        raise RuntimeError(f"unexpected wrk output:\n{output}")
    bad, requests, received, duration, p50, p99, socket_errors = (int(g) for g in match.groups())
    # Every answer must have been a whole page: bytes per response at least the smallest body's
    # size (headers come on top). A redirect or an error page is far smaller and fails this.
    short = received < requests * smallest
    non2xx = bad + (requests - received // smallest if short else 0)
    return {
        "rps": requests / (duration / 1e6),
        "requests": requests,
        "p50_ms": p50 / 1000,
        "p99_ms": p99 / 1000,
        "non_2xx": non2xx + socket_errors,
        "socket_errors": socket_errors,
        "bytes_per_response": received / requests if requests else None,
        "viewers": len(cookies),
    }


def _file_over_http(port: int, users, services: list[tuple[str, str]]) -> dict:
    """FILINGS form POSTs with their CSRF token, from FILING_THREADS keep-alive clients."""
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    per_thread = FILINGS // len(users)
    deadline = time.monotonic() + FILING_BUDGET

    def worker(number: int, user) -> None:
        cookie = _session_cookie(user)
        first = f"/catalog/{services[0][0]}/{services[0][1]}/new/"
        status, body, headers = _http_get(port, first, cookie)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        csrf = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
        if status != 200 or not token or not csrf:
            with lock:
                failures.append(f"form page answered {status} without a CSRF token")
            return
        headers = {
            "Cookie": f"{cookie}; csrftoken={csrf.group(1)}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        conn = HTTPConnection("127.0.0.1", port, timeout=30)
        for n in range(per_thread):
            if time.monotonic() > deadline:
                with lock:
                    failures.append("time budget exhausted")
                break
            dept, service = services[(number * per_thread + n) % len(services)]
            form = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token.group(1).decode(),
                    "title": f"Bench filing {number}-{n}: please call me back",
                    "description": "Filed by the benchmark over HTTP.",
                    "priority": "2",
                }
            )
            began = time.perf_counter()
            try:
                conn.request("POST", f"/catalog/{dept}/{service}/new/", body=form, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 302 and "/requests/" in (
                    response.getheader("Location") or ""
                )
                status = response.status
            except (OSError, ConnectionError) as exc:
                conn.close()
                ok, status = False, type(exc).__name__
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                latencies.append(elapsed)
                if not ok:
                    failures.append(str(status))
        conn.close()

    began = time.perf_counter()
    threads = [
        threading.Thread(target=worker, args=(n, user), daemon=True) for n, user in enumerate(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=FILING_BUDGET + 60)
    seconds = time.perf_counter() - began
    return {
        "posts": len(latencies),
        "seconds": seconds,
        "rps": len(latencies) / seconds if seconds else None,
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "failed": len(failures),
        "failures_sample": sorted(set(failures))[:5],
    }


# --- other processes' load ---------------------------------------------------------------------------
# A figure taken while other processes used the CPU says little about Desk. Each load phase is
# watched: the CPU the machine spent (/proc/stat) minus what the benchmark's own processes spent
# (this process and the children it waited for, gunicorn and its workers, the PostgreSQL backends
# of the benchmark's database), per second of the phase, is the load of the others. Above
# OTHER_LOAD_LIMIT the figure is not written: the phase is tried again after a pause, and after
# LOAD_ATTEMPTS it is recorded as refused, with the load that was seen.
OTHER_LOAD_LIMIT = float(os.environ.get("BENCH_OTHER_LOAD_LIMIT", "0.5"))
LOAD_ATTEMPTS = int(os.environ.get("BENCH_LOAD_ATTEMPTS", "4"))
LOAD_PAUSE = float(os.environ.get("BENCH_LOAD_PAUSE", "30"))
_TICK = os.sysconf("SC_CLK_TCK")


def _machine_busy_ticks() -> int:
    with open("/proc/stat") as stat:
        fields = [int(x) for x in stat.readline().split()[1:]]
    # user nice system idle iowait irq softirq steal: everything but idle and iowait
    return sum(fields[:8]) - fields[3] - fields[4]


def _process_ticks(pid: int, children: bool = False) -> int:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if children:
        ticks += int(fields[13]) + int(fields[14])  # of the children waited for
    return ticks


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _backend_pids() -> set[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        return {row[0] for row in cursor.fetchall()}


class OtherLoad:
    """How busy processes other than the benchmark's kept the machine during a `with` block."""

    def __init__(self, server_pid: int | None = None) -> None:
        self.server_pid = server_pid

    def _own(self) -> dict[int, int]:
        pids = _backend_pids()
        if self.server_pid:
            pids |= {self.server_pid} | _descendants(self.server_pid)
        own = {pid: _process_ticks(pid) for pid in pids}
        own[os.getpid()] = _process_ticks(os.getpid(), children=True)
        return own

    def __enter__(self) -> OtherLoad:
        self.loadavg = _load_average()
        self.began = time.monotonic()
        self.busy = _machine_busy_ticks()
        self.own = self._own()
        return self

    def __exit__(self, *exc) -> None:
        seconds = time.monotonic() - self.began
        busy = _machine_busy_ticks() - self.busy
        own_now = self._own()
        own = sum(ticks - self.own.get(pid, 0) for pid, ticks in own_now.items())
        self.load = max(0.0, (busy - own) / _TICK / seconds) if seconds else 0.0

    @property
    def record(self) -> dict:
        return {"loadavg": self.loadavg, "other_load": round(self.load, 2)}


def _guarded(what: str, measure, server_pid: int | None = None) -> dict:
    """measure() under OtherLoad, tried again while other processes were too busy."""
    for attempt in range(1, LOAD_ATTEMPTS + 1):
        with OtherLoad(server_pid) as watch:
            figures = measure()
        if watch.load <= OTHER_LOAD_LIMIT:
            return {**figures, **watch.record, "attempts": attempt}
        _log(
            f"  !! {what}: other processes kept {watch.load:.2f} CPUs busy (limit "
            f"{OTHER_LOAD_LIMIT}); figure refused"
            + (f", trying again in {LOAD_PAUSE:.0f} s" if attempt < LOAD_ATTEMPTS else "")
        )
        if attempt < LOAD_ATTEMPTS:
            time.sleep(LOAD_PAUSE)
    return {"refused": True, **watch.record, "attempts": LOAD_ATTEMPTS}


# --- the mixed workload ---------------------------------------------------------------------------------

MIXED_VIEWERS = (1, 18)
MIXED_WRITES = (0, 1, 5)


class Writer(threading.Thread):
    """Changes requests of the department over HTTP at a steady rate, as its staff do: each
    write moves one of its in-progress requests to "waiting on requester" or back, through the
    queue's own row action (a form POST with its CSRF token), which answers 302."""

    def __init__(self, port: int, cookie: str, queue_path: str, ids: list[int], rate: float):
        super().__init__(daemon=True)
        self.port, self.cookie, self.queue_path, self.rate = port, cookie, queue_path, rate
        self.ids = ids or [0]
        self.waiting: set[int] = set()
        self.stop = threading.Event()
        self.done = 0
        self.failed: list[str] = []
        self.latencies: list[float] = []
        status, body, headers = _http_get(port, queue_path, cookie)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        csrf = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
        if status != 200 or not token or not csrf:
            raise RuntimeError(f"the writer got no CSRF token from {queue_path} ({status})")
        self.token = token.group(1).decode()
        self.headers = {
            "Cookie": f"{cookie}; csrftoken={csrf.group(1)}",
            "Content-Type": "application/x-www-form-urlencoded",
        }

    def _post(self, conn: HTTPConnection, pk: int) -> HTTPConnection:
        back = pk in self.waiting
        form = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                "ids": pk,
                "do": "status:in_progress" if back else "status:waiting",
                "expected_status": "waiting" if back else "in_progress",
                "page": "1",
            }
        )
        began = time.perf_counter()
        try:
            conn.request("POST", self.queue_path + "actions/", body=form, headers=self.headers)
            response = conn.getresponse()
            response.read()
            ok, status = response.status == 302, response.status
        except (OSError, ConnectionError) as exc:
            conn.close()
            conn = HTTPConnection("127.0.0.1", self.port, timeout=30)
            ok, status = False, type(exc).__name__
        self.latencies.append((time.perf_counter() - began) * 1000)
        if ok:
            self.done += 1
            self.waiting ^= {pk}
        else:
            self.failed.append(str(status))
        return conn

    def run(self) -> None:
        if not self.rate:
            return
        conn = HTTPConnection("127.0.0.1", self.port, timeout=30)
        began, number = time.monotonic(), 0
        while not self.stop.is_set():
            pause = began + number / self.rate - time.monotonic()
            if pause > 0 and self.stop.wait(pause):
                break
            conn = self._post(conn, self.ids[number % len(self.ids)])
            number += 1
        conn.close()

    def restore(self) -> None:
        """Every request this writer left waiting goes back to in progress (untimed)."""
        conn = HTTPConnection("127.0.0.1", self.port, timeout=30)
        for pk in sorted(self.waiting):
            conn = self._post(conn, pk)
        conn.close()


def _writable_ids(department_id: int) -> list[int]:
    from desk.models import Request, Status

    return list(
        Request.objects.filter(department_id=department_id, status=Status.IN_PROGRESS)
        .order_by("-created_at")
        .values_list("pk", flat=True)[:200]
    )


def _mixed(results: Results, company, urls: dict, port: int, server_pid: int, work: Path) -> None:
    """N viewers of the busiest department's default queue under wrk while a writer changes that
    department's requests; each figure beside the trivial page's, measured with the same viewers
    and script just before (the ceiling of this stack at that moment)."""
    from departments.models import Employee

    department_id = company.department_ids[0]
    staff = list(
        Employee.objects.filter(memberships__department_id=department_id, is_active=True).order_by(
            "pk"
        )[: max(MIXED_VIEWERS)]
    )
    cookies = [_session_cookie(person) for person in staff]
    writer_cookie = _session_cookie(Employee.objects.get(pk=company.head_id))
    mixed = results.setdefault("mixed", {})
    for viewers in MIXED_VIEWERS:
        if viewers > len(cookies):
            continue
        chosen = cookies[:viewers]
        for rate in MIXED_WRITES:
            name = f"{viewers}v-{rate}w"
            _log(f"  mixed: {viewers} viewer(s), {rate} write(s)/s: ceiling, then the queue")

            def measure(chosen=chosen, rate=rate) -> dict:
                ceiling = _wrk(port, urls["trivial"], chosen, work)
                ids = _writable_ids(department_id)
                writer = Writer(port, writer_cookie, urls["queue"], ids, rate)
                writer.start()
                try:
                    queue = _wrk(port, urls["queue"], chosen, work)
                finally:
                    writer.stop.set()
                    writer.join(timeout=30)
                done, failed = writer.done, len(writer.failed)
                writer.restore()  # the same requests in progress for the next phase
                return {
                    **queue,
                    "ceiling_rps": ceiling["rps"],
                    "share": queue["rps"] / ceiling["rps"] if ceiling["rps"] else None,
                    "writes_per_s": rate,
                    "writes_done": done,
                    "writes_failed": failed,
                    "write_p50_ms": percentile(writer.latencies, 50),
                }

            mixed[name] = _guarded(f"mixed {name}", measure, server_pid)
            results.save()


def _load(results: Results, company, urls: dict, work: Path) -> None:
    from departments.models import Employee, Service

    port = int(os.environ.get("BENCH_PORT", "8120"))
    head = Employee.objects.get(pk=company.head_id)
    cookies = [_session_cookie(head)]
    requesters = list(
        Employee.objects.filter(
            memberships__isnull=True, is_superuser=False, is_active=True
        ).order_by("pk")[:FILING_THREADS]
    )
    published = list(
        Service.objects.published()
        .filter(fields__isnull=True)
        .values_list("department__slug", "slug")
        .order_by("pk")
    )
    load = results.setdefault("load", {})
    with _gunicorn(port, work) as server:
        for name in ("trivial", "queue", "request"):
            _log(f"  wrk {WRK_SECONDS} s at {WRK_CONNECTIONS} connections: {name}")
            load[name] = _guarded(
                name, lambda name=name: _wrk(port, urls[name], cookies, work), server.pid
            )
            results.save()
        ceiling = load["trivial"].get("rps")
        for name in ("queue", "request"):
            rps = load[name].get("rps")
            load[name]["share"] = rps / ceiling if ceiling and rps else None
        results.save()
        _mixed(results, company, urls, port, server.pid, work)
        _log(f"  filing {FILINGS} requests over HTTP with {len(requesters)} clients")
        results["filing"] = _file_over_http(port, requesters, published)
        results.save()


def _load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _meta(began: float) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return {
        "finished": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}",
        "postgres": version.split()[0],
        "loadavg": _load_average(),
        "seconds": time.monotonic() - began,
        "note": (
            "Shared machine: other engineers' test runs may have used CPU meanwhile."
            + (
                f" Quick mode: {PAGE_SAMPLES} samples per page, wrk {WRK_SECONDS} s, {FILINGS}"
                f" filings, incremental series of at most {INCREMENTAL_BUDGET:.0f} s."
                if QUICK
                else ""
            )
        ),
    }


STEPS = ("pages", "reports", "load")


def _company_from_database():
    """The Company of an earlier run's database (--reuse)."""
    from bench.generate import BUSY_TITLE, HEAD_EMAIL, Company
    from departments.models import Department, Employee
    from desk.models import Request

    company = Company(now=datetime.now(UTC))
    company.head_id = Employee.objects.get(email=HEAD_EMAIL).pk
    company.admin_id = Employee.objects.filter(is_superuser=True).order_by("pk").first().pk
    company.busy_request_id = Request.objects.get(title=BUSY_TITLE).pk
    company.department_ids = list(Department.objects.order_by("pk").values_list("pk", flat=True))
    return company


def child(size: str, out: Path, steps: list[str], reuse: bool) -> None:
    _setup_django()
    from django.core.management import call_command
    from django.db import connection

    from bench.generate import Plan, generate
    from desk.models import Request

    began = time.monotonic()
    results = Results(out)
    if reuse and out.exists():
        results.update(json.loads(out.read_text()))
    results["size"] = size
    loadavg = _load_average()
    work = Path(tempfile.mkdtemp(prefix=f"desk-bench-{size}-"))
    _log(f"  migrating (work files in {work})")
    call_command("migrate", verbosity=0, interactive=False)
    if reuse and Request.objects.exists():
        _log("  reusing the generated data")
        company = _company_from_database()
    else:
        _log("  generating")
        t0 = time.perf_counter()
        company = generate(Plan.for_size(size), fast_load=True, log=_log)
        results["data"] = {
            "requests": company.requests,
            "events": company.events,
            "feedback": company.feedback,
            "seconds": company.seconds,
            "seconds_total": time.perf_counter() - t0,
        }
        results.save()
    connection.close()  # measurements start on a fresh connection with default settings
    urls = {**page_urls(company), "trivial": "/bench/trivial/"}
    results["urls"] = urls
    sittings = results.setdefault("sittings", {})
    for step in STEPS:
        if step not in steps:
            continue
        started = {
            "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "loadavg": _load_average(),
        }
        if step == "pages":
            _pages(results, company, urls, size)
        elif step == "reports":
            _log(f"  full report recomputation (at most {RECOMPUTE_TIMEOUT} s)")
            _full_recompute(results, work)
            _estimate_recompute(results, size)
            _incremental(results)
            _report_pages(results, company, urls, size)
        else:
            _load(results, company, urls, work)
        sittings[step] = {**started, "quick": QUICK}
        results.save()
    results["meta"] = {**_meta(began), "loadavg": loadavg, "steps": steps, "reused": reuse}
    results.save()
    _log(f"  {size} measured in {time.monotonic() - began:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1m", help="comma-separated: 10k, 100k, 1m")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure an existing database of an earlier --keep run (implies --keep)",
    )
    parser.add_argument(
        "--steps", default=",".join(STEPS), help=f"what to measure: {', '.join(STEPS)}"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="shorter load phases (wrk 10 s, 500 filings): make bench-small",
    )
    parser.add_argument("--render", action="store_true", help="only re-render bench/results.md")
    parser.add_argument("--child", choices=SIZE_ORDER, help=argparse.SUPPRESS)
    parser.add_argument("--recompute", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    steps = [step.strip() for step in args.steps.split(",") if step.strip()]
    if set(steps) - set(STEPS):
        parser.error(f"unknown step(s): {', '.join(sorted(set(steps) - set(STEPS)))}")
    if args.child:
        child(args.child, args.out, steps, args.reuse)
        return 0
    if args.recompute:
        recompute_child(args.out)
        return 0
    if args.render:
        print(render_results())
        return 0
    sizes = [s.strip().lower() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZE_ORDER]
    if unknown:
        parser.error(f"unknown size(s): {', '.join(unknown)}")
    if not shutil.which("wrk") and not Path("/usr/bin/wrk").exists():
        parser.error("wrk is missing: apt-get install wrk")
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
    if not _redis_answers(redis_url):
        parser.error(f"Redis does not answer at {redis_url} (BENCH_REDIS_URL): start redis-server")
    if args.quick:
        os.environ["BENCH_QUICK"] = "1"  # read by the children at import
    work = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    return run_sizes(sorted(sizes, key=SIZE_ORDER.index), steps, args.keep, args.reuse, work)


if __name__ == "__main__":
    sys.exit(main())
