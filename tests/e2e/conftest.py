"""The browser tests' harness: Desk on a free local port, Debian's Chromium, a small company.

pytest-django's `live_server` runs Desk in a thread against the test database (so every e2e
test uses `transactional_db`: rows must be committed for the server thread to see them, and the
tables are flushed after each test). pytest-playwright drives Chromium through the fixtures
overridden here. Each person gets their own browser context (own cookies), logged in through the
real login form.

In this setting Celery tasks run eagerly inside the live server (test settings:
CELERY_TASK_ALWAYS_EAGER), so "after the worker runs" means "after the request that enqueued
the task returned". The real-worker path is covered by tests/prod.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import translation

from tests.e2e.helpers import ARTIFACTS, LOCALES, SIZES, TIMEOUT_MS, Inspector

# Playwright's sync API keeps an asyncio event loop running in the main thread from the first
# browser test until the end of the session. Django refuses ORM calls from a thread with a running
# loop (SynchronousOnlyOperation), although here the loop never runs Django code: the fixtures and
# assertions that read the database are plain synchronous code. Set at import, before any test,
# because the flag must also cover the tests that run after these ones in the same session.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("DESK_CHROMIUM", "/usr/bin/chromium"))
IN_CI = bool(os.environ.get("CI"))
# Without the background-networking flags Chromium keeps calling home, which floods the closed
# network here with errors and slows every page down.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not CHROMIUM.exists():
        message = f"the browser tests need Chromium at {CHROMIUM} (apt-get install -y chromium)"
        if IN_CI:
            pytest.fail(f"CI must run the browser tests: {message}")
        pytest.skip(message)
    return str(CHROMIUM)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, chromium_path):
    """pytest-playwright's launch options, pointed at Debian's Chromium."""
    return {**browser_type_launch_args, "executable_path": chromium_path, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    """pytest-playwright resolves page.goto("/path") against this."""
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, base_url):
    return {**browser_context_args, "base_url": base_url, "viewport": SIZES["desktop"]}


@pytest.fixture(scope="session", autouse=True)
def _fresh_pictures() -> None:
    # Fresh pictures each run, so a removed journey or a fixed failure leaves nothing stale.
    for name in ("screenshots", "failures"):
        shutil.rmtree(ARTIFACTS / name, ignore_errors=True)
    (ARTIFACTS / "screenshots").mkdir(parents=True)


@pytest.fixture
def lang() -> str:
    """The UI language of the journeys: the browser asks for it, Desk follows. English unless
    DESK_E2E_LANG says otherwise (e.g. pl); parametrize a test with `lang` to run it in several."""
    return os.environ.get("DESK_E2E_LANG", "en")


@pytest.fixture
def t(lang) -> Callable[[object], str]:
    """What the page shows in the journey's language: Desk's own words, t("My requests"), or a
    catalog object's name, t(service) (its Polish name on Polish pages)."""

    def _t(message) -> str:
        with translation.override(lang):
            if hasattr(message, "localized_name"):
                return message.localized_name
            if hasattr(message, "localized_title"):  # a help article
                return message.localized_title
            if hasattr(message, "localized_label"):  # a service's extra question
                return message.localized_label
            return translation.gettext(message)

    return _t


@dataclass
class Company:
    """The demo company's organisation (departments, services, people), without requests."""

    org: object  # demo.parts.organisation.Organisation
    anchor: object

    @property
    def it(self):
        return self.org.departments["IT"]

    @property
    def it_head(self):
        return self.org.heads["IT"][0]

    @property
    def it_agent(self):
        return self.org.agents["IT"][0]

    @property
    def it_agent2(self):
        return self.org.agents["IT"][1]

    def clients(self, client_type: str = "operational") -> list:
        """Employees of other departments who serve on no team: pure internal clients."""
        staff = {
            p.pk for team in (*self.org.heads.values(), *self.org.agents.values()) for p in team
        }
        return [
            person
            for person in self.org.people.values()
            if person.pk not in staff
            and person.client_type == client_type
            and person.department.code != "IT"
        ]

    def service(self, code: str, slug: str):
        return next(s for s in self.org.services if s.department.code == code and s.slug == slug)

    def fields(self, service) -> list:
        return self.org.fields.get(service.pk, [])


@pytest.fixture
def company(transactional_db) -> Company:
    """The demo company's organisation: realistic names and services, built in about 0.1 s."""
    from demo.common import demo_anchor
    from demo.parts.organisation import build_organisation

    anchor = demo_anchor()
    org = build_organisation(anchor=anchor, rng=random.Random("e2e"))
    return Company(org=org, anchor=anchor)


@pytest.fixture
def demo_password() -> str:
    from demo.common import PASSWORD

    return PASSWORD


@pytest.fixture
def inspector(request, lang) -> Inspector:
    """Looks at pages: axe-core, console errors, screenshots in both sizes."""
    return Inspector(journey=request.node.originalname.removeprefix("test_"), lang=lang)


@pytest.fixture
def browser_as(request, new_context, lang, t, demo_password, inspector) -> Iterator[Callable]:
    """browser_as(person) -> a Page in the person's own browser, logged in by the login form."""

    def _open(person, password: str | None = None):
        context = new_context(locale=LOCALES[lang])
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        inspector.watch(page)
        page.goto("/login/")
        page.get_by_label(t("Email")).fill(person.email)
        page.get_by_label(t("Password")).fill(password or demo_password)
        page.get_by_role("button", name=t("Log in")).click()
        page.wait_for_url(lambda url: "/login/" not in url)
        return page

    yield _open
    # Runs before pytest-playwright closes the contexts, so the pages can still be pictured.
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        inspector.failure_pictures(request.node.name)
    else:
        inspector.assert_console_clean()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test, so a failed journey can leave a picture behind.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
