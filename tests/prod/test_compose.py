"""docker-compose.yml, proven without a Docker engine.

The file is validated against the Compose Specification's JSON schema (../shared/compose-spec.json
beside the repository; without it, the keys Desk relies on are checked). Then its web, worker,
beat and migrate commands run exactly as written, against the local PostgreSQL test database and
the tests' Redis database. The only change: the port in gunicorn's `--bind 0.0.0.0:8000`, so
that parallel runs and a developer's own server do not collide.
"""

from __future__ import annotations

import copy
import http.client
import json
import re
import subprocess
import time
import uuid
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import jsonschema
import pytest
import yaml
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse

from desk import services
from desk.models import Notification, Request
from feedback.models import ReportCell, StaleCell
from tests.factories import file_request

from .conftest import (
    COMPOSE_FILE,
    REPO,
    compose_command,
    compose_services,
    free_port,
    process_env,
    wait_until,
)

SCHEMA_FILE = REPO.parent / "shared" / "compose-spec.json"
APP_SERVICES = ("web", "worker", "beat")
BIND = "0.0.0.0:8000"


def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


def check_keys(doc: dict) -> None:
    """What Desk relies on in the compose file (the fallback when the schema is not at hand)."""
    services = doc["services"]
    assert set(services) >= {"web", "worker", "beat", "db", "redis", "migrate"}
    for name in APP_SERVICES:
        service = services[name]
        assert service["restart"] == "unless-stopped", name
        assert service["env_file"] == ".env", name
        assert service["depends_on"]["db"] == {"condition": "service_healthy"}, name
        assert service["depends_on"]["redis"] == {"condition": "service_healthy"}, name
        assert service["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }, name
    assert services["migrate"]["restart"] == "no"
    assert services["migrate"]["depends_on"]["db"] == {"condition": "service_healthy"}
    for name in ("db", "redis"):
        assert services[name]["restart"] == "unless-stopped"
        assert services[name]["healthcheck"]["test"], name
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert "redis-cli ping" in " ".join(services["redis"]["healthcheck"]["test"])
    image, _, version = services["db"]["image"].partition(":")
    assert image == "postgres"
    assert int(version) >= 15
    assert services["redis"]["image"] == "redis:7"
    assert "pgdata:/var/lib/postgresql/data" in services["db"]["volumes"]
    assert "pgdata" in doc["volumes"]


def test_compose_file_is_valid_against_the_compose_specification():
    doc = compose()
    if SCHEMA_FILE.exists():
        schema = json.loads(SCHEMA_FILE.read_text())
        errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(doc)]
        assert errors == []
    check_keys(doc)


def test_the_schema_check_catches_mistakes():
    if not SCHEMA_FILE.exists():
        pytest.skip("no ../shared/compose-spec.json beside the repository")
    schema = json.loads(SCHEMA_FILE.read_text())
    broken = copy.deepcopy(compose())
    broken["services"]["web"]["depends_on"]["db"]["condition"] = "service_happy"
    broken["services"]["worker"]["restat"] = "always"
    assert len(list(jsonschema.Draft7Validator(schema).iter_errors(broken))) >= 2


def test_the_services_run_what_the_issue_asks_for():
    check_keys(compose())
    web = compose_command("web")
    assert web[:2] == ["gunicorn", "desk.wsgi:application"]
    assert web[web.index("--workers") + 1] == "2"
    assert web[web.index("--bind") + 1] == BIND
    assert web[web.index("--access-logfile") + 1] == "-"
    assert compose_command("worker") == [
        "celery", "-A", "desk", "worker", "-l", "info", "--concurrency", "2",
    ]  # fmt: skip
    beat = compose_command("beat")
    assert beat[:6] == ["celery", "-A", "desk", "beat", "-l", "info"]
    assert beat[beat.index("--schedule") + 1].startswith("/tmp/")
    assert compose_command("migrate") == ["python", "manage.py", "migrate", "--noinput"]


def test_every_variable_compose_interpolates_is_in_the_env_example():
    names = set(re.findall(r"\$\{([A-Z_]+)", COMPOSE_FILE.read_text()))
    assert names == {"POSTGRES_PASSWORD"}
    env_example = (REPO / ".env.example").read_text()
    for name in names:
        assert re.search(rf"^{name}=", env_example, re.MULTILINE), name


def test_dockerfile_builds_a_slim_non_root_image_with_static_files():
    dockerfile = (REPO / "Dockerfile").read_text()
    instructions = [line for line in dockerfile.splitlines() if line and not line.startswith("#")]
    assert instructions[0] == "FROM python:3.11-slim"
    [user] = [line.split()[1] for line in instructions if line.startswith("USER ")]
    assert user not in ("root", "0")
    assert "RUN pip install ." in instructions
    # collectstatic at build, with a throwaway key (settings refuse to load without one).
    assert re.search(
        r"RUN SECRET_KEY=\S+ \\\n\s+DEBUG=0 python manage.py collectstatic", dockerfile
    )
    assert "EXPOSE 8000" in instructions
    assert (
        "whitenoise.middleware.WhiteNoiseMiddleware" in (REPO / "desk" / "settings.py").read_text()
    )
    ignored = (REPO / ".dockerignore").read_text().splitlines()
    assert {".env", ".venv", ".git", "db.sqlite3*"} <= set(ignored)


# --- the commands, as written, against real services ----------------------------------------------


class Browser:
    """A browser behind a TLS-terminating proxy: X-Forwarded-Proto https, cookies, CSRF."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict | None = None, headers: dict | None = None
    ) -> tuple[int, http.client.HTTPResponse, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        sent = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Origin": self.origin,
            "Referer": self.origin + path,
            **(headers or {}),
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            text = response.read().decode()
        finally:
            conn.close()
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, response, text

    def csrf_token(self, path: str) -> str:
        status, _, text = self.request("GET", path)
        assert status == 200, (path, status)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text).group(1)

    def post_form(self, page: str, headers: dict | None = None, path: str = "", **fields: str):
        """Fill in the form on `page` and post it (to `path` when the form posts elsewhere)."""
        form = {"csrfmiddlewaretoken": self.csrf_token(page), **fields}
        return self.request("POST", path or page, form=form, headers=headers)


def http_get(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode()
    except OSError:
        return 0, ""
    finally:
        conn.close()


@pytest.mark.redis
@pytest.mark.postgres
def test_the_compose_commands_run_desk(
    transactional_db, process_factory, redis_url, requester, agent_a, service_a, password
):
    started = time.monotonic()
    # A request the agent works on: the requester's reply will notify the agent by email.
    assigned = file_request(requester, service_a, title="VPN drops every hour")
    services.request_take(request=assigned, actor=agent_a)
    StaleCell.objects.all().delete()  # reports made so far ran in-process; start clean
    # The web process uses the production settings' hasher, not the tests' fast MD5 one.
    hasher = PBKDF2PasswordHasher()
    requester.password = hasher.encode(password, hasher.salt())
    requester.save(update_fields=["password"])

    env = process_env(redis_url, DESK_TEST_TASKS="0")
    migrate = subprocess.run(
        compose_command("migrate"), cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr

    port = free_port()
    web_command = [
        part.replace(BIND, f"0.0.0.0:{port}") if part == BIND else part
        for part in compose_command("web")
    ]
    web = process_factory("web", web_command, env)
    worker = process_factory("worker", compose_command("worker"), env)
    beat = process_factory("beat", compose_command("beat"), env)

    assert wait_until(lambda: http_get(port, "/healthz") == (200, "ok"), timeout=30), web.log()
    # The compose healthcheck itself, on our port.
    healthcheck = [
        part.replace(":8000/", f":{port}/")
        for part in compose_services()["web"]["healthcheck"]["test"][1:]
    ]
    assert subprocess.run(healthcheck, env=env, timeout=20).returncode == 0
    status, body = http_get(port, "/readyz")
    assert (status, json.loads(body)) == (200, {"status": "ok"}), body
    worker.wait_for_log(" ready.", 30)

    # A person logs in through the real form, with CSRF and a session cookie.
    browser = Browser(port)
    status, response, _ = browser.post_form(
        reverse("login"), username=requester.email, password=password
    )
    assert status == 302, response.msg
    assert "sessionid" in browser.cookies
    status, response, page = browser.request("GET", reverse("desk:catalog"))
    assert status == 200
    assert "script-src 'self'" in response.msg["Content-Security-Policy"]
    assert response.msg["Strict-Transport-Security"].startswith("max-age=")

    # Files a request through the form: the report cells become stale and a worker updates them.
    new_path = reverse("desk:request-new", args=[service_a.department.slug, service_a.slug])
    status, response, _ = browser.post_form(
        new_path, title="Keyboard missing keys", description="The E key is gone.", priority="2"
    )
    assert status == 302, response.msg
    filed = Request.objects.get(title="Keyboard missing keys")
    assert response.msg["Location"] == filed.get_absolute_url()

    # Replies on the assigned request: the agent's email is sent by the worker.
    request_id = f"compose-{uuid.uuid4().hex[:12]}"
    comment_path = reverse("desk:request-comment", args=[assigned.department.code, assigned.number])
    status, response, _ = browser.post_form(
        assigned.get_absolute_url(),
        headers={"X-Request-ID": request_id},
        path=comment_path,
        body="It dropped again at noon.",
    )
    assert status == 302, response.msg
    assert response.msg["X-Request-ID"] == request_id
    notification = Notification.objects.get(request=assigned, recipient=agent_a)

    def worker_did_it() -> bool:
        notification.refresh_from_db()
        cell = ReportCell.objects.filter(
            department_id=service_a.department_id, period_kind="month", service__isnull=True,
            client_type="",
        ).first()  # fmt: skip
        return (
            notification.emailed_at is not None
            and not StaleCell.objects.exists()
            and cell is not None
            and cell.filed == 2
        )

    assert wait_until(worker_did_it, timeout=20), worker.log()[-4000:]
    worker_log = worker.log()
    assert "desk.tasks.send_notification_email" in worker_log
    assert "feedback.tasks.recompute_stale_cells" in worker_log
    # The request's id travelled with its task into the worker's log line.
    assert re.search(
        rf"\[{request_id}\] task desk.tasks.send_notification_email .* SUCCESS", worker_log
    )
    # The access log (gunicorn) and Desk's own line per request.
    assert f'"POST {comment_path} HTTP/1.1" 302' in web.log()
    assert f"[{request_id}] POST {comment_path} 302" in web.log()

    # PostgreSQL restarts: every connection web and worker hold is cut. With CONN_HEALTH_CHECKS
    # they notice at their next request or task and reconnect by themselves.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    for _ in range(4):  # more than gunicorn's two processes
        status, _, _ = browser.request("GET", reverse("desk:catalog"))
        assert status == 200
    status, body = http_get(port, "/readyz")
    assert status == 200, body
    status, response, _ = browser.post_form(
        assigned.get_absolute_url(), path=comment_path, body="Still dropping."
    )
    assert status == 302, response.msg
    again = Notification.objects.filter(request=assigned, recipient=agent_a).latest("pk")
    assert again.pk != notification.pk
    assert wait_until(
        lambda: Notification.objects.filter(pk=again.pk, emailed_at__isnull=False).exists(),
        timeout=20,
    ), worker.log()[-4000:]

    # Beat started and is still up.
    beat.wait_for_log("beat: Starting...", 20)
    assert wait_until(lambda: time.monotonic() - started > 3, timeout=5)
    assert beat.alive(), beat.log()
    assert web.alive()
    assert worker.alive()
    assert time.monotonic() - started < 60


# --- Redis: the broker never evicts, the cache is a separate capped instance (issue 12, point 4) --


def redis_options(service: str) -> dict[str, str]:
    command = compose_command(service)
    assert command[0] == "redis-server"
    args = command[1:]
    return {args[i].lstrip("-"): args[i + 1] for i in range(0, len(args), 2)}


def test_the_broker_never_evicts_and_the_cache_is_capped_apart_from_it():
    doc = compose()
    broker, cache = redis_options("redis"), redis_options("cache")
    assert broker["maxmemory-policy"] == "noeviction"
    assert "maxmemory" not in broker
    assert cache["maxmemory"].endswith("mb")
    assert cache["maxmemory-policy"] in ("allkeys-lru", "allkeys-lfu")
    env = doc["x-app"]["environment"]
    assert env["REDIS_URL"].startswith("redis://redis:")
    assert env["CACHE_REDIS_URL"].startswith("redis://cache:")
    for name in APP_SERVICES:
        assert doc["services"][name]["depends_on"]["cache"] == {"condition": "service_healthy"}
    assert "redis-cli ping" in " ".join(doc["services"]["cache"]["healthcheck"]["test"])


@pytest.mark.redis
@pytest.mark.parametrize("service", ["redis", "cache"])
def test_the_redis_commands_run_as_written(tmp_path, process_factory, service):
    import redis

    port = free_port()
    command = [*compose_command(service), "--port", str(port), "--dir", str(tmp_path)]
    server = process_factory(service, command, {"PATH": "/usr/bin:/bin"})
    client = redis.Redis(port=port, socket_connect_timeout=1)
    assert wait_until(lambda: _pings(client), timeout=10), server.log()
    options = redis_options(service)
    assert client.config_get("maxmemory-policy")["maxmemory-policy"] == options["maxmemory-policy"]
    if service == "cache":
        assert int(client.config_get("maxmemory")["maxmemory"]) == 256 * 1024 * 1024
    else:
        assert client.config_get("maxmemory")["maxmemory"] == "0"
    client.close()


def _pings(client) -> bool:
    import redis

    try:
        return client.ping()
    except redis.ConnectionError:
        return False


def test_the_cache_url_defaults_to_the_brokers_next_database():
    from desk.settings import next_redis_database

    assert next_redis_database("redis://redis:6379/0") == "redis://redis:6379/1"
    assert next_redis_database("redis://:pw@host:6380/3") == "redis://:pw@host:6380/4"
    assert next_redis_database("redis://host") == "redis://host/1"
