"""Standard people and places for every test, named as the team talks about them.

Department A (IT) has a head and an agent; department B (HR) has an agent. Requesters of each
client type belong to neither team. An admin and an outsider complete the cast.
"""

from __future__ import annotations

import os

import pytest

from departments.models import ClientType, Role
from tests.factories import (
    PASSWORD,
    DepartmentFactory,
    EmployeeFactory,
    MembershipFactory,
    ServiceFactory,
    file_request,
)

IN_CI = bool(os.environ.get("CI"))


def _missing_service(item) -> str:
    """What a test needs and this run lacks: "" when it can run."""
    from django.conf import settings

    if "postgres" in item.keywords and not settings.DATABASES["default"]["ENGINE"].endswith(
        "postgresql"
    ):
        return "PostgreSQL (set DATABASE_URL)"
    if "redis" in item.keywords and not os.environ.get("REDIS_URL"):
        return "Redis (set REDIS_URL)"
    return ""


def pytest_runtest_setup(item):
    """Tests that need PostgreSQL or Redis skip on a laptop without them, and fail in CI."""
    missing = _missing_service(item)
    if missing and IN_CI:
        pytest.fail(f"CI must provide {missing}", pytrace=False)
    if missing:
        pytest.skip(f"needs {missing}")


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def dept_a(db):
    return DepartmentFactory(name="IT", slug="it", code="IT")


@pytest.fixture
def dept_b(db):
    return DepartmentFactory(name="HR", slug="hr", code="HR")


@pytest.fixture
def service_a(dept_a):
    return ServiceFactory(department=dept_a, name="New laptop", slug="new-laptop", target_hours=16)


@pytest.fixture
def service_a2(dept_a):
    return ServiceFactory(department=dept_a, name="VPN access", slug="vpn-access", target_hours=4)


@pytest.fixture
def service_b(dept_b):
    return ServiceFactory(
        department=dept_b, name="Payslip question", slug="payslip", target_hours=8
    )


@pytest.fixture
def requester(db):
    """An operational internal client (e.g. HR relying on IT)."""
    return EmployeeFactory(
        email="olga@example.com", full_name="Olga Operational", client_type=ClientType.OPERATIONAL
    )


@pytest.fixture
def business_requester(db):
    return EmployeeFactory(
        email="bob@example.com", full_name="Bob Business", client_type=ClientType.BUSINESS
    )


@pytest.fixture
def executive(db):
    return EmployeeFactory(
        email="eve@example.com", full_name="Eve Executive", client_type=ClientType.EXECUTIVE
    )


@pytest.fixture
def agent_a(dept_a):
    person = EmployeeFactory(email="alice@example.com", full_name="Alice Agent")
    MembershipFactory(department=dept_a, employee=person, role=Role.AGENT)
    return person


@pytest.fixture
def agent_a2(dept_a):
    person = EmployeeFactory(email="adam@example.com", full_name="Adam Agent")
    MembershipFactory(department=dept_a, employee=person, role=Role.AGENT)
    return person


@pytest.fixture
def head_a(dept_a):
    person = EmployeeFactory(email="helen@example.com", full_name="Helen Head")
    MembershipFactory(department=dept_a, employee=person, role=Role.HEAD)
    return person


@pytest.fixture
def agent_b(dept_b):
    person = EmployeeFactory(email="bert@example.com", full_name="Bert B-Agent")
    MembershipFactory(department=dept_b, employee=person, role=Role.AGENT)
    return person


@pytest.fixture
def admin_user(db):
    return EmployeeFactory(
        email="admin@example.com", full_name="Ada Admin", is_staff=True, is_superuser=True
    )


@pytest.fixture
def outsider(db):
    return EmployeeFactory(email="oscar@example.com", full_name="Oscar Outsider")


@pytest.fixture
def desk_request(requester, service_a):
    """A new request by the operational requester to department A."""
    return file_request(requester, service_a, title="Laptop for new hire")


@pytest.fixture
def login(client):
    """Log a person in on the test client: login(person) -> client."""

    def _login(person):
        client.force_login(person)
        return client

    return _login


@pytest.fixture
def exchanges(monkeypatch) -> list[int]:
    """How many statements went to the database in each exchange of desk.together, in order."""
    from desk import together

    counted: list[int] = []
    execute = together._execute

    def counting(statements, using):
        counted.append(len(statements))
        return execute(statements, using)

    monkeypatch.setattr(together, "_execute", counting)
    return counted


@pytest.fixture(autouse=True)
def _empty_cache():
    """Counters kept in the cache (password-reset limits, page generations) start at zero."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request answered in Polish (LocaleMiddleware,
    a profile's language) leaves Polish active in the thread, and the next test's messages would
    come back in Polish."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True, scope="session")
def _jinja2_templates_tell_the_test_client():
    """The test client's response.context comes from Django's templates, which Django instruments
    for tests (setup_test_environment); the Jinja2 ones (the request and queue pages) say what
    they rendered the same way."""
    from django.template.backends import jinja2 as backend
    from django.test.signals import template_rendered

    original = backend.Template.render

    def render(self, context=None, request=None):
        template_rendered.send(sender=self, template=self, context=context or {})
        return original(self, context, request)

    backend.Template.render = render
    yield
    backend.Template.render = original
