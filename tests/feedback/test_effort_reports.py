"""Effort and cost in the reports: what the cells hold, the rate of each day, incremental updates
equal to a full recomputation, who sees cost on the pages and in CSV."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from departments import services as org
from departments.models import HourlyRate
from desk import effort, permissions
from desk.models import Request, TimeLog
from feedback import report_pages, reports
from feedback.models import ReportCell, StaleCell
from tests.feedback import reportdata

pytestmark = pytest.mark.django_db

MARCH = "?kind=month&period=2026-03"
MARCH_1 = date(2026, 3, 1)
FIELDS = [*reports.KEY_FIELDS, *reports.COUNT_FIELDS, *reports.FLOAT_FIELDS]


def march_cell(department=None, **key) -> ReportCell:
    return ReportCell.objects.get(
        period_kind="month",
        period_start=MARCH_1,
        department=department,
        service_key=key.get("service_key", 0),
        client_type=key.get("client_type", ""),
    )


@pytest.fixture
def rates(dept_a, agent_a2):
    """IT: 40.00 an hour until 2 March, 60.00 from 3 March; agent_a2 costs 90.00 throughout."""
    return [
        HourlyRate.objects.create(
            department=dept_a,
            amount=Decimal("40.00"),
            valid_from=date(2026, 1, 1),
            valid_until=date(2026, 3, 2),
        ),
        HourlyRate.objects.create(
            department=dept_a, amount=Decimal("60.00"), valid_from=date(2026, 3, 3)
        ),
        HourlyRate.objects.create(
            department=dept_a, employee=agent_a2, amount=Decimal("90.00"), valid_from=MARCH_1
        ),
    ]


@pytest.fixture
def data(service_a, service_a2, service_b, requester, business_requester):
    return reportdata.build(service_a, service_a2, service_b, requester, business_requester)


@pytest.fixture
def logged(data, rates, agent_a, agent_a2):
    """Time on R1 (resolved 3 March), R2 (12 March) and R4 (still open); R3 has none."""
    r = data
    effort.time_log_add(request=r["R1"], author=agent_a, minutes=30, spent_on=date(2026, 3, 2))
    effort.time_log_add(request=r["R1"], author=agent_a, minutes=60, spent_on=date(2026, 3, 3))
    effort.time_log_add(request=r["R2"], author=agent_a2, minutes=20, spent_on=date(2026, 3, 11))
    effort.time_log_add(request=r["R4"], author=agent_a, minutes=45, spent_on=date(2026, 3, 21))
    return r


def test_each_log_is_priced_at_the_rate_of_its_day(logged):
    r1 = Request.objects.get(pk=logged["R1"].pk)
    # 30 min at 40.00 (2 March) + 60 min at 60.00 (3 March) = 20.00 + 60.00
    assert r1.effort_minutes == 90
    assert r1.effort_cost_cents == 8000
    # A person's own rate wins over the department's: 20 min at 90.00.
    assert Request.objects.get(pk=logged["R2"].pk).effort_cost_cents == 3000
    assert list(TimeLog.objects.filter(request=r1).values_list("rate", flat=True)) == [
        Decimal("40.00"),
        Decimal("60.00"),
    ]


def test_cells_hold_effort_and_cost_of_the_requests_resolved_in_the_period(logged, dept_a):
    reports.recompute_period("month", MARCH_1)
    cell = march_cell(dept_a)
    # Resolved in March: R1 (90 min, 80.00), R2 (20 min, 30.00), R3 (no time), R5 (no time).
    assert cell.resolved == 4
    assert cell.effort_requests == 2
    assert cell.effort_total_minutes == 110
    assert cell.effort_median_minutes == pytest.approx(55)
    assert cell.costed_requests == 2
    assert cell.cost == Decimal("110.00")
    assert cell.cost_median == Decimal("55.00")
    # Per client type: R2 is a business client's.
    assert march_cell(dept_a, client_type="business").cost == Decimal("30.00")
    # The company: HR logged nothing.
    assert march_cell(client_type="").effort_total_minutes == 110
    # R4 is still open: its time counts once it is resolved.
    assert not ReportCell.objects.filter(effort_total_minutes=155).exists()


def test_a_request_without_time_has_no_effort_median(data, dept_a):
    reports.recompute_period("month", MARCH_1)
    cell = march_cell(dept_a)
    assert cell.effort_requests == 0
    assert cell.effort_median_minutes is None
    assert cell.cost is None


def test_logging_time_marks_the_cells_of_the_resolution_and_incremental_equals_full(
    logged, dept_a, agent_a
):
    reports.recompute_range(date(2026, 2, 1), date(2026, 4, 30))
    StaleCell.objects.all().delete()
    # Logged in April on a request resolved in March: March's cells move, not April's.
    effort.time_log_add(request=logged["R1"], author=agent_a, minutes=15, spent_on=date(2026, 4, 2))
    marks = set(StaleCell.objects.values_list("period_kind", "period_start", "figures"))
    assert marks == {("month", MARCH_1, "resolved"), ("week", date(2026, 3, 2), "resolved")}
    reports.recompute_stale()
    reports.recompute_stale_company()
    incremental = sorted(ReportCell.objects.values_list(*FIELDS))
    assert march_cell(dept_a).effort_total_minutes == 125
    ReportCell.objects.all().delete()
    reports.recompute_range(date(2026, 2, 1), date(2026, 4, 30))
    assert sorted(ReportCell.objects.values_list(*FIELDS)) == incremental


def test_time_on_an_open_request_marks_nothing(logged, agent_a):
    StaleCell.objects.all().delete()
    effort.time_log_add(request=logged["R4"], author=agent_a, minutes=5, spent_on=date(2026, 4, 1))
    assert not StaleCell.objects.exists()


def test_a_rate_entered_later_prices_the_past_logs_and_marks_their_cells(data, dept_a, agent_a):
    effort.time_log_add(request=data["R1"], author=agent_a, minutes=30, spent_on=date(2026, 3, 2))
    assert Request.objects.get(pk=data["R1"].pk).effort_cost_cents is None
    StaleCell.objects.all().delete()
    org.rate_save(
        rate=HourlyRate(department=dept_a, amount=Decimal("50.00"), valid_from=date(2026, 2, 1))
    )
    assert Request.objects.get(pk=data["R1"].pk).effort_cost_cents == 2500
    assert TimeLog.objects.get().rate == Decimal("50.00")
    assert StaleCell.objects.filter(period_start=MARCH_1, figures="resolved").exists()
    # A correction of the amount prices them again; deleting the rate leaves them unpriced.
    rate = HourlyRate.objects.get()
    rate.amount = Decimal("60.00")
    org.rate_save(rate=rate, was=(dept_a.pk, rate.valid_from, rate.valid_until))
    assert Request.objects.get(pk=data["R1"].pk).effort_cost_cents == 3000
    org.rate_delete(rate=rate)
    assert Request.objects.get(pk=data["R1"].pk).effort_cost_cents is None
    assert Request.objects.get(pk=data["R1"].pk).effort_minutes == 30


def test_overlapping_rates_are_refused(rates, dept_a):
    overlapping = HourlyRate(department=dept_a, amount=Decimal("70"), valid_from=date(2026, 3, 1))
    with pytest.raises(Exception, match="covers some of these days"):
        org.rate_save(rate=overlapping)
    assert HourlyRate.objects.count() == 3


# --- who sees cost --------------------------------------------------------------------------------


def test_cost_rules(dept_a, dept_b, head_a, agent_a, agent_b, executive, admin_user, requester):
    assert permissions.sees_department_costs(head_a, dept_a.pk)
    assert not permissions.sees_department_costs(head_a, dept_b.pk)
    assert not permissions.sees_department_costs(agent_a, dept_a.pk)
    assert not permissions.sees_department_costs(requester, dept_a.pk)
    assert permissions.sees_department_costs(executive, dept_b.pk)
    assert permissions.sees_company_costs(admin_user)
    assert not permissions.sees_company_costs(head_a)


def test_heads_see_their_department_cost_on_the_page_and_in_csv(login, logged, head_a, dept_a):
    reports.recompute_period("month", MARCH_1)
    url = reverse("feedback:department-report", args=[dept_a.slug]) + MARCH
    client = login(head_a)
    page = client.get(url).content.decode()
    assert "Time and cost by service" in page
    assert "110.00\xa0EUR" in page
    response = client.get(url + "&format=csv&table=effort_clients")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Client type",
        "Resolved",
        "Resolved with time logged",
        "Time logged (h)",
        "Median time per request (h)",
        "Cost (EUR)",
        "Median cost per request (EUR)",
    ]
    assert rows[-1] == ["All client types", "4", "2", "1.8", "0.9", "110.00", "55.00"]


def test_without_the_right_the_report_has_no_cost_anywhere(logged, dept_a):
    reports.recompute_period("month", MARCH_1)
    period = report_pages.choose_period("month", "2026-03")
    report = report_pages.department_report(dept_a, period, with_charts=False)
    for table in report.tables.values():
        text = table.to_csv()
        assert "Cost" not in text
        assert "EUR" not in text
    assert "Time logged (h)" in report.tables["effort_services"].to_csv()
    company = report_pages.company_report(period, with_charts=False)
    assert "EUR" not in company.tables["cost_of_serving"].to_csv()


def test_the_company_report_shows_each_departments_cost_of_serving_each_client_type(
    login, logged, executive, dept_a
):
    reports.recompute_period("month", MARCH_1)
    url = reverse("feedback:reports") + MARCH
    client = login(executive)
    assert "Cost of serving each client type" in client.get(url).content.decode()
    response = client.get(url + "&format=csv&table=cost_of_serving")
    rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(response.content.decode()))}
    assert rows["Department"] == [
        "Business (EUR)",
        "Executive (EUR)",
        "Operational (EUR)",
        "All client types (EUR)",
    ]
    assert rows[dept_a.name] == ["30.00", "", "80.00", "110.00"]
    assert rows["Whole company"] == ["30.00", "", "80.00", "110.00"]
