"""Webhooks react to request events (desk.signals.event_recorded) and new ratings
(feedback.signals.feedback_saved), in the transaction that wrote them."""

from __future__ import annotations

from webhooks import delivery


def on_event_recorded(sender, request, event, **kwargs) -> None:
    delivery.deliveries_for_event(request=request, event=event)


def on_feedback_saved(sender, feedback, created: bool = False, **kwargs) -> None:
    if created:
        delivery.deliveries_for_rating(feedback=feedback)


def connect() -> None:
    """Called from WebhooksConfig.ready()."""
    from desk.signals import event_recorded
    from feedback.signals import feedback_saved

    event_recorded.connect(on_event_recorded, dispatch_uid="webhooks.event_recorded")
    feedback_saved.connect(on_feedback_saved, dispatch_uid="webhooks.feedback_saved")
