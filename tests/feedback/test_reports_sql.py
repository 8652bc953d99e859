"""PostgreSQL computes many periods in one statement: it must store exactly the cells that the
per-period ORM queries (recompute_period_portable, the reference) store, figure for figure."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.utils import timezone

from desk.models import Request, Status
from feedback import periods, reports
from feedback.models import Finding, ReportCell, StaleCell, StaleCompanyPeriod
from feedback.periods import PeriodKind
from tests.feedback import reportdata
from tests.feedback.reportdata import HOUR, at, make_request, rate

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

FIELDS = [
    *reports.KEY_FIELDS,
    "department",
    "service",
    *reports.COUNT_FIELDS,
    *reports.FLOAT_FIELDS,
]
# Europe/Warsaw moves its clocks on 29 March 2026; the story runs from December to May.
FIRST, LAST = date(2026, 1, 5), date(2026, 4, 30)


def rows() -> list[tuple]:
    return sorted(ReportCell.objects.values_list(*FIELDS))


def every_period(first: date, last: date) -> list[tuple[str, date]]:
    return [
        (kind, start)
        for kind in PeriodKind.values
        for start in periods.starts_between(kind, first, last)
    ]


def portable(first: date, last: date) -> list[tuple]:
    ReportCell.objects.all().delete()
    for kind, start in every_period(first, last):
        reports.recompute_period_portable(kind, start, None, company=True)
    return rows()


def _approval_ended(decided, filed) -> dict:
    return {
        "approval_decided_at": decided,
        "approval_seconds": int((decided - filed).total_seconds()),
    }


@pytest.fixture
def story(service_a, service_a2, service_b, requester, business_requester):
    """About 150 requests in every state, filed from December to May (some before the range,
    some finishing after it), with first responses, ratings, both client types and services
    of two departments; instants at random minutes, some right around midnight and the DST
    change."""
    chance = random.Random(7)
    approvals = random.Random(11)  # its own sequence: the rest of the story stays as it was
    # Logged time and its cost, drawn apart so that the rest of the story stays as it was: most
    # requests have some, some of those no cost (no rate for their days).
    effort = random.Random(13)
    services = [service_a, service_a2, service_b]
    people = [requester, business_requester]
    begin = at(12, 1, 0, year=2025)
    for number in range(150):
        filed = begin + timedelta(minutes=chance.randrange(0, 160 * 24 * 60))
        if number % 10 == 0:  # on the stroke of local midnight, either side of it
            local = timezone.localtime(filed, reportdata.WARSAW)
            filed = local.replace(hour=0, minute=0) - timedelta(minutes=chance.choice([1, 0]))
        fields: dict = {}
        fate = chance.choice(["open", "open", "resolved", "closed", "closed", "cancelled"])
        if fate != "open" or chance.random() < 0.5:
            fields["first_response_at"] = filed + timedelta(hours=chance.uniform(0.1, 30))
            fields["first_response_business_seconds"] = chance.randrange(60, 20 * HOUR)
        if fate in ("resolved", "closed"):
            hours = chance.uniform(0.5, 24 * 20)
            fields |= reportdata.resolved(
                filed + timedelta(hours=hours), hours, hours / 3, chance.random() < 0.6
            )
            if chance.random() < 0.2:
                fields["met_target"] = None  # no target to meet
        if fate == "closed":
            fields |= {
                "status": Status.CLOSED,
                "closed_at": fields["resolved_at"] + timedelta(hours=chance.uniform(1, 24 * 9)),
            }
        elif fate == "cancelled":
            fields |= {
                "status": Status.CANCELLED,
                "closed_at": filed + timedelta(hours=chance.uniform(0.2, 24 * 12)),
            }
        elif fate == "open":
            fields["status"] = chance.choice([Status.NEW, Status.IN_PROGRESS, Status.WAITING])
        if fate == "cancelled" and approvals.random() < 0.5:
            # Rejected at approval: ends when the last decision is made.
            fields |= {"status": Status.REJECTED}
            fields |= _approval_ended(fields["closed_at"], filed)
        elif fate != "cancelled" and approvals.random() < 0.3:
            fields |= _approval_ended(filed + timedelta(hours=approvals.uniform(0.1, 60)), filed)
        if effort.random() < 0.7:
            fields["effort_minutes"] = effort.randrange(5, 900)
            if effort.random() < 0.8:
                fields["effort_cost_cents"] = effort.randrange(100, 90000)
        request = make_request(chance.choice(people), chance.choice(services), filed, **fields)
        if fate in ("resolved", "closed") and chance.random() < 0.6:
            aspects = {
                name: chance.choice([None, 1, 2, 3, 4, 5])
                for name in ("quality", "speed", "communication")
            }
            given = fields["resolved_at"] + timedelta(hours=chance.uniform(0, 24 * 6))
            rate(request, chance.randint(1, 5), given, **aspects)
    StaleCell.objects.all().delete()
    return Request.objects.count()


def test_the_story_has_every_kind_of_request(story):
    resolved = Request.objects.filter(resolved_at__isnull=False)
    assert resolved.filter(effort_minutes__isnull=False, effort_cost_cents__isnull=True).exists()
    assert resolved.filter(effort_cost_cents__isnull=False).count() > 10
    statuses = set(Request.objects.values_list("status", flat=True))
    assert {
        Status.NEW,
        Status.RESOLVED,
        Status.CLOSED,
        Status.CANCELLED,
        Status.REJECTED,
    } <= statuses
    assert (
        Request.objects.filter(approval_decided_at__isnull=False)
        .exclude(status=Status.REJECTED)
        .exists()
    )
    assert Request.objects.filter(created_at__lt=at(1, 5)).exists()  # history before the range
    assert Request.objects.filter(created_at__lt=at(4, 30), closed_at__gt=at(5, 1)).exists()


def test_a_whole_range_in_one_statement_matches_period_by_period(story):
    reports.recompute_range(FIRST, LAST)
    from_range = rows()
    assert from_range == portable(FIRST, LAST)
    # Weeks, months, departments, services, client types and the company are all there.
    assert len(from_range) > 300
    assert {row[0] for row in from_range} == {"week", "month"}
    assert any(row[1] == date(2026, 3, 23) and row[2] == 0 for row in from_range)  # DST week
    # Effort and cost are there too, medians included.
    company = ReportCell.objects.filter(department=None, client_type="", period_kind="month")
    assert sum(cell.cost_cents for cell in company) > 0
    assert any(cell.cost_median_cents and cell.effort_median_minutes for cell in company)


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_weeks_and_months_run_side_by_side(story, monkeypatch):
    import importlib

    from django.db import connection

    # The module, not the function of the same name that the package exports.
    engine = importlib.import_module("feedback.reports.recompute")

    backends = []
    one_kind = engine.sql_recompute

    def recorded(starts, *args, **kwargs):
        connection.ensure_connection()  # this thread's own
        backends.append(({kind for kind, _start in starts}, connection.connection.info.backend_pid))
        return one_kind(starts, *args, **kwargs)

    monkeypatch.setattr(engine, "sql_recompute", recorded)
    # Without a test transaction the story's changes were already counted as they committed.
    ReportCell.objects.all().delete()
    written = reports.recompute_range(FIRST, LAST)
    # One statement per kind, on two connections at once, and the same cells as period by period.
    assert sorted(kinds.pop() for kinds, _pid in backends) == ["month", "week"]
    assert len({pid for _kinds, pid in backends}) == 2
    from_range = rows()
    assert from_range == portable(FIRST, LAST)
    assert written == len(from_range)
    # Each kind's findings followed its cells on its own connection: the same rows as when they
    # are computed after both.
    side_by_side = findings()
    assert side_by_side  # (only recent weeks are offered: the story's months have findings)
    Finding.objects.all().delete()
    engine.recompute_findings(
        [(kind, start) for kind in ("week", "month") for start in starts_of(kind)], None
    )
    assert findings() == side_by_side


def findings() -> list[tuple]:
    return sorted(
        Finding.objects.values_list(
            "department_id", "period_kind", "period_start", "rank", "kind", "subject", "count"
        )
    )


def starts_of(kind: str) -> list[date]:
    return list(periods.starts_between(kind, FIRST, LAST))


def test_quiet_periods_keep_their_backlog(story, service_a2):
    # Nothing is filed for the VPN service after March, yet its requests stay open.
    Request.objects.filter(service=service_a2, created_at__gte=at(3, 1)).delete()
    reports.recompute_range(FIRST, LAST)
    from_range = rows()
    assert from_range == portable(FIRST, LAST)
    april = ReportCell.objects.filter(
        period_kind="month", period_start=date(2026, 4, 1), service=service_a2, client_type=""
    )
    assert [cell.filed for cell in april] == [0]
    assert april.get().backlog > 0


def test_a_few_periods_match_too(story):
    starts = every_period(date(2026, 3, 20), date(2026, 4, 5))
    reports.recompute_periods(starts)
    few = rows()
    ReportCell.objects.all().delete()
    for kind, start in starts:
        reports.recompute_period_portable(kind, start, None, company=True)
    assert few == rows()


def test_departments_and_company_apart_match_all_at_once(story, dept_a, dept_b):
    reports.recompute_range(FIRST, LAST, [dept_a.pk])
    reports.recompute_range(FIRST, LAST, [dept_b.pk], company=True)
    assert rows() == portable(FIRST, LAST)


def test_one_family_replaces_only_its_own_figures(story, dept_a):
    expected = portable(date(2026, 3, 1), date(2026, 3, 31))
    march = [("month", date(2026, 3, 1))]
    # Spoil every figure, then recompute the closing figures alone.
    ReportCell.objects.filter(period_kind="month", department=dept_a).update(closed=99, filed=99)
    reports.recompute_periods(march, [dept_a.pk], company=False, families=["finished"])
    cells = ReportCell.objects.filter(period_kind="month", department=dept_a)
    assert not cells.filter(closed=99).exists()
    assert not cells.exclude(filed=99).exists()
    reports.recompute_periods(march, [dept_a.pk], company=False, families=["filed"])
    assert not ReportCell.objects.filter(department=dept_a, filed=99).exists()
    assert rows() == expected


def test_the_outbox_and_the_sweep_bring_every_cell_up_to_date(story, dept_a):
    reports.recompute_range(FIRST, LAST)
    march = ("month", date(2026, 3, 1))
    # A change the stored cells do not know yet: one more rating and one more closing.
    closed = Request.objects.filter(department=dept_a, status=Status.RESOLVED).first()
    Request.objects.filter(pk=closed.pk).update(status=Status.CLOSED, closed_at=at(3, 10))
    reports.mark_stale(
        department_id=dept_a.pk,
        service_ids=[closed.service_id],
        client_type=closed.client_type,
        moments=[at(3, 10)],
        figures=["finished"],
    )
    assert reports.recompute_stale().claimed == 8
    assert set(StaleCompanyPeriod.objects.values_list("period_kind", "period_start")) == {
        march,
        ("week", date(2026, 3, 9)),
    }
    reports.recompute_stale_company()
    assert not StaleCompanyPeriod.objects.exists()
    assert rows() == portable(FIRST, LAST)
