"""Celery tasks: thin wrappers that take ids, call one function, and can run twice without harm.

Retries on database and broker errors with exponential backoff come from desk.celery.DeskTask
(the longest wait stays far below the broker's visibility timeout, so a waiting retry is never
delivered twice); the email task also retries when the mail server fails. acks_late: a task lost
with its worker runs again, which is why every task here is idempotent.
"""

from __future__ import annotations

from smtplib import SMTPException

from celery import shared_task

from desk import approvals, notifications, services, status_counts
from desk.celery import DeskTask

MAIL_ERRORS = (SMTPException, ConnectionError, TimeoutError)


@shared_task(
    name="desk.tasks.send_notification_email",
    autoretry_for=(*DeskTask.autoretry_for, *MAIL_ERRORS),
    acks_late=True,
)
def send_notification_email(notification_id: int) -> bool:
    return notifications.notification_send_email(notification_id=notification_id)


@shared_task(name="desk.tasks.close_expired_resolved", acks_late=True)
def close_expired_resolved() -> int:
    return services.requests_close_expired()


@shared_task(name="desk.tasks.notify_overdue", acks_late=True)
def notify_overdue() -> int:
    return notifications.requests_notify_overdue()


@shared_task(name="desk.tasks.sweep_unsent_emails", acks_late=True)
def sweep_unsent_emails() -> int:
    return notifications.notifications_sweep_unsent()


@shared_task(name="desk.tasks.remind_approvals", acks_late=True)
def remind_approvals() -> tuple[int, int]:
    return approvals.approvals_remind()


@shared_task(name="desk.tasks.compact_status_counts", acks_late=True)
def compact_status_counts() -> int:
    return status_counts.compact()
