"""The effort part: each team's hourly cost (with a raise during the history for some, and its
heads' own higher rate), and the time staff logged on the requests they worked, priced at the
rate of the day as desk.effort prices a real log. The data is demo/data/effort.yaml."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from demo.common import HISTORY_DAYS, TZ, keeping_timestamps
from demo.data import EFFORT
from demo.parts.organisation import Organisation
from departments.models import HourlyRate
from desk.effort import cost_cents
from desk.models import Event, EventKind, Request, TimeLog

if TYPE_CHECKING:
    from demo.company import Demo


@dataclass(frozen=True)
class Rates:
    """The rates as built, to price the logs without a query per log."""

    department: dict[str, list[HourlyRate]]  # by department code, in date order
    heads: dict[int, HourlyRate]  # by employee pk

    def on(self, code: str, author_id: int, day: date) -> Decimal | None:
        if author_id in self.heads:
            return self.heads[author_id].amount
        for rate in self.department[code]:
            if rate.valid_from <= day and (rate.valid_until is None or day <= rate.valid_until):
                return rate.amount
        return None


def build_rates(organisation: Organisation, *, anchor: datetime) -> Rates:
    """Every department's rate from well before the history; a raise `raise_on` days ago for
    those that have one; each head's own rate."""
    start = anchor.date() - timedelta(days=HISTORY_DAYS + 60)
    raised_on = anchor.date() - timedelta(days=EFFORT["raise_on"])
    factor = Decimal(str(EFFORT["head_factor"]))
    rows: list[HourlyRate] = []
    by_department: dict[str, list[HourlyRate]] = {}
    heads: dict[int, HourlyRate] = {}
    for code, department in organisation.departments.items():
        spec = EFFORT["rates"][code]
        amount = Decimal(str(spec["amount"]))
        if spec.get("raised"):
            its = [
                HourlyRate(
                    department=department,
                    amount=amount,
                    valid_from=start,
                    valid_until=raised_on - timedelta(days=1),
                ),
                HourlyRate(
                    department=department,
                    amount=Decimal(str(spec["raised"])),
                    valid_from=raised_on,
                ),
            ]
        else:
            its = [HourlyRate(department=department, amount=amount, valid_from=start)]
        by_department[code] = its
        rows += its
        for head in organisation.heads[code]:
            own = HourlyRate(
                department=department,
                employee=head,
                amount=(amount * factor).quantize(Decimal("0.01")),
                valid_from=start,
            )
            heads[head.pk] = own
            rows.append(own)
    HourlyRate.objects.bulk_create(rows)
    return Rates(by_department, heads)


def _minutes(code: str, rng: random.Random) -> int:
    low, high = EFFORT["minutes"][code]
    total = rng.uniform(low, high)
    if rng.random() < EFFORT["long_tail"]:
        total *= rng.uniform(2, 4)
    return max(5, min(700, int(round(total / 5) * 5)))


def build_time_logs(
    organisation: Organisation,
    requests: list[Request],
    rates: Rates,
    *,
    anchor: datetime,
    rng: random.Random,
) -> list[TimeLog]:
    """Time on most requests a team resolved and on half of those it is working on, by the
    assignee (or a colleague), in one to three logs between filing and resolution, each with its
    internal event on the timeline; the requests' totals follow."""
    teams = {code: organisation.team(code) for code in organisation.departments}
    logs: list[TimeLog] = []
    events: list[Event] = []
    touched: list[Request] = []
    for request in requests:
        code = request.department.code
        team = teams[code]
        team_ids = {person.pk for person in team}
        working = request.resolved_at is None and request.assignee_id in team_ids
        if request.resolved_at is not None:
            chance = EFFORT["log_resolved"]
        elif working:
            chance = EFFORT["log_open"]
        else:
            continue
        if rng.random() >= chance:
            continue
        # Between the first answer and the resolution, never after the request's last activity:
        # the timeline's last entry stays what it was.
        begin = request.first_response_at or request.created_at
        end = min(request.resolved_at or anchor, request.last_activity_at)
        if end <= begin:
            begin = request.created_at
        total = _minutes(code, rng)
        parts = rng.choice([1, 1, 2, 2, 3]) if total >= 30 else 1
        shares = sorted(rng.random() for _ in range(parts - 1))
        splits = [0, *(int(total * share / 5) * 5 for share in shares), total]
        moments = sorted(
            (begin + (end - begin) * rng.uniform(0.05, 0.95)).replace(microsecond=0)
            for _ in range(parts)
        )
        minutes_total, cents_total, priced = 0, 0, False
        for index, moment in enumerate(moments):
            minutes = splits[index + 1] - splits[index]
            if minutes <= 0:
                continue
            if request.assignee_id in team_ids and rng.random() < 0.8:
                author_id = request.assignee_id
            else:
                author_id = rng.choice(team).pk
            day = moment.astimezone(TZ).date()
            amount = rates.on(code, author_id, day)
            cents = cost_cents(minutes, amount)
            note = rng.choice(EFFORT["notes"]) if rng.random() < EFFORT["note_chance"] else ""
            logs.append(
                TimeLog(
                    request=request,
                    author_id=author_id,
                    minutes=minutes,
                    note=note,
                    spent_on=day,
                    rate=amount,
                    cost_cents=cents,
                    created_at=moment,
                )
            )
            events.append(
                Event(
                    request=request,
                    actor_id=author_id,
                    kind=EventKind.TIME,
                    new_value=str(minutes),
                    body=note,
                    created_at=moment,
                )
            )
            minutes_total += minutes
            if cents is not None:
                cents_total += cents
                priced = True
        if minutes_total:
            request.effort_minutes = minutes_total
            request.effort_cost_cents = cents_total if priced else None
            touched.append(request)
    with keeping_timestamps(Event):
        TimeLog.objects.bulk_create(logs, batch_size=500)
        Event.objects.bulk_create(events, batch_size=500)
    Request.objects.bulk_update(touched, ["effort_minutes", "effort_cost_cents"], batch_size=500)
    return logs


def build(demo: Demo, rng: random.Random) -> None:
    rates = build_rates(demo.organisation, anchor=demo.anchor)
    demo.time_logs = build_time_logs(
        demo.organisation, demo.requests, rates, anchor=demo.anchor, rng=rng
    )
