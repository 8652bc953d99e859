"""The approvals part: line managers, the services that need a yes (demo/data/approvals.yaml),
the decisions in the history of the requests to them, and a few requests still waiting for one.

Runs after the requests part. A historical request to such a service gets its steps decided
between filing and the department's first move, as desk.approvals would have recorded them; a
share of those cancelled early were in fact rejected by an approver. Their due times and turnaround
stay counted from filing (the requests part's story): the decisions come within hours, before the
department's first move. The latest few wait for a decision, so "Waiting for my approval" has
something in it.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from demo.common import keeping_timestamps
from demo.data import APPROVALS
from demo.parts.organisation import Organisation
from demo.parts.requests import Words, service_answers
from departments import calendar
from departments.models import ApprovalStep, Department, Employee, Service
from desk import approvals
from desk.models import Approval, Decision, Event, EventKind, Request, Status

if TYPE_CHECKING:
    from demo.company import Demo


def set_managers(org: Organisation) -> None:
    """Everyone's line manager: their department's first head, the heads' executive, exceptions."""
    managers = APPROVALS["managers"]
    changed = []
    for person in org.people.values():
        code = person.department.code if person.department else None
        heads = org.heads.get(code, [])
        if person.full_name in managers["people"]:
            name = managers["people"][person.full_name]
            manager = org.people[name] if name else None
        elif person in heads:
            manager = org.people.get(managers["heads"].get(code, ""))
        else:
            manager = heads[0] if heads else None
        if manager is not None and manager.pk == person.pk:
            manager = None
        person.manager = manager
        changed.append(person)
    Employee.objects.bulk_update(changed, ["manager"])


def configure_steps(org: Organisation) -> dict[int, Service]:
    """The approval steps of the services named in the data; returns those services by pk."""
    by_slug = {service.slug: service for service in org.services}
    steps = []
    for slug, specs in APPROVALS["services"].items():
        service = by_slug[slug]
        fields = {item.label: item for item in org.fields.get(service.pk, [])}
        for order, spec in enumerate(specs, start=1):
            steps.append(
                ApprovalStep(
                    service=service,
                    order=order,
                    approver_kind=spec["approver"],
                    person=org.people.get(spec.get("person", "")),
                    department=org.departments.get(spec.get("department", "")),
                    condition_field=fields.get(spec.get("field", "")),
                    condition_above=Decimal(spec["above"]) if "above" in spec else None,
                )
            )
    ApprovalStep.objects.bulk_create(steps)
    return {by_slug[slug].pk: by_slug[slug] for slug in APPROVALS["services"]}


def _approver_department(approval: Approval, org: Organisation) -> Department:
    return next(d for d in org.departments.values() if d.pk == approval.approver_department_id)


def _decider(approval: Approval, org: Organisation, rng: random.Random) -> Employee:
    if approval.approver is not None:
        return approval.approver
    return rng.choice(org.heads[_approver_department(approval, org).code])


def _replay_history(
    requests: list[Request], org: Organisation, anchor: datetime, rng: random.Random
) -> tuple[list[Approval], list[Event]]:
    """Each request's steps decided before the department's first move after filing; a share of
    the finished ones rejected at the first step instead (their story is then only that)."""
    history = APPROVALS["history"]
    low, high = history["hours"]
    # The department's first move on each request (a talk of comments and notes is not one).
    first_moves: dict[int, datetime] = {}
    timeline = list(Event.objects.filter(request__in=requests).order_by("request_id", "id"))
    for event in timeline:
        if event.kind not in (EventKind.FILED, EventKind.COMMENT, EventKind.NOTE):
            first_moves.setdefault(event.request_id, event.created_at)
    made, events, rejected = [], [], set()
    for request in requests:
        plan = approvals.approvals_plan(
            service=request.service, requester=request.requester, extra=request.extra
        )
        if not plan:
            continue
        # Rated later by the feedback part only if it stays resolved or closed.
        rejects = (
            request.status in (Status.CLOSED, Status.CANCELLED)
            and rng.random() < history["rejected_share"]
        )
        limit = first_moves.get(request.pk, anchor)
        moment = request.created_at
        for approval in plan:
            approval.request = request
            approval.started_at = moment
            events.append(
                _event(request, None, EventKind.APPROVAL_ASKED, moment, new=_label(approval, org))
            )
            gap = (limit - moment).total_seconds() * 0.9
            moment += timedelta(seconds=min(rng.uniform(low, high) * 3600, max(gap, 60) / 2))
            approval.decided_by = _decider(approval, org, rng)
            approval.decided_at = moment
            approval.decision = Decision.REJECTED if rejects else Decision.APPROVED
            approval.reason = rng.choice(history["reasons"]) if rejects else ""
            events.append(
                _event(
                    request,
                    approval.decided_by,
                    EventKind.APPROVAL,
                    moment,
                    new=approval.decision,
                    body=approval.reason,
                )
            )
            made.append(approval)
            if rejects:
                # desk.approvals leaves later steps pending; no page shows them once rejected.
                break
        request.approval_decided_at = moment
        request.approval_seconds = int((moment - request.created_at).total_seconds())
        if rejects:
            _rejected(request, approval.decided_by, moment, events)
            rejected.add(request.pk)
        else:
            request.approved_at = moment
            if moment > request.last_activity_at:  # decided after the last thing that happened
                request.last_activity_at = request.updated_at = moment
    # A rejected request's old story (worked, answered, closed) never happened.
    kept = [e for e in timeline if e.request_id not in rejected or e.kind == EventKind.FILED]
    Event.objects.filter(pk__in=[e.pk for e in timeline]).delete()
    return made, _in_order(kept, events)


def _rejected(request: Request, approver: Employee, moment: datetime, events: list[Event]) -> None:
    """The approver's no ends the request, as desk.approvals and desk.services write it."""
    events.append(
        _event(request, approver, EventKind.STATUS, moment, new=Status.REJECTED, old=Status.NEW)
    )
    request.status = Status.REJECTED
    request.closed_at = request.last_activity_at = request.updated_at = moment
    request.assignee = request.paused_at = request.overdue_notified_at = None
    request.first_response_at = request.first_response_business_seconds = None
    request.resolved_at = request.resolution_seconds = request.resolution_business_seconds = None
    request.met_target = None
    request.due_at = calendar.due_at(request.service, request.created_at)


def _in_order(timeline: list[Event], added: list[Event]) -> list[Event]:
    """The requests' whole timelines, old and new events, in the order desk.services would have
    written them (ids follow time): at the same instant filing first, then the approval events,
    then what followed from them. build() inserts them all again (the old rows are deleted)."""
    rank = {id(event): 1 for event in added}
    merged = sorted(
        [*timeline, *added],
        key=lambda event: (
            event.request_id or event.request.pk,
            event.created_at,
            0 if event.kind == EventKind.FILED else rank.get(id(event), 2),
        ),
    )
    for event in merged:
        event.pk = None
    return merged


def _label(approval: Approval, org: Organisation) -> str:
    if approval.approver_department_id is not None:
        approval.approver_department = _approver_department(approval, org)
    return approvals.approval_label(approval)[:200]


def _event(request, actor, kind, moment, *, new="", old="", body="") -> Event:
    return Event(
        request=request,
        actor=actor,
        kind=kind,
        old_value=old,
        new_value=new,
        body=body,
        created_at=moment,
    )


def _file_waiting(
    demo: Demo, services: dict[int, Service], rng: random.Random
) -> tuple[list[Request], list[Approval], list[Event]]:
    """The latest requests to those services, still waiting for their first (or next) yes."""
    org, anchor = demo.organisation, demo.anchor
    by_slug = {service.slug: service for service in services.values()}
    # Each is its department's latest: numbers follow the order of filing.
    latest: dict[int, datetime] = {}
    for request in demo.requests:
        latest[request.department_id] = max(
            request.created_at, latest.get(request.department_id, request.created_at)
        )
    names = list(org.people)
    made_requests, made_approvals, made_events = [], [], []
    for item in APPROVALS["waiting"]:
        service = by_slug[item["service"]]
        requester = org.people[item["requester"]]
        department = org.departments[service.department.code]
        filed_at = anchor - timedelta(hours=item["hours_before"])
        if department.pk in latest and filed_at <= latest[department.pk]:
            filed_at = latest[department.pk] + (anchor - latest[department.pk]) / 2
        latest[department.pk] = filed_at
        department.last_request_number += 1
        words = Words(rng, requester=requester, filed_at=filed_at, names=names)
        title, description, *fixed = rng.choice(org.specs[service.pk]["samples"])
        request = Request(
            department=department,
            number=department.last_request_number,
            service=service,
            requester=requester,
            client_type=requester.client_type,
            title=words.fill(title),
            description=words.fill(description),
            status=Status.AWAITING_APPROVAL,
            created_at=filed_at,
            updated_at=filed_at,
            last_activity_at=filed_at,
        )
        request.extra = service_answers(
            rng,
            org.fields.get(service.pk, []),
            org.specs[service.pk]["fields"],
            fixed[0] if fixed else {},
            words,
        )
        plan = approvals.approvals_plan(service=service, requester=requester, extra=request.extra)
        made_requests.append(request)
        made_events.append(_event(request, requester, EventKind.FILED, filed_at, new=Status.NEW))
        for approval in plan:
            approval.request = request
        plan[0].started_at = filed_at
        made_events.append(
            _event(request, None, EventKind.APPROVAL_ASKED, filed_at, new=_label(plan[0], org))
        )
        made_approvals += plan
    with keeping_timestamps(Request, Event):
        Request.objects.bulk_create(made_requests)
        for approval in made_approvals:
            approval.request_id = approval.request.pk
        for event in made_events:
            event.request_id = event.request.pk
    for department in {request.department for request in made_requests}:
        Department.objects.filter(pk=department.pk).update(
            last_request_number=department.last_request_number
        )
    return made_requests, made_approvals, made_events


def build(demo: Demo, rng: random.Random) -> None:
    org = demo.organisation
    set_managers(org)
    services = configure_steps(org)
    affected = [request for request in demo.requests if request.service_id in services]
    for request in affected:
        request.service = services[request.service_id]
    made, events = _replay_history(affected, org, demo.anchor, rng)
    Request.objects.bulk_update(
        affected,
        [
            "status",
            "approved_at",
            "approval_decided_at",
            "approval_seconds",
            "first_response_at",
            "first_response_business_seconds",
            "last_activity_at",
            "updated_at",
            "closed_at",
            "assignee",
            "paused_at",
            "overdue_notified_at",
            "resolved_at",
            "resolution_seconds",
            "resolution_business_seconds",
            "met_target",
            "due_at",
        ],
        batch_size=200,
    )
    waiting, pending, asked = _file_waiting(demo, services, rng)
    demo.requests += waiting
    with keeping_timestamps(Event):
        Approval.objects.bulk_create(made + pending, batch_size=500)
        Event.objects.bulk_create(events + asked, batch_size=500)
    demo.approvals = made + pending
