"""API tests: tokens for the standard people, and a client that sends them."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from api import tokens
from api.models import TokenScope


@pytest.fixture(autouse=True)
def _fresh_rate_counters():
    # The rate limit counts in the cache, which outlives a test (and its rolled-back ids).
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def token_for(db):
    """token_for(person, scope="write") -> the raw token."""

    def _make(person, scope: str = TokenScope.WRITE, days: int = 30) -> str:
        return tokens.token_create(user=person, name="tests", scope=scope, days=days)[1]

    return _make


@pytest.fixture
def api(client, token_for):
    """api(person, scope) -> a test client that sends that person's token on every call."""

    class Caller:
        def __init__(self, raw: str):
            self.headers = {"Authorization": f"Bearer {raw}"}

        def get(self, path: str, **params):
            return client.get(f"/api/v1{path}", params, headers=self.headers)

        def post(self, path: str, body: dict):
            return client.post(
                f"/api/v1{path}", body, content_type="application/json", headers=self.headers
            )

    def _as(person, scope: str = TokenScope.WRITE) -> Caller:
        return Caller(token_for(person, scope))

    return _as
