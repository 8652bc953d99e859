"""Recording and sending webhook events (the services of the webhooks app).

Recording happens in the transaction of the change (desk's event_recorded, feedback's
feedback_saved): one WebhookDelivery per subscribed webhook, and a task enqueued after commit
carrying the delivery's id. Sending decides everything again at that moment: the webhook must
still be active, still be the request's department's, still subscribe to the event, and be marked
internal for an internal note; the host is resolved and checked then (webhooks.targets). The body
is signed with HMAC-SHA256 over "<timestamp>.<body>" (header X-Desk-Signature: t=...,v1=...).

Delivery is at least once: a worker that dies after the POST but before recording it sends the
event again, with the same X-Desk-Delivery id, which receivers use to drop duplicates.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import logging
import socket
import ssl
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from desk import tasking
from desk.models import Event, EventKind, Priority, Request
from webhooks import targets
from webhooks.models import DeliveryStatus, EventType, Webhook, WebhookDelivery

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Desk-Signature"
TIMEOUT_SECONDS = 10
RESPONSE_KEPT = 2000
# A delivery waiting this long past its time has lost its task: the sweep enqueues it again.
LOST_AFTER = timedelta(minutes=10)

PRIORITY_NAMES = {member.value: member.name.lower() for member in Priority}
# Another attempt is running or scheduled when next_attempt_at is further ahead than this
# (a little slack for clocks of different workers).
IN_FLIGHT_SLACK = timedelta(seconds=5)

EVENT_TYPES = {
    EventKind.FILED: EventType.FILED,
    EventKind.STATUS: EventType.STATE_CHANGED,
    EventKind.REOPENED: EventType.STATE_CHANGED,
    EventKind.COMMENT: EventType.COMMENTED,
    EventKind.NOTE: EventType.COMMENTED,
}


# --- recording --------------------------------------------------------------------------------------


def _record(request: Request, event_type: str, *, event=None, feedback=None) -> list[int]:
    webhooks = (
        Webhook.objects.active().subscribed(event_type).filter(department_id=request.department_id)
    )
    if event is not None and event.kind == EventKind.NOTE:
        webhooks = webhooks.filter(internal=True)
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(
                webhook=webhook,
                event_type=event_type,
                request=request,
                event=event,
                feedback=feedback,
                next_attempt_at=now,
            )
            for webhook in webhooks.only("pk")
        ]
    )
    ids = [delivery.pk for delivery in deliveries]
    if ids:
        from webhooks.tasks import deliver_webhook

        for pk in ids:
            tasking.enqueue_on_commit(deliver_webhook, pk)
    return ids


def deliveries_for_event(*, request: Request, event: Event) -> list[int]:
    """Record the deliveries of a timeline event (inside its transaction)."""
    event_type = EVENT_TYPES.get(event.kind)
    if event_type is None:
        return []
    return _record(request, event_type, event=event)


def deliveries_for_rating(*, feedback) -> list[int]:
    return _record(feedback.request, EventType.RATED, feedback=feedback)


# --- the body ---------------------------------------------------------------------------------------


def _person(person) -> dict | None:
    if person is None:
        return None
    return {"name": person.full_name, "email": person.email}


def payload(delivery: WebhookDelivery) -> dict:
    request = delivery.request
    department = request.department
    body: dict = {
        "id": str(delivery.uid),
        "type": delivery.event_type,
        "department": {"code": department.code, "slug": department.slug, "name": department.name},
        "request": {
            "reference": request.reference,
            "url": settings.DESK_BASE_URL + request.get_absolute_url(),
            "api_url": f"{settings.DESK_BASE_URL}/api/v1/requests/{request.reference}",
            "title": request.title,
            "description": request.description,
            "status": request.status,
            "priority": PRIORITY_NAMES.get(request.priority),
            "client_type": request.client_type,
            "service": {
                "id": request.service_id,
                "slug": request.service.slug,
                "name": request.service.name,
            },
            "requester": _person(request.requester),
            "assignee": _person(request.assignee),
            "created_at": request.created_at.isoformat(),
            "due_at": request.due_at.isoformat() if request.due_at else None,
        },
    }
    if delivery.event is not None:
        event = delivery.event
        body["created_at"] = event.created_at.isoformat()
        body["event"] = {
            "id": event.pk,
            "kind": event.kind,
            "actor": _person(event.actor),
            "old_value": event.old_value,
            "new_value": event.new_value,
            "body": event.body,
            "internal": event.is_internal,
        }
    if delivery.feedback is not None:
        feedback = delivery.feedback
        body["created_at"] = feedback.created_at.isoformat()
        body["rating"] = {
            "rating": feedback.rating,
            "quality": feedback.quality,
            "speed": feedback.speed,
            "communication": feedback.communication,
            "comment": feedback.comment,
        }
    return body


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The X-Desk-Signature value: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>">."""
    message = str(timestamp).encode() + b"." + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


# --- sending ----------------------------------------------------------------------------------------


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address checked by webhooks.targets, never to a fresh DNS answer."""

    def __init__(self, target: targets.Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target: targets.Target, timeout: float):
        super().__init__(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context()
        )
        self._address = target.address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        # The certificate is checked against the host name, not the address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _post(target: targets.Target, headers: dict[str, str], body: bytes) -> tuple[int, str]:
    connection_class = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(target, TIMEOUT_SECONDS)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read(RESPONSE_KEPT).decode("utf-8", errors="replace")
        return response.status, text
    finally:
        connection.close()


def _refusal(delivery: WebhookDelivery) -> str:
    """Why this delivery may not go out now; "" when it may."""
    webhook = delivery.webhook
    if not webhook.is_active or not webhook.department.is_active:
        return _("The webhook was switched off.")
    if webhook.department_id != delivery.request.department_id:
        return _("The webhook now belongs to another department.")
    if not webhook.subscribes_to(delivery.event_type):
        return _("The webhook no longer subscribes to this event.")
    if delivery.event is not None and delivery.event.is_internal and not webhook.internal:
        return _("Internal notes go only to webhooks marked internal.")
    return ""


def retry_delay(attempts: int) -> int:
    """Seconds before the next attempt: doubling from DESK_WEBHOOK_RETRY_SECONDS, capped below
    the broker's visibility timeout (desk.celery.RETRY_BACKOFF_MAX)."""
    from desk.celery import RETRY_BACKOFF_MAX

    return min(settings.DESK_WEBHOOK_RETRY_SECONDS * 2 ** max(attempts - 1, 0), RETRY_BACKOFF_MAX)


def delivery_send(*, delivery_id: int, now_or_never: bool = False) -> int | None:
    """Send one delivery now. Returns the seconds to wait before trying again, or None when
    there is nothing more to do (delivered, given up, refused, or already finished).

    A delivery whose next attempt is still ahead is left alone (another task is sending it, or
    its retry is scheduled), unless now_or_never: the in-process retry of an eager task."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(of=("self",))
            .select_related(
                "webhook__department",
                "request__department",
                "request__service",
                "request__requester",
                "request__assignee",
                "event__actor",
                "feedback",
            )
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.is_finished:
            return None
        now = timezone.now()
        ahead = (
            delivery.next_attempt_at is not None
            and delivery.next_attempt_at > now + IN_FLIGHT_SLACK
        )
        if ahead and not now_or_never:
            return None  # a duplicate task (the sweep's, or redelivered): the other one sends
        refusal = _refusal(delivery)
        if refusal:
            delivery.status = DeliveryStatus.REFUSED
            delivery.error = refusal[:500]
            delivery.next_attempt_at = None
            delivery.save(update_fields=["status", "error", "next_attempt_at"])
            return None
        delivery.attempts += 1
        delivery.last_attempt_at = now
        # While this attempt runs, the sweep leaves the delivery alone.
        delivery.next_attempt_at = now + timedelta(seconds=TIMEOUT_SECONDS) + LOST_AFTER
        body = json.dumps(payload(delivery), ensure_ascii=False, separators=(",", ":")).encode()
        delivery.payload = body.decode()
        delivery.save(update_fields=["attempts", "last_attempt_at", "next_attempt_at", "payload"])
    webhook = delivery.webhook
    status_code: int | None = None
    text = ""
    error = ""
    try:
        target = targets.target_for(webhook.url, allow_private=webhook.allow_private_network)
    except targets.TargetRefused as exc:
        if not isinstance(exc, targets.Unresolvable):
            _finish(delivery, DeliveryStatus.REFUSED, error=str(exc))
            return None
        error = str(exc)
    else:
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "Desk-Webhooks/1",
            "X-Desk-Event": delivery.event_type,
            "X-Desk-Delivery": str(delivery.uid),
            SIGNATURE_HEADER: sign(webhook.secret, int(time.time()), body),
        }
        try:
            status_code, text = _post(target, headers, body)
        except (OSError, http.client.HTTPException) as exc:
            error = f"{type(exc).__name__}: {exc}"
    if status_code is not None and 200 <= status_code < 300:
        _finish(delivery, DeliveryStatus.SUCCEEDED, status_code=status_code, text=text)
        return None
    if not error:
        error = _("The receiver answered %(status)d.") % {"status": status_code}
    if delivery.attempts >= settings.DESK_WEBHOOK_MAX_ATTEMPTS:
        _finish(delivery, DeliveryStatus.FAILED, status_code=status_code, text=text, error=error)
        return None
    delay = retry_delay(delivery.attempts)
    _finish(
        delivery,
        DeliveryStatus.RETRYING,
        status_code=status_code,
        text=text,
        error=error,
        next_attempt_at=timezone.now() + timedelta(seconds=delay),
    )
    return delay


def _finish(
    delivery: WebhookDelivery,
    status: str,
    *,
    status_code: int | None = None,
    text: str = "",
    error: str = "",
    next_attempt_at=None,
) -> None:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=status,
        response_status=status_code,
        response_body=text[:RESPONSE_KEPT],
        error=error[:500],
        next_attempt_at=next_attempt_at,
        delivered_at=timezone.now() if status == DeliveryStatus.SUCCEEDED else None,
    )
    logger.info(
        "webhook delivery %s to %s: %s (%s)",
        delivery.uid,
        delivery.webhook_id,
        status,
        status_code or error,
        extra={"delivery": str(delivery.uid), "outcome": status},
    )


def deliveries_sweep(*, now=None) -> int:
    """Enqueue deliveries whose task was lost (broker down at commit, worker killed)."""
    from webhooks.tasks import deliver_webhook

    now = now or timezone.now()
    ids = list(
        WebhookDelivery.objects.filter(
            status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING],
            next_attempt_at__lt=now - LOST_AFTER,
        ).values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        tasking.enqueue(deliver_webhook, pk)
    return len(ids)


def delivery_resend(*, delivery: WebhookDelivery) -> None:
    """An admin asks for another try of a failed or refused delivery: the same event id again."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), error=""
    )
    from webhooks.tasks import deliver_webhook

    tasking.enqueue_on_commit(deliver_webhook, delivery.pk)
