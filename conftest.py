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


def pytest_collection_modifyitems(config, items):
    """Tests that need PostgreSQL or Redis fail in CI instead of skipping."""
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    has_redis = bool(os.environ.get("REDIS_URL"))
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            if IN_CI:
                item.add_marker(
                    pytest.mark.xfail(reason="CI must run on PostgreSQL", strict=True, run=False)
                )
            else:
                item.add_marker(pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL"))
        if "redis" in item.keywords and not has_redis:
            if IN_CI:
                item.add_marker(
                    pytest.mark.xfail(reason="CI must run with Redis", strict=True, run=False)
                )
            else:
                item.add_marker(pytest.mark.skip(reason="needs Redis: set REDIS_URL"))


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
