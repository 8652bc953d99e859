"""Effort: the time staff spend on a request, and what it cost.

Cost is snapshot on the log when it is written (minutes / 60 × the hourly rate valid on the day
the time was spent, departments.models.rate_on) rather than joined with the rates at every
report recomputation: reports then aggregate plain columns in SQL, as they do for business hours
(Request.resolution_business_seconds), and the portable ORM and the one-statement PostgreSQL
recomputation read the same numbers. A rate entered or corrected later is applied to the logs of
its days by desk.effort.logs_reprice (called when an admin saves a rate), which marks the
affected report cells stale, so history keeps the rate of its time and still follows corrections.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# One log is at most a long working day; more time is more logs (a typo of 3000 is refused).
MAX_MINUTES = 12 * 60


class TimeLog(models.Model):
    """Minutes a member of the department's staff spent on a request on one day."""

    request = models.ForeignKey(
        "desk.Request",
        on_delete=models.CASCADE,
        related_name="time_logs",
        verbose_name=_("request"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="time_logs",
        verbose_name=_("logged by"),
    )
    minutes = models.PositiveIntegerField(
        _("minutes"), validators=[MinValueValidator(1), MaxValueValidator(MAX_MINUTES)]
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    spent_on = models.DateField(_("spent on"))
    # The hourly rate that applied on spent_on and the cost of these minutes at it, in cents of
    # settings.DESK_CURRENCY; empty when no rate was set for that day.
    rate = models.DecimalField(
        _("hourly cost"), max_digits=10, decimal_places=2, null=True, blank=True, editable=False
    )
    cost_cents = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("logged"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("time log")
        verbose_name_plural = _("time logs")
        ordering = ["spent_on", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1, minutes__lte=MAX_MINUTES),
                name="time_log_minutes_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["request", "spent_on"], name="time_log_request_spent"),
            models.Index(fields=["spent_on"], name="time_log_spent"),
        ]

    def __str__(self) -> str:
        return f"{self.minutes} min on request {self.request_id}"
