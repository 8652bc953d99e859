"""The reports step: the full recomputation in its own process (time, Python and PostgreSQL
backend memory), its estimate from one period of each kind, and incremental updates."""

from __future__ import annotations

import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.common import (
    INCREMENTAL_BUDGET,
    INCREMENTAL_SAMPLES,
    PLANS_DIR,
    RECOMPUTE_TIMEOUT,
    ROOT,
    Results,
    log_line,
    setup_django,
    summarise,
)
from bench.pages import explain_queries


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


def _backends_of(database: str) -> list[int]:
    """The PostgreSQL backends connected to `database` (their process titles name it: the
    server runs on this machine)."""
    pids = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/cmdline", "rb") as cmdline:
                title = cmdline.read().decode(errors="replace")
        except OSError:
            continue
        if title.startswith("postgres: ") and f" {database} " in title:
            pids.append(int(entry.name))
    return pids


class BackendMemory(threading.Thread):
    """The memory of the PostgreSQL backends of the benchmark's database while they work (a full
    recomputation runs its weeks and months on two connections at once), sampled every 20 ms from
    /proc: each backend's peak resident set (VmHWM, which includes the shared buffers it
    touched), the peak of its private memory (RssAnon: sorts, hashes, work_mem), and the peak of
    all their private memory together."""

    def __init__(self, database: str, own_pid: int) -> None:
        super().__init__(daemon=True)
        self.database = database
        self.stop = threading.Event()
        self.hwm_kb: dict[int, int] = {}
        self.peak_anon_kb = 0
        self.peak_total_anon_kb = 0
        self.baseline = _status_kb(own_pid)

    def run(self) -> None:
        pids: list[int] = []
        for tick in itertools.count():
            if self.stop.wait(0.02):
                return
            if tick % 10 == 0:  # new connections appear rarely; looking for them costs more
                pids = _backends_of(self.database)
            total = 0
            for pid in pids:
                figures = _status_kb(pid)
                if not figures:
                    continue  # the connection closed
                self.hwm_kb[pid] = max(self.hwm_kb.get(pid, 0), figures.get("VmHWM", 0))
                self.peak_anon_kb = max(self.peak_anon_kb, figures.get("RssAnon", 0))
                total += figures.get("RssAnon", 0)
            self.peak_total_anon_kb = max(self.peak_total_anon_kb, total)

    def result(self) -> dict:
        self.stop.set()
        self.join(timeout=5)
        return {
            "backends": len(self.hwm_kb),  # the idle one that started it and any autovacuum too
            "backend_peak_rss_mb": max(self.hwm_kb.values(), default=0) / 1024,
            "backend_peak_private_mb": self.peak_anon_kb / 1024,
            "backends_peak_private_total_mb": self.peak_total_anon_kb / 1024,
            "backend_baseline_rss_mb": self.baseline.get("VmRSS", 0) / 1024,
        }


def recompute_child(out: Path) -> None:
    """Run in its own process, so that ru_maxrss is the peak of the recomputation alone; the
    PostgreSQL backend doing the work is watched too (its memory is the one that grows)."""
    setup_django()
    from django.db import connection

    from feedback import reports

    first, last = _data_range()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone()
    watch = BackendMemory(connection.settings_dict["NAME"], backend)
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


def full_recompute(results: Results, work: Path) -> None:
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


def estimate_recompute(results: Results, size: str) -> None:
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
        explain_queries(
            list(captured.captured_queries), PLANS_DIR / f"{size}-report-recompute-{kind}.sql", 2
        )
        estimate[kind] = {"periods": len(starts), "seconds_per_period": seconds}
        total += seconds * len(starts)
    estimate["total_seconds"] = total
    results.setdefault("reports", {})["estimate"] = estimate
    results.save()


def measure_incremental(results: Results) -> None:
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
        log_line(f"  incremental after one {name}: up to {len(targets)} samples")
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
            **summarise(update_ms),
            "change_median_ms": statistics.median(change_ms) if change_ms else None,
            "cells_median": statistics.median(cells) if cells else None,
            "budget_s": INCREMENTAL_BUDGET,
        }
        results.save()
