"""The API over real HTTP: Desk served by pytest-django's live server, called with urllib as
another system would (headers, JSON bodies, status codes, Retry-After on the wire)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from api import tokens
from desk.models import Request, Status

pytestmark = pytest.mark.django_db(transaction=True)


def call(live_server, path: str, token: str | None = None, body: dict | None = None):
    """(status, headers, parsed JSON or text) of one HTTP call."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{live_server.url}{path}", data=data)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            status, headers, raw = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, raw = error.code, error.headers, error.read()
    text = raw.decode()
    if headers.get("Content-Type", "").startswith("application/json"):
        return status, headers, json.loads(text)
    return status, headers, text


def test_a_system_files_and_follows_a_request(live_server, requester, agent_a, service_a):
    mine = tokens.token_create(user=requester, name="HR system", scope="write")[1]
    staff = tokens.token_create(user=agent_a, name="Chat bot", scope="write")[1]

    status, _headers, filed = call(
        live_server,
        "/api/v1/requests",
        mine,
        {"service_id": service_a.pk, "title": "Laptop for Ann", "description": "Starts Monday"},
    )
    assert status == 201, filed
    reference = filed["reference"]
    assert Request.objects.get().title == "Laptop for Ann"

    status, _headers, _event = call(
        live_server, f"/api/v1/requests/{reference}/comments", staff, {"body": "On it"}
    )
    assert status == 201
    status, _headers, moved = call(
        live_server,
        f"/api/v1/requests/{reference}/status",
        staff,
        {"status": "resolved", "expected_status": "new"},
    )
    assert (status, moved["status"]) == (200, "resolved")

    status, _headers, listed = call(live_server, "/api/v1/requests?status=resolved", mine)
    assert (status, [item["reference"] for item in listed["items"]]) == (200, [reference])
    status, _headers, closed = call(
        live_server, f"/api/v1/requests/{reference}/status", mine, {"status": "closed"}
    )
    assert (status, closed["status"]) == (200, "closed")
    assert Request.objects.get().status == Status.CLOSED


def test_others_get_404_and_strangers_401(live_server, desk_request, agent_b):
    other = tokens.token_create(user=agent_b, name="x", scope="read")[1]
    status, _headers, body = call(live_server, f"/api/v1/requests/{desk_request.reference}", other)
    assert status == 404
    assert "Laptop" not in json.dumps(body)
    status, headers, _body = call(live_server, "/api/v1/requests")
    assert status == 401
    assert headers["WWW-Authenticate"].startswith("Bearer")


def test_rate_limit_on_the_wire(live_server, requester, settings):
    settings.DESK_API_RATE_LIMIT = 2
    raw = tokens.token_create(user=requester, name="x", scope="read")[1]
    statuses = [call(live_server, "/api/v1/me", raw)[0] for _ in range(3)]
    assert statuses == [200, 200, 429]
    status, headers, body = call(live_server, "/api/v1/me", raw)
    assert status == 429
    assert int(headers["Retry-After"]) >= 1
    assert body["detail"]


def test_the_openapi_document_and_the_docs_page(live_server):
    status, _headers, schema = call(live_server, "/api/v1/openapi.json")
    assert status == 200
    assert schema["info"]["title"] == "Desk API"
    assert {"/api/v1/requests", "/api/v1/requests/{reference}/status", "/api/v1/catalog"} <= set(
        schema["paths"]
    )
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    status, headers, page = call(live_server, "/api/v1/docs")
    assert status == 200
    # Everything the docs page loads is Desk's own: no CDN (there is no internet), and the
    # page's Content-Security-Policy allows nothing else.
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    status, _headers, _js = call(live_server, "/static/ninja/swagger-ui-bundle.js")
    assert status == 200
