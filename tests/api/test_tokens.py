"""Personal API tokens: created hashed and shown once, expiring, revocable, scoped, rate limited."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from api import tokens
from api.models import ApiToken, TokenScope

pytestmark = pytest.mark.django_db


# --- services -------------------------------------------------------------------------------------


def test_it_stores_only_a_hash_of_the_token(requester):
    token, raw = tokens.token_create(user=requester, name="HR system", scope="read", days=30)
    assert raw.startswith("desk_")
    assert len(raw) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert raw not in {stored.key_hash, stored.prefix, stored.name}
    assert stored.key_hash == tokens.hash_key(raw)
    assert raw.startswith(stored.prefix)
    assert stored.expires_at - timezone.now() == pytest.approx(
        timedelta(days=30), abs=timedelta(minutes=1)
    )


def test_it_rejects_bad_input_and_creates_nothing(requester):
    with pytest.raises(ValidationError) as caught:
        tokens.token_create(user=requester, name="  ", scope="admin", days=1000)
    assert set(caught.value.message_dict) == {"name", "scope", "days"}
    assert not ApiToken.objects.exists()


def test_it_limits_the_number_of_usable_tokens(requester, monkeypatch):
    monkeypatch.setattr(tokens, "MAX_USABLE_TOKENS", 2)
    tokens.token_create(user=requester, name="one", scope="read")
    second, _raw = tokens.token_create(user=requester, name="two", scope="read")
    with pytest.raises(ValidationError):
        tokens.token_create(user=requester, name="three", scope="read")
    tokens.token_revoke(token=second, user=requester)
    tokens.token_create(user=requester, name="three", scope="read")


def test_authentication_refuses_revoked_expired_and_inactive(requester, business_requester):
    token, raw = tokens.token_create(user=requester, name="a", scope="read", days=7)
    assert tokens.token_authenticate(raw) == token
    assert tokens.token_authenticate(raw + "x") is None
    assert tokens.token_authenticate("not-a-token") is None
    with time_machine.travel(timezone.now() + timedelta(days=7, seconds=1)):
        assert tokens.token_authenticate(raw) is None
    requester.is_active = False
    requester.save()
    assert tokens.token_authenticate(raw) is None
    other, other_raw = tokens.token_create(user=business_requester, name="b", scope="read")
    tokens.token_revoke(token=other, user=business_requester)
    assert tokens.token_authenticate(other_raw) is None


def test_only_the_owner_or_an_admin_revokes(requester, business_requester, admin_user):
    token, _raw = tokens.token_create(user=requester, name="a", scope="read")
    with pytest.raises(ValidationError):
        tokens.token_revoke(token=token, user=business_requester)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    tokens.token_revoke(token=token, user=admin_user)
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_last_used_is_recorded(requester):
    token, raw = tokens.token_create(user=requester, name="a", scope="read")
    assert token.last_used_at is None
    tokens.token_authenticate(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


# --- pages ----------------------------------------------------------------------------------------


def test_profile_lists_my_usable_tokens_only(login, requester, business_requester):
    tokens.token_create(user=requester, name="Mine", scope="read")
    revoked, _raw = tokens.token_create(user=requester, name="Revoked one", scope="read")
    tokens.token_revoke(token=revoked, user=requester)
    tokens.token_create(user=business_requester, name="Someone else's", scope="read")
    body = login(requester).get(reverse("desk:profile")).content.decode()
    assert "Mine" in body
    assert "Revoked one" not in body
    assert "Someone else" not in body
    assert reverse("api:token-new") in body


def test_creating_shows_the_token_once(login, requester):
    client = login(requester)
    assert client.get(reverse("api:token-new")).status_code == 200
    response = client.post(
        reverse("api:token-new"), {"name": "Reporting", "scope": "write", "days": "90"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    raw = response.context["raw"]
    assert raw in response.content.decode()
    token = ApiToken.objects.get(user=requester)
    assert (token.name, token.scope) == ("Reporting", TokenScope.WRITE)
    assert tokens.token_authenticate(raw) == token
    # Never again: the profile shows the prefix only.
    assert raw not in client.get(reverse("desk:profile")).content.decode()


def test_a_refused_form_keeps_the_name_and_creates_nothing(login, requester):
    response = login(requester).post(
        reverse("api:token-new"), {"name": "Kept name", "scope": "root", "days": "90"}
    )
    assert response.status_code == 400
    assert 'value="Kept name"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_token_pages_need_login(client):
    response = client.get(reverse("api:token-new"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_revoke_rejects_get(login, requester):
    token, _raw = tokens.token_create(user=requester, name="a", scope="read")
    response = login(requester).get(reverse("api:token-revoke", args=[token.pk]))
    assert response.status_code == 405


def test_revoking_someone_elses_token_is_404(login, requester, business_requester):
    token, raw = tokens.token_create(user=requester, name="a", scope="read")
    response = login(business_requester).post(reverse("api:token-revoke", args=[token.pk]))
    assert response.status_code == 404
    assert tokens.token_authenticate(raw) is not None


def test_revoking_stops_the_token_at_once(login, requester, client):
    token, raw = tokens.token_create(user=requester, name="a", scope="read")
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    response = login(requester).post(reverse("api:token-revoke", args=[token.pk]))
    assert response.status_code == 302
    client.logout()
    assert client.get("/api/v1/me", headers=headers).status_code == 401


# --- the API's side -------------------------------------------------------------------------------


def test_no_or_a_bad_token_is_401(client):
    response = client.get("/api/v1/requests")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    bad = client.get("/api/v1/requests", headers={"Authorization": "Bearer desk_nope"})
    assert bad.status_code == 401


def test_a_read_only_token_reads_but_never_writes(api, requester, desk_request, service_a):
    reader = api(requester, TokenScope.READ)
    assert reader.get(f"/requests/{desk_request.reference}").status_code == 200
    response = reader.post(f"/requests/{desk_request.reference}/comments", {"body": "hello"})
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    filing = reader.post(
        "/requests", {"service_id": service_a.pk, "title": "t", "description": "d"}
    )
    assert filing.status_code == 403
    assert desk_request.events.count() == 1
    assert desk_request.department.requests.count() == 1


def test_calls_beyond_the_rate_limit_get_429_with_retry_after(api, requester, settings):
    settings.DESK_API_RATE_LIMIT = 3
    caller = api(requester)
    other = api(requester)  # another token of the same person has its own budget
    assert [caller.get("/me").status_code for _ in range(3)] == [200, 200, 200]
    refused = caller.get("/me")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert other.get("/me").status_code == 200


def test_the_limit_resets_with_the_next_window(api, requester, settings):
    settings.DESK_API_RATE_LIMIT = 1
    caller = api(requester)
    start = timezone.now().replace(second=5)
    with time_machine.travel(start, tick=False):
        assert caller.get("/me").status_code == 200
        assert caller.get("/me").status_code == 429
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        assert caller.get("/me").status_code == 200


def test_the_browser_session_may_call_but_writes_need_csrf(requester, desk_request):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(requester)
    assert browser.get("/api/v1/me").json()["email"] == requester.email
    response = browser.post(
        f"/api/v1/requests/{desk_request.reference}/comments",
        {"body": "hi"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert desk_request.events.count() == 1
