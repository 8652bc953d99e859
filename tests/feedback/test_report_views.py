"""The report pages: who sees what, the period selector, charts, CSV, and their query counts."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from departments.models import Role
from feedback import periods, reports
from feedback.models import ReportSubscription
from tests.factories import MembershipFactory, ServiceFactory
from tests.feedback import reportdata

pytestmark = pytest.mark.django_db

MARCH = "?kind=month&period=2026-03"
MARCH_1 = date(2026, 3, 1)


@pytest.fixture
def data(service_a, service_a2, service_b, requester, business_requester):
    built = reportdata.build(service_a, service_a2, service_b, requester, business_requester)
    for kind, start in (
        ("month", date(2026, 2, 1)),
        ("month", MARCH_1),
        ("week", date(2026, 3, 9)),
    ):
        reports.recompute_period(kind, start)
    return built


def overview_url() -> str:
    return reverse("feedback:reports")


def department_url(department) -> str:
    return reverse("feedback:department-report", args=[department.slug])


# --- who may see which report ----------------------------------------------------------------------


@pytest.mark.parametrize("person", ["admin_user", "executive"])
def test_admins_and_executives_see_the_overview(request, login, data, person):
    response = login(request.getfixturevalue(person)).get(overview_url() + MARCH)
    assert response.status_code == 200
    assert b"How the departments serve their colleagues" in response.content


@pytest.mark.parametrize("person", ["head_a", "agent_a", "requester", "outsider"])
def test_everybody_else_gets_404_for_the_overview(request, login, data, person):
    response = login(request.getfixturevalue(person)).get(overview_url())
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, dept_a):
    response = client.get(department_url(dept_a))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_head_sees_their_department(login, data, head_a, dept_a):
    response = login(head_a).get(department_url(dept_a) + MARCH)
    assert response.status_code == 200
    assert b"How IT serves its colleagues" in response.content


def test_head_of_a_gets_404_for_b(login, data, head_a, dept_b):
    assert login(head_a).get(department_url(dept_b)).status_code == 404


@pytest.mark.parametrize("person", ["agent_a", "requester", "outsider"])
def test_agents_and_requesters_get_404_for_department_reports(request, login, data, dept_a, person):
    response = login(request.getfixturevalue(person)).get(department_url(dept_a))
    assert response.status_code == 404


@pytest.mark.parametrize("person", ["admin_user", "executive"])
def test_admins_and_executives_see_every_department(request, login, data, dept_a, dept_b, person):
    client = login(request.getfixturevalue(person))
    assert client.get(department_url(dept_a)).status_code == 200
    assert client.get(department_url(dept_b)).status_code == 200


def test_unknown_or_inactive_department_is_404(login, admin_user, dept_b):
    dept_b.is_active = False
    dept_b.save()
    client = login(admin_user)
    assert client.get(department_url(dept_b)).status_code == 404
    assert client.get(reverse("feedback:department-report", args=["nope"])).status_code == 404


def test_it_rejects_post(login, admin_user, dept_a):
    client = login(admin_user)
    assert client.post(overview_url()).status_code == 405
    assert client.post(department_url(dept_a)).status_code == 405


# --- what the pages show ------------------------------------------------------------------------------


def test_department_page_shows_the_periods_figures(login, data, head_a, dept_a):
    response = login(head_a).get(department_url(dept_a) + MARCH)
    report = response.context["report"]
    assert report.period.start == date(2026, 3, 1)
    assert report.current.filed == 5
    assert report.previous.filed == 2  # February: R5 and R7
    assert len(report.period.starts) == 12
    content = response.content.decode()
    assert "67 %" in content  # CSAT of March
    assert "New laptop" in content
    assert "VPN access" in content


def test_charts_are_accessible_images_with_their_tables(login, data, head_a, dept_a):
    content = login(head_a).get(department_url(dept_a) + MARCH).content.decode()
    assert content.count('role="img"') == 5
    for chart in ("chart-csat-trend", "chart-turnaround-trend", "chart-clients"):
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in content
        assert f'<title id="{chart}-title">' in content
        assert f'<desc id="{chart}-desc">' in content
    assert content.count('<table class="table report-grid"') == 6  # and three of time and cost
    # No inline scripts: the page works under a strict Content-Security-Policy.
    assert "<script>" not in content
    assert "onclick" not in content


def test_week_periods_can_be_chosen(login, data, head_a, dept_a):
    response = login(head_a).get(department_url(dept_a) + "?kind=week&period=2026-03-11")
    report = response.context["report"]
    assert report.period.kind == "week"
    assert report.period.start == date(2026, 3, 9)
    assert report.current.filed == 2


def test_a_bad_period_falls_back_to_the_current_month(login, data, head_a, dept_a):
    response = login(head_a).get(department_url(dept_a) + "?kind=year&period=yesterday")
    period = response.context["period"]
    assert period.kind == "month"
    assert period.start == periods.start_of("month", periods.today())


def test_overview_sums_departments(login, data, executive, dept_a, dept_b):
    response = login(executive).get(overview_url() + MARCH)
    report = response.context["report"]
    assert report.current.filed == 6  # IT 5 + HR 1
    assert report.current.rated == 4
    assert report.current.csat == pytest.approx(50.0)
    departments = dict(report.tables["departments"].rows)
    assert departments["IT"][0] == 5
    assert departments["HR"][0] == 1


# --- CSV --------------------------------------------------------------------------------------------


def test_every_table_downloads_as_csv(login, data, head_a, dept_a):
    client = login(head_a)
    for name in ("trend", "clients", "services"):
        response = client.get(department_url(dept_a) + MARCH + f"&format=csv&table={name}")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert (
            response["Content-Disposition"]
            == f'attachment; filename="desk-it-month-2026-03-{name}.csv"'
        )


def test_csv_has_the_figures(login, data, head_a, dept_a):
    response = login(head_a).get(department_url(dept_a) + MARCH + "&format=csv&table=services")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Service", "Target (h)", "Filed", "Resolved"]
    laptop = next(row for row in rows if row[0] == "New laptop")
    assert laptop[1:4] == ["16", "3", "3"]
    assert laptop[rows[0].index("Median turnaround (working h) (h)")] == "14.0"


def test_overview_csv(login, data, admin_user):
    response = login(admin_user).get(overview_url() + MARCH + "&format=csv&table=departments")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[0] for row in rows] == ["Department", "HR", "IT"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_neutralises_formulas_in_every_text_cell(login, data, admin_user, service_a, start):
    """Names entered in admin reach the exports: a spreadsheet must show them, not run them."""
    formula = f'{start}HYPERLINK("http://evil.example/","click")'
    service_a.name = formula
    service_a.save(update_fields=["name"])
    service_a.department.__class__.objects.filter(pk=service_a.department_id).update(name=formula)
    client = login(admin_user)
    response = client.get(
        department_url(service_a.department) + MARCH + "&format=csv&table=services"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode(), newline="")))
    assert f"'{formula}" in [row[0] for row in rows]
    overview = client.get(overview_url() + MARCH + "&format=csv&table=departments")
    cells = [
        c for row in csv.reader(io.StringIO(overview.content.decode(), newline="")) for c in row
    ]
    assert f"'{formula}" in cells
    for cell in cells + [c for row in rows for c in row]:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
        if cell.startswith("-"):
            float(cell)  # a negative figure is a number, not text


def test_unknown_csv_table_is_404(login, data, head_a, dept_a):
    response = login(head_a).get(department_url(dept_a) + "?format=csv&table=secrets")
    assert response.status_code == 404


def test_csv_links_are_on_the_page(login, data, head_a, dept_a):
    content = login(head_a).get(department_url(dept_a) + MARCH).content.decode()
    assert "format=csv&amp;table=services" in content


# --- query counts -----------------------------------------------------------------------------------


def test_department_page_query_count_is_constant(
    login, data, head_a, dept_a, django_assert_max_num_queries
):
    client = login(head_a)
    client.get(department_url(dept_a) + MARCH)  # warm up the session
    with django_assert_max_num_queries(12):
        client.get(department_url(dept_a) + MARCH)
    for n in range(6):
        ServiceFactory(department=dept_a, name=f"Extra {n}", slug=f"extra-{n}")
    reports.recompute_period("month", date(2026, 3, 1))
    with django_assert_max_num_queries(12):
        client.get(department_url(dept_a) + MARCH)


def test_overview_query_count_is_constant(login, data, admin_user, django_assert_max_num_queries):
    from tests.factories import DepartmentFactory

    client = login(admin_user)
    client.get(overview_url() + MARCH)
    with django_assert_max_num_queries(10):
        client.get(overview_url() + MARCH)
    for n in range(5):
        DepartmentFactory(name=f"Dept {n}", slug=f"dept-{n}", code=f"X{n}")
    with django_assert_max_num_queries(10):
        client.get(overview_url() + MARCH)


# --- navigation ---------------------------------------------------------------------------------------


def test_head_has_a_reports_link_to_their_department(login, head_a, dept_a):
    content = login(head_a).get(reverse("desk:catalog")).content.decode()
    assert f'href="{department_url(dept_a)}"' in content


def test_head_of_two_departments_gets_a_link_each(login, head_a, dept_a, dept_b):
    MembershipFactory(department=dept_b, employee=head_a, role=Role.HEAD)
    content = login(head_a).get(reverse("desk:catalog")).content.decode()
    assert f'href="{department_url(dept_a)}"' in content
    assert f'href="{department_url(dept_b)}"' in content


def test_executive_has_a_reports_link_to_the_overview(login, executive):
    content = login(executive).get(reverse("desk:catalog")).content.decode()
    assert f'href="{overview_url()}"' in content


def test_agents_have_no_reports_link(login, agent_a):
    content = login(agent_a).get(reverse("desk:catalog")).content.decode()
    assert "/reports/" not in content


# --- the monthly email subscription -------------------------------------------------------------


def subscription_url(department) -> str:
    return reverse("feedback:report-subscription", args=[department.slug])


def test_head_subscribes_and_unsubscribes(login, head_a, dept_a):
    client = login(head_a)
    response = client.post(subscription_url(dept_a), {"monthly_email": "on"})
    assert response.status_code == 302
    assert ReportSubscription.objects.get(employee=head_a, department=dept_a).monthly_email
    page = client.get(department_url(dept_a))
    assert page.context["subscribed"] is True
    client.post(subscription_url(dept_a), {})
    assert not ReportSubscription.objects.get(employee=head_a, department=dept_a).monthly_email


def test_subscription_rejects_get(login, head_a, dept_a):
    assert login(head_a).get(subscription_url(dept_a)).status_code == 405


def test_nobody_subscribes_to_a_report_they_cannot_see(login, head_a, agent_a, dept_a, dept_b):
    assert login(head_a).post(subscription_url(dept_b), {"monthly_email": "on"}).status_code == 404
    assert login(agent_a).post(subscription_url(dept_a), {"monthly_email": "on"}).status_code == 404
    assert not ReportSubscription.objects.exists()
