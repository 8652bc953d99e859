"""In-app notifications and each person's choice of what reaches them, per channel."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from desk.models.requests import Event, Request


class NotificationKind(models.TextChoices):
    """What a notification is about; each person can switch each kind off, per channel."""

    REPLY = "reply", _("A reply to my request")
    STATUS = "status", _("My request changed state")
    RESOLVED = "resolved", _("My request was resolved")
    ASSIGNED = "assigned", _("A request was assigned to me")
    REQUESTER_ACTIVITY = "requester_activity", _("The requester answered, reopened or closed")
    OVERDUE = "overdue", _("A request of my department is overdue")
    APPROVAL = "approval", _("A request waits for my approval")
    KUDOS = "kudos", _("A requester thanked me or my team")


class NotificationQuerySet(models.QuerySet):
    def for_bell(self, user) -> NotificationQuerySet:
        return self.filter(recipient=user, in_app=True)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One thing one person should know about a request: a bell entry, and maybe an email.

    Built only from events the recipient may see; internal notes never make one.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="notifications")
    # The event that caused it; none for "overdue", which no one did.
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # False when the person switched the bell off for this kind but still wants the email.
    in_app = models.BooleanField(default=True)
    # Whether an email is wanted, and when it went out (a retried task sends it once).
    email = models.BooleanField(default=False)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The bell's unread count and the list, on every page.
            models.Index(fields=["recipient", "read_at"], name="notification_recipient_read"),
            models.Index(
                fields=["recipient", "-created_at"], name="notification_recipient_created"
            ),
            # The sweep of emails a lost task never sent.
            models.Index(
                fields=["created_at"],
                condition=models.Q(email=True, emailed_at__isnull=True),
                name="notification_email_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.recipient_id} · {self.request_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationPreference(models.Model):
    """A person's choice for one kind of notification. No row means: bell and email both on."""

    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=30, choices=NotificationKind.choices)
    in_app = models.BooleanField(_("in Desk"), default=True)
    email = models.BooleanField(_("by email"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["employee", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} · {self.kind}"
