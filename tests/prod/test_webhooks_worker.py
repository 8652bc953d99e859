"""A real Celery worker (the command from docker-compose.yml) delivers webhooks to the test
receiver, retrying by countdown after a 500; the task is published when the change commits."""

from __future__ import annotations

import json

import pytest

from tests.factories import file_request
from tests.webhooks.receiving import launch_receiver
from webhooks.models import DeliveryStatus, Webhook, WebhookDelivery

from .conftest import wait_until


@pytest.mark.redis
@pytest.mark.postgres
def test_a_worker_delivers_and_retries_after_a_500(
    start_worker, live_broker, tmp_path, dept_a, requester, service_a
):
    worker = start_worker(DESK_WEBHOOK_RETRY_SECONDS="1")
    receiver = launch_receiver(tmp_path / "received.jsonl", fail=1)
    try:
        hook = Webhook.objects.create(
            department=dept_a, name="Chat", url=receiver.url, allow_private_network=True
        )
        desk_request = file_request(requester, service_a)  # commits: the task goes to Redis

        def delivered() -> bool:
            return WebhookDelivery.objects.filter(status=DeliveryStatus.SUCCEEDED).exists()

        assert wait_until(delivered, timeout=30), worker.log()[-3000:]
        first, second = receiver.received()
    finally:
        receiver.stop()
    assert (first["answered"], second["answered"]) == (500, 200)
    assert first["headers"]["X-Desk-Delivery"] == second["headers"]["X-Desk-Delivery"]
    assert json.loads(second["body"])["request"]["reference"] == desk_request.reference
    assert WebhookDelivery.objects.get(webhook=hook).attempts == 2
    assert "webhooks.tasks.deliver_webhook" in worker.log()
    assert "retry" in worker.log().lower()
