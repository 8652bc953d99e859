"""Production settings: `check --deploy` clean, no start without a key, a CSP the pages satisfy."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.factories import file_request

from .conftest import REPO

pytestmark = pytest.mark.django_db

SETTINGS_FILE = REPO / "desk" / "settings.py"
# env("NAME", ...), envbool("NAME", ...), envint(...), envlist(...): every variable Desk reads.
ENV_READ = re.compile(r"\benv(?:bool|int|list)?\(\s*\"([A-Z][A-Z0-9_]*)\"")


def run_django(args: list[str], **env: str) -> subprocess.CompletedProcess:
    """Run manage.py with desk.settings (not the test settings) and exactly these variables."""
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTEST", "DJANGO_", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"))
    }
    base.update(DJANGO_SETTINGS_MODULE="desk.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_django(
        ["check", "--deploy"],
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="desk.example.com",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)" in output
    assert "WARNINGS" not in output


def test_settings_refuse_to_start_without_a_secret_key_when_debug_is_off():
    result = run_django(["check"], DEBUG="0", ALLOWED_HOSTS="desk.example.com")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_secret_key_can_come_from_a_file(tmp_path):
    key_file = tmp_path / "secret_key"
    key_file.write_text(secrets.token_urlsafe(60) + "\n")
    result = run_django(
        ["check", "--deploy"],
        DEBUG="0",
        SECRET_KEY_FILE=str(key_file),
        ALLOWED_HOSTS="desk.example.com",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_local_development_needs_no_key_and_no_https():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.DEBUG)"
    )
    result = run_django(["shell", "-c", code], DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["False", "0", "False", "True"]


def test_every_variable_settings_read_is_documented():
    names = set(ENV_READ.findall(SETTINGS_FILE.read_text()))
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "LOG_FORMAT"} <= names
    env_example = (REPO / ".env.example").read_text()
    deploying = (REPO / "README.md").read_text()
    assert [n for n in sorted(names) if not re.search(rf"\b{n}=", env_example)] == []
    assert [n for n in sorted(names) if f"`{n}`" not in deploying] == []


# --- Security headers and the Content-Security-Policy ------------------------------------------


def test_pages_carry_the_security_headers(client):
    response = client.get(reverse("login"), secure=True)
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    csp = dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'"
    assert csp["style-src"] == "'self'"
    assert csp["img-src"] == "'self' data:"
    assert csp["frame-ancestors"] == "'none'"
    assert "unsafe" not in csp["script-src"] + csp["style-src"]


class PageAudit(HTMLParser):
    """Finds what the policy would block: inline scripts, <style> elements, event handler
    attributes, javascript: URLs, and scripts or styles from elsewhere. Collects links."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.links: list[str] = []
        self.htmx_config = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler attribute")
            if value and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            src = attributes.get("src")
            kind = (attributes.get("type") or "").lower()
            if not src and kind not in ("application/json", "application/ld+json"):
                self.problems.append("inline <script>")
            if src and urlsplit(src).netloc:
                self.problems.append(f"script from elsewhere: {src}")
        if tag == "style":
            self.problems.append("<style> element")
        href = attributes.get("href") or ""
        if (
            tag == "link"
            and "stylesheet" in (attributes.get("rel") or "")
            and urlsplit(href).netloc
        ):
            self.problems.append(f"stylesheet from elsewhere: {href}")
        if tag == "meta" and attributes.get("name") == "htmx-config":
            self.htmx_config = attributes.get("content") or ""
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])


def audit(content: bytes) -> PageAudit:
    parser = PageAudit()
    parser.feed(content.decode())
    return parser


def crawl(client, start: list[str], limit: int = 60) -> dict[str, PageAudit]:
    """Follow same-site links from the start pages (GET only, never the admin or logout)."""
    seen: dict[str, PageAudit] = {}
    queue = list(start)
    while queue and len(seen) < limit:
        path = queue.pop(0).split("#")[0]
        if not path or path in seen or urlsplit(path).netloc or not path.startswith("/"):
            continue
        if path.startswith(("/admin/", "/logout", "/i18n/", "/static/", "/media/")):
            continue
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        if response.get("Content-Disposition"):
            continue  # a download
        page = audit(response.content)
        seen[path] = page
        queue.extend(page.links)
    return seen


def test_login_page_satisfies_the_policy(client):
    page = audit(client.get(reverse("login")).content)
    assert page.problems == []
    # htmx is told not to inject its indicator <style> nor to eval, both forbidden by the CSP.
    assert '"includeIndicatorStyles":false' in page.htmx_config
    assert '"allowEval":false' in page.htmx_config


def test_every_page_reachable_satisfies_the_policy(
    client, requester, head_a, agent_a, service_a, service_b
):
    desk_request = file_request(requester, service_a, title="Printer jam")
    file_request(requester, service_b, title="Payslip")
    pages: dict[str, PageAudit] = {}
    for person in (requester, head_a):
        client.force_login(person)
        pages.update(crawl(client, [reverse("desk:home"), desk_request.get_absolute_url()]))
    assert desk_request.get_absolute_url() in pages
    assert len(pages) >= 4, sorted(pages)
    problems = {path: page.problems for path, page in pages.items() if page.problems}
    assert problems == {}


def test_admin_pages_satisfy_the_policy(client, admin_user, service_a):
    client.force_login(admin_user)
    for path in (reverse("admin:index"), reverse("admin:departments_service_changelist")):
        response = client.get(path)
        assert response.status_code == 200
        assert audit(response.content).problems == [], path


@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_error_pages_satisfy_the_policy(status):
    from django.template.loader import render_to_string

    page = audit(render_to_string(f"{status}.html").encode())
    assert page.problems == []


def test_server_error_page_needs_no_database(rf, django_assert_num_queries):
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content


def test_not_found_page_is_in_the_apps_look(login, requester):
    response = login(requester).get("/no-such-page/")
    assert response.status_code == 404
    assert b"We cannot find that page" in response.content
    assert b'class="topbar"' in response.content
