"""Requests and their timelines. State changes go through desk.services, never direct saves."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from departments.models import ClientType
from desk.links import request_link


class Status(models.TextChoices):
    # Not open work yet: the department does not see it as workable and its clock does not run.
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting on requester")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")
    REJECTED = "rejected", _("Rejected")

    @classmethod
    def open_values(cls) -> list[str]:
        """The department's open work (an awaiting request is not workable yet)."""
        return [cls.NEW, cls.IN_PROGRESS, cls.WAITING]

    @classmethod
    def finished_values(cls) -> list[str]:
        return [cls.RESOLVED, cls.CLOSED, cls.CANCELLED, cls.REJECTED]


class Priority(models.IntegerChoices):
    # Integers so that "sort by priority" is a plain ORDER BY.
    LOW = 1, _("Low")
    NORMAL = 2, _("Normal")
    HIGH = 3, _("High")
    URGENT = 4, _("Urgent")


class RequestQuerySet(models.QuerySet):
    def open(self) -> RequestQuerySet:
        return self.filter(status__in=Status.open_values())

    def with_list_relations(self) -> RequestQuerySet:
        return self.select_related("service", "department", "requester", "assignee")


class Request(models.Model):
    """A colleague's request for one of a department's services."""

    department = models.ForeignKey(
        "departments.Department",
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("department"),
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    service = models.ForeignKey(
        "departments.Service",
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("service"),
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("requester"),
    )
    # The requester's client type when filing: reports stay stable if the person changes role.
    client_type = models.CharField(_("client type"), max_length=20, choices=ClientType.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_requests",
        verbose_name=_("assignee"),
    )
    # Answers to the service's extra fields: [{"field": id, "label": ..., "kind": ..., "value": ...}].
    # Labels are copied so that an admin renaming a field does not rewrite history.
    extra = models.JSONField(_("extra fields"), default=list, blank=True)

    created_at = models.DateTimeField(_("filed"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    last_activity_at = models.DateTimeField(_("last activity"), auto_now_add=True)
    # When the promised turnaround runs out; moves later while the request waits on the requester.
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    # Set while the target clock is paused (waiting on requester).
    paused_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Report timestamps: each is written once, the first time it happens.
    # The last approval step said yes: the target clock starts here instead of at filing.
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    # The approval's last decision (the last yes, or a no): approval time counts up to here.
    approval_decided_at = models.DateTimeField(
        _("approval decided"), null=True, blank=True, editable=False
    )
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Durations for reports, in seconds, written with the timestamps above. Business time needs the
    # department's calendar, which SQL cannot apply, so it is computed once here and aggregated later.
    first_response_business_seconds = models.PositiveIntegerField(
        null=True, blank=True, editable=False
    )
    resolution_seconds = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # From filing to the approval's last decision, in wall-clock time: approvers belong to other
    # departments than the one whose calendar the request follows.
    approval_seconds = models.PositiveIntegerField(null=True, blank=True, editable=False)
    resolution_business_seconds = models.PositiveIntegerField(null=True, blank=True, editable=False)
    met_target = models.BooleanField(null=True, blank=True, editable=False)
    # Effort for reports, kept by desk.effort with every time log under the request's row lock:
    # total minutes logged, and their cost in cents of settings.DESK_CURRENCY (the logs that had
    # a rate). Empty until time is logged (or priced), so report medians skip those requests.
    effort_minutes = models.PositiveIntegerField(null=True, blank=True, editable=False)
    effort_cost_cents = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-last_activity_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "number"], name="request_number_unique_in_department"
            )
        ]
        indexes = [
            models.Index(
                fields=["requester", "-last_activity_at"], name="request_requester_activity"
            ),
            models.Index(fields=["department", "status", "due_at"], name="request_dept_status_due"),
            models.Index(fields=["department", "-last_activity_at"], name="request_dept_activity"),
            models.Index(fields=["department", "-created_at"], name="request_dept_created"),
            models.Index(fields=["assignee", "status"], name="request_assignee_status"),
            models.Index(fields=["service", "created_at"], name="request_service_created"),
            # The queue's filters and sorts (see desk/queue.py): each has an index to start from.
            models.Index(fields=["department", "due_at"], name="request_dept_due"),
            # The default view: the open requests, soonest due first. Only the open ones (a few
            # thousand at most), so its first page reads 50 entries, whatever the history.
            models.Index(
                fields=["department", "due_at", "id"],
                condition=models.Q(status__in=["new", "in_progress", "waiting"]),
                name="request_dept_open_due",
            ),
            models.Index(fields=["department", "priority"], name="request_dept_priority"),
            models.Index(fields=["department", "assignee"], name="request_dept_assignee"),
            models.Index(fields=["department", "client_type"], name="request_dept_client_type"),
            models.Index(Lower("title"), name="request_title_lower"),
            # The periodic tasks' scans stay small however many requests a department keeps.
            models.Index(
                fields=["due_at"],
                condition=models.Q(
                    status__in=["new", "in_progress"], overdue_notified_at__isnull=True
                ),
                name="request_overdue_unnotified",
            ),
            models.Index(
                fields=["resolved_at"],
                condition=models.Q(status="resolved"),
                name="request_resolved_pending",
            ),
            # The report figures of a department-period (feedback.reports): each timestamp's
            # range within the department, and the requests still open for the backlog.
            models.Index(fields=["department", "resolved_at"], name="request_dept_resolved"),
            models.Index(fields=["department", "closed_at"], name="request_dept_closed"),
            models.Index(
                fields=["department", "first_response_at"], name="request_dept_first_response"
            ),
            models.Index(
                fields=["department", "created_at"],
                condition=models.Q(resolved_at__isnull=True, closed_at__isnull=True),
                name="request_dept_open",
            ),
            models.Index(
                fields=["department", "approval_decided_at"],
                condition=models.Q(approval_decided_at__isnull=False),
                name="request_dept_approval_decided",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        # The address is the reference, zero-padded like it: /requests/IT-0042/.
        return request_link("desk:request-detail", self.department.code, f"{self.number:04d}")

    @property
    def reference(self) -> str:
        return f"{self.department.code}-{self.number:04d}"

    @property
    def is_open(self) -> bool:
        return self.status in Status.open_values()


class Decision(models.TextChoices):
    """What an approval step decided; approval events show it on the timeline."""

    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class EventKind(models.TextChoices):
    FILED = "filed", _("Filed")
    COMMENT = "comment", _("Reply")
    NOTE = "note", _("Internal note")
    STATUS = "status", _("Status changed")
    ASSIGNED = "assigned", _("Assigned")
    SERVICE = "service", _("Service changed")
    PRIORITY = "priority", _("Priority changed")
    REOPENED = "reopened", _("Reopened")
    ATTACHMENT = "attachment", _("Attachment added")
    DUE = "due", _("Due time changed")
    APPROVAL_ASKED = "approval_asked", _("Approval asked")
    APPROVAL = "approval", _("Approval decision")
    KUDOS = "kudos", _("Thanks given")
    TIME = "time", _("Time logged")


# Events only the department's staff see: internal notes, and time logged.
INTERNAL_KINDS = (EventKind.NOTE, EventKind.TIME)


class EventQuerySet(models.QuerySet):
    def public(self) -> EventQuerySet:
        """What the requester may see: everything but internal notes and logged time."""
        return self.exclude(kind__in=INTERNAL_KINDS)


class Event(models.Model):
    """One entry on a request's timeline: who did what, when, from what to what."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    old_value = models.CharField(max_length=200, blank=True)
    new_value = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["request", "created_at"], name="event_request_created"),
            # "Where to improve" finds the waits on the requester that ended in a period
            # (feedback.reports.findings): a small index of the status changes out of waiting.
            models.Index(
                fields=["created_at"],
                condition=models.Q(kind="status", old_value="waiting"),
                name="event_left_waiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.request_id}"

    @property
    def is_internal(self) -> bool:
        return self.kind in INTERNAL_KINDS

    @property
    def old_display(self) -> str:
        return event_value_display(self.kind, self.old_value)

    @property
    def new_display(self) -> str:
        return event_value_display(self.kind, self.new_value)


def event_value_display(kind: str, value: str) -> str:
    """An event's old or new value as people read it: a state's or a decision's label."""
    if kind in (EventKind.STATUS, EventKind.REOPENED, EventKind.FILED) and value in Status.values:
        return str(Status(value).label)
    if kind == EventKind.APPROVAL and value in Decision.values:
        return str(Decision(value).label)
    return value
