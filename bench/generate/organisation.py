"""The organisation: departments with their working hours and services, employees of every
client type, and the departments' teams (heads and agents)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import time as clock

from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from bench.generate.plan import ADMIN_EMAIL, HEAD_EMAIL, PASSWORD, Plan
from bench.generate.rows import Writer
from bench.generate.words import (
    DEPARTMENTS,
    FIRST_NAMES,
    JOB_TITLES,
    LAST_NAMES,
    SERVICE_NAMES,
    SERVICE_VARIANTS,
    TARGET_HOURS,
)
from departments.models import (
    ClientType,
    Department,
    Employee,
    Membership,
    Role,
    Service,
    WorkingHours,
)


def _split(total: int, weights: list[int], minimum: int) -> list[int]:
    """`total` spread by weight, each at least `minimum`, summing exactly to `total`."""
    counts = [max(minimum, round(total * w / sum(weights))) for w in weights]
    while sum(counts) > total and max(counts) > minimum:
        counts[counts.index(max(counts))] -= 1
    while sum(counts) < total:
        counts[counts.index(max(counts))] += 1
    return counts


@dataclass
class Org:
    departments: list[tuple[int, str, str, int]]  # id, name, code, weight
    services: dict[int, list[tuple[int, int, bool]]]  # dept id -> (service id, target h, 24x7)
    members: dict[int, list[int]]  # dept id -> member ids (heads first)
    heads: dict[int, int]  # dept id -> first head id
    client_type: list[str]  # employee id -> client type (index 0 unused)
    staff_of: list[int]  # employee id -> department id they serve (0: none)
    names: list[str]  # employee id -> full name


def build_organisation(plan: Plan, rng: random.Random, writer: Writer, now: datetime) -> Org:
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
    return Org(departments, services, members, heads, client_type, staff_of, names)
