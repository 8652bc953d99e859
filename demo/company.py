"""The whole demo company: its parts built in order, then the report cells; whether it is loaded,
what it would collide with, how to remove it, and the logins to show.

`manage.py load_demo` (run by `make demo`) calls build_demo. The demo's rows are recognised by
the company's email domain: people's addresses and the departments' contact addresses end in
@kestrel.example; the admin's address marks a loaded demo.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import translation

from demo.common import ADMIN_EMAIL, DEFAULT_SEED, DOMAIN, HISTORY_DAYS, demo_anchor, email_for
from demo.data import ADMIN, DEPARTMENTS, FEATURED, PEOPLE
from demo.parts import approvals, effort, feedback, organisation, recognition, requests, surveys
from demo.parts.organisation import Organisation
from departments.models import Department, Employee, Service
from desk.models import Approval, Attachment, Request, TimeLog
from feedback import reports
from feedback.models import Feedback, Kudos, ReportCell, ReportSubscription, StaleCell
from helpcenter.models import Article


@dataclass
class Demo:
    """What the parts built so far: each part reads what it needs of the earlier ones here and
    leaves what it made for the later ones (and for the command's summary and the tests)."""

    anchor: datetime
    organisation: Organisation | None = None
    requests: list[Request] = field(default_factory=list)
    approvals: list[Approval] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    subscriptions: list[ReportSubscription] = field(default_factory=list)
    time_logs: list[TimeLog] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    kudos: list[Kudos] = field(default_factory=list)
    report_cells: int = 0
    surveys: list = field(default_factory=list)


# The parts, in the order they are built; each is a module of demo/parts with its data file in
# demo/data. build(demo, rng) writes the part's rows and keeps them on the Demo. A new part goes
# after the parts it needs; its generator is its own (seeded with its name), so it changes nothing
# the parts before it drew. The report cells come after every part (compute_reports).
PARTS: list[tuple[str, Callable[[Demo, random.Random], None]]] = [
    ("organisation", organisation.build),
    ("requests", requests.build),
    ("approvals", approvals.build),
    ("feedback", feedback.build),
    ("effort", effort.build),
    ("recognition", recognition.build),
    ("surveys", surveys.build),
]


def build_demo(*, seed: int = DEFAULT_SEED, today: date | None = None) -> Demo:
    """Build the whole demo in one transaction. Call demo_conflicts() first."""
    built = Demo(anchor=demo_anchor(today))
    with transaction.atomic(), translation.override("en"):
        for name, build in PARTS:
            build(built, random.Random(f"{seed}:{name}"))
        # Last: the cells are computed from everything above.
        built.report_cells = compute_reports(built.organisation, anchor=built.anchor)
    return built


def compute_reports(organisation: Organisation, *, anchor: datetime) -> int:
    """The report cells of every week and month of the demo's history, its departments' and the
    company's (what the nightly task would have stored), with the departments' findings (where
    to improve) that the same job stores; returns how many cells were written."""
    ids = [dept.pk for dept in organisation.departments.values()]
    first = anchor.date() - timedelta(days=HISTORY_DAYS)
    # Up to today: the current week and month show the backlog the demo leaves open.
    written = reports.recompute_range(first, anchor.date(), ids, company=True)
    # The cells are current; nothing is left for a worker to do.
    StaleCell.objects.filter(department_id__in=ids).delete()
    return written


def demo_exists() -> bool:
    """The demo is loaded when its admin exists (the marker the command checks)."""
    return Employee.objects.filter(email=ADMIN_EMAIL).exists()


def demo_emails() -> list[str]:
    return [email_for(name) for name, *_ in PEOPLE] + [ADMIN_EMAIL]


def demo_conflicts() -> list[str]:
    """Rows the demo would collide with: departments and people that are not the demo's."""
    codes = [spec["code"] for spec in DEPARTMENTS]
    slugs = [spec["slug"] for spec in DEPARTMENTS]
    names = [spec["name"] for spec in DEPARTMENTS]
    departments = Department.objects.filter(
        Q(code__in=codes) | Q(slug__in=slugs) | Q(name__in=names)
    ).order_by("code")
    people = Employee.objects.filter(email__in=demo_emails()).order_by("email")
    return [f"department {dept.code} ({dept.name})" for dept in departments] + [
        f"employee {email}" for email in people.values_list("email", flat=True)
    ]


def _demo_departments():
    return Department.objects.filter(
        contact_email__iendswith=f"@{DOMAIN}", code__in=[spec["code"] for spec in DEPARTMENTS]
    )


def demo_delete() -> int:
    """Delete the demo's rows, and any request filed in its departments or by its people, with
    their feedback, report subscriptions and report cells.

    Other departments and people stay; the company's cells of the demo's periods are recomputed
    without the demo. Returns how many requests went.
    """
    with transaction.atomic():
        departments = _demo_departments()
        people = Employee.objects.filter(email__iendswith=f"@{DOMAIN}")
        requests = Request.objects.filter(Q(department__in=departments) | Q(requester__in=people))
        for attachment in Attachment.objects.filter(request__in=requests):
            attachment.file.delete(save=False)
        removed = requests.count()
        Feedback.objects.filter(Q(request__in=requests) | Q(requester__in=people)).delete()
        ReportSubscription.objects.filter(
            Q(department__in=departments) | Q(employee__in=people)
        ).delete()
        cells = ReportCell.objects.filter(department__in=departments)
        counted = set(cells.values_list("period_kind", "period_start").distinct())
        cells.delete()
        StaleCell.objects.filter(department__in=departments).delete()
        requests.delete()
        Service.objects.filter(department__in=departments).delete()
        departments.delete()
        people.delete()
        # The company's figures of those periods counted the demo's requests.
        for kind, start in sorted(counted):
            reports.recompute_period(kind, start, [], company=True)
    return removed


@dataclass(frozen=True)
class Login:
    role: str
    name: str
    job_title: str
    email: str
    what: str


def demo_logins() -> list[Login]:
    """The accounts a newcomer should try; all share PASSWORD."""
    titles = {name: title for name, title, *_ in PEOPLE}
    titles[ADMIN[0]] = ADMIN[1]
    return [
        Login(
            role=role,
            name=name,
            job_title=titles[name],
            email=ADMIN_EMAIL if name == ADMIN[0] else email_for(name),
            what=what,
        )
        for role, name, what in FEATURED
    ]
