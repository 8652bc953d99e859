"""Reports react to changes: mark the affected cells stale in the change's transaction, and ask a
worker to recompute them once it commits.

The stale rows are the durable part: if the broker is down the user's action still succeeds
(enqueuing is best effort, with the short broker time-outs from settings) and the periodic sweep
(feedback.tasks.sweep_stale_cells) enqueues the recomputation once the broker is back.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from desk import permissions, tasking
from desk.models import EventKind, Request
from feedback import reports

# Events after which some figure may change (see feedback.reports for what counts where).
_ALWAYS = {EventKind.FILED, EventKind.STATUS, EventKind.REOPENED}


def _moments(request: Request, *extra: datetime | None) -> list[datetime | None]:
    # Every instant the request counts at, and now: the current period's backlog and whatever
    # this change is writing (a resolution, a first response) fall in the current period.
    return [
        request.created_at,
        request.first_response_at,
        request.resolved_at,
        request.closed_at,
        timezone.now(),
        *extra,
    ]


def on_event_recorded(sender, request: Request, event, **kwargs) -> None:
    if event.kind == EventKind.COMMENT:
        # Only a first public reply by the department's staff changes a figure (first response).
        if request.first_response_at is not None or event.actor is None:
            return
        if not permissions.is_staff_of(event.actor, request.department_id):
            return
    elif event.kind == EventKind.SERVICE:
        # A moved request leaves its old service's cells and joins the new one's in every period
        # it has been open. The old service's cells are recomputed too: recomputation covers the
        # whole department-period that a stale row names.
        reports.mark_stale_between(
            department_id=request.department_id,
            service_ids=[request.service_id],
            client_type=request.client_type,
            first=request.created_at,
            last=timezone.now(),
        )
        _enqueue_after_commit()
        return
    elif event.kind not in _ALWAYS:
        return
    reports.mark_stale(
        department_id=request.department_id,
        service_ids=[request.service_id],
        client_type=request.client_type,
        moments=_moments(request, event.created_at),
    )
    _enqueue_after_commit()


def on_feedback_saved(sender, feedback, **kwargs) -> None:
    request = feedback.request
    reports.mark_stale(
        department_id=request.department_id,
        service_ids=[request.service_id],
        client_type=request.client_type,
        moments=_moments(request, feedback.created_at),
    )
    _enqueue_after_commit()


def enqueue_recompute() -> bool:
    """Ask a worker to recompute stale cells. A broker error is logged, never raised: the stale
    rows are already committed and the sweep enqueues them later."""
    from feedback.tasks import recompute_stale_cells

    return tasking.enqueue(recompute_stale_cells)


def _enqueue_after_commit() -> None:
    # Usually one per transaction; when a transaction marks twice, the second task finds nothing
    # left to claim and ends at once.
    transaction.on_commit(enqueue_recompute)


def connect() -> None:
    """Called from FeedbackConfig.ready()."""
    from desk.signals import event_recorded
    from feedback.signals import feedback_saved

    event_recorded.connect(on_event_recorded, dispatch_uid="feedback.reports.event_recorded")
    feedback_saved.connect(on_feedback_saved, dispatch_uid="feedback.reports.feedback_saved")
