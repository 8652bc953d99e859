"""Reports react to changes: mark the affected cells stale in the change's transaction, and ask a
worker to recompute them once it commits.

The stale rows are the durable part: if the broker is down the user's action still succeeds
(enqueuing is best effort, with the short broker time-outs from settings) and the periodic sweep
(feedback.tasks.sweep_stale_cells) enqueues the recomputation once the broker is back.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from desk import permissions, tasking
from desk.models import EventKind, Request
from feedback import reports

# Events after which some figure may change (see feedback.reports for what counts where).
_ALWAYS = {EventKind.FILED, EventKind.STATUS, EventKind.REOPENED}
# A report timestamp this recent was written by the change being recorded (the service stamps it
# a moment before the event): its period is marked even if midnight fell in between.
_JUST_WRITTEN = timedelta(minutes=5)


def _mark_written(request: Request, event) -> None:
    """Mark what a workflow change can move: the figures of each report timestamp it wrote, in
    that timestamp's period. Older periods keep their figures: the timestamps are written once,
    and a status counts (closed or cancelled) only in the period of the closing it came with.

    - filed: filed, and the backlog (open at the period's end);
    - first response: the first-response figures;
    - the approval's last decision: approval time and the share rejected;
    - resolved: resolved, turnaround and target, and the backlog;
    - closed or cancelled: those counts and the response rate; the backlog only if the request
      was never resolved (otherwise it left the backlog when it was resolved).
    """
    since = event.created_at - _JUST_WRITTEN

    def written(moment: datetime | None) -> bool:
        return moment is not None and moment >= since

    changes: list[tuple[datetime, tuple[str, ...]]] = []
    if written(request.created_at):
        changes.append((request.created_at, ("filed", "backlog")))
    if written(request.first_response_at):
        changes.append((request.first_response_at, ("answered",)))
    elif request.first_response_at is None and event.kind != EventKind.FILED:
        # Staff's first reply or status change stamps the first response after the event is
        # recorded (filing never does).
        changes.append((event.created_at, ("answered",)))
    if written(request.approval_decided_at):
        changes.append((request.approval_decided_at, ("approved",)))
    if written(request.resolved_at):
        changes.append((request.resolved_at, ("resolved", "backlog")))
    if written(request.closed_at):
        backlog = () if request.resolved_at else ("backlog",)
        changes.append((request.closed_at, ("finished", *backlog)))
    if event.kind == EventKind.REOPENED:
        # Writes no timestamp and moves no figure today; marked whole all the same, being rare.
        changes.append((event.created_at, ("",)))
    if changes:
        _mark_changes(request, changes)
        _enqueue_after_commit()


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
    elif event.kind == EventKind.TIME:
        on_effort_changed(sender, request)
        return
    elif event.kind not in _ALWAYS:
        return
    _mark_written(request, event)


def on_effort_changed(sender, request: Request, **kwargs) -> None:
    """Logged time (or its cost) counts with the request's resolution: until it is resolved no
    figure has it; after, the effort and cost figures of the period it was resolved in move."""
    if request.resolved_at is None:
        return
    _mark_changes(request, [(request.resolved_at, ("resolved",))])
    _enqueue_after_commit()


def on_feedback_saved(sender, feedback, created: bool = False, **kwargs) -> None:
    """A rating moves the rating figures of the period it was given in and, when it is new,
    through the response rate the closing figures of the period its request was closed in (an
    edit changes only the scores)."""
    request = feedback.request
    changes = [(feedback.created_at, ("rated",))]
    if created:
        changes.append((request.closed_at, ("finished",)))
    _mark_changes(request, changes)
    _enqueue_after_commit()


def _mark_changes(request: Request, changes: list[tuple[datetime, tuple[str, ...]]]) -> None:
    """Mark the request's cells stale: for each moment, the figure families it moved."""
    for moment, figures in changes:
        reports.mark_stale(
            department_id=request.department_id,
            service_ids=[request.service_id],
            client_type=request.client_type,
            moments=[moment],
            figures=figures,
        )


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
    from desk.signals import effort_changed, event_recorded
    from feedback.signals import feedback_saved

    event_recorded.connect(on_event_recorded, dispatch_uid="feedback.reports.event_recorded")
    effort_changed.connect(on_effort_changed, dispatch_uid="feedback.reports.effort_changed")
    feedback_saved.connect(on_feedback_saved, dispatch_uid="feedback.reports.feedback_saved")
