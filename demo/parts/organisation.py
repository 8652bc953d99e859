"""The organisation part: departments with working hours and holidays, services with the extra
fields of their request forms (and their Polish texts), people, and the teams (memberships).
The data is demo/data/organisation.yaml."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth.hashers import make_password
from django.db.models import Model

from demo.common import (
    ADMIN_EMAIL,
    OFFICE_CLOSES,
    OFFICE_OPENS,
    PASSWORD,
    TIME_ZONE,
    email_for,
)
from demo.data import ADMIN, DEPARTMENTS, EASTER_HOLIDAYS, FIXED_HOLIDAYS, PEOPLE
from departments.models import (
    ClientType,
    Department,
    Employee,
    Holiday,
    Membership,
    Role,
    Service,
    ServiceField,
    WorkingHours,
)

if TYPE_CHECKING:
    from demo.company import Demo


def _easter(year: int) -> date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    golden = year % 19
    century, rest = divmod(year, 100)
    h = (19 * golden + century - century // 4 - (century - (century + 8) // 25 + 1) // 3 + 15) % 30
    weekday_shift = (32 + 2 * (century % 4) + 2 * (rest // 4) - h - rest % 4) % 7
    m = (golden + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


def polish_holidays(start: date, end: date) -> list[tuple[date, str, str]]:
    """Public holidays in Poland between start and end (inclusive): (day, English, Polish)."""
    found = []
    for year in range(start.year, end.year + 1):
        for (month, day), name, name_pl in FIXED_HOLIDAYS:
            if (month, day) == (12, 24) and year < 2025:
                continue  # a public holiday only since 2025
            found.append((date(year, month, day), name, name_pl))
        easter = _easter(year)
        for offset, name, name_pl in EASTER_HOLIDAYS:
            found.append((easter + timedelta(days=offset), name, name_pl))
    return sorted(item for item in found if start <= item[0] <= end)


def _translations(model: type[Model], spec: dict[str, Any]) -> dict[str, str]:
    """The spec's translations (name_pl, ...) that the model has columns for."""
    columns = {item.name for item in model._meta.concrete_fields}
    return {key: value for key, value in spec.items() if key.endswith("_pl") and key in columns}


@dataclass
class Organisation:
    """What build_organisation created, keyed the way the data (demo/data) names things."""

    departments: dict[str, Department]  # by code; working hours and holidays prefetched
    services: list[Service]  # in catalog order; service.department is the prefetched one
    specs: dict[int, dict[str, Any]]  # service pk -> its dict in demo.data.DEPARTMENTS
    fields: dict[int, list[ServiceField]]  # service pk -> its extra fields, in order
    people: dict[str, Employee]  # by full name
    heads: dict[str, list[Employee]]  # by department code
    agents: dict[str, list[Employee]]
    admin: Employee
    holidays: list[Holiday] = field(default_factory=list)

    def team(self, code: str) -> list[Employee]:
        return self.heads[code] + self.agents[code]


def build_organisation(*, anchor: datetime, rng: random.Random) -> Organisation:
    """Departments with hours and holidays, services with extra fields, people and teams."""
    departments = Department.objects.bulk_create(
        Department(
            code=spec["code"],
            slug=spec["slug"],
            name=spec["name"],
            description=spec["description"],
            contact_email=spec["contact_email"],
            time_zone=TIME_ZONE,
            **_translations(Department, spec),
        )
        for spec in DEPARTMENTS
    )
    WorkingHours.objects.bulk_create(
        WorkingHours(department=dept, weekday=weekday, start=OFFICE_OPENS, end=OFFICE_CLOSES)
        for dept in departments
        for weekday in range(5)
    )
    days = polish_holidays(anchor.date() - timedelta(days=183), anchor.date() + timedelta(days=183))
    holidays = Holiday.objects.bulk_create(
        Holiday(department=dept, date=day, name=name)
        for dept in departments
        for day, name, _ in days
    )
    # Read back with hours and holidays prefetched: due times are then computed without queries.
    by_code = {
        dept.code: dept
        for dept in Department.objects.filter(pk__in=[d.pk for d in departments]).prefetch_related(
            "working_hours", "holidays"
        )
    }

    pairs = [
        (
            Service(
                department=by_code[dept_spec["code"]],
                name=spec["name"],
                slug=spec["slug"],
                description=spec["description"],
                target_hours=spec["target_hours"],
                around_the_clock=spec.get("around_the_clock", False),
                order=order,
                **_translations(Service, spec),
            ),
            spec,
        )
        for dept_spec in DEPARTMENTS
        for order, spec in enumerate(dept_spec["services"])
    ]
    # Built on the prefetched departments, so calendar.due_at(service, ...) needs no queries.
    services = Service.objects.bulk_create(service for service, _ in pairs)
    fields = ServiceField.objects.bulk_create(
        ServiceField(
            service=service,
            label=item["label"],
            kind=item["kind"],
            required=item.get("required", False),
            help_text=item.get("help", ""),
            options="\n".join(item.get("options", [])),
            order=order,
            **_translations(
                ServiceField,
                {
                    "label_pl": item.get("label_pl", ""),
                    "help_text_pl": item.get("help_pl", ""),
                    "options_pl": "\n".join(item.get("options_pl", [])),
                },
            ),
        )
        for service, spec in pairs
        for order, item in enumerate(spec["fields"])
    )
    fields_of: dict[int, list[ServiceField]] = defaultdict(list)
    for item in fields:
        fields_of[item.service_id].append(item)

    # One hash for everyone: hashing 68 passwords one by one would take most of a minute.
    password = make_password(PASSWORD)
    people = Employee.objects.bulk_create(
        [
            Employee(
                email=email_for(name),
                full_name=name,
                job_title=title,
                department=by_code[code],
                client_type=client_type,
                password=password,
                date_joined=anchor - timedelta(days=rng.randint(200, 3000)),
            )
            for name, title, code, client_type, _ in PEOPLE
        ]
        + [
            Employee(
                email=ADMIN_EMAIL,
                full_name=ADMIN[0],
                job_title=ADMIN[1],
                department=by_code[ADMIN[2]],
                client_type=ClientType.OPERATIONAL,
                password=password,
                is_staff=True,
                is_superuser=True,
                date_joined=anchor - timedelta(days=400),
            )
        ]
    )
    by_name = {person.full_name: person for person in people}
    heads: dict[str, list[Employee]] = {spec["code"]: [] for spec in DEPARTMENTS}
    agents: dict[str, list[Employee]] = {spec["code"]: [] for spec in DEPARTMENTS}
    memberships = []
    for name, _, code, _, role in PEOPLE:
        if role is None:
            continue
        (heads if role == Role.HEAD else agents)[code].append(by_name[name])
        memberships.append(Membership(department=by_code[code], employee=by_name[name], role=role))
    Membership.objects.bulk_create(memberships)

    return Organisation(
        departments=by_code,
        services=services,
        specs={service.pk: spec for service, spec in pairs},
        fields=dict(fields_of),
        people=by_name,
        heads=heads,
        agents=agents,
        admin=by_name[ADMIN[0]],
        holidays=holidays,
    )


def build(demo: Demo, rng: random.Random) -> None:
    demo.organisation = build_organisation(anchor=demo.anchor, rng=rng)
