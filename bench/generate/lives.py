"""Requests, their timeline events and feedback: when each request is filed, the one life it
lives up to `now`, and the busy request with 30 events (the request page's subject)."""

from __future__ import annotations

import math
import random

from bench.generate.organisation import Org
from bench.generate.plan import (
    AUTO_CLOSE,
    BUSY_TITLE,
    DAY,
    OPENS,
    SPAN,
    Plan,
    business_add,
    business_clock,
    to_datetime,
)
from bench.generate.words import (
    FEEDBACK_COMMENTS,
    NOTES,
    PLACES,
    PRIORITIES,
    PROBLEMS,
    RATINGS_MET,
    RATINGS_MISSED,
    REPLIES,
    SENTENCES,
    THINGS,
)
from desk.models import EventKind, Status

REQUEST_COLUMNS = [
    "id",
    "department_id",
    "number",
    "service_id",
    "requester_id",
    "client_type",
    "title",
    "description",
    "priority",
    "status",
    "assignee_id",
    "created_at",
    "updated_at",
    "last_activity_at",
    "due_at",
    "paused_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "overdue_notified_at",
    "first_response_business_seconds",
    "resolution_seconds",
    "resolution_business_seconds",
    "met_target",
    "approval_decided_at",
    "approval_seconds",
    "effort_minutes",
    "effort_cost_cents",
]
# Every tenth service asks for approval: the last decision comes within a day and a half of filing
# (before the team's first response), and 15 % of its early cancellations are rejections. Time is
# logged on 70 % of the resolved requests, at a team rate of 60-90 per hour. Drawn from their own
# generator, so the rest of the company is the same as without them.
APPROVAL_EVERY = 10
EVENT_COLUMNS = [
    "id",
    "request_id",
    "actor_id",
    "kind",
    "old_value",
    "new_value",
    "body",
    "created_at",
]
FEEDBACK_COLUMNS = [
    "id",
    "request_id",
    "requester_id",
    "department_id",
    "service_id",
    "client_type",
    "rating",
    "quality",
    "speed",
    "communication",
    "comment",
    "created_at",
    "updated_at",
    "acted_upon_at",
    "acted_upon_by_id",
    "acted_upon_note",
]


def filing_times(plan: Plan, rng: random.Random, now_ts: float) -> list[float]:
    """Sorted filing instants over `years`: weekdays busy, weekends quiet, 40% growth overall."""
    first_day = (int(now_ts) // DAY - plan.years * 365) * DAY
    days = list(range(first_day, int(now_ts) // DAY * DAY + 1, DAY))
    weights = []
    for n, day in enumerate(days):
        weekday = (day // DAY + 3) % 7  # 1970-01-01 was a Thursday
        weights.append((0.12 if weekday >= 5 else 1.0) * (0.8 + 0.4 * n / len(days)))
    cumulative = []
    total = 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)
    picked = rng.choices(days, cum_weights=cumulative, k=plan.requests)
    times = []
    for day in picked:
        # Mostly in working hours (07-15 UTC), the rest at any time of day.
        working = rng.random() < 0.85
        offset = OPENS + rng.random() * SPAN if working else rng.random() * DAY
        times.append(min(day + offset, now_ts - 60))
    times.sort()
    return times


def _texts(rng: random.Random, code: str, count: int) -> list[tuple[str, str]]:
    things = THINGS[code].split()
    texts = []
    for _ in range(count):
        thing = rng.choice(things)
        title = f"{rng.choice(PROBLEMS)} {thing} {rng.choice(PLACES)}".strip()
        body = " ".join(rng.sample(SENTENCES, rng.randint(2, 4)))
        texts.append((title, f"The {thing}: {body}"))
    return texts


class Lives:
    """Turns a filing instant into a request row, its events and maybe a feedback row."""

    def __init__(self, plan: Plan, rng: random.Random, org: Org, now_ts: float) -> None:
        self.rng = rng
        self.org = org
        self.now = now_ts
        self.numbers = dict.fromkeys(org.services, 0)
        self.dept_choices = [pk for pk, *_rest in org.departments]
        self.dept_weights = []
        total = 0
        for *_rest, weight in org.departments:
            total += weight
            self.dept_weights.append(total)
        self.texts = {pk: _texts(rng, code, 400) for pk, _n, code, _w in org.departments}
        self.requesters = list(range(3, plan.employees + 1))
        self.event_id = 0
        self.feedback_id = 0
        self.extra = random.Random(f"{plan.seed}:approvals-and-effort")
        self.hourly_cents = {pk: self.extra.randrange(6000, 9001, 500) for pk in org.services}

    def _requester(self, dept: int) -> int:
        rng, staff_of = self.rng, self.org.staff_of
        while True:
            pk = rng.choice(self.requesters)
            if staff_of[pk] != dept:
                return pk

    def life(self, request_id: int, created: float, events: list, feedback: list) -> tuple:
        rng, now = self.rng, self.now
        dept = rng.choices(self.dept_choices, cum_weights=self.dept_weights)[0]
        service, target_hours, around = rng.choice(self.org.services[dept])
        requester = self._requester(dept)
        members = self.org.members[dept]
        self.numbers[dept] += 1
        title, description = rng.choice(self.texts[dept])
        priority = rng.choice(PRIORITIES)
        target = target_hours * 3600.0
        # Time on the target clock: working seconds, or plain seconds for a 24x7 service.
        if around:
            clock_of, add = (lambda ts: ts), (lambda ts, s: ts + s)
        else:
            clock_of, add = business_clock, business_add
        due = add(created, target)

        fate = rng.random()
        abandoned = 0.04 <= fate < 0.06  # stays open: the backlog every real desk has
        assignee = first_at = resolved_at = closed_at = paused_at = None
        first_bs = res_s = res_bs = met = None
        status = Status.NEW
        timeline = [(created, requester, EventKind.FILED, "", Status.NEW, "")]
        extras_until = now
        if fate < 0.04:  # cancelled by the requester, or by the team, early on
            cancel_at = created + rng.lognormvariate(math.log(4 * 3600), 1.0)
            if cancel_at <= now:
                status, closed_at = Status.CANCELLED, cancel_at
                timeline.append((cancel_at, requester, EventKind.STATUS, Status.NEW, status, ""))
                extras_until = cancel_at
        else:
            first_bs = min(rng.lognormvariate(math.log(0.08 * target + 900), 1.0), 4 * target)
            first_at = add(created, first_bs)
            work = rng.lognormvariate(math.log(0.5 * target), 0.9) * (1.15 - 0.1 * priority)
            resolve_at = add(created, first_bs + work)
            if first_at > now or (abandoned and rng.random() < 0.15):
                first_at = first_bs = None  # not answered yet (or abandoned untouched)
            else:
                assignee = rng.choice(members)
                status = Status.IN_PROGRESS
                timeline.append((first_at, assignee, EventKind.ASSIGNED, "", "", ""))
                timeline.append(
                    (first_at, assignee, EventKind.STATUS, Status.NEW, Status.IN_PROGRESS, "")
                )
                first_bs = int(clock_of(first_at) - clock_of(created))
                if abandoned or resolve_at > now:
                    if rng.random() < (0.5 if abandoned else 0.2):
                        paused_at = first_at + rng.random() * (min(now, resolve_at) - first_at)
                        status = Status.WAITING
                        timeline.append(
                            (paused_at, assignee, EventKind.STATUS, Status.IN_PROGRESS, status, "")
                        )
                else:
                    resolved_at = resolve_at
                    res_s = int(resolved_at - created)
                    res_bs = int(clock_of(resolved_at) - clock_of(created))
                    met = resolved_at <= due
                    status = Status.RESOLVED
                    timeline.append(
                        (resolved_at, assignee, EventKind.STATUS, Status.IN_PROGRESS, status, "")
                    )
                    extras_until = resolved_at
                    confirmed = rng.random() < 0.55
                    if confirmed:
                        close_at = resolved_at + min(
                            rng.lognormvariate(math.log(6 * 3600), 1.0), AUTO_CLOSE - 60
                        )
                    else:
                        close_at = resolved_at + AUTO_CLOSE + rng.random() * 900
                    if close_at <= now:
                        closed_at = close_at
                        status = Status.CLOSED
                        timeline.append(
                            (
                                closed_at,
                                requester if confirmed else None,
                                EventKind.STATUS,
                                Status.RESOLVED,
                                status,
                                "",
                            )
                        )
                        if rng.random() < 0.4:
                            given = resolved_at + rng.random() * (closed_at - resolved_at)
                            feedback.append(
                                self._feedback(request_id, requester, dept, service, met, given)
                            )

        # Replies and notes fill the timeline up to 3-6 events, inside the request's life.
        wanted = rng.randint(3, 6)
        start_extras = created + 60
        while len(timeline) < wanted:
            kind = rng.random()
            if first_at is not None and kind < 0.45:
                at = first_at + rng.random() * max(extras_until - first_at, 60)
                timeline.append((at, assignee, EventKind.COMMENT, "", "", rng.choice(REPLIES)))
            elif kind < 0.75 or not members:
                at = start_extras + rng.random() * max(extras_until - start_extras, 60)
                timeline.append((at, requester, EventKind.COMMENT, "", "", rng.choice(REPLIES)))
            else:
                at = start_extras + rng.random() * max(extras_until - start_extras, 60)
                author = assignee or rng.choice(members)
                timeline.append((at, author, EventKind.NOTE, "", "", rng.choice(NOTES)))
        timeline.sort(key=lambda item: item[0])
        last = min(timeline[-1][0], now)
        for at, actor, kind, old, new, body in timeline:
            self.event_id += 1
            if kind == EventKind.ASSIGNED:
                new = self.org.names[actor]  # as request_take writes it
            events.append(
                (self.event_id, request_id, actor, kind, old, new, body, to_datetime(min(at, now)))
            )

        overdue_notified = None
        if status in (Status.NEW, Status.IN_PROGRESS) and due < now:
            overdue_notified = to_datetime(min(due + 600, now))
        approval, status = self._approval(service, created, first_at, closed_at, status)
        effort = self._effort(dept) if resolved_at is not None else (None, None)
        return (
            request_id,
            dept,
            self.numbers[dept],
            service,
            requester,
            self.org.client_type[requester],
            title,
            description,
            priority,
            status,
            assignee,
            to_datetime(created),
            to_datetime(last),
            to_datetime(last),
            to_datetime(due),
            None if paused_at is None else to_datetime(paused_at),
            None if first_at is None else to_datetime(first_at),
            None if resolved_at is None else to_datetime(resolved_at),
            None if closed_at is None else to_datetime(closed_at),
            overdue_notified,
            first_bs,
            res_s,
            res_bs,
            met,
            *approval,
            *effort,
        )

    def _approval(self, service, created, first_at, closed_at, status) -> tuple[tuple, str]:
        """(approval_decided_at, approval_seconds) and the status (a rejection ends it)."""
        extra = self.extra
        if service % APPROVAL_EVERY:
            return (None, None), status
        if status == Status.CANCELLED and extra.random() < 0.15:
            return (to_datetime(closed_at), int(closed_at - created)), Status.REJECTED
        decided = created + extra.uniform(600, 36 * 3600)
        if first_at is not None:
            decided = min(decided, created + (first_at - created) * 0.9)
        if decided > self.now:
            return (None, None), status
        return (to_datetime(decided), int(decided - created)), status

    def _effort(self, dept) -> tuple:
        """(effort_minutes, effort_cost_cents) of a resolved request, or nothing logged."""
        extra = self.extra
        if extra.random() >= 0.7:
            return None, None
        minutes = max(5, min(720, int(extra.lognormvariate(math.log(45), 0.8))))
        return minutes, minutes * self.hourly_cents[dept] // 60

    def _feedback(self, request_id, requester, dept, service, met, given: float) -> tuple:
        rng = self.rng
        self.feedback_id += 1
        rating = rng.choice(RATINGS_MET if met else RATINGS_MISSED)

        def aspect():
            return (
                min(5, max(1, rating + rng.choice((-1, 0, 0, 1)))) if rng.random() < 0.6 else None
            )

        comment = rng.choice(FEEDBACK_COMMENTS) if rng.random() < 0.25 else ""
        acted_at = acted_by = None
        note = ""
        if comment and rating <= 2 and rng.random() < 0.4:
            acted_at = to_datetime(min(given + rng.uniform(1, 5) * DAY, self.now))
            acted_by = self.org.heads[dept]
            note = "Talked to the team; we changed how we follow up."
        return (
            self.feedback_id,
            request_id,
            requester,
            dept,
            service,
            self.org.client_type[requester],
            rating,
            aspect(),
            aspect(),
            aspect(),
            comment,
            to_datetime(given),
            to_datetime(given),
            acted_at,
            acted_by,
            note,
        )

    def busy(self, request_id: int, dept: int, count: int, events: list) -> tuple:
        """The request page's subject: in progress for ten days, with `count` events."""
        rng, now = self.rng, self.now
        service, target_hours, _around = self.org.services[dept][0]
        requester = self._requester(dept)
        head = self.org.heads[dept]
        self.numbers[dept] += 1
        created = now - 10 * DAY
        first_at = business_add(created, 1800)
        timeline = [
            (created, requester, EventKind.FILED, "", Status.NEW, ""),
            (first_at, head, EventKind.ASSIGNED, "", self.org.names[head], ""),
            (first_at, head, EventKind.STATUS, Status.NEW, Status.IN_PROGRESS, ""),
        ]
        step = (now - 3600 - first_at) / count
        for n in range(count - len(timeline)):
            at = first_at + (n + 1) * step
            if n % 3 == 2:
                timeline.append((at, head, EventKind.NOTE, "", "", rng.choice(NOTES)))
            else:
                actor = head if n % 2 else requester
                timeline.append((at, actor, EventKind.COMMENT, "", "", rng.choice(REPLIES)))
        for at, actor, kind, old, new, body in timeline:
            self.event_id += 1
            events.append((self.event_id, request_id, actor, kind, old, new, body, to_datetime(at)))
        fbs = int(business_clock(first_at) - business_clock(created))
        return (
            request_id,
            dept,
            self.numbers[dept],
            service,
            requester,
            self.org.client_type[requester],
            BUSY_TITLE,
            "A long conversation, for the request page's benchmark.",
            3,
            Status.IN_PROGRESS,
            head,
            to_datetime(created),
            to_datetime(timeline[-1][0]),
            to_datetime(timeline[-1][0]),
            to_datetime(business_add(created, target_hours * 3600.0)),
            None,
            to_datetime(first_at),
            None,
            None,
            None,
            fbs,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        )
