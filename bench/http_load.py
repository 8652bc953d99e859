"""Under load over HTTP: gunicorn as in production, wrk against one page with N viewers, the mixed
workload (viewers while a writer changes requests) and filing over HTTP."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.client import HTTPConnection
from pathlib import Path

from bench.common import (
    FILING_BUDGET,
    FILING_THREADS,
    FILINGS,
    MIXED_VIEWERS,
    MIXED_WRITES,
    ROOT,
    WRK_CONNECTIONS,
    WRK_SECONDS,
    Results,
    log_line,
    percentile,
)
from bench.load_guard import guarded

# One script for every page and for the ceiling. It sends each request with the next viewer's
# session cookie (each viewer is a different person: 1 or 18 of them). No response() hook: with
# one, wrk copies every body into Lua, which on two cores takes CPU from the server being measured.
# wrk counts statuses >= 400 itself; a 3xx (the login redirect of a lost session) is caught by the
# size check in run_wrk.
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


def session_cookie(user) -> str:
    """A logged-in session as the login view would create it."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        load_backend,
    )

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    # The first backend that finds the person again, as the login view would have recorded it
    # (Desk's are django-axes first, then its own password backend: no ModelBackend).
    store[BACKEND_SESSION_KEY] = next(
        path
        for path in settings.AUTHENTICATION_BACKENDS
        if getattr(load_backend(path), "get_user", lambda pk: None)(user.pk) is not None
    )
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def http_get(port: int, path: str, cookie: str) -> tuple[int, bytes, dict]:
    conn = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        conn.close()


def run_wrk(port: int, path: str, cookies: list[str], work: Path) -> dict:
    """wrk against one page, each request as the next of `cookies`' people."""
    script = work / "viewers.lua"
    script.write_text(WRK_SCRIPT)
    smallest = None
    for number in range(max(10, len(cookies))):  # both workers warm; every viewer's page
        status, body, _headers = http_get(port, path, cookies[number % len(cookies)])
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
        cookie = session_cookie(user)
        first = f"/catalog/{services[0][0]}/{services[0][1]}/new/"
        status, body, headers = http_get(port, first, cookie)
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
        status, body, headers = http_get(port, queue_path, cookie)
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
    cookies = [session_cookie(person) for person in staff]
    writer_cookie = session_cookie(Employee.objects.get(pk=company.head_id))
    mixed = results.setdefault("mixed", {})
    for viewers in MIXED_VIEWERS:
        if viewers > len(cookies):
            continue
        chosen = cookies[:viewers]
        for rate in MIXED_WRITES:
            name = f"{viewers}v-{rate}w"
            log_line(f"  mixed: {viewers} viewer(s), {rate} write(s)/s: ceiling, then the queue")

            def measure(chosen=chosen, rate=rate) -> dict:
                ceiling = run_wrk(port, urls["trivial"], chosen, work)
                ids = _writable_ids(department_id)
                writer = Writer(port, writer_cookie, urls["queue"], ids, rate)
                writer.start()
                try:
                    queue = run_wrk(port, urls["queue"], chosen, work)
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

            mixed[name] = guarded(f"mixed {name}", measure, server_pid)
            results.save()


def measure_load(results: Results, company, urls: dict, work: Path) -> None:
    from departments.models import Employee, Service

    port = int(os.environ.get("BENCH_PORT", "8120"))
    head = Employee.objects.get(pk=company.head_id)
    cookies = [session_cookie(head)]
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
            log_line(f"  wrk {WRK_SECONDS} s at {WRK_CONNECTIONS} connections: {name}")
            load[name] = guarded(
                name, lambda name=name: run_wrk(port, urls[name], cookies, work), server.pid
            )
            results.save()
        ceiling = load["trivial"].get("rps")
        for name in ("queue", "request"):
            rps = load[name].get("rps")
            load[name]["share"] = rps / ceiling if ceiling and rps else None
        results.save()
        _mixed(results, company, urls, port, server.pid, work)
        log_line(f"  filing {FILINGS} requests over HTTP with {len(requesters)} clients")
        results["filing"] = _file_over_http(port, requesters, published)
        results.save()
