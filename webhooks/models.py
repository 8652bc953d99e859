"""Outgoing webhooks: an admin points a department's request events at another system's URL.

A Webhook is the target; a WebhookDelivery is one event for one target, written in the same
transaction as the change that caused it (an outbox), so the event survives a lost task or a
broker outage. The delivery log in the admin is these rows.
"""

from __future__ import annotations

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    FILED = "request.filed", _("Request filed")
    STATE_CHANGED = "request.state_changed", _("State changed")
    COMMENTED = "request.commented", _("Reply or note added")
    RATED = "request.rated", _("Request rated")


# Which switch of a Webhook subscribes to each event type.
SUBSCRIPTION_FIELD = {
    EventType.FILED: "on_filed",
    EventType.STATE_CHANGED: "on_state_changed",
    EventType.COMMENTED: "on_commented",
    EventType.RATED: "on_rated",
}


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookQuerySet(models.QuerySet):
    def active(self) -> WebhookQuerySet:
        return self.filter(is_active=True, department__is_active=True)

    def subscribed(self, event_type: str) -> WebhookQuerySet:
        return self.filter(**{SUBSCRIPTION_FIELD[event_type]: True})


class Webhook(models.Model):
    department = models.ForeignKey(
        "departments.Department",
        on_delete=models.CASCADE,
        related_name="webhooks",
        verbose_name=_("department"),
        help_text=_("Events of this department's requests are sent."),
    )
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(
        _("URL"),
        max_length=500,
        help_text=_("Where Desk POSTs each event as JSON (http or https)."),
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=new_secret,
        help_text=_(
            "Desk signs every event with it (X-Desk-Signature); the receiver checks the "
            "signature with the same secret."
        ),
    )
    on_filed = models.BooleanField(_("request filed"), default=True)
    on_state_changed = models.BooleanField(_("state changed"), default=True)
    on_commented = models.BooleanField(_("reply or note added"), default=True)
    on_rated = models.BooleanField(_("request rated"), default=True)
    internal = models.BooleanField(
        _("internal target"),
        default=False,
        help_text=_(
            "Receives the department's internal notes too. Leave off for anything outside the "
            "department's own team."
        ),
    )
    allow_private_network = models.BooleanField(
        _("allow private network addresses"),
        default=False,
        help_text=_(
            "Allow a target on a loopback, private or link-local address (e.g. 10.0.0.5). Off, "
            "such targets are refused, so a webhook cannot reach Desk's own network."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = WebhookQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["department__name", "name"]
        indexes = [
            models.Index(
                fields=["department"], condition=models.Q(is_active=True), name="webhook_active"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from webhooks import targets

        if self.url:
            try:
                targets.check_url(self.url, allow_private=self.allow_private_network)
            except targets.TargetRefused as exc:
                raise ValidationError({"url": str(exc)}) from exc

    def subscribes_to(self, event_type: str) -> bool:
        return bool(getattr(self, SUBSCRIPTION_FIELD[event_type]))


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    RETRYING = "retrying", _("Failed, will retry")
    SUCCEEDED = "succeeded", _("Delivered")
    FAILED = "failed", _("Failed, gave up")
    REFUSED = "refused", _("Not sent")


class WebhookDelivery(models.Model):
    """One event for one webhook, and what happened when Desk sent it."""

    uid = models.UUIDField(_("delivery id"), default=uuid.uuid4, unique=True, editable=False)
    webhook = models.ForeignKey(
        Webhook, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("webhook")
    )
    event_type = models.CharField(_("event"), max_length=40, choices=EventType.choices)
    request = models.ForeignKey(
        "desk.Request", on_delete=models.CASCADE, related_name="+", verbose_name=_("request")
    )
    # The timeline event it reports (filed, state changed, commented); none for a rating.
    event = models.ForeignKey(
        "desk.Event", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    feedback = models.ForeignKey(
        "feedback.Feedback", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True, blank=True)
    response_body = models.TextField(_("response (start)"), blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    # The JSON body of the last attempt, as sent (signed over these bytes).
    payload = models.TextField(_("payload"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["webhook", "-created_at"], name="webhook_delivery_hook"),
            # The sweep of deliveries whose task was lost.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status__in=["pending", "retrying"]),
                name="webhook_delivery_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} → {self.webhook_id} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (
            DeliveryStatus.SUCCEEDED,
            DeliveryStatus.FAILED,
            DeliveryStatus.REFUSED,
        )
