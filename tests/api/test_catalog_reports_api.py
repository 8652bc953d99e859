"""The catalog, /me and the report figures through the API, for the standard people."""

from __future__ import annotations

from datetime import date

import pytest

from feedback import reports
from tests.factories import ServiceFactory, ServiceFieldFactory
from tests.feedback import reportdata

pytestmark = pytest.mark.django_db

MARCH = {"kind": "month", "period": "2026-03"}


@pytest.fixture
def data(service_a, service_a2, service_b, requester, business_requester):
    built = reportdata.build(service_a, service_a2, service_b, requester, business_requester)
    reports.recompute_period("month", date(2026, 3, 1))
    return built


# --- catalog and me -------------------------------------------------------------------------------


def test_catalog_lists_published_services_with_their_questions(api, requester, service_a, dept_b):
    ServiceFieldFactory(service=service_a, label="Model", kind="choice", options="X1\nX2")
    ServiceFactory(department=dept_b, name="Retired", slug="retired", is_active=False)
    body = api(requester).get("/catalog").json()
    assert [d["code"] for d in body] == ["IT"]
    (service,) = body[0]["services"]
    assert (service["id"], service["target_hours"]) == (service_a.pk, 16)
    assert service["fields"][0]["options"] == ["X1", "X2"]
    assert api(requester).get("/catalog", q="nothing-like-it").json() == []


def test_catalog_speaks_polish_when_asked(api, requester, service_a):
    service_a.name_pl = "Nowy laptop"
    service_a.save()
    caller = api(requester)
    response = caller.get("/catalog")
    assert response.json()[0]["services"][0]["name"] == "New laptop"
    caller.headers["Accept-Language"] = "pl"
    assert caller.get("/catalog").json()[0]["services"][0]["name"] == "Nowy laptop"


def test_me_says_who_the_token_acts_for(api, head_a):
    body = api(head_a, "read").get("/me").json()
    assert body["email"] == head_a.email
    assert body["teams"] == [
        {"department": {"code": "IT", "slug": "it", "name": "IT"}, "role": "head"}
    ]
    assert body["token_scope"] == "read"


# --- reports --------------------------------------------------------------------------------------


def test_a_head_reads_the_departments_figures(api, data, head_a):
    body = api(head_a).get("/reports/departments/it", **MARCH).json()
    assert body["period"] == {
        "kind": "month",
        "start": "2026-03-01",
        "end": "2026-04-01",
        "label": "2026-03",
    }
    total = body["total"]
    assert (total["filed"], total["resolved"], total["rated"]) == (5, 4, 3)
    assert total["csat_percent"] == pytest.approx(200 / 3)
    assert total["mean_rating"] == pytest.approx(4.0)
    by_service = {item["service"]["slug"]: item["figures"]["filed"] for item in body["by_service"]}
    assert by_service == {"new-laptop": 3, "vpn-access": 2}
    assert body["by_client_type"]["business"]["filed"] == 1


@pytest.mark.parametrize("person", ["agent_a", "requester", "outsider", "agent_b"])
def test_department_figures_are_404_for_others(api, request, data, person):
    response = api(request.getfixturevalue(person)).get("/reports/departments/it", **MARCH)
    assert response.status_code == 404


def test_a_head_of_a_gets_404_for_b(api, data, head_a, dept_b):
    assert api(head_a).get("/reports/departments/hr", **MARCH).status_code == 404


@pytest.mark.parametrize("person", ["admin_user", "executive"])
def test_the_company_figures_are_for_executives_and_admins(api, request, data, person):
    caller = api(request.getfixturevalue(person))
    body = caller.get("/reports/company", **MARCH).json()
    assert body["total"]["filed"] == 6
    departments = {
        item["department"]["code"]: item["figures"]["filed"] for item in body["by_department"]
    }
    assert departments == {"IT": 5, "HR": 1}
    assert caller.get("/reports/departments/hr", **MARCH).status_code == 200
    index = caller.get("/reports").json()
    assert index["company"] is True
    assert {d["code"] for d in index["departments"]} == {"IT", "HR"}


@pytest.mark.parametrize("person", ["head_a", "agent_a", "requester", "outsider"])
def test_the_company_figures_are_404_for_everybody_else(api, request, data, person):
    caller = api(request.getfixturevalue(person))
    assert caller.get("/reports/company", **MARCH).status_code == 404


def test_the_report_index_lists_only_my_departments(api, data, head_a, agent_a):
    assert api(head_a).get("/reports").json() == {
        "company": False,
        "departments": [{"code": "IT", "slug": "it", "name": "IT"}],
    }
    assert api(agent_a).get("/reports").json() == {"company": False, "departments": []}


@pytest.mark.parametrize("period", ["2026-13", "3026-01", "soon"])
def test_a_bad_period_is_400(api, data, head_a, period):
    response = api(head_a).get("/reports/departments/it", kind="month", period=period)
    assert response.status_code == 400
    assert "period" in response.json()["errors"]


def test_report_queries_stay_few(api, data, admin_user, django_assert_max_num_queries):
    caller = api(admin_user)
    caller.get("/me")
    with django_assert_max_num_queries(6):
        assert caller.get("/reports/company", **MARCH).status_code == 200
    with django_assert_max_num_queries(7):
        assert caller.get("/reports/departments/it", **MARCH).status_code == 200
