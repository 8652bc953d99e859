"""The demo company (`manage.py load_demo`): believable, consistent, deterministic, idempotent.

The demo is built once for this module, inside a transaction rolled back at the end; each test
runs in a savepoint inside it, so a test may change or even rebuild the demo without harm.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Avg, Count, F, Max, Q
from django.http import HttpRequest
from django.urls import reverse

from demo.common import ADMIN_EMAIL, PASSWORD, REQUEST_COUNT, TZ, demo_anchor, email_for
from demo.company import build_demo, demo_delete, demo_logins
from demo.data import APPROVALS, DEPARTMENTS, LATE, QUICK
from demo.parts.organisation import polish_holidays
from departments.calendar import due_at
from departments.models import (
    ApprovalStep,
    ClientType,
    Department,
    Employee,
    FieldKind,
    Holiday,
    HourlyRate,
    Membership,
    Role,
    Service,
    ServiceField,
    WorkingHours,
)
from desk import permissions
from desk.models import Approval, Decision, Event, EventKind, Request, Status, TimeLog
from feedback import reports
from feedback.models import ALL_CLIENTS, Feedback, ReportCell, ReportSubscription, StaleCell
from feedback.report_pages import display
from surveys.models import Survey
from tests.factories import (
    DepartmentFactory,
    EmployeeFactory,
    MembershipFactory,
    ServiceFactory,
    file_request,
)

pytestmark = pytest.mark.django_db

# A Monday; history up to its midnight in Warsaw.
DAY = date(2026, 3, 16)
ANCHOR = datetime(2026, 3, 16, tzinfo=TZ)
# The history, and the latest requests that still wait for an approver (demo/data/approvals.yaml).
COUNT = REQUEST_COUNT + len(APPROVALS["waiting"])


@pytest.fixture(scope="module")
def company(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_demo(today=DAY)
        try:
            yield built
        finally:
            transaction.set_rollback(True)


def run_load_demo(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> list[tuple]:
    """Everything about the demo's requests that must come out the same on every build."""
    demo_requests = Request.objects.filter(department__contact_email__endswith="@kestrel.example")
    requests = demo_requests.order_by("department__code", "number").values_list(
        "department__code",
        "number",
        "service__slug",
        "requester__email",
        "assignee__email",
        "title",
        "description",
        "status",
        "priority",
        "created_at",
        "due_at",
        "first_response_at",
        "resolved_at",
        "closed_at",
        "last_activity_at",
        "paused_at",
        "met_target",
        "extra",
    )
    events = Event.objects.filter(request__in=demo_requests).order_by(
        "request__department__code", "request__number", "id"
    )
    # Extra answers name their field by primary key, which differs from build to build.
    return [
        (*row[:-1], [(answer["label"], answer["value"]) for answer in row[-1]]) for row in requests
    ] + list(
        events.values_list("kind", "actor__email", "old_value", "new_value", "body", "created_at")
    )


def feedback_snapshot() -> list[tuple]:
    """The demo's ratings and the heads' answers, by request."""
    return list(
        Feedback.objects.filter(department__contact_email__endswith="@kestrel.example")
        .order_by("department__code", "request__number")
        .values_list(
            "department__code",
            "request__number",
            "requester__email",
            "service__slug",
            "client_type",
            "rating",
            "quality",
            "speed",
            "communication",
            "comment",
            "created_at",
            "updated_at",
            "acted_upon_at",
            "acted_upon_by__email",
            "acted_upon_note",
        )
    )


def cells_snapshot() -> list[tuple]:
    """The figures of the demo departments' report cells and of the company's."""
    demo_or_company = Q(department=None) | Q(department__contact_email__endswith="@kestrel.example")
    return list(
        ReportCell.objects.filter(demo_or_company)
        .order_by("period_kind", "period_start", "department__code", "service__slug", "client_type")
        .values_list(
            "period_kind",
            "period_start",
            "department__code",
            "service__slug",
            "client_type",
            *reports.COUNT_FIELDS,
            *reports.FLOAT_FIELDS,
        )
    )


def month_cell(code: str | None, month: date) -> ReportCell:
    """A department's (or with None the company's) cell of all services and clients."""
    return ReportCell.objects.get(
        department__code=code,
        period_kind="month",
        period_start=month,
        service=None,
        client_type="",
    )


def featured(role: str) -> Employee:
    """A person from the printed logins, by (the start of) their role."""
    login = next(login for login in demo_logins() if login.role.startswith(role))
    return Employee.objects.get(email=login.email)


# --- the organisation ---------------------------------------------------------------------------


def test_it_builds_departments_with_contacts_hours_and_holidays(company):
    departments = Department.objects.all()
    assert departments.count() >= 6
    assert {"IT", "HR", "FIN", "FAC", "LEG", "AN"} <= set(
        departments.values_list("code", flat=True)
    )
    for dept in departments:
        assert dept.description
        assert dept.contact_email.endswith("@kestrel.example")
        assert dept.time_zone == "Europe/Warsaw"
        hours = set(dept.working_hours.values_list("weekday", "start", "end"))
        assert hours == {(weekday, time(8), time(16)) for weekday in range(5)}
    holidays = Holiday.objects.filter(department__code="IT")
    assert holidays.filter(date__lt=DAY, date__gte=DAY - timedelta(days=183)).count() >= 3
    assert holidays.filter(date__gt=DAY, date__lte=DAY + timedelta(days=183)).count() >= 3
    assert holidays.filter(date=date(2026, 4, 6), name="Easter Monday").exists()
    assert WorkingHours.objects.count() == 5 * departments.count()


def test_services_say_what_you_get_and_ask_every_kind_of_question(company):
    services = Service.objects.all()
    assert services.count() >= 25
    assert not services.filter(Q(target_hours__lt=4) | Q(target_hours__gt=80)).exists()
    assert not services.filter(description="").exists()
    around_the_clock = set(services.filter(around_the_clock=True).values_list("name", flat=True))
    assert {"Account locked / password reset", "Urgent building issue"} <= around_the_clock
    with_fields = services.annotate(n=Count("fields")).filter(n__gt=0).count()
    assert with_fields >= 0.8 * services.count()
    assert set(ServiceField.objects.values_list("kind", flat=True)) == set(FieldKind.values)
    for choice in ServiceField.objects.filter(kind=FieldKind.CHOICE):
        assert len(choice.option_list) >= 2
    # Translations sit beside every department and service string, for the Polish catalog, and
    # are stored where the models have columns for them.
    for spec in DEPARTMENTS:
        dept = Department.objects.get(code=spec["code"])
        for key in ("name_pl", "description_pl"):
            assert spec[key]
            assert getattr(dept, key, spec[key]) == spec[key]
        for service_spec in spec["services"]:
            service = dept.services.get(slug=service_spec["slug"])
            for key in ("name_pl", "description_pl"):
                assert service_spec[key]
                assert getattr(service, key, service_spec[key]) == service_spec[key]


def test_people_cover_every_client_type_team_role_and_an_admin(company):
    people = Employee.objects.exclude(email=ADMIN_EMAIL)
    assert people.count() >= 60
    assert not people.filter(Q(job_title="") | Q(department=None)).exists()
    by_type = Counter(people.values_list("client_type", flat=True))
    assert set(by_type) == set(ClientType.values)
    assert min(by_type.values()) >= 10
    for dept in Department.objects.all():
        roles = Counter(dept.memberships.values_list("role", flat=True))
        assert roles[Role.HEAD] >= 1, dept
        assert roles[Role.AGENT] >= 1, dept
    heads = Membership.objects.filter(role=Role.HEAD).values("department")
    assert heads.annotate(n=Count("id")).filter(n=2).exists()  # a department may have two
    admin = Employee.objects.get(email=ADMIN_EMAIL)
    assert admin.is_staff
    assert admin.is_superuser
    assert admin.check_password(PASSWORD)


# --- the requests ---------------------------------------------------------------------------------


def test_requests_cover_every_status_with_conversations(company):
    requests = Request.objects.all()
    assert requests.count() == COUNT
    statuses = Counter(requests.values_list("status", flat=True))
    assert set(statuses) == set(Status.values)
    assert statuses[Status.AWAITING_APPROVAL] == len(APPROVALS["waiting"])
    events = Event.objects.all()
    staff = Q(actor__memberships__department=F("request__department"))
    assert events.filter(staff, kind=EventKind.COMMENT).count() >= 100
    assert events.filter(kind=EventKind.COMMENT, actor=F("request__requester")).count() >= 50
    assert events.filter(kind=EventKind.NOTE).count() >= 50
    assert not events.filter(kind=EventKind.NOTE).exclude(staff).exists()
    assert events.filter(kind=EventKind.ASSIGNED).count() >= 0.75 * COUNT
    assert events.filter(kind=EventKind.DUE).exists()
    assert events.filter(kind=EventKind.REOPENED).exists()
    assert events.filter(kind=EventKind.STATUS, actor=None, new_value=Status.CLOSED).exists()
    assert events.filter(kind=EventKind.FILED).count() == COUNT
    # Titles and descriptions come from the service's own examples, with the blanks filled in.
    assert requests.values("title").distinct().count() >= 150
    assert not requests.filter(Q(title__contains="{") | Q(description__contains="{")).exists()
    assert requests.exclude(extra=[]).count() >= 0.85 * COUNT
    assert requests.filter(client_type=F("requester__client_type")).count() == COUNT
    # Nobody files requests with their own team; assignees come from the department's team.
    assert not requests.filter(requester__memberships__department=F("department")).exists()
    assigned = requests.exclude(assignee=None)
    assert assigned.count() >= 0.75 * COUNT
    assert assigned.filter(assignee__memberships__department=F("department")).count() == (
        assigned.count()
    )


def test_extra_answers_match_the_service_fields(company):
    fields = {field.pk: field for field in ServiceField.objects.all()}
    moved = set(Event.objects.filter(kind=EventKind.SERVICE).values_list("request_id", flat=True))
    for request in Request.objects.exclude(extra=[]):
        for answer in request.extra:
            field = fields[answer["field"]]
            # Answers belong to the service it was filed under; a head may have moved it since.
            assert field.service_id == request.service_id or request.pk in moved, request
            assert answer["label"] == field.label
            assert answer["kind"] == field.kind
            if field.kind == FieldKind.CHOICE:
                assert answer["value"] in field.option_list
            elif field.kind == FieldKind.DATE:
                date.fromisoformat(answer["value"])
            elif field.kind == FieldKind.NUMBER:
                int(answer["value"])


def test_timestamps_are_consistent(company):
    requests = Request.objects.all()
    # The stored times are the story's, not the moment of the insert (auto_now_add).
    assert requests.aggregate(last=Max("last_activity_at"))["last"] < ANCHOR
    assert requests.filter(created_at__lt=ANCHOR - timedelta(days=150)).exists()
    assert not requests.filter(first_response_at__lte=F("created_at")).exists()
    assert not requests.filter(resolved_at__lt=F("first_response_at")).exists()
    assert not requests.filter(closed_at__lt=F("resolved_at")).exists()
    assert not requests.filter(closed_at__lt=F("created_at")).exists()
    assert not requests.filter(last_activity_at__lt=F("created_at")).exists()
    assert not requests.exclude(updated_at=F("last_activity_at")).exists()
    assert not requests.exclude(status=Status.AWAITING_APPROVAL).filter(due_at=None).exists()
    assert not requests.filter(
        status__in=[Status.RESOLVED, Status.CLOSED], resolved_at=None
    ).exists()
    assert not requests.filter(
        status__in=[Status.CLOSED, Status.CANCELLED], closed_at=None
    ).exists()
    assert not requests.filter(status__in=Status.open_values()).exclude(closed_at=None).exists()
    assert not requests.filter(status=Status.NEW).exclude(resolved_at=None).exists()
    assert not requests.filter(status=Status.WAITING, paused_at=None).exists()
    assert not requests.exclude(status=Status.WAITING).exclude(paused_at=None).exists()
    # The figures desk.services stores for reports, the first time things happen.
    answered = requests.exclude(first_response_at=None)
    assert not answered.filter(first_response_business_seconds=None).exists()
    assert (
        not requests.filter(first_response_at=None)
        .exclude(first_response_business_seconds=None)
        .exists()
    )
    resolved = requests.exclude(resolved_at=None)
    assert not resolved.filter(
        Q(resolution_seconds=None) | Q(resolution_business_seconds=None) | Q(met_target=None)
    ).exists()
    for request in resolved:
        elapsed = request.resolved_at - request.created_at
        assert request.resolution_seconds == int(elapsed.total_seconds())
        assert request.resolution_business_seconds <= request.resolution_seconds
    # Most, not all, requests meet their target: the reports have something to show.
    assert 0.7 < resolved.filter(met_target=True).count() / resolved.count() < 0.95
    # Resolved requests close on their own after the reopen window.
    window = timedelta(days=settings.DESK_REOPEN_WINDOW_DAYS)
    # (desk.tasks runs every 15 minutes, so one may be a few minutes late)
    late = ANCHOR - window - timedelta(minutes=15)
    assert not requests.filter(status=Status.RESOLVED, resolved_at__lt=late).exists()

    timelines: dict[int, list[Event]] = {}
    # In timeline order: the effort part adds its time events after the requests part wrote the
    # rest, so ids alone are not chronological.
    for event in Event.objects.order_by("request_id", "created_at", "id"):
        timelines.setdefault(event.request_id, []).append(event)
    with_calendars = requests.select_related("service__department").prefetch_related(
        "service__department__working_hours", "service__department__holidays"
    )
    for request in with_calendars:
        timeline = timelines[request.pk]
        times = [event.created_at for event in timeline]
        assert times == sorted(times), request
        assert timeline[0].kind == EventKind.FILED
        assert times[0] == request.created_at
        assert times[-1] == request.last_activity_at
        moved = any(event.kind in (EventKind.DUE, EventKind.SERVICE) for event in timeline)
        if request.status == Status.AWAITING_APPROVAL:
            assert request.due_at is None  # the clock starts at the last yes
        elif not moved:
            assert request.due_at == due_at(request.service, request.created_at), request


def test_references_are_unique_and_numbering_continues(company):
    requests = Request.objects.select_related("department")
    references = [request.reference for request in requests]
    assert len(set(references)) == len(references) == COUNT
    for dept in Department.objects.all():
        numbers = list(
            requests.filter(department=dept).order_by("created_at").values_list("number", flat=True)
        )
        assert numbers == list(range(1, len(numbers) + 1)), dept
        assert dept.last_request_number == len(numbers)
    last = Department.objects.get(code="IT").last_request_number
    service = Service.objects.get(slug="new-laptop")
    filed = file_request(Employee.objects.get(email=email_for("Anna Zając")), service)
    assert filed.reference == f"IT-{last + 1:04d}"


def test_the_builders_return_what_they_created(company):
    # Later parts of the demo (e.g. feedback ratings) build on these.
    org = company.organisation
    assert company.anchor == ANCHOR
    assert set(org.departments) == {spec["code"] for spec in DEPARTMENTS}
    assert len(org.services) == Service.objects.count()
    assert len(org.people) == Employee.objects.count()
    assert org.admin.email == ADMIN_EMAIL
    assert {person.pk for person in org.team("IT")} == set(
        Membership.objects.filter(department__code="IT").values_list("employee", flat=True)
    )
    assert sorted(request.pk for request in company.requests) == sorted(
        Request.objects.values_list("pk", flat=True)
    )


# --- feedback and reports -------------------------------------------------------------------------


def test_about_half_the_finished_requests_are_rated_by_their_requesters(company):
    finished = Request.objects.filter(status__in=[Status.RESOLVED, Status.CLOSED])
    ratings = Feedback.objects.select_related("request", "requester")
    assert 0.4 <= ratings.count() / finished.count() <= 0.55
    assert len(company.feedback) == ratings.count()
    # Only the requester, only once resolved, never staff of the department (can_rate's rules).
    assert not ratings.exclude(requester=F("request__requester")).exists()
    assert not ratings.exclude(request__status__in=[Status.RESOLVED, Status.CLOSED]).exists()
    assert not ratings.filter(requester__memberships__department=F("department")).exists()
    for feedback in ratings:
        assert permissions.can_rate(feedback.requester, feedback.request), feedback
    # The copies the reports filter on are the request's.
    assert not ratings.exclude(
        department=F("request__department"),
        service=F("request__service"),
        client_type=F("request__client_type"),
    ).exists()
    # Given shortly after the resolution, before the demo's "now".
    assert not ratings.filter(created_at__lt=F("request__resolved_at")).exists()
    assert not ratings.filter(created_at__gte=ANCHOR).exists()
    assert not ratings.filter(
        created_at__gt=F("request__resolved_at") + timedelta(days=14)
    ).exists()
    assert not ratings.exclude(updated_at=F("created_at")).filter(acted_upon_at=None).exists()


def test_ratings_come_with_aspects_comments_and_answers(company):
    ratings = Feedback.objects.all()
    total = ratings.count()
    assert set(ratings.values_list("rating", flat=True)) == {1, 2, 3, 4, 5}
    for aspect in ("quality", "speed", "communication"):
        assert 0.5 * total <= ratings.exclude(**{aspect: None}).count() < total
    commented = ratings.exclude(comment="")
    assert 0.25 * total <= commented.count() <= 0.7 * total
    assert commented.values("comment").distinct().count() >= 20
    assert not commented.filter(comment__contains="{").exists()
    # Complaints about speed only where the target was missed, praise for it only where it was met.
    slow = [text for text, _note in LATE]
    assert commented.filter(comment__in=slow).exists()
    assert not commented.filter(comment__in=slow, request__met_target=True).exists()
    quick = [text for text in QUICK if "{" not in text]
    assert not commented.filter(comment__in=quick, request__met_target=False).exists()
    # Heads close the loop on critical comments, and say what they did.
    answered = ratings.exclude(acted_upon_at=None)
    assert answered.filter(rating__lte=2).count() >= 10
    assert not answered.filter(Q(acted_upon_note="") | Q(comment="")).exists()
    assert not answered.filter(acted_upon_note__contains="{").exists()
    assert not answered.filter(acted_upon_at__lte=F("created_at")).exists()
    assert not answered.filter(acted_upon_at__gte=ANCHOR).exists()
    assert not answered.exclude(updated_at=F("acted_upon_at")).exists()
    heads = Membership.objects.filter(role=Role.HEAD)
    for feedback in answered:
        assert heads.filter(
            employee=feedback.acted_upon_by_id, department=feedback.department_id
        ).exists()
    # ...and some wait for an answer, for the heads' list to show.
    assert commented.filter(rating__lte=3, acted_upon_at=None).exists()


def test_departments_serve_differently(company):
    by_department = {
        row["department__code"]: row
        for row in Feedback.objects.values("department__code").annotate(
            rated=Count("pk"),
            satisfied=Count("pk", filter=Q(rating__gte=4)),
            mean=Avg("rating"),
            quality=Avg("quality"),
            speed=Avg("speed"),
        )
    }
    assert set(by_department) == {spec["code"] for spec in DEPARTMENTS}
    csat = {code: 100 * row["satisfied"] / row["rated"] for code, row in by_department.items()}
    means = [row["mean"] for row in by_department.values()]
    assert max(means) - min(means) >= 0.6
    # IT is quick and well liked; Facilities slow, criticised, and told so in the speed aspect.
    assert csat["IT"] >= 80
    assert csat["FAC"] <= csat["IT"] - 25
    assert by_department["FAC"]["speed"] < by_department["FAC"]["quality"] - 0.3
    resolved = Request.objects.exclude(resolved_at=None)
    within = {
        code: resolved.filter(department__code=code, met_target=True).count()
        / resolved.filter(department__code=code).count()
        for code in ("IT", "FAC")
    }
    assert within["IT"] >= within["FAC"] + 0.15


def test_report_cells_cover_the_history_of_every_department(company):
    assert company.report_cells == ReportCell.objects.count()
    assert not StaleCell.objects.exists()  # nothing left for a worker
    full_months = [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    for dept in Department.objects.all():
        cells = [month_cell(dept.code, month) for month in full_months]
        assert all(cell.turnaround_business_median_hours for cell in cells), dept
        assert all(cell.compliance is not None for cell in cells), dept
        assert sum(cell.csat is not None for cell in cells) >= 2, dept
        assert sum(cell.rated for cell in cells) >= 3, dept
        assert month_cell(dept.code, date(2026, 3, 1)).filed
        # Per service and per client type too.
        assert ReportCell.objects.filter(department=dept).exclude(service=None).exists()
        assert ReportCell.objects.filter(department=dept).exclude(client_type="").exists()
    # The current week (up to the demo's "now") holds what is still open.
    this_week = ReportCell.objects.filter(period_kind="week", period_start=DAY, service=None)
    assert this_week.get(department=None, client_type="").backlog
    assert this_week.get(department__code="IT", client_type="").backlog
    for month in full_months:
        whole = month_cell(None, month)
        assert whole.csat is not None
        assert whole.turnaround_business_median_hours is not None
        assert 35 <= whole.response_rate <= 65


def test_the_cells_are_what_the_reports_would_compute(company):
    before = cells_snapshot()
    reports.recompute_range(date(2025, 9, 1), DAY)
    assert cells_snapshot() == before


def test_teams_log_plausible_time_priced_at_their_rates(company):
    logs = TimeLog.objects.filter(request__department__contact_email__endswith="@kestrel.example")
    assert len(company.time_logs) == logs.count() > COUNT // 2
    resolved = Request.objects.filter(resolved_at__isnull=False)
    with_time = resolved.filter(effort_minutes__isnull=False).count()
    assert with_time >= resolved.count() * 0.7
    # Each request's totals are its logs'; every log is priced; logs fall within the request's life.
    for request in resolved.filter(effort_minutes__isnull=False)[:50]:
        its = list(request.time_logs.all())
        assert request.effort_minutes == sum(log.minutes for log in its)
        assert request.effort_cost_cents == sum(log.cost_cents for log in its)
        assert all(request.created_at.astimezone(TZ).date() <= log.spent_on <= DAY for log in its)
    assert not logs.filter(cost_cents=None).exists()
    # A head costs more than the team's rate; the raise shows in the later logs.
    it = Department.objects.get(code="IT")
    assert HourlyRate.objects.filter(department=it, employee=None).count() == 2
    assert set(logs.filter(request__department=it).values_list("rate", flat=True)) >= {
        Decimal("52.00"),
        Decimal("55.00"),
    }
    # Staff see the time on the timeline; requesters do not.
    event = Event.objects.filter(kind=EventKind.TIME).first()
    assert event.is_internal
    assert not Event.objects.filter(pk=event.pk).public().exists()


def test_each_departments_first_head_gets_the_monthly_email(company):
    subscriptions = ReportSubscription.objects.select_related("employee", "department")
    assert len(company.subscriptions) == subscriptions.count() == len(DEPARTMENTS)
    for subscription in subscriptions:
        code = subscription.department.code
        assert subscription.employee == company.organisation.heads[code][0]
        assert subscription.monthly_email
        # February's report went out on 2 March: none is due until April.
        assert subscription.last_sent_month == date(2026, 2, 1)


def test_the_head_of_it_sees_the_it_report_with_figures(company, client):
    client.force_login(featured("Head of IT"))
    url = reverse("feedback:department-report", args=["it"])
    response = client.get(url, {"kind": "month", "period": "2026-02"})
    assert response.status_code == 200
    page = response.content.decode()
    cell = month_cell("IT", date(2026, 2, 1))
    assert display(cell.csat, "%") in page
    assert display(cell.turnaround_business_median_hours, "h") in page
    assert page.count("<svg") >= 4  # the trends, client types, services
    # Time and cost show on first start: most resolved requests have time logged.
    assert cell.effort_requests >= cell.resolved * 0.6
    assert cell.cost is not None
    assert display(cell.cost, "money") in page


def test_the_admin_and_the_executive_see_the_company_overview(company, client):
    cell = month_cell(None, date(2026, 2, 1))
    for person in (company.organisation.admin, featured("Executive")):
        client.force_login(person)
        response = client.get(reverse("feedback:reports"), {"kind": "month", "period": "2026-02"})
        assert response.status_code == 200
        page = response.content.decode()
        assert display(cell.csat, "%") in page
        assert "Facilities" in page
        assert "<svg" in page
        assert "Cost of serving each client type" in page
        assert display(cell.cost, "money") in page


def test_the_catalog_shows_how_each_service_performed(company, client):
    client.force_login(featured("Operational"))
    with time_machine.travel(ANCHOR, tick=False):
        stats = reports.service_stats()
        response = client.get(reverse("desk:catalog"))
    shown = [item for item in stats.values() if item.shown]
    assert len(shown) >= 10
    assert response.status_code == 200
    assert response.content.decode().count("% satisfied") == len(shown)


def test_it_and_hr_have_a_finished_survey_with_answers_and_a_reply(company):
    from surveys.models import Answer, Invitation, Round

    assert {s.department.code for s in company.surveys} == {"IT", "HR"}
    for survey in company.surveys:
        rounds = list(survey.rounds.order_by("period_start"))
        assert len(rounds) == 2
        assert all(r.closes_at < ANCHOR for r in rounds)  # finished: no banner, no emails due
        latest = rounds[-1]
        assert latest.period_end < DAY
        types = set(latest.responses.values_list("client_type", flat=True))
        assert latest.responses.count() >= settings.DESK_SURVEY_MIN_ANSWERS
        assert len(types) >= 2
        assert latest.invitations.filter(answered=True).count() == latest.responses.count()
        replied = Answer.objects.filter(response__round=latest).exclude(acted_upon_note="")
        assert replied.count() == 1
        assert permissions.is_head_of(replied.get().acted_upon_by, survey.department_id)
    # The monthly cap: nobody was asked twice within a month.
    times: dict[int, list] = {}
    for employee_id, created in Invitation.objects.values_list("employee_id", "created_at"):
        times.setdefault(employee_id, []).append(created)
    for stamps in times.values():
        stamps.sort()
        assert all(b - a > timedelta(days=30) for a, b in zip(stamps, stamps[1:], strict=False))
    assert Round.objects.count() == 4


def test_the_head_of_it_sees_the_survey_results(company, client):
    survey = next(s for s in company.surveys if s.department.code == "IT")
    client.force_login(featured("Head of IT"))
    response = client.get(reverse("surveys:results", args=[survey.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "How easy is it to ask IT for help?" in page
    assert "Laptop requests now show the expected delivery date" in page


def test_delete_takes_the_ratings_subscriptions_and_cells_and_fixes_the_company_figures(company):
    other = DepartmentFactory(name="Warehouse", slug="warehouse", code="WH")
    with time_machine.travel(ANCHOR + timedelta(hours=10), tick=False):
        kept = file_request(EmployeeFactory(), ServiceFactory(department=other))
    assert month_cell(None, date(2026, 3, 1)).filed > 1

    demo_delete()

    assert not Feedback.objects.exists()
    assert not ReportSubscription.objects.exists()
    assert not Survey.objects.exists()
    assert not ReportCell.objects.exclude(department=None).exists()
    assert not StaleCell.objects.exclude(department=other).exists()
    # The company's figures no longer count the demo: only the request that stays.
    assert Request.objects.get() == kept
    assert month_cell(None, date(2026, 3, 1)).filed == 1
    assert not ReportCell.objects.filter(period_start__lt=date(2026, 3, 1)).exists()


# --- the command ----------------------------------------------------------------------------------


def test_running_it_again_changes_nothing(company):
    models = (Request, Event, Employee, Feedback, ReportSubscription, ReportCell)
    before = [model.objects.count() for model in models]
    output = run_load_demo()
    assert "Demo data already loaded" in output
    assert [model.objects.count() for model in models] == before
    assert Department.objects.count() == len(DEPARTMENTS)


def test_the_printed_logins_work(company, client):
    output = run_load_demo()
    assert f"{settings.DESK_BASE_URL}/" in output
    assert PASSWORD in output
    emails = re.findall(r"[\w.]+@kestrel\.example", output)
    assert len(emails) == 6
    people = {person.email: person for person in Employee.objects.filter(email__in=emails)}
    for email in emails:
        assert client.login(request=HttpRequest(), email=email, password=PASSWORD), email
        client.logout()
    business, executive, operational, agent, head, admin = (people[email] for email in emails)
    assert (business.client_type, executive.client_type, operational.client_type) == (
        ClientType.BUSINESS,
        ClientType.EXECUTIVE,
        ClientType.OPERATIONAL,
    )
    for client_person in (business, executive, operational):
        assert not client_person.memberships.exists()
        assert client_person.requests.count() >= 5
    assert agent.memberships.get().role == Role.AGENT
    assert head.memberships.get().role == Role.HEAD
    assert agent.assigned_requests.exists()
    assert admin.is_superuser
    # What the table says each one sees.
    assert "company reports" in next(
        line for line in output.splitlines() if executive.email in line
    )
    assert permissions.sees_company_reports(executive)
    assert not permissions.sees_company_reports(business)


def test_reset_rebuilds_the_same_demo_and_keeps_other_rows(company):
    before = snapshot()
    ratings, cells = feedback_snapshot(), cells_snapshot()
    assert ratings
    assert cells
    other = DepartmentFactory(name="Warehouse", slug="warehouse", code="WH")
    person = EmployeeFactory(email="someone@elsewhere.example")
    MembershipFactory(department=other, employee=EmployeeFactory())
    kept = file_request(person, ServiceFactory(department=other))

    output = run_load_demo("--reset", "--date", DAY.isoformat())

    assert f"Removed the demo data ({COUNT} requests)" in output
    assert "Loaded the demo company" in output
    assert snapshot() == before
    assert feedback_snapshot() == ratings
    assert cells_snapshot() == cells
    assert ReportSubscription.objects.count() == len(DEPARTMENTS)
    assert Request.objects.filter(pk=kept.pk).exists()
    assert Department.objects.filter(code="WH").exists()
    assert Request.objects.count() == COUNT + 1


def test_reset_with_another_seed_gives_another_history(company):
    titles = list(Request.objects.order_by("department__code", "number").values_list("title"))
    run_load_demo("--reset", "--seed", "7", "--date", DAY.isoformat())
    assert Request.objects.count() == COUNT
    assert list(Request.objects.order_by("department__code", "number").values_list("title")) != (
        titles
    )
    assert Feedback.objects.count() == len(feedback_snapshot()) > 0


def test_it_refuses_to_build_over_departments_that_are_not_the_demos(company):
    # Without the demo's admin the rows look like someone else's organisation.
    Employee.objects.filter(email=ADMIN_EMAIL).delete()
    with pytest.raises(CommandError, match="department IT"):
        run_load_demo()
    assert Request.objects.count() == COUNT


def test_it_refuses_a_malformed_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run_load_demo("--date", "16.03.2026")


# --- the calendar it is built on ------------------------------------------------------------------


def test_polish_holidays_include_the_moving_feasts():
    days = {day: name for day, name, _ in polish_holidays(date(2024, 1, 1), date(2026, 12, 31))}
    assert days[date(2025, 4, 21)] == "Easter Monday"
    assert days[date(2025, 6, 19)] == "Corpus Christi"
    assert days[date(2026, 4, 6)] == "Easter Monday"
    assert days[date(2026, 6, 4)] == "Corpus Christi"
    assert days[date(2025, 11, 11)] == "Independence Day"
    # Christmas Eve has been a public holiday only since 2025.
    assert date(2024, 12, 24) not in days
    assert date(2025, 12, 24) in days


def test_the_anchor_is_the_start_of_today_in_warsaw():
    assert demo_anchor(DAY) == ANCHOR
    # 23:30 UTC on the 16th is already the 17th in Warsaw.
    with time_machine.travel(datetime(2026, 3, 16, 23, 30, tzinfo=UTC), tick=False):
        assert demo_anchor() == datetime(2026, 3, 17, tzinfo=TZ)


def test_emails_are_plain_ascii():
    assert email_for("Łukasz Piotrowski") == "lukasz.piotrowski@kestrel.example"
    assert email_for("Agnieszka Wójcik") == "agnieszka.wojcik@kestrel.example"


# --- approvals -------------------------------------------------------------------------------------


def test_everyone_but_the_top_has_a_line_manager(company):
    people = Employee.objects.filter(email__endswith="@kestrel.example")
    without = set(people.filter(manager=None).values_list("full_name", flat=True))
    assert without <= {"Henryk Kubiak", "George Mitchell", "Marta Zielińska"}
    assert not people.filter(manager=F("pk")).exists()
    anna = people.get(email=email_for("Anna Zając"))
    assert anna.manager.full_name == "Piotr Kamiński"


def test_the_services_of_the_data_need_approval(company):
    slugs = set(ApprovalStep.objects.values_list("service__slug", flat=True))
    assert slugs == set(APPROVALS["services"])
    conditional = ApprovalStep.objects.get(service__slug="training", order=2)
    assert conditional.condition_field.label == "Cost (PLN, net)"


def test_history_decided_before_the_department_moved(company):
    decided = Request.objects.exclude(approval_decided_at=None)
    assert decided.count() >= 20
    assert decided.filter(status=Status.REJECTED).count() >= 3
    for request in decided.prefetch_related("approvals", "events"):
        steps = list(request.approvals.all())
        assert steps, request
        last = max(step.decided_at for step in steps)
        assert request.approval_decided_at == last
        assert request.approval_seconds == int((last - request.created_at).total_seconds())
        moves = [
            e.created_at
            for e in request.events.all()
            if e.kind not in (EventKind.FILED, EventKind.APPROVAL_ASKED, EventKind.APPROVAL)
        ]
        if request.status == Status.REJECTED:
            assert steps[-1].decision == Decision.REJECTED
            assert steps[-1].reason
            assert request.approved_at is None
            assert request.closed_at == last
            assert request.first_response_at is None
            assert request.assignee_id is None
            assert [e.kind for e in request.events.all()] == [
                EventKind.FILED,
                EventKind.APPROVAL_ASKED,
                EventKind.APPROVAL,
                EventKind.STATUS,
            ]
        else:
            assert all(step.decision == Decision.APPROVED for step in steps)
            assert request.approved_at == last
            assert all(last <= moment for moment in moves), request
    assert (
        Event.objects.filter(kind=EventKind.APPROVAL).count()
        == Approval.objects.exclude(decision=Decision.PENDING).count()
    )


def test_requests_wait_for_their_approvers(company, client):
    waiting = Request.objects.filter(status=Status.AWAITING_APPROVAL)
    assert waiting.count() == len(APPROVALS["waiting"])
    assert not waiting.exclude(due_at=None).exists()  # no target clock before the yes
    assert (
        Approval.objects.current().filter(request__in=waiting).values("request").distinct().count()
        == waiting.count()
    )
    assert not waiting.annotate(n=Count("events")).filter(n__lt=2).exists()
    client.force_login(Employee.objects.get(email=email_for("Piotr Kamiński")))
    page = client.get(reverse("desk:approvals"))
    assert page.status_code == 200
    anna = waiting.get(requester__email=email_for("Anna Zając"))
    assert anna.reference in page.content.decode()


def test_the_reports_show_approval_time(company):
    cells = ReportCell.objects.filter(
        period_kind="month", client_type=ALL_CLIENTS, approvals_decided__gt=0
    ).exclude(department=None)
    assert cells.exists()
    assert not cells.filter(approval_median_hours=None).exists()
    assert ReportCell.objects.filter(
        period_start__lt=date(2026, 3, 1), approvals_rejected__gt=0
    ).exists()
