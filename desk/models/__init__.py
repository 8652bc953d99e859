"""Desk's models, one module per part: requests and their events, attachments, notifications,
staff tools (canned replies, saved views), approvals and effort (time logs). Import them from here."""

from desk.models.approvals import Approval, ApprovalQuerySet, Delegation
from desk.models.attachments import AllowedFileType, Attachment, FileKind, attachment_path
from desk.models.effort import MAX_MINUTES, TimeLog
from desk.models.notifications import (
    Notification,
    NotificationKind,
    NotificationPreference,
    NotificationQuerySet,
)
from desk.models.requests import (
    INTERNAL_KINDS,
    Decision,
    Event,
    EventKind,
    EventQuerySet,
    Priority,
    Request,
    RequestQuerySet,
    Status,
    event_value_display,
)
from desk.models.staff_tools import CannedReply, CannedReplyQuerySet, SavedView

__all__ = [
    "AllowedFileType",
    "Approval",
    "ApprovalQuerySet",
    "Attachment",
    "CannedReply",
    "CannedReplyQuerySet",
    "Decision",
    "Delegation",
    "Event",
    "EventKind",
    "EventQuerySet",
    "FileKind",
    "INTERNAL_KINDS",
    "MAX_MINUTES",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "NotificationQuerySet",
    "Priority",
    "Request",
    "RequestQuerySet",
    "SavedView",
    "Status",
    "TimeLog",
    "attachment_path",
    "event_value_display",
]
