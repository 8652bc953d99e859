from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from desk.views import health

from .conftest import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_migration_cache(monkeypatch):
    # The positive migration answer is kept per process; each test starts without it.
    monkeypatch.setattr(health, "_migrations_ok", False)


@pytest.fixture
def no_broker(settings):
    settings.CELERY_BROKER_URL = "memory://"


def test_healthz_says_ok_without_database_or_cookies(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_any_host_over_plain_http(client, settings):
    # Load balancers probe by IP address and without TLS.
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["desk.example.com"]
    response = client.get("/healthz", HTTP_HOST="10.1.2.3:8000")
    assert response.status_code == 200
    assert client.get("/readyz", HTTP_HOST="10.1.2.3:8000").status_code in (200, 503)
    # Any other page still refuses an unknown host.
    assert client.get(reverse("login"), HTTP_HOST="10.1.2.3:8000").status_code == 400


def test_healthz_needs_no_login(client):
    assert client.get("/healthz").status_code == 200


def test_health_urls_are_named():
    assert reverse("healthz") == "/healthz"
    assert reverse("readyz") == "/readyz"


def test_healthz_rejects_post(client):
    assert client.post("/healthz").status_code == 405
    assert client.post("/readyz").status_code == 405


def test_healthz_answers_head(client):
    assert client.head("/healthz").status_code == 200


def test_readyz_is_ok_when_database_and_migrations_are(client, no_broker):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert not response.cookies


def test_readyz_keeps_the_migration_answer(client, no_broker, django_assert_max_num_queries):
    client.get("/readyz")
    # Once migrations are known to be applied, a probe costs only SELECT 1.
    with django_assert_max_num_queries(1):
        assert client.get("/readyz").status_code == 200


def test_readyz_is_503_when_the_database_is_unreachable(client, no_broker):
    # The driver is outside Desk: make every new cursor fail as a dead server would.
    with mock.patch.object(
        BaseDatabaseWrapper, "cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/readyz")
    assert response.status_code == 503
    # Only the name of what fails: no error text, no host names.
    assert response.json() == {"status": "unavailable", "failing": ["database"]}


def test_readyz_is_503_when_migrations_are_missing(client, no_broker):
    with mock.patch.object(MigrationExecutor, "migration_plan", return_value=[("x", False)]):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failing": ["migrations"]}
    # A negative answer is not kept: once migrated, the next probe passes.
    assert client.get("/readyz").status_code == 200


def test_readyz_is_503_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "failing": ["broker"]}


def test_readyz_names_every_failing_check(client, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"
    with mock.patch.object(
        BaseDatabaseWrapper, "cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/readyz")
    assert response.json() == {"status": "unavailable", "failing": ["database", "broker"]}


@pytest.mark.redis
def test_readyz_checks_the_real_broker(client, settings, redis_url):
    settings.CELERY_BROKER_URL = redis_url
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
