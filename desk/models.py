"""Requests and their timelines. State changes go through desk.services, never direct saves."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from departments.models import ApproverKind, ClientType


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
    resolution_business_seconds = models.PositiveIntegerField(null=True, blank=True, editable=False)
    met_target = models.BooleanField(null=True, blank=True, editable=False)

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
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        # The address is the reference, zero-padded like it: /requests/IT-0042/.
        return reverse("desk:request-detail", args=[self.department.code, f"{self.number:04d}"])

    @property
    def reference(self) -> str:
        return f"{self.department.code}-{self.number:04d}"

    @property
    def is_open(self) -> bool:
        return self.status in Status.open_values()


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


class EventQuerySet(models.QuerySet):
    def public(self) -> EventQuerySet:
        """What the requester may see: everything but internal notes."""
        return self.exclude(kind=EventKind.NOTE)


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
        indexes = [models.Index(fields=["request", "created_at"], name="event_request_created")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.request_id}"

    @property
    def is_internal(self) -> bool:
        return self.kind == EventKind.NOTE

    def _display(self, value: str) -> str:
        if (
            self.kind in (EventKind.STATUS, EventKind.REOPENED, EventKind.FILED)
            and value in Status.values
        ):
            return str(Status(value).label)
        if self.kind == EventKind.APPROVAL and value in Decision.values:
            return str(Decision(value).label)
        return value

    @property
    def old_display(self) -> str:
        return self._display(self.old_value)

    @property
    def new_display(self) -> str:
        return self._display(self.new_value)


class FileKind(models.TextChoices):
    """The kinds of file Desk can recognise from their content (desk/attachments.py): only these
    can be allowed, so that every allowed name is checked against what the file really holds."""

    PNG = "image/png", _("PNG image")
    JPEG = "image/jpeg", _("JPEG image")
    GIF = "image/gif", _("GIF image")
    WEBP = "image/webp", _("WebP image")
    TIFF = "image/tiff", _("TIFF image")
    HEIC = "image/heic", _("HEIC photo")
    PDF = "application/pdf", _("PDF document")
    DOCX = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _("Word document (.docx)"),
    )
    XLSX = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _("Excel workbook (.xlsx)"),
    )
    PPTX = (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _("PowerPoint presentation (.pptx)"),
    )
    ODT = "application/vnd.oasis.opendocument.text", _("OpenDocument text")
    ODS = "application/vnd.oasis.opendocument.spreadsheet", _("OpenDocument spreadsheet")
    ODP = "application/vnd.oasis.opendocument.presentation", _("OpenDocument presentation")
    TEXT = "text/plain", _("Plain text")
    ZIP = "application/zip", _("ZIP archive")


class AllowedFileType(models.Model):
    """An admin's change to the attachment allowlist (desk.attachments.DEFAULT_TYPES): an
    allowed row lets people attach files with this extension, holding this kind of content; a
    row that is not allowed switches a default extension off. Content is always checked."""

    extension = models.CharField(
        _("extension"),
        max_length=10,
        unique=True,
        validators=[
            RegexValidator(
                r"^[a-z0-9]{1,10}$", _("Lower-case letters and digits, without the dot.")
            )
        ],
        help_text=_("Without the dot, e.g. pdf."),
    )
    kind = models.CharField(_("content"), max_length=100, choices=FileKind.choices)
    is_active = models.BooleanField(_("allowed"), default=True)

    class Meta:
        verbose_name = _("allowed file type")
        verbose_name_plural = _("allowed file types")
        ordering = ["extension"]

    def __str__(self) -> str:
        return f".{self.extension}"

    def clean(self) -> None:
        from desk.attachments import EXECUTABLE_EXTENSIONS

        if self.extension in EXECUTABLE_EXTENSIONS:
            raise ValidationError(
                {"extension": _("Files with this extension run on a computer: never allowed.")}
            )


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is not the user's file name: that avoids collisions and path tricks.
    return f"attachments/{instance.request_id}/{instance.token}"


class Attachment(models.Model):
    """A file added to a request, when filing or with a comment."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    token = models.CharField(max_length=32, unique=True, editable=False)
    file = models.FileField(upload_to=attachment_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_internal(self) -> bool:
        return self.event_id is not None and self.event.kind == EventKind.NOTE


# --- notifications and canned replies (workflow) ----------------------------------------------


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


class CannedReplyQuerySet(models.QuerySet):
    def active(self) -> CannedReplyQuerySet:
        return self.filter(is_active=True)


class CannedReply(models.Model):
    """A ready-made answer a department's staff insert into a reply and then adapt."""

    department = models.ForeignKey(
        "departments.Department",
        on_delete=models.CASCADE,
        related_name="canned_replies",
        verbose_name=_("department"),
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"))
    is_active = models.BooleanField(_("active"), default=True)

    objects = CannedReplyQuerySet.as_manager()

    class Meta:
        verbose_name = _("canned reply")
        verbose_name_plural = _("canned replies")
        ordering = ["department__name", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "title"], name="canned_reply_title_unique_in_department"
            )
        ]

    def __str__(self) -> str:
        return self.title


# --- saved queue views (queue) -----------------------------------------------------------------


class SavedView(models.Model):
    """A named set of queue filters, private to its owner or shared with the department.

    The query is the normalised, allowlisted query string from desk.queue.QueueFilters; it is
    parsed again through the allowlist whenever it is used.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_views",
        verbose_name=_("owner"),
    )
    department = models.ForeignKey(
        "departments.Department",
        on_delete=models.CASCADE,
        related_name="saved_views",
        verbose_name=_("department"),
    )
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("filters"), max_length=1000, blank=True)
    shared = models.BooleanField(
        _("shared with the department"),
        default=False,
        help_text=_("Everyone in the department's team sees a shared view."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "department", "name"], name="saved_view_name_unique_per_owner"
            )
        ]
        indexes = [
            models.Index(
                fields=["department"],
                condition=models.Q(shared=True),
                name="saved_view_shared",
            )
        ]

    def __str__(self) -> str:
        return self.name


# --- approvals -----------------------------------------------------------------------------------


class Decision(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ApprovalQuerySet(models.QuerySet):
    def current(self) -> ApprovalQuerySet:
        """Steps waiting for a decision now (later steps have not started yet)."""
        return self.filter(decision=Decision.PENDING, started_at__isnull=False)


class Approval(models.Model):
    """One step of a request's approval, with the approvers it had when the request was filed.

    Either one person decides (the line manager, a named person) or any head of a department.
    After escalation the heads of the requester's home department may decide too.
    """

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="approvals")
    position = models.PositiveSmallIntegerField()
    approver_kind = models.CharField(max_length=20, choices=ApproverKind.choices)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approver_department = models.ForeignKey(
        "departments.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Set when the step becomes the current one; reminders count working days from here.
    started_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    escalation_department = models.ForeignKey(
        "departments.Department", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ApprovalQuerySet.as_manager()

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        ordering = ["request", "position"]
        constraints = [
            models.UniqueConstraint(fields=["request", "position"], name="approval_step_unique")
        ]
        indexes = [
            models.Index(
                fields=["approver"],
                condition=models.Q(decision="pending"),
                name="approval_pending_person",
            ),
            models.Index(
                fields=["approver_department"],
                condition=models.Q(decision="pending"),
                name="approval_pending_department",
            ),
            models.Index(
                fields=["started_at"],
                condition=models.Q(decision="pending"),
                name="approval_pending_started",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} #{self.position} {self.decision}"


class Delegation(models.Model):
    """While someone is away, another person decides their approvals (both dates included)."""

    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="delegations_given",
        verbose_name=_("away"),
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="delegations_received",
        verbose_name=_("decides instead"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("approval delegation")
        verbose_name_plural = _("approval delegations")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="delegation_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(delegate=models.F("delegator")),
                name="delegation_not_to_self",
            ),
        ]
        indexes = [models.Index(fields=["delegate", "ends_on"], name="delegation_delegate_ends")]

    def __str__(self) -> str:
        return f"{self.delegator_id} → {self.delegate_id} {self.starts_on}–{self.ends_on}"
