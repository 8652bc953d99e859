"""The requests part: half a year of requests in every department, each played through its life
(taken, asked about, moved, resolved, confirmed, reopened or closed by itself) the way
desk.services would have written it, with its timeline events. The data is
demo/data/requests.yaml; each team's pace makes some departments quicker than others."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings

from demo.common import HISTORY_DAYS, REQUEST_COUNT, TZ, keeping_timestamps
from demo.data import (
    ACKNOWLEDGEMENTS,
    CHASER_REPLIES,
    CHASERS,
    FEATURED,
    LEVELS,
    MONTHS,
    NOTES,
    PEOPLE,
    REOPEN_REASONS,
    REQUESTER_CANCEL_REASONS,
    STAFF_CANCEL_REASONS,
    TALK,
    THANKS,
    WORDS,
)
from demo.parts.organisation import Organisation
from departments import calendar
from departments.calendar import WorkingCalendar, add_business_time, business_time_between
from departments.models import Department, Employee, FieldKind, Service, ServiceField
from desk.models import Event, EventKind, Priority, Request, Status

if TYPE_CHECKING:
    from demo.company import Demo


def _is_working_day(day: date, office: WorkingCalendar) -> bool:
    return day.weekday() in office.week and day not in office.holidays


class Words(dict):
    """Values for one request's {placeholders}, drawn on first use so that a name repeats."""

    def __init__(
        self, rng: random.Random, *, requester: Employee, filed_at: datetime, names: list[str]
    ) -> None:
        super().__init__()
        self.rng = rng
        self.requester = requester
        self.filed_at = filed_at.astimezone(TZ)
        self.names = names
        # The request's one "when" (start date, deadline, trip): a working day soon after filing.
        day = self.filed_at.date() + timedelta(days=rng.randint(3, 21))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        self.day = day

    def __missing__(self, key: str) -> str:
        value = self._draw(key)
        self[key] = value
        return value

    def _draw(self, key: str) -> str:
        rng = self.rng
        if key == "me":
            return self.requester.full_name
        if key == "first":
            return self.requester.get_short_name()
        if key == "dept":
            return self.requester.department.name if self.requester.department else "our team"
        if key == "person":
            return rng.choice([n for n in self.names if n != self.requester.full_name])
        if key == "date":
            return f"{self.day.day} {MONTHS[self.day.month - 1]}"
        if key == "month":
            return MONTHS[(self.filed_at.month - 2) % 12]
        if key == "floor":
            return str(rng.randint(1, 4))
        if key == "phone":
            return f"+48 {rng.randint(500, 799)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
        if key == "nip":
            digits = f"{rng.randrange(10**9, 10**10)}"
            return f"{digits[:3]}-{digits[3:6]}-{digits[6:8]}-{digits[8:]}"
        if key == "plate":
            return f"{rng.choice(['WA', 'WI', 'WE', 'PO'])} {rng.randint(10000, 99999)}"
        if key == "invoice":
            return f"FV/{rng.randint(100, 999)}/{self.filed_at.year}"
        if key == "n4":
            return str(rng.randint(1000, 9999))
        if key in WORDS:
            return rng.choice(WORDS[key])
        raise KeyError(f"Unknown placeholder {{{key}}} in the demo texts.")

    def fill(self, template: str) -> str:
        return template.format_map(self)


class _Story:
    """One request's life, written the way desk.services would have written it, in memory.

    Each step moves the clock on; a step that would happen after the anchor does not happen,
    which is what leaves recent requests new, in progress, waiting or resolved.
    """

    def __init__(
        self,
        request: Request,
        *,
        service_calendar: WorkingCalendar,
        office: WorkingCalendar,
        team_ids: set[int],
        anchor: datetime,
    ) -> None:
        self.request = request
        self.cal = service_calendar
        self.office = office
        self.team_ids = team_ids
        self.anchor = anchor
        self.filed_at = request.created_at
        self.now = request.created_at
        self.events: list[Event] = []

    # The clock.
    def wait(self, hours: float, *, office: bool = False) -> bool:
        """Move on by `hours` of working time (the service's, or the office's for requesters)."""
        moment = add_business_time(
            self.office if office else self.cal, self.now, timedelta(hours=hours)
        )
        return self.wait_until(moment.replace(microsecond=0))

    def wait_until(self, moment: datetime) -> bool:
        if moment >= self.anchor:
            return False
        self.now = max(self.now, moment)
        return True

    # What desk.services does, step by step (see _record, _touch and _set_status there).
    def record(
        self, actor: Employee | None, kind: str, *, old: str = "", new: str = "", body: str = ""
    ) -> None:
        self.events.append(
            Event(
                request=self.request,
                actor=actor,
                kind=kind,
                old_value=old,
                new_value=new,
                body=body,
                created_at=self.now,
            )
        )

    def touch(self, responder: Employee | None = None) -> None:
        self.request.last_activity_at = self.now
        if (
            responder is not None
            and self.request.first_response_at is None
            and responder.pk != self.request.requester_id
            and responder.pk in self.team_ids
        ):
            self.request.first_response_at = self.now
            self.request.first_response_business_seconds = self.business_seconds()

    def business_seconds(self) -> int:
        """Working time since filing, on the calendar of the request's current service."""
        return int(business_time_between(self.cal, self.filed_at, self.now).total_seconds())

    def set_status(self, actor: Employee | None, new_status: str) -> None:
        request = self.request
        old_status = request.status
        request.status = new_status
        if new_status == Status.WAITING and request.paused_at is None:
            request.paused_at = self.now
        if old_status == Status.WAITING and new_status != Status.WAITING and request.paused_at:
            paused_for = business_time_between(self.cal, request.paused_at, self.now)
            if request.due_at is not None and paused_for > timedelta(0):
                old_due = request.due_at
                request.due_at = add_business_time(self.cal, request.due_at, paused_for)
                self.record(
                    None, EventKind.DUE, old=old_due.isoformat(), new=request.due_at.isoformat()
                )
            request.paused_at = None
        if new_status == Status.RESOLVED and request.resolved_at is None:
            request.resolved_at = self.now
            request.resolution_seconds = int((self.now - self.filed_at).total_seconds())
            request.resolution_business_seconds = self.business_seconds()
            request.met_target = request.due_at is None or self.now <= request.due_at
        if new_status in (Status.CLOSED, Status.CANCELLED) and request.closed_at is None:
            request.closed_at = self.now
        self.record(actor, EventKind.STATUS, old=old_status, new=new_status)
        self.touch(actor)

    def comment(self, author: Employee, body: str, *, internal: bool = False) -> None:
        self.record(author, EventKind.NOTE if internal else EventKind.COMMENT, body=body)
        self.touch(None if internal else author)
        if (
            self.request.status == Status.WAITING
            and author.pk == self.request.requester_id
            and not internal
        ):
            self.set_status(author, Status.IN_PROGRESS)

    def assign(self, actor: Employee, assignee: Employee) -> None:
        old = self.request.assignee
        self.request.assignee = assignee
        self.record(actor, EventKind.ASSIGNED, old=str(old or ""), new=str(assignee))
        self.touch()


def _response_hours(rng: random.Random, target_hours: int, priority: int) -> float:
    """Working hours until the team first acts: a small share of the target, sooner if urgent."""
    urgency = {Priority.URGENT: 0.3, Priority.HIGH: 0.6, Priority.NORMAL: 1, Priority.LOW: 1.5}
    hours = target_hours * rng.uniform(0.02, 0.2) * urgency[priority]
    if rng.random() < 0.12:
        hours += target_hours * rng.uniform(0.3, 1.2)  # it sat unnoticed for a while
    return max(hours, 0.05)


def _live(
    story: _Story,
    rng: random.Random,
    *,
    words: Words,
    texts: dict[str, Any],
    agent: Employee,
    head: Employee,
    final_service: Service,
    final_calendar: WorkingCalendar,
    pace: float = 1.0,
    untouched: bool = False,
    busy: bool = False,
) -> None:
    """Play one request's life until it ends or reaches the anchor; `pace` scales the team's
    working time (its pace in requests.yaml), after the draws, so that it never changes what is drawn."""
    request = story.request
    requester = request.requester
    story.record(requester, EventKind.FILED, new=Status.NEW)
    story.touch()
    if untouched:
        return

    fate = rng.random()
    if fate < 0.04:  # the requester withdraws it before anyone starts
        if story.wait(rng.uniform(0.1, 3), office=True):
            story.set_status(requester, Status.CANCELLED)
            story.record(requester, EventKind.COMMENT, body=rng.choice(REQUESTER_CANCEL_REASONS))
        return
    if not story.wait(_response_hours(rng, request.service.target_hours, request.priority) * pace):
        return
    if fate < 0.08:  # a duplicate, or another team's job
        story.set_status(agent, Status.CANCELLED)
        story.record(agent, EventKind.COMMENT, body=rng.choice(STAFF_CANCEL_REASONS))
        return

    # Picked up: the head hands it to someone, or an agent takes it.
    if head != agent and rng.random() < 0.25:
        story.assign(head, agent)
        if not story.wait(rng.uniform(0.1, 3)):
            return
    else:
        story.assign(agent, agent)
    story.set_status(agent, Status.IN_PROGRESS)

    if final_service != request.service:  # filed under the wrong service; the head moves it
        if not story.wait(rng.uniform(0.05, 0.5)):
            return
        old_name = request.service.name
        request.service = final_service
        request.due_at = calendar.due_at(final_service, story.filed_at)
        story.cal = final_calendar
        story.record(head, EventKind.SERVICE, old=old_name, new=final_service.name)
        story.touch()
    if rng.random() < 0.05 and request.priority < Priority.URGENT:
        if not story.wait(rng.uniform(0.05, 1)):
            return
        old_label = Priority(request.priority).label
        request.priority += 1
        story.record(
            head, EventKind.PRIORITY, old=str(old_label), new=str(Priority(request.priority).label)
        )
        story.touch()
    if rng.random() < 0.4:
        if not story.wait(rng.uniform(0.02, 0.3)):
            return
        story.comment(agent, words.fill(rng.choice(ACKNOWLEDGEMENTS)))

    # The work, with questions to the requester on the way. Its pieces add up to `work`
    # (working hours); a few requests get stuck (a part on order, a busy week) and run late.
    work = story.request.service.target_hours * rng.lognormvariate(-1.2, 0.5) * pace
    if busy or rng.random() < 0.1:
        work *= rng.uniform(2, 5)
    rounds = rng.choices([0, 1, 2], weights=[60, 32, 8])[0]
    note = rng.random() < 0.35
    chase = rng.random() < 0.1
    shares = [rng.uniform(0.5, 1.5) for _ in range(rounds + 2)]
    pieces = [max(0.05, work * share / sum(shares)) for share in shares]
    for piece in pieces[:rounds]:
        if not story.wait(piece):
            return
        question, answer = rng.choice(texts["questions"])
        story.set_status(agent, Status.WAITING)
        story.record(agent, EventKind.COMMENT, body=words.fill(question))
        reply = rng.choices(
            [rng.uniform(0.2, 6), rng.uniform(8, 40), rng.uniform(40, 160)], weights=[60, 25, 15]
        )[0]
        if not story.wait(reply, office=True):
            return
        story.comment(requester, words.fill(answer))
    if note:
        if not story.wait(pieces[rounds]):
            return
        story.comment(
            rng.choice([agent, head]),
            words.fill(rng.choice(texts.get("notes", NOTES))),
            internal=True,
        )
    last = pieces[-1] + (0 if note else pieces[rounds])
    if chase:  # the requester asks how it is going; the agent answers
        if not story.wait(last / 2):
            return
        story.comment(requester, rng.choice(CHASERS))
        if not story.wait(rng.uniform(0.1, 1)):
            return
        story.comment(agent, words.fill(rng.choice(CHASER_REPLIES)))
        last /= 2
    if not story.wait(last):
        return
    story.set_status(agent, Status.RESOLVED)
    story.record(agent, EventKind.COMMENT, body=words.fill(rng.choice(texts["resolutions"])))

    # The requester confirms, reopens, or lets it close by itself after the reopen window.
    deadline = request.resolved_at + timedelta(days=settings.DESK_REOPEN_WINDOW_DAYS)
    next_step = rng.random()
    if next_step < 0.06:
        if not story.wait(rng.uniform(1, 16), office=True):
            return
        if story.now <= deadline:
            request.status = Status.IN_PROGRESS
            story.record(
                requester,
                EventKind.REOPENED,
                old=Status.RESOLVED,
                new=Status.IN_PROGRESS,
                body=rng.choice(REOPEN_REASONS),
            )
            story.touch()
            if not story.wait(rng.uniform(1, 8)):
                return
            story.set_status(agent, Status.RESOLVED)
            story.record(
                agent, EventKind.COMMENT, body="Sorted now, sorry about that. Please check again."
            )
            next_step = rng.random()
    if next_step < 0.6:
        if not story.wait(rng.uniform(0.1, 12), office=True):
            return
        if story.now <= deadline:
            if rng.random() < 0.4:
                story.comment(requester, rng.choice(THANKS))
            story.set_status(requester, Status.CLOSED)
            return
    # desk.tasks closes expired resolved requests every 15 minutes.
    closing = max(deadline, story.now) + timedelta(seconds=rng.randint(60, 900))
    if story.wait_until(closing):
        story.set_status(None, Status.CLOSED)


def service_answers(
    rng: random.Random,
    service_fields: list[ServiceField],
    field_specs: list[dict[str, Any]],
    fixed: dict[str, Any],
    words: Words,
) -> list[dict[str, Any]]:
    """Answers to a service's extra fields, stored as desk.forms.RequestForm.extra_answers does."""
    answers = []
    for item, spec in zip(service_fields, field_specs, strict=True):
        if item.label in fixed:
            value = fixed[item.label]
            value = words.fill(value) if isinstance(value, str) else value
        elif not item.required and rng.random() < 0.3:
            continue
        elif item.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT):
            value = words.fill(rng.choice(spec["samples"]))
        elif item.kind == FieldKind.NUMBER:
            low, high, *step = spec["range"]
            value = rng.randrange(low, high + 1, step[0] if step else 1)
        elif item.kind == FieldKind.DATE:
            # The request's one {date}, unless the field asks for another (e.g. a period's start).
            value = words.day
            if "days" in spec:
                value = words.filed_at.date() + timedelta(days=rng.randint(*spec["days"]))
        else:
            value = rng.choice(spec["options"])
        answers.append(
            {"field": item.pk, "label": item.label, "kind": item.kind, "value": str(value)}
        )
    return answers


def _filing_moment(
    rng: random.Random, anchor: datetime, office: WorkingCalendar, around_the_clock: bool
) -> datetime:
    """When a request was filed: more often lately (Desk caught on), mostly in office hours."""
    while True:
        days_ago = 1 + int((HISTORY_DAYS - 1) * rng.random() ** 1.4)
        day = anchor.date() - timedelta(days=days_ago)
        if around_the_clock and rng.random() < 0.3:  # nights and weekends too
            moment = datetime.combine(day, time(0), tzinfo=TZ) + timedelta(
                seconds=rng.randrange(24 * 3600)
            )
            return moment.astimezone(UTC)
        if not _is_working_day(day, office):
            continue
        # Between 7:30 and 17:30, busiest in the morning.
        minutes = rng.triangular(0, 600, 120)
        moment = datetime.combine(day, time(7, 30), tzinfo=TZ) + timedelta(minutes=minutes)
        return moment.replace(microsecond=0).astimezone(UTC)


def build_requests(
    organisation: Organisation,
    *,
    anchor: datetime,
    rng: random.Random,
    count: int = REQUEST_COUNT,
) -> list[Request]:
    """`count` requests filed over the last six months, with their timelines, in every state."""
    org = organisation
    offices = {code: WorkingCalendar.for_department(dept) for code, dept in org.departments.items()}
    calendars = {service.pk: calendar.calendar_for_service(service) for service in org.services}
    services_of: dict[str, list[Service]] = defaultdict(list)
    for service in org.services:
        services_of[service.department.code].append(service)
    featured = {name for _, name, _ in FEATURED}
    names = [name for name, *_ in PEOPLE]

    # Who files where: not the department's own team; the featured clients a bit more often,
    # so their "My requests" page has something to show.
    members = {person.pk for code in org.departments for person in org.team(code)}
    requesters: dict[str, tuple[list[Employee], list[int]]] = {}
    for code in org.departments:
        team = {person.pk for person in org.team(code)}
        pool = [org.people[name] for name in names if org.people[name].pk not in team]
        weights = [
            6 if person.full_name in featured else 1 if person.pk in members else 3
            for person in pool
        ]
        requesters[code] = (pool, weights)

    # Each service gets its share of the requests (by weight), so no department comes out empty.
    weights = [org.specs[service.pk]["weight"] for service in org.services]
    exact = [weight * count / sum(weights) for weight in weights]
    quotas = [int(share) for share in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: quotas[i] - exact[i])
    for i in by_remainder[: count - sum(quotas)]:
        quotas[i] += 1
    chosen = [
        service for service, quota in zip(org.services, quotas, strict=True) for _ in range(quota)
    ]
    rng.shuffle(chosen)

    drafts = []
    for service in chosen:
        code = service.department.code
        pool, weights = requesters[code]
        requester = rng.choices(pool, weights=weights)[0]
        around = service.around_the_clock
        priority = rng.choices(
            [Priority.LOW, Priority.NORMAL, Priority.HIGH, Priority.URGENT],
            weights=[0, 40, 40, 20] if around else [15, 60, 20, 5],
        )[0]
        filed_under = service
        siblings = [other for other in services_of[code] if other != service]
        if siblings and rng.random() < 0.03:
            filed_under = rng.choice(siblings)
        filed_at = _filing_moment(rng, anchor, offices[code], around)
        drafts.append((filed_at, service, filed_under, requester, priority))
    drafts.sort(key=lambda draft: draft[0])

    # Whatever day the demo is built on, the latest few wait in the queue untouched and the
    # few before them take long, so every department's queue has something in it.
    latest = [index for index, draft in enumerate(drafts) if not draft[1].around_the_clock]
    untouched, busy = set(latest[-3:]), set(latest[-8:-3])
    numbers: dict[str, int] = defaultdict(int)
    stories = []
    for index, (filed_at, service, filed_under, requester, priority) in enumerate(drafts):
        code = service.department.code
        numbers[code] += 1
        spec = org.specs[service.pk]
        words = Words(rng, requester=requester, filed_at=filed_at, names=names)
        title, description, *fixed = rng.choice(spec["samples"])
        request = Request(
            department=service.department,
            number=numbers[code],
            service=filed_under,
            requester=requester,
            client_type=requester.client_type,
            title=words.fill(title),
            description=words.fill(description),
            priority=priority,
            status=Status.NEW,
            created_at=filed_at,
            last_activity_at=filed_at,
            due_at=calendar.due_at(filed_under, filed_at),
        )
        request.extra = service_answers(
            rng,
            org.fields.get(filed_under.pk, []),
            org.specs[filed_under.pk]["fields"],
            fixed[0] if fixed and filed_under == service else {},
            words,
        )
        agents = org.agents[code]
        if rng.random() < 0.15 or not agents:
            agent = rng.choice(org.heads[code])
        else:
            agent = rng.choices(
                agents, weights=[2 if a.full_name in featured else 1 for a in agents]
            )[0]
        story = _Story(
            request,
            service_calendar=calendars[filed_under.pk],
            office=offices[code],
            team_ids={person.pk for person in org.team(code)},
            anchor=anchor,
        )
        _live(
            story,
            rng,
            words=words,
            texts=TALK[service.slug],
            agent=agent,
            head=rng.choice(org.heads[code]),
            final_service=service,
            final_calendar=calendars[service.pk],
            pace=LEVELS[code]["pace"],
            untouched=index in untouched,
            busy=index in busy,
        )
        if (
            request.status in (Status.NEW, Status.IN_PROGRESS)
            and request.due_at
            and request.due_at + timedelta(minutes=10) < anchor
        ):
            # desk.notifications told the heads back then; no burst of alerts on the first run.
            request.overdue_notified_at = request.due_at + timedelta(minutes=10)
        stories.append(story)

    requests = [story.request for story in stories]
    events = [event for story in stories for event in story.events]
    for story in stories:
        story.request.updated_at = story.request.last_activity_at
    with keeping_timestamps(Request, Event):
        Request.objects.bulk_create(requests, batch_size=200)
        Event.objects.bulk_create(events, batch_size=500)
    for code, last_number in numbers.items():
        Department.objects.filter(pk=org.departments[code].pk).update(
            last_request_number=last_number
        )
        org.departments[code].last_request_number = last_number
    return requests


def build(demo: Demo, rng: random.Random) -> None:
    demo.requests = build_requests(demo.organisation, anchor=demo.anchor, rng=rng)
