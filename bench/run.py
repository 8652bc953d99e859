"""Desk's benchmark: generate a company of each size on PostgreSQL, measure, print one table.

    python -m bench.run                 # 10k, 100k and 1M requests (make bench)
    python -m bench.run --sizes 10k     # the quick one (make bench-small)

Each size runs in its own process against its own database (BENCH_DATABASE_URL with the size
appended to the name: desk_bench_10k, ...), which is created first and dropped at the end
(--keep keeps it for investigation). Figures are stored per size in bench/results/<size>.json and
rendered, with every size measured so far, to bench/results.md. See bench/README.md.

This module owns the command line, the databases and the child of each size; the steps live in
bench/pages.py (in-process page timings), bench/recompute.py (reports), bench/http_load.py (gunicorn,
wrk, the mixed workload, filing), bench/load_guard.py (other processes' load) and bench/table.py
(results.md); bench/common.py holds what they share, bench/generate/ the data.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

from bench.common import (
    CHILD_TIMEOUT,
    DEFAULT_URL,
    FILINGS,
    INCREMENTAL_BUDGET,
    PAGE_SAMPLES,
    QUICK,
    RECOMPUTE_TIMEOUT,
    RESULTS_DIR,
    ROOT,
    SIZE_LABEL,
    SIZE_ORDER,
    WRK_SECONDS,
    Results,
    load_average,
    log_line,
    setup_django,
)
from bench.http_load import measure_load
from bench.pages import measure_pages, measure_report_pages, page_urls
from bench.recompute import estimate_recompute, full_recompute, measure_incremental, recompute_child
from bench.table import render_results

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


def _stop_group(child: subprocess.Popen) -> None:
    """Stop a child and every process it started (its session's process group)."""
    for sig, wait in ((signal.SIGTERM, 40), (signal.SIGKILL, 10)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, sig)
        try:
            child.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def run_sizes(sizes: list[str], steps: list[str], keep: bool, reuse: bool, work: Path) -> int:
    RESULTS_DIR.mkdir(exist_ok=True)
    failed = 0
    for size in sizes:
        url = _database_url(size)
        log_line(f"== {SIZE_LABEL[size]} requests: database {url.rsplit('/', 1)[1]}")
        reusing = reuse and _database_exists(url)
        if not reusing:
            _recreate_database(url)
        out = RESULTS_DIR / f"{size}.json"
        log_path = work / f"child-{size}.log"
        began = time.monotonic()
        try:
            with open(log_path, "w") as log:
                # In a session of its own: when it is stopped, so are the gunicorn and wrk it
                # started, which would otherwise keep the port for the next run.
                child = subprocess.Popen(
                    [sys.executable, "-m", "bench.run", "--child", size, "--out", str(out)]
                    + ["--steps", ",".join(steps)]
                    + (["--reuse"] if reusing else []),
                    cwd=ROOT,
                    env=_child_env(url),
                    stderr=log,
                    start_new_session=True,
                )
                try:
                    returncode = child.wait(timeout=CHILD_TIMEOUT[size])
                except subprocess.TimeoutExpired:
                    _stop_group(child)
                    raise
            if returncode:
                failed += 1
                log_line(f"!! {size} failed (exit {returncode}); last lines of {log_path}:")
                print("".join(log_path.read_text().splitlines(keepends=True)[-30:]))
        except subprocess.TimeoutExpired:
            failed += 1
            log_line(f"!! {size} took longer than {CHILD_TIMEOUT[size]} s and was stopped")
        finally:
            if not (keep or reuse):
                _drop_database(url)
        log_line(f"== {SIZE_LABEL[size]} done in {time.monotonic() - began:.0f} s")
    table = render_results()
    print()
    print(table)
    return 1 if failed else 0


def _meta(began: float) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
    return {
        "finished": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}",
        "postgres": version.split()[0],
        "loadavg": load_average(),
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
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    from bench.generate import Plan, generate
    from desk.models import Request

    began = time.monotonic()
    results = Results(out)
    if reuse and out.exists():
        results.update(json.loads(out.read_text()))
    results["size"] = size
    loadavg = load_average()
    work = Path(tempfile.mkdtemp(prefix=f"desk-bench-{size}-"))
    log_line(f"  migrating (work files in {work})")
    call_command("migrate", verbosity=0, interactive=False)
    if reuse and Request.objects.exists():
        log_line("  reusing the generated data")
        company = _company_from_database()
    else:
        log_line("  generating")
        t0 = time.perf_counter()
        company = generate(Plan.for_size(size), fast_load=True, log=log_line)
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
            "loadavg": load_average(),
        }
        if step == "pages":
            measure_pages(results, company, urls, size)
        elif step == "reports":
            log_line(f"  full report recomputation (at most {RECOMPUTE_TIMEOUT} s)")
            full_recompute(results, work)
            estimate_recompute(results, size)
            measure_incremental(results)
            measure_report_pages(results, company, urls, size)
        else:
            measure_load(results, company, urls, work)
        sittings[step] = {**started, "quick": QUICK}
        results.save()
    results["meta"] = {**_meta(began), "loadavg": loadavg, "steps": steps, "reused": reuse}
    results.save()
    log_line(f"  {size} measured in {time.monotonic() - began:.0f} s")


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
