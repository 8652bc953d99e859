"""The feedback part: ratings of about half the finished requests, with aspects and comments that
fit what happened (late, reopened) and each team's level of service, the heads' answers to them,
and every head's monthly report subscription. The data is demo/data/feedback.yaml."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Q

from demo.common import keeping_timestamps
from demo.data import (
    COMMENT_CHANCE,
    CRITICAL,
    LATE,
    LEVELS,
    NEUTRAL,
    PRAISE,
    QUICK,
    RATE_MORE_WHEN_DISAPPOINTED,
    RATE_WHEN_CONFIRMED,
    RATE_WHEN_EXPIRED,
    REOPENED,
    SERVICE_COMMENTS,
    SERVICE_MOODS,
    THANKED,
)
from demo.parts.organisation import Organisation
from departments.calendar import WorkingCalendar, add_business_time
from departments.models import ClientType
from desk.models import Event, EventKind, Request, Status
from feedback import periods, report_email
from feedback.models import Feedback, ReportSubscription
from feedback.periods import PeriodKind

if TYPE_CHECKING:
    from demo.company import Demo


def _clamp(score: float) -> int:
    return min(5, max(1, round(score)))


def _finished(requests: list[Request]) -> dict[int, tuple[datetime, bool, bool]]:
    """Of each resolved or closed request: when it was last resolved, whether it was reopened,
    and whether the requester confirmed it (rather than it closing by itself). One query."""
    done = {
        request.pk: request
        for request in requests
        if request.status in (Status.RESOLVED, Status.CLOSED)
    }
    last_resolved: dict[int, datetime] = {}
    reopened: set[int] = set()
    confirmed: set[int] = set()
    events = (
        Event.objects.filter(request_id__in=list(done))
        .filter(
            Q(kind=EventKind.REOPENED)
            | Q(kind=EventKind.STATUS, new_value__in=[Status.RESOLVED, Status.CLOSED])
        )
        .order_by("created_at", "pk")
        .values_list("request_id", "kind", "new_value", "actor_id", "created_at")
    )
    for request_id, kind, new_value, actor_id, created_at in events:
        if kind == EventKind.REOPENED:
            reopened.add(request_id)
        elif new_value == Status.RESOLVED:
            last_resolved[request_id] = created_at
        elif actor_id == done[request_id].requester_id:
            confirmed.add(request_id)
    return {
        pk: (last_resolved[pk], pk in reopened, pk in confirmed)
        for pk in done
        if pk in last_resolved
    }


def _comment(
    rng: random.Random, rating: int, slug: str, *, late: bool, reopened: bool
) -> tuple[str, str]:
    """A comment that fits the rating and what happened, and what a head might do about it."""
    own = SERVICE_COMMENTS.get(slug, {})
    if rating >= 4:
        praise = own.get("praise", []) + PRAISE
        if not late:
            praise += own.get("quick", []) + QUICK
        return rng.choice(praise), rng.choice(THANKED)
    if rating == 3:
        return rng.choice(NEUTRAL)
    if reopened and rng.random() < 0.6:
        return rng.choice(REOPENED)
    if late and rng.random() < 0.6:
        return rng.choice(own.get("slow", []) + LATE)
    if own.get("critical") and rng.random() < 0.7:
        return rng.choice(own["critical"])
    return rng.choice(CRITICAL)


def build_feedback(
    organisation: Organisation,
    requests: list[Request],
    *,
    anchor: datetime,
    rng: random.Random,
) -> list[Feedback]:
    """Ratings of about half the finished requests, by their requesters, and heads' answers.

    Given shortly after the (last) resolution: right away by a requester who confirms it, within
    days from the email otherwise; none after the anchor, so the latest are not rated yet.
    """
    org = organisation
    offices = {code: WorkingCalendar.for_department(dept) for code, dept in org.departments.items()}
    teams = {code: {person.pk for person in org.team(code)} for code in org.departments}
    rows = []
    finished = _finished(requests)
    for request in requests:
        if request.pk not in finished:
            continue
        last_resolved, reopened, confirmed = finished[request.pk]
        code = request.department.code
        if request.requester_id in teams[code]:
            continue  # staff never rate their own department (desk.permissions.can_rate)
        service = request.service
        late = not request.met_target
        chance = RATE_WHEN_CONFIRMED if confirmed else RATE_WHEN_EXPIRED
        if late or reopened:
            chance += RATE_MORE_WHEN_DISAPPOINTED
        if rng.random() >= chance:
            continue
        if confirmed:  # rated on the same page, right after confirming
            given = request.closed_at + timedelta(seconds=rng.randint(20, 600))
        else:
            delay = rng.choices(
                [rng.uniform(0.1, 4), rng.uniform(4, 16), rng.uniform(16, 60)], weights=[50, 30, 20]
            )[0]
            given = add_business_time(offices[code], last_resolved, timedelta(hours=delay))
            given = given.replace(microsecond=0)
        if given >= anchor:
            continue

        level = LEVELS[code]
        mood = level["mood"] + SERVICE_MOODS.get(service.slug, 0)
        if late:
            overrun = request.resolution_business_seconds / (service.target_hours * 3600) - 1
            mood -= 1.0 + 0.3 * min(max(overrun, 0), 3)
        else:
            mood += 0.2
        if reopened:
            mood -= 0.8
        if request.client_type == ClientType.EXECUTIVE:
            mood -= 0.15  # they expect reliability and timeliness
        rating = _clamp(rng.gauss(mood, 0.7))

        # Most fill in all three aspects, some a few, some none.
        quality_shift, speed_shift, talk_shift = level["aspects"]
        shifts = {
            "quality": quality_shift - (0.7 if reopened else 0),
            "speed": speed_shift + (-0.8 if late else 0.3),
            "communication": talk_shift,
        }
        filled = rng.choices(["all", "some", "none"], weights=[60, 20, 20])[0]
        aspects = {
            name: _clamp(rng.gauss(rating + shift, 0.6))
            if filled == "all" or (filled == "some" and rng.random() < 0.5)
            else None
            for name, shift in shifts.items()
        }

        agent = (request.assignee or org.heads[code][0]).get_short_name()
        comment = note = ""
        if rng.random() < COMMENT_CHANCE[rating]:
            comment, note = _comment(rng, rating, service.slug, late=late, reopened=reopened)
            comment, note = comment.format(agent=agent), note.format(agent=agent)
        feedback = Feedback(
            request=request,
            requester_id=request.requester_id,
            department_id=request.department_id,
            service_id=request.service_id,
            client_type=request.client_type,
            rating=rating,
            comment=comment,
            created_at=given,
            updated_at=given,
            **aspects,
        )
        # Closing the loop: heads answer most critical comments, now and then pass praise on.
        answers = level["acts"] if rating <= 3 else 0.1
        if comment and rng.random() < answers:
            acted = add_business_time(
                offices[code], given, timedelta(hours=rng.uniform(1, 24))
            ).replace(microsecond=0)
            if acted < anchor:
                feedback.acted_upon_at = feedback.updated_at = acted
                feedback.acted_upon_by = rng.choice(org.heads[code])
                feedback.acted_upon_note = note
        rows.append(feedback)
    with keeping_timestamps(Feedback):
        Feedback.objects.bulk_create(rows, batch_size=200)
    return rows


def build_subscriptions(
    organisation: Organisation, *, anchor: datetime
) -> list[ReportSubscription]:
    """Each department's first head gets the monthly report email; last month's already went."""
    today = anchor.date()
    this_month = today.replace(day=1)
    subscriptions = []
    for code, dept in organisation.departments.items():
        last_sent = periods.previous_start(PeriodKind.MONTH, this_month)
        if today < report_email.first_working_day(dept, this_month):
            last_sent = periods.previous_start(PeriodKind.MONTH, last_sent)
        subscriptions.append(
            ReportSubscription(
                employee=organisation.heads[code][0], department=dept, last_sent_month=last_sent
            )
        )
    return ReportSubscription.objects.bulk_create(subscriptions)


def build(demo: Demo, rng: random.Random) -> None:
    demo.feedback = build_feedback(demo.organisation, demo.requests, anchor=demo.anchor, rng=rng)
    demo.subscriptions = build_subscriptions(demo.organisation, anchor=demo.anchor)
