"""Logging in by email, logging out by POST, and resetting a password by email."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def login_url() -> str:
    return reverse("login")


def test_the_login_page_asks_for_email_and_password(client, login_url):
    response = client.get(login_url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_username">Email' in html
    assert 'type="email" name="username"' in html
    assert '<label for="id_password">Password' in html
    assert reverse("password_reset") in html
    assert 'class="mainnav"' not in html  # no navigation before logging in


def test_it_logs_in_by_email_in_any_case(client, requester, password, login_url):
    response = client.post(login_url, {"username": "  OLGA@Example.COM", "password": password})
    assert response.status_code == 302
    assert response.url == reverse("desk:home")
    assert client.session[SESSION_KEY] == str(requester.pk)


def test_it_returns_to_the_page_asked_for(client, requester, password, login_url):
    target = reverse("desk:my-requests")
    response = client.get(target)
    assert response.url == f"{login_url}?next={target}"
    response = client.post(
        response.url, {"username": "olga@example.com", "password": password, "next": target}
    )
    assert response.url == target


def test_it_never_returns_to_another_site(client, requester, password, login_url):
    response = client.post(
        login_url,
        {"username": "olga@example.com", "password": password, "next": "https://evil.example/"},
    )
    assert response.url == reverse("desk:home")


def test_a_wrong_password_is_refused_and_the_email_kept(client, requester, login_url):
    response = client.post(login_url, {"username": "olga@example.com", "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "That email and password do not match an account." in html
    assert "highlighted fields" not in html  # nothing is highlighted: the message says it all
    assert 'value="olga@example.com"' in html
    assert SESSION_KEY not in client.session


def test_an_inactive_employee_cannot_log_in(client, password, login_url):
    EmployeeFactory(email="left@example.com", is_active=False)
    client.post(login_url, {"username": "left@example.com", "password": password})
    assert SESSION_KEY not in client.session


def test_a_logged_in_person_skips_the_login_page(login, requester, login_url):
    response = login(requester).get(login_url)
    assert response.status_code == 302
    assert response.url == reverse("desk:home")


def test_pages_show_the_logout_button_as_a_form(login, requester):
    html = login(requester).get(reverse("desk:catalog")).content.decode()
    assert re.search(r'<form method="post" action="/logout/"', html)
    assert "Olga Operational" in html


def test_logout_is_a_post(login, requester):
    client = login(requester)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert SESSION_KEY not in client.session


def test_logout_refuses_get(login, requester):
    client = login(requester)
    assert client.get(reverse("logout")).status_code == 405
    assert client.session[SESSION_KEY] == str(requester.pk)


# --- password reset ----------------------------------------------------------------------------------


def _reset_link(message) -> str:
    match = re.search(r"http://testserver(/password-reset/[^/\s]+/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_the_reset_page_asks_for_an_email(client):
    response = client.get(reverse("password_reset"))
    assert response.status_code == 200
    assert '<label for="id_email">Email' in response.content.decode()


def test_a_reset_email_arrives_and_its_link_sets_a_new_password(client, requester, login_url):
    response = client.post(reverse("password_reset"), {"email": "Olga@Example.com"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["olga@example.com"]
    assert message.subject == "Your Desk password"
    assert "Hello Olga," in message.body

    # The link leads to a form (Django swaps the token for a session and redirects once).
    response = client.get(_reset_link(message), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="new_password1"' in html
    assert "This link has expired" not in html

    new = "a much better passphrase 42"
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")
    assert client.get(response.url).status_code == 200

    requester.refresh_from_db()
    assert requester.check_password(new)
    response = client.post(login_url, {"username": "olga@example.com", "password": new})
    assert client.session[SESSION_KEY] == str(requester.pk)


def test_a_reset_link_works_only_once(client, requester):
    client.post(reverse("password_reset"), {"email": "olga@example.com"})
    link = _reset_link(mail.outbox[0])
    response = client.get(link, follow=True)
    new = "a much better passphrase 42"
    client.post(response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    html = client.get(link, follow=True).content.decode()
    assert "This link has expired or was already used." in html


def test_mismatched_new_passwords_are_refused(client, requester):
    client.post(reverse("password_reset"), {"email": "olga@example.com"})
    response = client.get(_reset_link(mail.outbox[0]), follow=True)
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "a much better passphrase 42", "new_password2": "something else 42"},
    )
    assert response.status_code == 200
    assert "The two password fields didn’t match." in response.content.decode()
    requester.refresh_from_db()
    assert not requester.check_password("a much better passphrase 42")


def test_an_unknown_email_gets_the_same_answer_and_no_mail(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_tampered_link_is_refused(client, requester):
    client.post(reverse("password_reset"), {"email": "olga@example.com"})
    link = _reset_link(mail.outbox[0])
    html = client.get(link[:-3] + "xx/", follow=True).content.decode()
    assert "This link has expired or was already used." in html
