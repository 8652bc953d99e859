"""Real processes for the production tests: a Celery worker (and web, beat) against real services.

Redis: the tests use their own Redis database so that a worker started here never takes tasks
from, or leaves tasks for, anything else on the same server. It is REDIS_URL with the database
number replaced by DESK_TEST_REDIS_DB (default 15); it is flushed before and after each test.

PostgreSQL: a worker is another process, so it must see committed rows: tests that start one use
`transactional_db` (pytest-django's test database, e.g. test_desk) and pass that database's
name to the worker in DATABASE_URL. Tests use desk.test_settings, which runs tasks eagerly; the
`live_broker` fixture switches the test process to publishing real messages for one test.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO / "docker-compose.yml"
VENV_BIN = Path(sys.executable).parent

# Every wait in these tests is bounded; a process that outlives its test is killed.
WORKER_READY_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0


def compose_services() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())["services"]


def compose_command(service: str) -> list[str]:
    """A service's command from docker-compose.yml, as the list of arguments it runs."""
    command = compose_services()[service]["command"]
    return shlex.split(command) if isinstance(command, str) else [str(part) for part in command]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_url_for_tests() -> str:
    """REDIS_URL, on the database kept for tests (DESK_TEST_REDIS_DB, default 15)."""
    parts = urlsplit(os.environ["REDIS_URL"])
    db = os.environ.get("DESK_TEST_REDIS_DB", "15")
    if parts.path.strip("/") == db:
        # The tests flush their database: never the one a running Desk may be using.
        pytest.fail(f"DESK_TEST_REDIS_DB ({db}) must differ from REDIS_URL's database")
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, parts.fragment))


def flush_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    try:
        client.flushdb()
    finally:
        client.close()


def database_url() -> str:
    """DATABASE_URL for the test database as it is now (call once the test database exists)."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if not db["ENGINE"].endswith("postgresql"):
        pytest.fail("A worker process needs PostgreSQL: set DATABASE_URL (mark the test postgres)")
    user = quote(db.get("USER") or "", safe="")
    password = quote(db.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    return f"postgres://{auth}{host}:{port}/{db['NAME']}"


def process_env(redis_url: str, **extra: str) -> dict[str, str]:
    """The environment a production process gets: desk.settings, DEBUG off, the test services."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="desk.settings",
        SECRET_KEY=secrets.token_urlsafe(60),
        DEBUG="0",
        DATABASE_URL=database_url(),
        REDIS_URL=redis_url,
        # The cache in the same flushed test database (its default is the next database, which
        # may be someone else's on a shared server).
        CACHE_REDIS_URL=redis_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DESK_TEST_TASKS="1",
        LOG_FORMAT="plain",  # the tests read the processes' log lines
        PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


@dataclass
class Process:
    """A started command in its own process group, its output in a file."""

    name: str
    args: list[str]
    popen: subprocess.Popen
    log_path: Path
    stopped: bool = field(default=False)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def alive(self) -> bool:
        return self.popen.poll() is None

    def wait_for_log(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.log():
                return
            if not self.alive():
                break
            time.sleep(0.2)
        pytest.fail(f"{self.name} did not log {text!r} within {timeout}s:\n{self.log()[-4000:]}")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Send a signal to the whole group (the worker and its pool children)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, sig)

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        if self.alive():
            self.kill(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(timeout=STOP_TIMEOUT)
        # Pool children or gunicorn workers may outlive their parent: end the group for sure.
        self.kill(signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=STOP_TIMEOUT)


@pytest.fixture
def process_factory() -> Iterator[Callable[..., Process]]:
    """start(name, args, env) -> Process; every process is stopped at the end, pass or fail."""
    started: list[Process] = []
    log_dir = Path(tempfile.mkdtemp(prefix="desk-prod-test-"))

    def start(name: str, args: list[str], env: dict[str, str]) -> Process:
        log_path = log_dir / f"{name}-{len(started)}.log"
        with log_path.open("wb") as log_file:
            popen = subprocess.Popen(
                args,
                cwd=REPO,
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        process = Process(name=name, args=args, popen=popen, log_path=log_path)
        started.append(process)
        return process

    yield start
    for process in reversed(started):
        process.stop()
    # Failing assertions quote the logs they need; the files go.
    shutil.rmtree(log_dir, ignore_errors=True)


@pytest.fixture
def redis_url() -> Iterator[str]:
    """The tests' own Redis database, empty before and after the test."""
    if not os.environ.get("REDIS_URL"):
        pytest.fail("needs REDIS_URL (mark the test redis)")
    url = redis_url_for_tests()
    flush_redis(url)
    yield url
    flush_redis(url)


def use_broker(app, url: str) -> None:
    """Point the Celery app of this process at another broker.

    The app's pools are only forgotten, not closed: kombu keeps one pool per broker URL in a
    global registry and would hand the closed one back when the app returns to that URL."""
    app.conf.broker_url = url
    app._pool = None
    with contextlib.suppress(KeyError):
        app.__dict__["amqp"]._producer_pool = None


@pytest.fixture
def live_broker(settings, redis_url) -> Iterator[str]:
    """This process publishes real messages to the tests' Redis database instead of running
    tasks eagerly (desk.test_settings); restored afterwards."""
    from desk.celery import app

    old_url, old_eager = app.conf.broker_url, app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = redis_url
    app.conf.task_always_eager = False
    use_broker(app, redis_url)
    yield redis_url
    app.conf.task_always_eager = old_eager
    use_broker(app, old_url)


@pytest.fixture
def start_worker(transactional_db, process_factory, redis_url) -> Callable[..., Process]:
    """start_worker(**env) -> a running `celery worker`, the command from docker-compose.yml."""

    def start(**extra_env: str) -> Process:
        worker = process_factory(
            "worker", compose_command("worker"), process_env(redis_url, **extra_env)
        )
        worker.wait_for_log(" ready.", WORKER_READY_TIMEOUT)
        return worker

    return start


@pytest.fixture
def celery_worker_process(start_worker, live_broker) -> Process:
    """A real worker on the test database and the tests' Redis, this process publishing to it."""
    return start_worker()


def wait_until(predicate: Callable[[], object], timeout: float, interval: float = 0.25) -> bool:
    """Poll until predicate() is truthy; False if the time ran out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return bool(predicate())
