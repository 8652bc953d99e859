"""Logging in through a real OpenID Connect provider: first login, later logins, refusals, logout."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.messages import get_messages
from django.urls import reverse

from departments.models import ClientType, Employee
from sso.models import Identity
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def sso_login(client, provider, sub: str, next_url: str = ""):
    """Click "Log in with single sign-on", approve at the provider, come back to Desk."""
    start = reverse("sso:login") + (f"?next={next_url}" if next_url else "")
    response = client.get(start)
    assert response.status_code == 302
    assert response.url.startswith(provider.url)
    back = provider.authorize(response.url, sub)
    parts = urlsplit(back)
    assert parts.path == reverse("sso:callback")
    return client.get(f"{parts.path}?{parts.query}")


def logged_in_as(client) -> Employee | None:
    pk = client.session.get(SESSION_KEY)
    return Employee.objects.get(pk=pk) if pk else None


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_first_login_creates_the_employee_from_the_claims(client, sso, dept_a):
    sso.set_user(
        "u-1001",
        email="Nina.New@Example.com",
        email_verified=True,
        name="Nina New",
        department="it",
        desk_client_type="business",
    )
    response = sso_login(client, sso, "u-1001")
    assert response.status_code == 302
    assert response.url == reverse("desk:home")
    nina = logged_in_as(client)
    assert nina is not None
    assert (nina.email, nina.full_name, nina.department, nina.client_type) == (
        "nina.new@example.com",
        "Nina New",
        dept_a,
        ClientType.BUSINESS,
    )
    assert not nina.has_usable_password()
    identity = Identity.objects.get(employee=nina)
    assert (identity.issuer, identity.subject) == (sso.url, "u-1001")
    assert client.get(reverse("desk:my-requests")).status_code == 200


def test_unknown_department_and_client_type_claims_leave_the_defaults(client, sso, dept_a):
    sso.set_user(
        "u-1002", email="sam@example.com", email_verified=True, given_name="Sam", family_name="Soto",
        department=["Nowhere", "IT"], desk_client_type="galactic",
    )  # fmt: skip
    sso_login(client, sso, "u-1002")
    sam = logged_in_as(client)
    assert sam.full_name == "Sam Soto"
    assert sam.department is None  # only the first value of a list claim counts
    assert sam.client_type == ClientType.OPERATIONAL


def test_a_later_login_updates_name_and_email_but_not_what_admins_set(client, sso, dept_a, dept_b):
    sso.set_user("u-1003", email="kim@example.com", email_verified=True, name="Kim Old",
                 department="IT")  # fmt: skip
    sso_login(client, sso, "u-1003")
    kim = logged_in_as(client)
    kim.department = dept_b  # an admin moved Kim to HR in Desk
    kim.save()
    client.post(reverse("logout"))

    sso.set_user("u-1003", email="kim.new@example.com", email_verified=True, name="Kim New",
                 department="IT")  # fmt: skip
    sso_login(client, sso, "u-1003")
    kim.refresh_from_db()
    assert logged_in_as(client) == kim
    assert (kim.email, kim.full_name, kim.department) == ("kim.new@example.com", "Kim New", dept_b)
    assert Employee.objects.filter(full_name__startswith="Kim").count() == 1


def test_an_existing_password_account_is_linked_by_its_verified_email(client, sso, requester):
    sso.set_user("u-olga", email="OLGA@example.com", email_verified=True, name="Olga O.")
    sso_login(client, sso, "u-olga")
    assert logged_in_as(client) == requester
    requester.refresh_from_db()
    assert requester.full_name == "Olga O."
    assert Identity.objects.get(subject="u-olga").employee == requester


def test_an_unverified_email_is_refused(client, sso, requester):
    sso.set_user("u-evil", email="olga@example.com", email_verified=False, name="Not Olga")
    response = sso_login(client, sso, "u-evil")
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert logged_in_as(client) is None
    assert "has not verified the address olga@example.com" in " ".join(messages_of(response))
    requester.refresh_from_db()
    assert requester.full_name == "Olga Operational"
    assert not Identity.objects.exists()


def test_a_missing_email_verified_claim_is_refused_too(client, sso):
    sso.set_user("u-1004", email="lee@example.com", name="Lee")
    sso_login(client, sso, "u-1004")
    assert logged_in_as(client) is None
    assert not Employee.objects.filter(email="lee@example.com").exists()


def test_an_email_taken_by_another_account_is_refused(client, sso, requester):
    sso.set_user("u-1005", email="pat@example.com", email_verified=True, name="Pat")
    sso_login(client, sso, "u-1005")
    client.post(reverse("logout"))
    sso.set_user("u-1005", email="olga@example.com", email_verified=True, name="Pat")
    response = sso_login(client, sso, "u-1005")
    assert logged_in_as(client) is None
    assert "Another Desk account already uses olga@example.com" in " ".join(messages_of(response))
    assert Employee.objects.get(full_name="Pat").email == "pat@example.com"


def test_a_deactivated_employee_is_refused(client, sso):
    EmployeeFactory(email="gone@example.com", is_active=False)
    sso.set_user("u-1006", email="gone@example.com", email_verified=True, name="Gone")
    response = sso_login(client, sso, "u-1006")
    assert logged_in_as(client) is None
    assert "deactivated" in " ".join(messages_of(response))


def test_denying_at_the_provider_logs_nobody_in(client, sso):
    response = client.get(reverse("sso:login"))
    import requests

    back = requests.post(response.url, data={"action": "deny"}, allow_redirects=False, timeout=5)
    parts = urlsplit(back.headers["Location"])
    assert parse_qs(parts.query)["error"] == ["access_denied"]
    response = client.get(f"{parts.path}?{parts.query}")
    assert response.url == reverse("login")
    assert logged_in_as(client) is None


def test_it_returns_to_the_page_asked_for(client, sso):
    sso.set_user("u-1007", email="ria@example.com", email_verified=True, name="Ria")
    target = reverse("desk:my-requests")
    response = sso_login(client, sso, "u-1007", next_url=target)
    assert response.url == target


def test_logout_ends_the_desk_session_and_continues_at_the_provider(client, sso):
    sso.set_user("u-1008", email="max@example.com", email_verified=True, name="Max")
    sso_login(client, sso, "u-1008")
    id_token = client.session["oidc_id_token"]
    assert client.get(reverse("logout")).status_code == 405  # GET never logs out

    response = client.post(reverse("logout"))
    assert logged_in_as(client) is None
    parts = urlsplit(response.url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{sso.url}/oauth2/end_session"
    query = parse_qs(parts.query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://testserver/login/"]
    # The provider ends its session and sends the browser back to Desk's login page.
    import requests

    confirm = requests.post(
        f"{sso.url}/oauth2/end_session/confirm",
        data={"redirect_uri": query["post_logout_redirect_uri"][0]},
        allow_redirects=False,
        timeout=5,
    )
    assert confirm.headers["Location"] == "http://testserver/login/"
    assert client.get(reverse("desk:home")).status_code == 302


def test_a_password_session_logs_out_in_desk_only(client, sso, requester, password):
    client.post(reverse("login"), {"username": "olga@example.com", "password": password})
    response = client.post(reverse("logout"))
    assert response.url == reverse("login")
    assert logged_in_as(client) is None
