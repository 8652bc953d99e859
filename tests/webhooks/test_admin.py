"""Admins configure webhooks and read the delivery log in Django admin."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from tests.factories import file_request
from webhooks.models import DeliveryStatus, Webhook, WebhookDelivery

pytestmark = pytest.mark.django_db


def form(dept, url: str, **extra) -> dict:
    data = {
        "department": dept.pk,
        "name": "Chat",
        "url": url,
        "is_active": "on",
        "on_filed": "on",
        "on_state_changed": "on",
        "deliveries-TOTAL_FORMS": "0",
        "deliveries-INITIAL_FORMS": "0",
    }
    data.update(extra)
    return data


def test_an_admin_adds_a_webhook_with_a_generated_secret(login, admin_user, dept_a):
    response = login(admin_user).post(
        reverse("admin:webhooks_webhook_add"), form(dept_a, "https://93.184.216.34/desk")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    hook = Webhook.objects.get()
    assert len(hook.secret) >= 40
    assert (hook.on_filed, hook.on_commented, hook.internal) == (True, False, False)


def test_a_private_target_is_refused_with_a_message(login, admin_user, dept_a):
    response = login(admin_user).post(
        reverse("admin:webhooks_webhook_add"), form(dept_a, "http://169.254.169.254/latest/")
    )
    assert response.status_code == 200
    assert "private" in response.content.decode()
    assert not Webhook.objects.exists()
    allowed = login(admin_user).post(
        reverse("admin:webhooks_webhook_add"),
        form(dept_a, "http://10.0.0.5/desk", allow_private_network="on"),
    )
    assert allowed.status_code == 302


def test_the_delivery_log_shows_what_was_sent(login, admin_user, dept_a, requester, service_a):
    hook = Webhook.objects.create(department=dept_a, name="Chat", url="http://10.9.9.9/")
    with transaction.atomic():
        file_request(requester, service_a)
    delivery = WebhookDelivery.objects.get()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED,
        attempts=8,
        response_status=503,
        error="The receiver answered 503.",
    )
    client = login(admin_user)
    listing = client.get(reverse("admin:webhooks_webhookdelivery_changelist"))
    assert listing.status_code == 200
    assert "request.filed" in listing.content.decode()
    detail = client.get(reverse("admin:webhooks_webhookdelivery_change", args=[delivery.pk]))
    assert "The receiver answered 503." in detail.content.decode()
    on_hook = client.get(reverse("admin:webhooks_webhook_change", args=[hook.pk]))
    assert (
        str(delivery.request) in on_hook.content.decode() or "IT-0001" in on_hook.content.decode()
    )


def test_send_again_retries_a_failed_delivery(
    login, admin_user, dept_a, requester, service_a, django_capture_on_commit_callbacks
):
    Webhook.objects.create(department=dept_a, name="Chat", url="http://10.9.9.9/")
    with transaction.atomic():
        file_request(requester, service_a)
    delivery = WebhookDelivery.objects.get()
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, attempts=8)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(admin_user).post(
            reverse("admin:webhooks_webhookdelivery_changelist"),
            {"action": "send_again", "_selected_action": [delivery.pk]},
        )
    assert response.status_code == 302
    delivery.refresh_from_db()
    # Tried again at once (tasks run in-process here): the private target is refused this time.
    assert delivery.status == DeliveryStatus.REFUSED
    assert "private" in delivery.error


def test_people_without_admin_access_see_no_log(login, agent_a):
    response = login(agent_a).get(reverse("admin:webhooks_webhookdelivery_changelist"))
    assert response.status_code == 302
