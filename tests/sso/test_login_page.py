"""The login page with single sign-on, passwords switched off, and the discovery helper."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def test_without_sso_the_page_has_no_button_and_the_sso_urls_do_not_exist(client):
    html = client.get(reverse("login")).content.decode()
    assert reverse("sso:login") not in html
    assert 'name="password"' in html
    assert client.get(reverse("sso:login")).status_code == 404
    assert client.get(reverse("sso:callback") + "?code=x&state=y").status_code == 404


def test_with_sso_the_page_offers_the_button_and_passwords(client, sso):
    html = client.get(reverse("login") + "?next=/requests/").content.decode()
    assert f'href="{reverse("sso:login")}?next=/requests/"' in html
    assert "Log in with single sign-on" in html
    assert "or with your Desk password" in html
    assert 'name="password"' in html


def test_the_button_names_the_provider_and_speaks_polish(client, sso, settings):
    settings.OIDC_PROVIDER_NAME = "Contoso ID"
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "Zaloguj się przez Contoso ID" in html
    settings.OIDC_PROVIDER_NAME = ""
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "Zaloguj się przez logowanie jednokrotne (SSO)" in html


@pytest.fixture
def passwords_off(sso, settings):
    settings.DESK_PASSWORD_LOGIN = False


def test_with_passwords_off_the_password_form_is_for_administrators(client, passwords_off):
    html = client.get(reverse("login")).content.decode()
    assert "Administrators: log in with a password" in html
    assert "<details" in html


def test_with_passwords_off_an_employee_password_is_refused(
    client, passwords_off, requester, password
):
    response = client.post(reverse("login"), {"username": "olga@example.com", "password": password})
    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    assert '<details class="auth-admin" open>' in response.content.decode()


def test_with_passwords_off_a_superuser_still_gets_in(client, passwords_off, password):
    admin = EmployeeFactory(email="root@example.com", is_superuser=True, is_staff=True)
    response = client.post(reverse("login"), {"username": "root@example.com", "password": password})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(admin.pk)


def test_with_passwords_off_only_superusers_get_a_reset_link(client, passwords_off, requester):
    EmployeeFactory(email="root@example.com", is_superuser=True, is_staff=True)
    client.post(reverse("password_reset"), {"email": "olga@example.com"})
    assert mail.outbox == []
    client.post(reverse("password_reset"), {"email": "root@example.com"})
    assert [message.to for message in mail.outbox] == [["root@example.com"]]


def test_oidc_endpoints_prints_the_settings_from_discovery(oidc_provider):
    out = StringIO()
    call_command("oidc_endpoints", oidc_provider.url + "/", stdout=out)
    lines = out.getvalue().splitlines()
    assert f"OIDC_OP_AUTHORIZATION_ENDPOINT={oidc_provider.url}/oauth2/authorize" in lines
    assert f"OIDC_OP_JWKS_ENDPOINT={oidc_provider.url}/jwks" in lines
    assert f"OIDC_OP_LOGOUT_ENDPOINT={oidc_provider.url}/oauth2/end_session" in lines
    assert "OIDC_RP_SIGN_ALGO=RS256" in lines


def test_oidc_endpoints_explains_an_unreachable_issuer():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Could not read"):
        call_command("oidc_endpoints", "http://127.0.0.1:9/")
