"""Every report figure against the hand-computed data set in tests/feedback/reportdata.py."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from feedback import reports
from feedback.models import ALL_CLIENTS, ALL_SERVICES, ReportCell
from tests.feedback import reportdata

pytestmark = pytest.mark.django_db

MARCH = date(2026, 3, 1)
WEEK_OF_9_MARCH = date(2026, 3, 9)


@pytest.fixture
def data(service_a, service_a2, service_b, requester, business_requester):
    return reportdata.build(service_a, service_a2, service_b, requester, business_requester)


def cell(department, service=None, client_type=ALL_CLIENTS, kind="month", start=MARCH):
    return ReportCell.objects.get(
        period_kind=kind,
        period_start=start,
        department=department,
        service_key=service.pk if service else ALL_SERVICES,
        client_type=client_type,
    )


def test_department_month_counts(data, dept_a):
    reports.recompute_period("month", MARCH)
    it = cell(dept_a)
    assert (it.filed, it.resolved, it.closed, it.cancelled, it.backlog) == (5, 4, 3, 1, 2)


def test_department_month_turnaround_percentiles(data, dept_a):
    reports.recompute_period("month", MARCH)
    it = cell(dept_a)
    # Calendar hours 2, 24, 48, 216: median (24+48)/2; p90 at rank 2.7 -> 48 + 0.7 * 168.
    assert it.turnaround_median_hours == pytest.approx(36.0)
    assert it.turnaround_p90_hours == pytest.approx(165.6)
    # Business hours 2, 8, 14, 16: median 11; p90 14 + 0.7 * 2.
    assert it.turnaround_business_median_hours == pytest.approx(11.0)
    assert it.turnaround_business_p90_hours == pytest.approx(15.4)


def test_department_month_first_response_and_target(data, dept_a):
    reports.recompute_period("month", MARCH)
    it = cell(dept_a)
    # R1, R2, R3 were first answered in March (0.5, 1, 2 h); R5 in February.
    assert it.first_responses == 3
    assert it.first_response_business_median_hours == pytest.approx(1.0)
    assert (it.target_met, it.target_known) == (3, 4)
    assert it.compliance == pytest.approx(75.0)


def test_department_month_satisfaction(data, dept_a):
    reports.recompute_period("month", MARCH)
    it = cell(dept_a)
    assert (it.rated, it.satisfied) == (3, 2)
    assert it.csat == pytest.approx(200 / 3)
    assert it.mean_rating == pytest.approx(4.0)
    assert it.mean_quality == pytest.approx(3.0)
    assert it.mean_speed == pytest.approx(5.0)
    assert it.mean_communication is None
    # Closed in March: R1 (rated), R3 (not), R5 (rated).
    assert (it.closed_rated, it.closed) == (2, 3)
    assert it.response_rate == pytest.approx(200 / 3)


def test_per_service_cells(data, dept_a, service_a, service_a2):
    reports.recompute_period("month", MARCH)
    laptop = cell(dept_a, service_a)
    assert (laptop.filed, laptop.resolved, laptop.closed, laptop.cancelled, laptop.backlog) == (
        3,
        3,
        2,
        1,
        1,
    )
    assert laptop.turnaround_median_hours == pytest.approx(48.0)
    assert laptop.turnaround_p90_hours == pytest.approx(182.4)
    assert laptop.turnaround_business_median_hours == pytest.approx(14.0)
    assert laptop.turnaround_business_p90_hours == pytest.approx(15.6)
    assert (laptop.rated, laptop.satisfied, laptop.closed_rated) == (3, 2, 2)
    assert laptop.service_id == service_a.pk
    vpn = cell(dept_a, service_a2)
    assert (vpn.filed, vpn.resolved, vpn.closed, vpn.backlog, vpn.rated) == (2, 1, 1, 1, 0)
    assert vpn.turnaround_median_hours == pytest.approx(2.0)
    assert vpn.turnaround_p90_hours == pytest.approx(2.0)
    assert vpn.csat is None
    assert vpn.response_rate == 0


def test_per_client_type_cells(data, dept_a, service_a, service_a2):
    reports.recompute_period("month", MARCH)
    operational = cell(dept_a, client_type="operational")
    assert (operational.filed, operational.resolved, operational.closed) == (4, 3, 3)
    assert operational.backlog == 2
    assert operational.turnaround_median_hours == pytest.approx(24.0)
    assert operational.csat == pytest.approx(100.0)
    business = cell(dept_a, client_type="business")
    assert (business.filed, business.resolved, business.backlog, business.rated) == (1, 1, 0, 1)
    assert business.csat == 0
    both = cell(dept_a, service_a, "business")
    assert (both.filed, both.mean_rating) == (1, 3.0)
    # Nothing of VPN access was asked by business clients: no cell, read as zeros.
    assert not ReportCell.objects.filter(
        department=dept_a, service_key=service_a2.pk, client_type="business", period_start=MARCH
    ).exists()


def test_departments_are_kept_apart(data, dept_a, dept_b):
    reports.recompute_period("month", MARCH)
    hr = cell(dept_b)
    assert (hr.filed, hr.resolved, hr.rated, hr.satisfied) == (1, 1, 1, 0)
    assert cell(dept_a).filed == 5


def test_week_cells(data, dept_a):
    reports.recompute_period("week", WEEK_OF_9_MARCH)
    week = cell(dept_a, kind="week", start=WEEK_OF_9_MARCH)
    # R2 (Tuesday) and R3 (Sunday) filed and resolved; R7 still open at Monday 16 March 00:00.
    assert (week.filed, week.resolved, week.backlog, week.rated) == (2, 2, 1, 1)
    assert week.turnaround_median_hours == pytest.approx(25.0)


def test_period_boundaries_follow_the_local_time_zone(data, dept_a, service_a):
    reports.recompute_period("month", date(2026, 4, 1))
    april = cell(dept_a, start=date(2026, 4, 1))
    # R8 was filed at 00:30 on 1 April in Warsaw (22:30 UTC on 31 March).
    assert april.filed == 1
    assert april.backlog == 3  # R4, R7, R8


def test_recomputing_twice_gives_the_same_rows(data, dept_a):
    first = reports.recompute_range(date(2026, 2, 1), date(2026, 4, 30))
    rows = sorted(
        ReportCell.objects.values_list(*reports.KEY_FIELDS, *reports.COUNT_FIELDS, "service")
    )
    second = reports.recompute_range(date(2026, 2, 1), date(2026, 4, 30))
    assert first == second
    assert (
        sorted(
            ReportCell.objects.values_list(*reports.KEY_FIELDS, *reports.COUNT_FIELDS, "service")
        )
        == rows
    )


def test_recompute_replaces_figures_and_drops_empty_cells(data, dept_a, service_a, service_a2):
    reports.recompute_period("month", MARCH)
    assert cell(dept_a, service_a2).filed == 2
    # Every VPN request moves to the laptop service: its cells are gone, the laptop's grow.
    data["R3"].__class__.objects.filter(service=service_a2).update(service=service_a)
    reports.recompute_period("month", MARCH)
    assert not ReportCell.objects.filter(service_key=service_a2.pk, period_start=MARCH).exists()
    assert cell(dept_a, service_a).filed == 5
    assert cell(dept_a).filed == 5


def test_recompute_can_be_limited_to_departments(data, dept_a, dept_b):
    reports.recompute_period("month", MARCH, [dept_b.pk])
    assert ReportCell.objects.filter(department=dept_a).count() == 0
    assert cell(dept_b).filed == 1


def test_each_period_costs_six_queries_and_a_write(data, django_assert_max_num_queries):
    # Four grouped SELECTs for the departments, two for the company, one upsert, one delete,
    # and the transaction's savepoint. Then the departments' findings of the period and the next
    # one (feedback.reports.findings; tests/feedback/test_findings.py counts them).
    with django_assert_max_num_queries(10 + FINDINGS_QUERIES):
        reports.recompute_period("month", MARCH)


# The departments; per period: drops, client types, steps (3 on SQLite), words (one per
# department on SQLite), a savepoint, the upsert and the delete.
FINDINGS_QUERIES = 1 + 2 * 11


def company_cell(client_type=ALL_CLIENTS, kind="month", start=MARCH):
    return ReportCell.objects.get(
        period_kind=kind,
        period_start=start,
        department__isnull=True,
        department_key=0,
        service_key=ALL_SERVICES,
        client_type=client_type,
    )


def test_company_cells_cover_every_department(data):
    reports.recompute_period("month", MARCH)
    company = company_cell()
    assert (company.filed, company.resolved, company.closed, company.backlog) == (6, 5, 3, 2)
    # Calendar hours of every resolution: 1, 2, 24, 48, 216 -> median 24, p90 at rank 3.6.
    assert company.turnaround_median_hours == pytest.approx(24.0)
    assert company.turnaround_p90_hours == pytest.approx(48 + 0.6 * 168)
    assert (company.rated, company.satisfied) == (4, 2)
    business = company_cell("business")
    assert (business.filed, business.rated, business.satisfied) == (2, 2, 0)
    assert ReportCell.objects.filter(department_key=0).count() == 3  # all, business, operational


def test_a_department_recompute_leaves_the_company_cells_alone(data, dept_a):
    reports.recompute_period("month", MARCH, [dept_a.pk])
    assert not ReportCell.objects.filter(department_key=0).exists()
    reports.recompute_period("month", MARCH, [], company=True)
    assert set(ReportCell.objects.values_list("department_key", flat=True)) == {0, dept_a.pk}


def test_percentile_matches_postgresql_definition():
    assert reports.percentile_cont([], 0.5) is None
    assert reports.percentile_cont([7.0], 0.9) == 7.0
    assert reports.percentile_cont([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert reports.percentile_cont([10.0, 1.0, 5.0], 0.9) == pytest.approx(9.0)


def test_percentile_aggregate_in_the_database(data):
    from django.db.models import Q

    from desk.models import Request

    result = Request.objects.aggregate(
        median=reports.PercentileCont("resolution_seconds", 0.5),
        p90=reports.PercentileCont("resolution_seconds", 0.9, filter=Q(department__code="IT")),
        none=reports.PercentileCont("resolution_seconds", 0.5, filter=Q(pk__lt=0)),
    )
    # All resolved: 1, 2, 24, 48, 216 h; IT only: 2, 24, 48, 216 h.
    assert result["median"] == pytest.approx(24 * 3600)
    assert result["p90"] == pytest.approx(165.6 * 3600)
    assert result["none"] is None
    assert connection.vendor in {"sqlite", "postgresql"}


def test_percentile_rejects_a_fraction_outside_0_to_1():
    with pytest.raises(ValueError, match="fraction"):
        reports.PercentileCont("resolution_seconds", 1.5)
