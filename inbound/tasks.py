"""Email in: the periodic mailbox job and the answer to a sender. Both are idempotent."""

from __future__ import annotations

from celery import shared_task

from desk.celery import DeskTask
from desk.tasks import MAIL_ERRORS
from inbound import mailbox, services


@shared_task(name="inbound.tasks.poll_mailbox", acks_late=True)
def poll_mailbox() -> int:
    return mailbox.mailbox_poll()


@shared_task(
    name="inbound.tasks.send_answer",
    autoretry_for=(*DeskTask.autoretry_for, *MAIL_ERRORS),
    acks_late=True,
)
def send_answer(processed_id: int) -> bool:
    return services.answer_send(processed_id=processed_id)
