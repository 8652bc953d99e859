"""Throttled logins (django-axes) and password-reset emails: an attacker guessing passwords is
paused, the person is told for how long, and an admin can lift the pause."""

from __future__ import annotations

import pytest
import time_machine
from axes.models import AccessAttempt
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def log_in(client, email, password, url=None):
    return client.post(url or reverse("login"), {"username": email, "password": password})


def fail(client, email, times, url=None):
    """Post wrong passwords; the attempt that reaches the limit is already answered 429."""
    for _ in range(times):
        response = log_in(client, email, "wrong password", url)
        assert response.status_code in (200, 429)


def test_five_wrong_passwords_pause_the_account_even_for_the_right_one(
    client, requester, password, settings
):
    fail(client, requester.email, settings.AXES_FAILURE_LIMIT - 1)

    response = log_in(client, requester.email, "wrong password")

    assert response.status_code == 429
    response = log_in(client, requester.email, password)
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    assert "Try again in 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_wrong_passwords_then_the_right_one_log_in(client, requester, password, settings):
    fail(client, requester.email, settings.AXES_FAILURE_LIMIT - 1)

    response = log_in(client, requester.email, password)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(requester.pk)


def test_the_pause_is_per_account_from_any_address(client, requester, password, settings):
    fail(client, requester.email, settings.AXES_FAILURE_LIMIT)

    response = client.post(
        reverse("login"),
        {"username": requester.email, "password": password},
        REMOTE_ADDR="10.9.8.7",
    )

    assert response.status_code == 429


def test_the_pause_is_per_address_across_accounts(client, password, settings):
    people = [EmployeeFactory() for _ in range(settings.AXES_FAILURE_LIMIT)]
    for person in people:
        fail(client, person.email, 1)
    fresh = EmployeeFactory()

    response = log_in(client, fresh.email, password)

    assert response.status_code == 429


def test_changing_the_case_of_the_email_does_not_get_round_the_pause(
    client, requester, password, settings
):
    fail(client, requester.email.upper(), settings.AXES_FAILURE_LIMIT)

    assert log_in(client, requester.email, password).status_code == 429


def test_the_admin_login_is_throttled_too(client, admin_user, password, settings):
    url = reverse("admin:login")
    fail(client, admin_user.email, settings.AXES_FAILURE_LIMIT - 1, url)
    log_in(client, admin_user.email, "wrong password", url)

    response = log_in(client, admin_user.email, password, url)

    assert response.status_code == 429


def test_the_pause_ends_by_itself(client, requester, password, settings):
    fail(client, requester.email, settings.AXES_FAILURE_LIMIT)

    with _later(minutes=16):
        response = log_in(client, requester.email, password)

    assert response.status_code == 302


def _later(minutes):
    from datetime import timedelta

    from django.utils import timezone

    return time_machine.travel(timezone.now() + timedelta(minutes=minutes))


def test_an_admin_lifts_the_pause_with_the_command(client, requester, password, settings):
    fail(client, requester.email, settings.AXES_FAILURE_LIMIT)

    call_command("axes_reset_username", requester.email)

    assert log_in(client, requester.email, password).status_code == 302


def test_an_admin_lifts_the_pause_in_admin(
    client, login, requester, admin_user, password, settings
):
    from django.test import Client

    attacker = Client()
    fail(attacker, requester.email, settings.AXES_FAILURE_LIMIT)
    attempt = AccessAttempt.objects.get(username=requester.email)
    admin = login(admin_user)
    changelist = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert requester.email in changelist.content.decode()

    admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )

    assert not AccessAttempt.objects.exists()
    assert log_in(Client(), requester.email, password).status_code == 302


def test_the_lockout_page_is_polish_for_a_polish_browser(client, requester, settings):
    fail(client, requester.email, settings.AXES_FAILURE_LIMIT)

    response = client.post(
        reverse("login"),
        {"username": requester.email, "password": "x"},
        HTTP_ACCEPT_LANGUAGE="pl",
    )

    assert response.status_code == 429
    assert "Spróbuj ponownie za 15 minut" in response.content.decode()


def reset(client, email, **extra):
    return client.post(reverse("password_reset"), {"email": email}, **extra)


def test_reset_emails_stop_after_three_an_hour_for_one_address(client, requester, settings):
    for _ in range(settings.DESK_RESET_EMAILS_PER_ADDRESS):
        assert reset(client, requester.email).status_code == 302
    assert len(mail.outbox) == 3

    response = reset(client, requester.email)

    assert response.status_code == 200
    assert len(mail.outbox) == 3
    assert "already sent to this address" in response.content.decode()
    assert f'value="{requester.email}"' in response.content.decode()


def test_an_unknown_address_is_limited_the_same_way(client, settings):
    for _ in range(settings.DESK_RESET_EMAILS_PER_ADDRESS):
        assert reset(client, "nobody@example.com").status_code == 302

    assert "already sent to this address" in reset(client, "nobody@example.com").content.decode()


def test_reset_emails_from_one_client_address_are_limited(client, settings):
    settings.DESK_RESET_EMAILS_PER_ADDRESS = 100
    people = [EmployeeFactory() for _ in range(settings.DESK_RESET_EMAILS_PER_CLIENT + 1)]
    for person in people[:-1]:
        assert reset(client, person.email).status_code == 302

    response = reset(client, people[-1].email)

    assert response.status_code == 200
    assert "from your network" in response.content.decode()
    assert len(mail.outbox) == settings.DESK_RESET_EMAILS_PER_CLIENT
    assert reset(client, people[-1].email, REMOTE_ADDR="10.1.2.3").status_code == 302


def test_the_reset_window_ends_after_an_hour(client, requester, settings):
    for _ in range(settings.DESK_RESET_EMAILS_PER_ADDRESS):
        reset(client, requester.email)

    with _later(minutes=61):
        assert reset(client, requester.email).status_code == 302
