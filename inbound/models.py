"""Email in: the addresses that take requests, and every message read from the mailbox.

A ProcessedMessage row is written in the same transaction as the request or comment it made, and
its Message-ID is unique: a job killed mid-way leaves either both or neither, so the next run
processes the message exactly once.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from departments.models import Department, Service


class InboundAddress(models.Model):
    """An address people write to; new emails become requests for its service."""

    email = models.EmailField(
        _("address"),
        unique=True,
        help_text=_("e.g. it-help@example.com, or desk+it@example.com with plus-addressing."),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        related_name="inbound_addresses",
        verbose_name=_("department"),
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        related_name="inbound_addresses",
        verbose_name=_("service"),
        help_text=_("New requests sent to this address are filed for this service."),
    )
    folder = models.CharField(
        _("IMAP folder"),
        max_length=200,
        blank=True,
        help_text=_(
            "The mailbox folder this address's mail is delivered to. Empty: the shared inbox, "
            "where the recipient address decides."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("inbound address")
        verbose_name_plural = _("inbound addresses")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                fields=["folder"], condition=~models.Q(folder=""), name="inbound_folder_unique"
            )
        ]

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        super().clean()
        self.email = (self.email or "").strip().lower()
        if (
            self.service_id
            and self.department_id
            and self.service.department_id != self.department_id
        ):
            raise ValidationError({"service": _("Choose a service of this department.")})


class Outcome(models.TextChoices):
    FILED = "filed", _("Request filed")
    COMMENTED = "commented", _("Reply added")
    UNKNOWN_SENDER = "unknown_sender", _("Unknown sender: answered, nothing filed")
    REFUSED = "refused", _("Refused: answered with the reason")
    AUTOMATIC = "automatic", _("Ignored: automatic message")
    LOOP = "loop", _("Ignored: sent by Desk itself")
    NO_ADDRESS = "no_address", _("Ignored: not sent to an inbound address")
    TOO_LARGE = "too_large", _("Refused: too large")


class ProcessedMessage(models.Model):
    """One email read from the mailbox, and what Desk did with it."""

    message_key = models.CharField(
        _("message key"),
        max_length=64,
        unique=True,
        help_text=_("SHA-256 of the Message-ID (of the whole message when it has none)."),
    )
    message_id = models.TextField(_("Message-ID"), blank=True)
    address = models.ForeignKey(
        InboundAddress,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("inbound address"),
    )
    sender = models.CharField(_("sender"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    detail = models.TextField(_("detail"), blank=True)
    request = models.ForeignKey(
        "desk.Request",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("request"),
    )
    # The answer Desk owes the sender (acknowledgement, refusal); sent by a task after commit.
    reply_wanted = models.BooleanField(_("answer owed"), default=False)
    replied_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    processed_at = models.DateTimeField(_("processed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("processed email")
        verbose_name_plural = _("processed emails")
        ordering = ["-processed_at"]
        indexes = [
            models.Index(fields=["sender", "outcome", "processed_at"], name="inbound_sender_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.sender}: {self.subject}"
