"""Signals about feedback, and feedback's reaction to desk's events.

`feedback_saved` is sent inside the transaction that wrote the feedback row (created, edited or
marked acted upon), like desk's `event_recorded`: receivers may write rows that commit or roll back
with it (reports mark their cells stale) and must defer anything slow with `transaction.on_commit`.
"""

from __future__ import annotations

from django.dispatch import Signal, receiver

from desk.models import EventKind, Request
from desk.signals import event_recorded

# kwargs: feedback (feedback.models.Feedback), created (bool: a new rating, not an edit)
feedback_saved = Signal()


@receiver(event_recorded, dispatch_uid="feedback.follow_service_change")
def follow_service_change(sender, request: Request, event, **kwargs) -> None:
    """Keep the feedback's copy of the service equal to the request's (a head moved it)."""
    if event.kind != EventKind.SERVICE:
        return
    from feedback.models import Feedback

    feedback = (
        Feedback.objects.filter(request_id=request.pk)
        .exclude(service_id=request.service_id)
        .first()
    )
    if feedback is None:
        return
    feedback.request = request  # receivers see the request as it is now, not as saved so far
    feedback.service_id = request.service_id
    # Only these columns: a concurrent edit of the rating is not overwritten.
    feedback.save(update_fields=["service", "updated_at"])
    feedback_saved.send(sender=Feedback, feedback=feedback, created=False)
