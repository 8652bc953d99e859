"""Ratings of finished requests, and the report tables computed from them."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from departments.models import ClientType

# --- feedback -----------------------------------------------------------------------------------


class Satisfaction(models.IntegerChoices):
    """The overall rating; CSAT counts 4 and 5."""

    VERY_DISSATISFIED = 1, _("1 – Very dissatisfied")
    DISSATISFIED = 2, _("2 – Dissatisfied")
    NEUTRAL = 3, _("3 – Neither satisfied nor dissatisfied")
    SATISFIED = 4, _("4 – Satisfied")
    VERY_SATISFIED = 5, _("5 – Very satisfied")


class AspectScore(models.IntegerChoices):
    """The optional aspects (quality, speed, communication)."""

    VERY_POOR = 1, _("1 – Very poor")
    POOR = 2, _("2 – Poor")
    FAIR = 3, _("3 – Fair")
    GOOD = 4, _("4 – Good")
    EXCELLENT = 5, _("5 – Excellent")


def _score_between_1_and_5(field: str, *, nullable: bool) -> models.CheckConstraint:
    in_range = Q(**{f"{field}__gte": 1, f"{field}__lte": 5})
    if nullable:
        in_range |= Q(**{f"{field}__isnull": True})
    return models.CheckConstraint(condition=in_range, name=f"feedback_{field}_1_to_5")


class Feedback(models.Model):
    """The requester's rating of a resolved request: exactly one per request.

    department, service and client_type are copied from the request so that report queries and
    the heads' list filter one table. The department and client type of a request never change;
    its service can (a head may move a reopened request), and then feedback.signals keeps the copy
    in step in the same transaction, so a rating always counts for the request's current service.
    """

    request = models.OneToOneField(
        "desk.Request",
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("request"),
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="feedback_given",
        verbose_name=_("requester"),
    )
    department = models.ForeignKey(
        "departments.Department",
        on_delete=models.PROTECT,
        related_name="feedback",
        verbose_name=_("department"),
    )
    service = models.ForeignKey(
        "departments.Service",
        on_delete=models.PROTECT,
        related_name="feedback",
        verbose_name=_("service"),
    )
    client_type = models.CharField(_("client type"), max_length=20, choices=ClientType.choices)

    rating = models.PositiveSmallIntegerField(
        _("overall satisfaction"), choices=Satisfaction.choices
    )
    quality = models.PositiveSmallIntegerField(
        _("quality of the result"), choices=AspectScore.choices, null=True, blank=True
    )
    speed = models.PositiveSmallIntegerField(
        _("speed"), choices=AspectScore.choices, null=True, blank=True
    )
    communication = models.PositiveSmallIntegerField(
        _("communication"), choices=AspectScore.choices, null=True, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)

    # A default rather than auto_now_add, so that demo data can be dated in the past.
    created_at = models.DateTimeField(_("given"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Closing the loop: what the department did about it, shown to the requester.
    acted_upon_at = models.DateTimeField(_("acted upon"), null=True, blank=True)
    acted_upon_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("acted upon by"),
    )
    acted_upon_note = models.CharField(_("what was done"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at", "-pk"]
        constraints = [
            _score_between_1_and_5("rating", nullable=False),
            _score_between_1_and_5("quality", nullable=True),
            _score_between_1_and_5("speed", nullable=True),
            _score_between_1_and_5("communication", nullable=True),
            # "Acted upon" always says what was done.
            models.CheckConstraint(
                condition=Q(acted_upon_at__isnull=True) | ~Q(acted_upon_note=""),
                name="feedback_acted_upon_has_note",
            ),
        ]
        indexes = [
            models.Index(fields=["department", "-created_at"], name="feedback_dept_created"),
            models.Index(fields=["department", "rating"], name="feedback_dept_rating"),
            models.Index(fields=["service", "created_at"], name="feedback_service_created"),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 for request {self.request_id}"

    @property
    def needs_action(self) -> bool:
        return bool(self.comment.strip()) and self.acted_upon_at is None

    @property
    def aspects(self) -> list[dict]:
        """The three optional aspects in form order: label, score (or None) and its words."""
        return [
            {
                "label": self._meta.get_field(name).verbose_name,
                "score": getattr(self, name),
                "display": getattr(self, f"get_{name}_display")(),
            }
            for name in ("quality", "speed", "communication")
        ]


# --- report cells (owned by the reports work: feedback/reports.py computes them) ----------------

from feedback.periods import PeriodKind  # noqa: E402

# `service_key` is the service's id, or ALL_SERVICES for the department-wide cell. A NULL service
# cannot be part of a unique key that SQLite and PostgreSQL < 15 both enforce (NULLs are distinct),
# and an upsert needs a plain unique index to target, so the key column is never NULL.
ALL_SERVICES = 0
ALL_CLIENTS = ""
# Likewise `department_key`: the department's id, or COMPANY for the cells of all departments.
COMPANY = 0


class ReportCell(models.Model):
    """The figures of one department (one service or all, one client type or all) in one period,
    or of the whole company (no department; then always all services).

    Every figure is recomputed from requests and feedback by feedback.reports and replaced whole,
    never incremented, so recomputing is idempotent. Counts and sums are stored with the ratios
    computed from them, so that cells can also be added up (e.g. for a company total).
    """

    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("period start"))
    department = models.ForeignKey(
        "departments.Department",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_cells",
        verbose_name=_("department"),
        help_text=_("Empty: the whole company."),
    )
    department_key = models.PositiveIntegerField(default=COMPANY, editable=False)
    service = models.ForeignKey(
        "departments.Service",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_cells",
        verbose_name=_("service"),
        help_text=_("Empty: all the department's services."),
    )
    service_key = models.PositiveIntegerField(default=ALL_SERVICES, editable=False)
    client_type = models.CharField(
        _("client type"),
        max_length=20,
        blank=True,
        choices=ClientType.choices,
        help_text=_("Empty: all client types."),
    )

    # Requests: filed, resolved, closed (confirmed or expired), cancelled in the period; open at its end.
    filed = models.PositiveIntegerField(_("filed"), default=0)
    resolved = models.PositiveIntegerField(_("resolved"), default=0)
    closed = models.PositiveIntegerField(_("closed"), default=0)
    cancelled = models.PositiveIntegerField(_("cancelled"), default=0)
    backlog = models.PositiveIntegerField(_("open at period end"), default=0)
    # Turnaround (filed -> resolved) of the requests resolved in the period, in hours.
    turnaround_median_hours = models.FloatField(null=True, blank=True)
    turnaround_p90_hours = models.FloatField(null=True, blank=True)
    turnaround_business_median_hours = models.FloatField(null=True, blank=True)
    turnaround_business_p90_hours = models.FloatField(null=True, blank=True)
    # First response, in business hours, of the requests first answered in the period.
    first_responses = models.PositiveIntegerField(default=0)
    first_response_business_median_hours = models.FloatField(null=True, blank=True)
    # Resolved in the period with a known target outcome, and those within the target.
    # Requests whose approval ended in the period (approved or rejected), and how long it took.
    approvals_decided = models.PositiveIntegerField(default=0)
    approvals_rejected = models.PositiveIntegerField(default=0)
    approval_median_hours = models.FloatField(null=True, blank=True)
    approval_p90_hours = models.FloatField(null=True, blank=True)

    target_known = models.PositiveIntegerField(default=0)
    target_met = models.PositiveIntegerField(default=0)
    # Ratings given in the period.
    rated = models.PositiveIntegerField(_("ratings"), default=0)
    satisfied = models.PositiveIntegerField(default=0)  # ratings of 4 or 5
    rating_sum = models.PositiveIntegerField(default=0)
    quality_count = models.PositiveIntegerField(default=0)
    quality_sum = models.PositiveIntegerField(default=0)
    speed_count = models.PositiveIntegerField(default=0)
    speed_sum = models.PositiveIntegerField(default=0)
    communication_count = models.PositiveIntegerField(default=0)
    communication_sum = models.PositiveIntegerField(default=0)
    # Of the requests closed in the period, how many have been rated (response rate).
    closed_rated = models.PositiveIntegerField(default=0)
    # Effort of the requests resolved in the period: how many had time logged, its total and
    # median per request in minutes; how many had a cost (a rate for their days), its total and
    # median per request in cents of settings.DESK_CURRENCY.
    effort_requests = models.PositiveIntegerField(default=0)
    effort_total_minutes = models.PositiveBigIntegerField(default=0)
    effort_median_minutes = models.FloatField(null=True, blank=True)
    costed_requests = models.PositiveIntegerField(default=0)
    cost_cents = models.PositiveBigIntegerField(default=0)
    cost_median_cents = models.FloatField(null=True, blank=True)

    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("report cell")
        verbose_name_plural = _("report cells")
        ordering = ["department", "period_kind", "period_start", "service_key", "client_type"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "period_kind",
                    "period_start",
                    "department_key",
                    "service_key",
                    "client_type",
                ],
                name="report_cell_key",
            ),
            models.CheckConstraint(
                condition=Q(service__isnull=True, service_key=ALL_SERVICES)
                | Q(service__isnull=False, service_key=models.F("service")),
                name="report_cell_service_key_matches",
            ),
            models.CheckConstraint(
                condition=Q(department__isnull=True, department_key=COMPANY)
                | Q(department__isnull=False, department_key=models.F("department")),
                name="report_cell_department_key_matches",
            ),
        ]
        indexes = [
            models.Index(
                fields=["department", "period_kind", "period_start"], name="report_cell_dept_period"
            ),
        ]

    def __str__(self) -> str:
        scope = f"{self.department_id or '*'}/{self.service_key}/{self.client_type or '*'}"
        return f"{scope} {self.period_kind} {self.period_start}"

    @staticmethod
    def _ratio(part: int, whole: int, scale: float = 1.0) -> float | None:
        return part * scale / whole if whole else None

    @property
    def csat(self) -> float | None:
        """% of ratings that are 4 or 5."""
        return self._ratio(self.satisfied, self.rated, 100)

    @property
    def mean_rating(self) -> float | None:
        return self._ratio(self.rating_sum, self.rated)

    @property
    def mean_quality(self) -> float | None:
        return self._ratio(self.quality_sum, self.quality_count)

    @property
    def mean_speed(self) -> float | None:
        return self._ratio(self.speed_sum, self.speed_count)

    @property
    def mean_communication(self) -> float | None:
        return self._ratio(self.communication_sum, self.communication_count)

    @property
    def compliance(self) -> float | None:
        """% of the requests resolved in the period that met the service's target."""
        return self._ratio(self.target_met, self.target_known, 100)

    @property
    def rejected_share(self) -> float | None:
        """% of the approvals that ended in the period that ended in a rejection."""
        return self._ratio(self.approvals_rejected, self.approvals_decided, 100)

    @property
    def effort_hours(self) -> float | None:
        """Hours logged on the requests resolved in the period."""
        return self.effort_total_minutes / 60 if self.effort_requests else None

    @property
    def effort_median_hours(self) -> float | None:
        return None if self.effort_median_minutes is None else self.effort_median_minutes / 60

    @property
    def cost(self) -> Decimal | None:
        """What the requests resolved in the period cost (settings.DESK_CURRENCY)."""
        return Decimal(self.cost_cents) / 100 if self.costed_requests else None

    @property
    def cost_median(self) -> Decimal | None:
        """The median cost of a request resolved in the period."""
        if self.cost_median_cents is None:
            return None
        return (Decimal(str(self.cost_median_cents)) / 100).quantize(Decimal("0.01"))

    @property
    def response_rate(self) -> float | None:
        """% of the requests closed in the period that have a rating."""
        return self._ratio(self.closed_rated, self.closed, 100)


# What identifies a stale mark: its unique constraint, and the conflict target of a new mark.
STALE_CELL_KEY = [
    "period_kind",
    "period_start",
    "department",
    "service_key",
    "client_type",
    "figures",
]


class StaleCell(models.Model):
    """Outbox: a report cell whose figures may be out of date.

    Written in the same transaction as the change that made it stale, so the work survives a lost
    task or a broker outage; feedback.tasks recomputes and deletes these rows, and a periodic sweep
    enqueues that task whenever rows are waiting. Recomputation covers a whole (period, department)
    at once, so one row of a department-period brings all of its cells up to date.
    """

    period_kind = models.CharField(max_length=10)
    period_start = models.DateField()
    department = models.ForeignKey(
        "departments.Department", on_delete=models.CASCADE, related_name="+"
    )
    service_key = models.PositiveIntegerField(default=ALL_SERVICES)
    client_type = models.CharField(max_length=20, blank=True)
    # Which figures may be out of date: one family of feedback.reports.FAMILY_FIELDS (e.g. a
    # closing moves only "finished"), or empty for all of them.
    figures = models.CharField(max_length=10, blank=True, default="")
    # Moved forward by every new mark, so a change during a recomputation is never forgotten.
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("stale report cell")
        verbose_name_plural = _("stale report cells")
        constraints = [
            models.UniqueConstraint(fields=STALE_CELL_KEY, name="stale_cell_key"),
        ]

    def __str__(self) -> str:
        scope = f"{self.department_id}/{self.service_key}/{self.client_type or '*'}"
        return f"stale {scope} {self.period_kind} {self.period_start}"


class StaleCompanyPeriod(models.Model):
    """Outbox of the company-wide cells: a period whose company cells may be out of date.

    Marked by the worker that recomputes a department's stale cells (feedback.reports
    .recompute_stale), not by the user's change, so that concurrent changes in different
    departments never wait on one shared row. The periodic sweep recomputes these periods once a
    minute instead of after every change: the company figures lag the departments' by up to a
    minute or so.
    """

    period_kind = models.CharField(max_length=10)
    period_start = models.DateField()
    # Moved forward by every new mark, like StaleCell.marked_at.
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("stale company report period")
        verbose_name_plural = _("stale company report periods")
        constraints = [
            models.UniqueConstraint(
                fields=["period_kind", "period_start"], name="stale_company_period_key"
            ),
        ]

    def __str__(self) -> str:
        return f"stale company {self.period_kind} {self.period_start}"


class ReportSubscription(models.Model):
    """A person who wants a department's monthly report by email."""

    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_subscriptions",
        verbose_name=_("employee"),
    )
    department = models.ForeignKey(
        "departments.Department",
        on_delete=models.CASCADE,
        related_name="report_subscriptions",
        verbose_name=_("department"),
    )
    monthly_email = models.BooleanField(_("monthly report email"), default=True)
    # The first day of the month last reported on: a second run on the same day sends nothing.
    last_sent_month = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("report subscription")
        verbose_name_plural = _("report subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "department"], name="one_report_subscription_per_department"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} – {self.department}"


# --- recognition ---------------------------------------------------------------------------------


class Kudos(models.Model):
    """A requester's thanks to a person of the serving department, for one request.

    department and service are copied from the request (like Feedback's), so the department's
    recognition page and the monthly email filter one table.
    """

    request = models.ForeignKey(
        "desk.Request", on_delete=models.CASCADE, related_name="kudos", verbose_name=_("request")
    )
    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="kudos_given",
        verbose_name=_("from"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="kudos_received",
        verbose_name=_("to"),
    )
    department = models.ForeignKey(
        "departments.Department",
        on_delete=models.CASCADE,
        related_name="kudos",
        verbose_name=_("department"),
    )
    service = models.ForeignKey(
        "departments.Service",
        on_delete=models.CASCADE,
        related_name="kudos",
        verbose_name=_("service"),
    )
    message = models.CharField(_("message"), max_length=500, blank=True)
    # A default rather than auto_now_add, so that demo data can be dated in the past.
    created_at = models.DateTimeField(_("given"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("kudos")
        verbose_name_plural = _("kudos")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Thanking the same person twice for one request is a double click, not more thanks.
            models.UniqueConstraint(fields=["request", "recipient"], name="kudos_once_per_person"),
            models.CheckConstraint(
                condition=~Q(giver=models.F("recipient")), name="kudos_not_to_oneself"
            ),
        ]
        indexes = [
            models.Index(fields=["department", "-created_at"], name="kudos_dept_created"),
            models.Index(fields=["recipient", "-created_at"], name="kudos_recipient_created"),
        ]

    def __str__(self) -> str:
        return f"kudos {self.giver_id} -> {self.recipient_id} for request {self.request_id}"


# --- where to improve ----------------------------------------------------------------------------


class FindingKind(models.TextChoices):
    COMPLIANCE_DROP = "compliance_drop", _("Target compliance dropped")
    SATISFACTION_DROP = "satisfaction_drop", _("Satisfaction dropped")
    CLIENT_TYPE = "client_type", _("Client type served worst")
    SLOWEST_STEP = "slowest_step", _("Slowest step")
    COMMENT_WORDS = "comment_words", _("Words in low ratings")


class Step(models.TextChoices):
    """The waits a request goes through, for the slowest-step finding."""

    FIRST_RESPONSE = "first_response", _("waiting for the first response")
    WAITING = "waiting", _("waiting on the requester")
    APPROVAL = "approval", _("waiting for approval")


class Finding(models.Model):
    """One of up to five "where to improve" findings of a department in a period.

    Computed by the report job (feedback.reports.findings) from the stored cells and from the
    requests and ratings, never on page load; the department-period's findings are replaced as a
    whole, so a retried job never duplicates them. The figures are stored as numbers and the page
    words them in the viewer's language: current and previous are percentages for the drops,
    for a client type its CSAT and the department's, for the slowest step median hours.
    """

    department = models.ForeignKey(
        "departments.Department",
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("department"),
    )
    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("period start"))
    rank = models.PositiveSmallIntegerField(_("rank"))  # 1 is the biggest problem
    kind = models.CharField(_("kind"), max_length=20, choices=FindingKind.choices)
    service = models.ForeignKey(
        "departments.Service",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    # The client type, or the step (Step), when the finding is about one.
    subject = models.CharField(_("subject"), max_length=20, blank=True)
    current = models.FloatField(null=True, blank=True)
    previous = models.FloatField(null=True, blank=True)
    delta = models.FloatField(null=True, blank=True)
    count = models.PositiveIntegerField(default=0)  # the requests (or comments) behind it
    words = models.JSONField(default=list, blank=True)  # [[word, comments], ...]
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["department", "period_kind", "period_start", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "period_kind", "period_start", "rank"], name="finding_rank"
            ),
            models.CheckConstraint(
                condition=Q(rank__gte=1, rank__lte=5), name="finding_rank_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.department_id} {self.period_kind} {self.period_start} #{self.rank} {self.kind}"
        )

    @property
    def subject_label(self) -> str:
        """The client type or the step, in the viewer's language."""
        choices = {FindingKind.CLIENT_TYPE: ClientType, FindingKind.SLOWEST_STEP: Step}.get(
            self.kind
        )
        if choices is None or self.subject not in choices.values:
            return self.subject
        return str(choices(self.subject).label)
