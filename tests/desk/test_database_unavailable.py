"""A request whose database connection is cut answers 503 "try again", never a 500.

The connection is cut for real: another connection terminates the test's PostgreSQL backend
(pg_terminate_backend) just before the request, as a database restart or failover would.
"""

from __future__ import annotations

import psycopg
import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from desk.models import Request, Status
from desk.views.errors import server_error_or_unavailable

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def cut_connection():
    """Terminate the PostgreSQL backend behind Django's connection in this thread."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.fixture
def browser(agent_a):
    client = Client(raise_request_exception=False)
    client.force_login(agent_a)
    return client


def test_a_page_answers_503_with_retry_after(browser):
    cut_connection()

    response = browser.get(reverse("desk:my-requests"))

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert b"Try again in a moment" in response.content
    assert b"Nothing was saved" in response.content


def test_the_next_request_works_again(browser):
    cut_connection()
    assert browser.get(reverse("desk:my-requests")).status_code == 503

    assert browser.get(reverse("desk:my-requests")).status_code == 200


def test_an_action_cut_off_changes_nothing(browser, desk_request):
    url = reverse("desk:request-take", args=[desk_request.department.code, desk_request.number])
    cut_connection()

    response = browser.post(url)

    assert response.status_code == 503
    desk_request = Request.objects.get(pk=desk_request.pk)
    assert (desk_request.status, desk_request.assignee_id) == (Status.NEW, None)


def test_htmx_gets_a_message_for_the_page_message_area(browser):
    cut_connection()

    response = browser.get(reverse("desk:my-requests"), headers={"HX-Request": "true"})

    assert response.status_code == 503
    assert response["HX-Retarget"] == "#messages"
    assert response["HX-Reswap"] == "innerHTML"
    assert b'class="message message--error"' in response.content
    assert b"<html" not in response.content


def test_the_page_is_polish_for_a_polish_browser(agent_a):
    client = Client(raise_request_exception=False, headers={"Accept-Language": "pl"})
    client.force_login(agent_a)
    cut_connection()

    response = client.get(reverse("desk:my-requests"))

    assert response.status_code == 503
    assert "Spróbuj ponownie".encode() in response.content


def test_other_errors_keep_the_500_page(rf):
    try:
        raise RuntimeError("a bug, not the database")
    except RuntimeError:
        response = server_error_or_unavailable(rf.get("/"))

    assert response.status_code == 500
    assert not response.has_header("Retry-After")
