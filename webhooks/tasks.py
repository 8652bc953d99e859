"""Webhook tasks: ids in, one service call. The delivery row holds the attempts and the backoff,
so the task retries by the delay the service returns."""

from __future__ import annotations

from celery import shared_task

from webhooks import delivery

# Celery's own bound; the delivery's attempts (DESK_WEBHOOK_MAX_ATTEMPTS) decide first.
MAX_TASK_RETRIES = 20


@shared_task(
    name="webhooks.tasks.deliver_webhook", bind=True, acks_late=True, max_retries=MAX_TASK_RETRIES
)
def deliver_webhook(self, delivery_id: int) -> bool:
    delay = delivery.delivery_send(delivery_id=delivery_id)
    while delay is not None:
        if not self.request.is_eager:
            raise self.retry(countdown=delay)
        # In-process (tests, a demo without Redis) there is no one to come back later, and
        # Celery's eager retry re-raises: try again now instead.
        delay = delivery.delivery_send(delivery_id=delivery_id, now_or_never=True)
    return True


@shared_task(name="webhooks.tasks.sweep_webhook_deliveries", acks_late=True)
def sweep_webhook_deliveries() -> int:
    return delivery.deliveries_sweep()
