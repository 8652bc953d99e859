"""The quarterly sending of pulse surveys (beat: hourly). Idempotent: a round is unique per survey
and quarter, and each invitation is stamped in the transaction that emails it."""

from __future__ import annotations

from celery import shared_task

from surveys import services


@shared_task(
    name="surveys.tasks.send_due_rounds", acks_late=True, soft_time_limit=240, time_limit=300
)
def send_due_rounds() -> int:
    """Make the rounds that are due, then email every invitation not emailed yet (those of a run
    that died half way included); returns how many emails went out."""
    services.send_due_rounds()
    return services.invitations_email()
