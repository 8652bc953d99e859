"""A realistic company for the benchmark, written straight into the database.

`generate(plan)` writes 10 departments with their working hours, 120 services, 5,000 employees of
every client type, the departments' teams, N requests spread over three years (fewer at weekends,
slowly growing), 3-6 timeline events per request, and ratings of 40% of the closed requests. Rows are
produced by plain Python loops (one seeded random generator: the same plan gives the same company)
and written with COPY on PostgreSQL, or executemany on SQLite (the tests' tiny companies).

Consistency: every request follows one life. It is filed; most are taken (assigned and in progress at
the first response), resolved, then closed by the requester's confirmation or by the 7-day
auto-close; 4% are cancelled and 2% are abandoned open (the backlog every real desk has). Where that
life stands at `now` sets the status and which of first_response_at, resolved_at and closed_at are
written, so the old requests are closed and the recent ones spread over every state.

Business time is approximated (documented in bench/README.md): every department works Monday to
Friday 08:00-16:00 Central European *standard* time, i.e. 07:00-15:00 UTC all year, with no
holidays. Durations are drawn in working seconds and turned into instants with a closed-form
formula, so resolution_business_seconds, first_response_business_seconds, due_at and met_target
agree with each other exactly; against Desk's own calendar (which follows summer time) they can be an
hour off in summer.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as clock

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection
from django.utils.text import slugify

from departments.models import (
    ClientType,
    Department,
    Employee,
    Membership,
    Role,
    Service,
    WorkingHours,
)
from desk.models import Event as RequestEvent
from desk.models import EventKind, Request, Status
from feedback.models import Feedback

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
PASSWORD = "bench-password"
HEAD_EMAIL = "head.it@bench.example"
ADMIN_EMAIL = "admin@bench.example"
BUSY_TITLE = "Bench: request with 30 timeline events"
SEARCH_WORD = "printer"

# name, reference code, share of the requests (%), team size (heads and agents)
DEPARTMENTS = [
    ("IT", "IT", 25, 18),
    ("Human Resources", "HR", 12, 8),
    ("Finance", "FIN", 11, 8),
    ("Facilities", "FAC", 12, 9),
    ("Logistics", "LOG", 9, 7),
    ("Procurement", "PROC", 8, 6),
    ("Marketing", "MKT", 6, 5),
    ("Security", "SEC", 6, 5),
    ("Legal", "LEG", 5, 4),
    ("Training", "TRN", 6, 5),
]
SERVICE_NAMES = {
    "IT": "New laptop, Laptop repair, Printer problem, VPN access, Email and calendar, Software "
    "licence, Password reset, Phone and headset, Network outage, Shared drive access, Monitor or "
    "dock, Meeting room screen, Account for a newcomer, Backup restore, Security incident",
    "HR": "Payslip question, Employment certificate, Leave balance, Contract change, Benefits "
    "card, Onboarding plan, Exit interview, Sick leave paperwork",
    "FIN": "Expense refund, Invoice approval, Cost centre change, Travel advance, Purchase card, "
    "Budget report, Supplier payment, VAT question",
    "FAC": "Broken chair or desk, Heating and cooling, Cleaning, Parking space, Office move, "
    "Key and badge, Kitchen appliance, Light bulb, Printer paper delivery",
    "LOG": "Courier pickup, Inbound delivery, Warehouse space, Pallet transport, Customs papers, "
    "Company car",
    "PROC": "New supplier, Purchase request, Framework contract, Price check, Return to supplier, "
    "Office supplies",
    "MKT": "Brochure design, Social media post, Event stand, Website change, Photo shoot",
    "SEC": "Access card, Visitor registration, CCTV footage, Lost and found, Alarm code",
    "LEG": "Contract review, NDA, Data protection question, Power of attorney",
    "TRN": "Course enrolment, External training, Certificate copy, E-learning access, Trainer "
    "request",
}
SERVICE_VARIANTS = ["", " (remote sites)", " (urgent lane)", " (managers)"]
TARGET_HOURS = [4, 8, 8, 16, 16, 24, 40, 80]
FIRST_NAMES = str.split(
    "Anna Piotr Maria Jan Katarzyna Tomasz Agnieszka Pawel Magdalena Michal Ewa Krzysztof "
    "Joanna Marcin Barbara Lukasz Zofia Adam Natalia Marek Julia Jakub Alicja Kamil Ola Robert "
    "Hanna Wojciech Lena Szymon Irena Rafal Marta Filip Monika Dawid Iga Bartosz Ewelina Igor"
)
LAST_NAMES = str.split(
    "Nowak Kowalski Wisniewski Wojcik Kowalczyk Kaminski Lewandowski Zielinski Szymanski Wozniak "
    "Dabrowski Kozlowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski "
    "Pawlowski Michalski Nowicki Adamczyk Dudek Zajac Wieczorek Jablonski Krol Majewski Olszewski "
    "Jaworski Wrobel Malinowski Pawlak Witkowski Walczak Stepien Gorski Rutkowski Michalak"
)
JOB_TITLES = ["Specialist", "Analyst", "Engineer", "Coordinator", "Assistant", "Consultant", ""]
PROBLEMS = [
    "Cannot use the",
    "Problem with the",
    "Request for a new",
    "Question about the",
    "Broken",
    "Need access to the",
    "Urgent: the",
    "Please check the",
    "Follow-up on the",
    "Change to the",
]
THINGS = {
    "IT": f"laptop docking station {SEARCH_WORD} VPN mailbox calendar monitor keyboard licence "
    "account wifi headset scanner server",
    "HR": "payslip contract leave certificate benefits card overtime onboarding referral",
    "FIN": "invoice expense report refund budget cost centre card advance supplier",
    "FAC": f"chair desk radiator air conditioning parking door lock kitchen {SEARCH_WORD} lights",
    "LOG": "delivery pallet courier shipment forklift van customs label",
    "PROC": "order supplier quote contract catalogue return stationery",
    "MKT": "brochure banner post newsletter logo photo website",
    "SEC": "badge visitor pass camera alarm locker",
    "LEG": "contract clause NDA agreement policy consent",
    "TRN": "course workshop certificate e-learning trainer",
}
PLACES = ["on floor 2", "in building B", "in the Krakow office", "at home", "in room 3.14", ""]
SENTENCES = [
    "It stopped working this morning.",
    "I have tried restarting it twice.",
    "This blocks the monthly closing, please help.",
    "My manager approved it last week.",
    "The same thing happened in March.",
    "Details are in the attached screenshot.",
    "Could you also check the second one next to it?",
    "I am out of office on Friday.",
    "Several colleagues in my team have the same issue.",
    "No rush, but it would be good to have it before the audit.",
]
REPLIES = [
    "Thanks, we are looking into it.",
    "Could you send the serial number?",
    "We ordered the part; it should arrive on Thursday.",
    "Done on our side, please check.",
    "I have escalated this to the supplier.",
    "Here is the serial number you asked for.",
    "It works again, thank you!",
    "Still the same problem, unfortunately.",
]
NOTES = [
    "Checked the logs: hardware fault.",
    "Waiting for the supplier's answer.",
    "Same root cause as last month's ticket.",
    "Needs the head's approval above the limit.",
]
FEEDBACK_COMMENTS = [
    "Quick and friendly, thank you.",
    "Took far too long and nobody told me why.",
    "Solved, but I had to ask twice.",
    "Excellent, as always.",
    "The fix did not last long.",
]

# Business time: Monday-Friday, 07:00-15:00 UTC (08:00-16:00 CET), no holidays.
DAY = 86_400
WEEK = 7 * DAY
OPENS = 7 * 3600
SPAN = 8 * 3600
WEEK_SPAN = 5 * SPAN
MONDAY = 4 * DAY  # 1970-01-05, the first Monday of the Unix epoch
YEAR = 365 * DAY
AUTO_CLOSE = 7 * DAY


def business_clock(ts: float) -> float:
    """Working seconds from MONDAY to the instant `ts` (a Unix time)."""
    weeks, rest = divmod(ts - MONDAY, WEEK)
    day, second = divmod(rest, DAY)
    if day >= 5:
        return weeks * WEEK_SPAN + WEEK_SPAN
    return weeks * WEEK_SPAN + day * SPAN + min(max(second - OPENS, 0.0), SPAN)


def business_add(ts: float, seconds: float) -> float:
    """The instant `seconds` working seconds after `ts` (the inverse of business_clock)."""
    weeks, rest = divmod(business_clock(ts) + seconds, WEEK_SPAN)
    day, second = divmod(rest, SPAN)
    return MONDAY + weeks * WEEK + day * DAY + OPENS + second


@dataclass(frozen=True)
class Plan:
    requests: int
    departments: int = 10
    services: int = 120
    employees: int = 5_000
    years: int = 3
    seed: int = 20_240_601
    busy_events: int = 30
    chunk: int = 20_000

    @classmethod
    def for_size(cls, size: str) -> Plan:
        return cls(requests=SIZES[size])


@dataclass
class Company:
    """What the measurements need to find again in the generated data."""

    now: datetime
    head_id: int = 0
    admin_id: int = 0
    busy_request_id: int = 0
    department_ids: list[int] = field(default_factory=list)
    requests: int = 0
    events: int = 0
    feedback: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


# --- writing rows ------------------------------------------------------------------------------------


class Writer:
    """Rows into one table: COPY on PostgreSQL, executemany elsewhere.

    Rows carry Python values for `attnames`; every other concrete column gets its model default, so
    a column added to a model later does not break the generator (a required column without a
    default does, with a clear message).
    """

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"

    def _layout(self, model, attnames: Sequence[str]):
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(attnames) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no column(s) {sorted(unknown)}")
        given = [fields[name] for name in attnames]
        # Columns not given take their default; an auto-incremented key is left to the database.
        rest = [f for name, f in fields.items() if name not in attnames and not f.primary_key]
        for f in rest:
            if not (f.has_default() or f.null or f.empty_strings_allowed):
                raise ValueError(f"The generator must fill {model.__name__}.{f.attname}")
        tail = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
        return given, rest, tail

    def write(self, model, attnames: Sequence[str], rows: Iterable[tuple]) -> int:
        given, rest, tail = self._layout(model, attnames)
        columns = [f.column for f in given + rest]
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        names = ", ".join(quote(c) for c in columns)
        count = 0
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    write = copy.write_row
                    for row in rows:
                        write(row + tail if tail else row)
                        count += 1
                return count
            converters = [_sqlite_converter(f) for f in given]
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
            batch = []
            for row in rows:
                batch.append(
                    tuple(
                        conv(v) if v is not None else None
                        for conv, v in zip(converters, row, strict=True)
                    )
                    + tail
                )
                if len(batch) >= 2_000:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
        return count


def _sqlite_converter(f):
    ops = connection.ops
    internal = f.get_internal_type()
    if internal == "DateTimeField":
        return ops.adapt_datetimefield_value
    if internal == "TimeField":
        return ops.adapt_timefield_value
    if internal == "BooleanField":
        return int
    return lambda value: value


# --- the organisation -------------------------------------------------------------------------------


def _dt(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def _split(total: int, weights: list[int], minimum: int) -> list[int]:
    """`total` spread by weight, each at least `minimum`, summing exactly to `total`."""
    counts = [max(minimum, round(total * w / sum(weights))) for w in weights]
    while sum(counts) > total and max(counts) > minimum:
        counts[counts.index(max(counts))] -= 1
    while sum(counts) < total:
        counts[counts.index(max(counts))] += 1
    return counts


@dataclass
class _Org:
    departments: list[tuple[int, str, str, int]]  # id, name, code, weight
    services: dict[int, list[tuple[int, int, bool]]]  # dept id -> (service id, target h, 24x7)
    members: dict[int, list[int]]  # dept id -> member ids (heads first)
    heads: dict[int, int]  # dept id -> first head id
    client_type: list[str]  # employee id -> client type (index 0 unused)
    staff_of: list[int]  # employee id -> department id they serve (0: none)
    names: list[str]  # employee id -> full name


def _organisation(plan: Plan, rng: random.Random, writer: Writer, now: datetime) -> _Org:
    specs = DEPARTMENTS[: plan.departments]
    departments = [
        (i + 1, name, code, weight) for i, (name, code, weight, _team) in enumerate(specs)
    ]
    writer.write(
        Department,
        ["id", "name", "slug", "code", "description", "contact_email", "is_active", "time_zone"],
        [
            (
                pk,
                name,
                slugify(name),
                code,
                f"{name} serves the company.",
                "",
                True,
                "Europe/Warsaw",
            )
            for pk, name, code, _weight in departments
        ],
    )
    writer.write(
        WorkingHours,
        ["department_id", "weekday", "start", "end"],
        [(pk, day, clock(8), clock(16)) for pk, *_rest in departments for day in range(5)],
    )

    service_counts = _split(plan.services, [w for *_x, w in departments], 2)
    services: dict[int, list[tuple[int, int, bool]]] = {}
    service_rows = []
    next_service = 1
    for (pk, _name, code, _weight), count in zip(departments, service_counts, strict=True):
        bases = [s.strip() for s in SERVICE_NAMES[code].split(",")]
        services[pk] = []
        for n in range(count):
            name = bases[n % len(bases)] + SERVICE_VARIANTS[(n // len(bases)) % 4]
            if n >= len(bases) * 4:
                name += f" {n}"
            target = rng.choice(TARGET_HOURS)
            around = code in ("IT", "SEC") and rng.random() < 0.2
            active = n < 2 or rng.random() < 0.95
            service_rows.append(
                (next_service, pk, name, slugify(name), f"{name}: what you get.", target, around)
                + (active, n)
            )
            # Retired services keep their requests (filed before they were retired).
            services[pk].append((next_service, target, around))
            next_service += 1
    writer.write(
        Service,
        [
            "id",
            "department_id",
            "name",
            "slug",
            "description",
            "target_hours",
            "around_the_clock",
            "is_active",
            "order",
        ],
        service_rows,
    )

    # Employees: 1 is the admin, 2 the head of IT (the benchmark's viewer); the teams are drawn
    # from everyone else.
    password = make_password(PASSWORD)
    joined = now - timedelta(days=365 * (plan.years + 1))
    types = [ClientType.OPERATIONAL] * 65 + [ClientType.BUSINESS] * 25 + [ClientType.EXECUTIVE] * 10
    client_type = [""] * (plan.employees + 1)
    names = [""] * (plan.employees + 1)
    employee_rows = []
    weights = [w for *_x, w in departments]
    for pk in range(1, plan.employees + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        ctype = rng.choice(types)
        dept = rng.choices(departments, weights)[0][0]
        email = f"{first}.{last}.{pk}@bench.example".lower()
        name = f"{first} {last}"
        superuser = pk == 1
        if superuser:
            email, name, ctype = ADMIN_EMAIL, "Bench Admin", ClientType.EXECUTIVE
        elif pk == 2:
            email, name, dept = HEAD_EMAIL, "Bench Head", departments[0][0]
        client_type[pk], names[pk] = ctype, name
        employee_rows.append(
            (pk, password, None, superuser, email, name, rng.choice(JOB_TITLES), dept, ctype)
            + ("", superuser, True, joined)
        )
    writer.write(
        Employee,
        [
            "id",
            "password",
            "last_login",
            "is_superuser",
            "email",
            "full_name",
            "job_title",
            "department_id",
            "client_type",
            "language",
            "is_staff",
            "is_active",
            "date_joined",
        ],
        employee_rows,
    )

    members: dict[int, list[int]] = {}
    heads: dict[int, int] = {}
    staff_of = [0] * (plan.employees + 1)
    membership_rows = []
    free = list(range(3, plan.employees + 1))
    rng.shuffle(free)
    for (pk, *_rest), (*_spec, team) in zip(departments, specs, strict=True):
        team_size = max(3, min(team, plan.employees // (4 * len(departments))))
        chosen = [2] if pk == departments[0][0] else []
        while len(chosen) < team_size and free:
            chosen.append(free.pop())
        head_count = 2 if team_size >= 8 else 1
        members[pk] = chosen
        heads[pk] = chosen[0]
        for position, employee in enumerate(chosen):
            staff_of[employee] = pk
            role = Role.HEAD if position < head_count else Role.AGENT
            membership_rows.append((pk, employee, role))
    writer.write(Membership, ["department_id", "employee_id", "role"], membership_rows)
    return _Org(departments, services, members, heads, client_type, staff_of, names)


# --- requests, events, feedback -----------------------------------------------------------------------

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
]
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
PRIORITIES = [1] * 15 + [2] * 60 + [3] * 20 + [4] * 5
RATINGS_MET = [1] * 2 + [2] * 3 + [3] * 8 + [4] * 30 + [5] * 57
RATINGS_MISSED = [1] * 10 + [2] * 14 + [3] * 20 + [4] * 32 + [5] * 24


def _filing_times(plan: Plan, rng: random.Random, now_ts: float) -> list[float]:
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


class _Lives:
    """Turns a filing instant into a request row, its events and maybe a feedback row."""

    def __init__(self, plan: Plan, rng: random.Random, org: _Org, now_ts: float) -> None:
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
                (self.event_id, request_id, actor, kind, old, new, body, _dt(min(at, now)))
            )

        overdue_notified = None
        if status in (Status.NEW, Status.IN_PROGRESS) and due < now:
            overdue_notified = _dt(min(due + 600, now))
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
            _dt(created),
            _dt(last),
            _dt(last),
            _dt(due),
            None if paused_at is None else _dt(paused_at),
            None if first_at is None else _dt(first_at),
            None if resolved_at is None else _dt(resolved_at),
            None if closed_at is None else _dt(closed_at),
            overdue_notified,
            first_bs,
            res_s,
            res_bs,
            met,
        )

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
            acted_at = _dt(min(given + rng.uniform(1, 5) * DAY, self.now))
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
            _dt(given),
            _dt(given),
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
            events.append((self.event_id, request_id, actor, kind, old, new, body, _dt(at)))
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
            _dt(created),
            _dt(timeline[-1][0]),
            _dt(timeline[-1][0]),
            _dt(business_add(created, target_hours * 3600.0)),
            None,
            _dt(first_at),
            None,
            None,
            None,
            fbs,
            None,
            None,
            None,
        )


# --- bulk loading on PostgreSQL -----------------------------------------------------------------------

BIG_MODELS = (Request, RequestEvent, Feedback)


def _drop_secondary(cursor, table: str) -> list[str]:
    """Drop a table's indexes, unique and foreign-key constraints (not its primary key); return
    the statements that recreate them. Loading without them and rebuilding is several times
    faster than maintaining 16 indexes row by row."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY contype DESC, conname",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
        "JOIN pg_class i ON i.oid = x.indexrelid "
        "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid "
        "AND c.conrelid = x.indrelid) ORDER BY i.relname",
        [table],
    )
    indexes = cursor.fetchall()
    quote = connection.ops.quote_name
    for name, _definition in constraints:
        cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {quote(name)}")
    restore = [definition for _name, definition in indexes]
    # Unique constraints before foreign keys: a foreign key may need the unique index.
    restore += [
        f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}"
        for name, definition in constraints
    ]
    return restore


def generate(
    plan: Plan, *, now: datetime | None = None, fast_load: bool = False, log=None
) -> Company:
    """Write the company into the default database, which must hold no Desk data yet.

    fast_load (PostgreSQL only, outside a transaction): drop the big tables' secondary indexes and
    constraints for the load and rebuild them after; then VACUUM ANALYZE.
    """
    log = log or (lambda message: None)
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    now_ts = now.timestamp()
    rng = random.Random(plan.seed)
    writer = Writer()
    company = Company(now=now)
    began = time.perf_counter()
    fast_load = fast_load and writer.postgres
    restore: list[str] = []
    with connection.cursor() as cursor:
        if writer.postgres:
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SET maintenance_work_mem = '512MB'")
        if fast_load:
            for model in BIG_MODELS:
                restore += _drop_secondary(cursor, model._meta.db_table)

    org = _organisation(plan, rng, writer, now)
    company.head_id, company.admin_id = 2, 1
    company.department_ids = [pk for pk, *_rest in org.departments]
    company.seconds["organisation"] = time.perf_counter() - began

    began = time.perf_counter()
    lives = _Lives(plan, rng, org, now_ts)
    times = _filing_times(plan, rng, now_ts)
    for offset in range(0, len(times), plan.chunk):
        requests, events, feedback = [], [], []
        for n, created in enumerate(times[offset : offset + plan.chunk], start=offset + 1):
            requests.append(lives.life(n, created, events, feedback))
        if offset + plan.chunk >= len(times):
            company.busy_request_id = len(times) + 1
            requests.append(
                lives.busy(company.busy_request_id, org.departments[0][0], plan.busy_events, events)
            )
        company.requests += writer.write(Request, REQUEST_COLUMNS, requests)
        company.events += writer.write(RequestEvent, EVENT_COLUMNS, events)
        company.feedback += writer.write(Feedback, FEEDBACK_COLUMNS, feedback)
        log(f"  {company.requests:,} requests, {company.events:,} events written")
    company.seconds["rows"] = time.perf_counter() - began

    began = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in restore:
            cursor.execute(statement)
        company.seconds["indexes"] = time.perf_counter() - began
        models = [Department, Service, Employee, Membership, WorkingHours, *BIG_MODELS]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
        cursor.execute(
            "UPDATE departments_department SET last_request_number = COALESCE("
            "(SELECT MAX(number) FROM desk_request r WHERE r.department_id = "
            "departments_department.id), 0)"
        )
    began = time.perf_counter()
    if fast_load:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    elif writer.postgres:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    company.seconds["analyze"] = time.perf_counter() - began
    return company
