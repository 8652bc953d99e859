"""The admin pages an administrator uses to set up departments, services and people."""

from __future__ import annotations

import pytest
from django.urls import reverse

from departments.models import Employee, FieldKind, Role
from desk import effort
from tests.factories import MembershipFactory, ServiceFactory, ServiceFieldFactory, file_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(login, admin_user):
    return login(admin_user)


@pytest.fixture
def organisation(dept_a, dept_b, service_a, service_b, agent_a, head_a, requester):
    ServiceFieldFactory(
        service=service_a,
        label="Cost centre",
        kind=FieldKind.TEXT,
        required=True,
        help_text="From your payslip.",
    )
    ServiceFieldFactory(
        service=service_a, label="Model", kind=FieldKind.CHOICE, options="ThinkPad\nMacBook"
    )
    ServiceFieldFactory(service=service_a, label="Start date", kind=FieldKind.DATE)


@pytest.mark.parametrize("model", ["department", "service", "employee"])
def test_changelists_load(admin_client, organisation, model):
    response = admin_client.get(reverse(f"admin:departments_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", ["department", "service", "employee"])
def test_add_pages_load(admin_client, model):
    assert admin_client.get(reverse(f"admin:departments_{model}_add")).status_code == 200


def test_changelists_search(admin_client, organisation):
    url = reverse("admin:departments_employee_changelist")
    html = admin_client.get(url, {"q": "olga"}).content.decode()
    assert "Olga Operational" in html
    assert "Alice Agent" not in html


def test_the_department_page_has_its_services_and_team(admin_client, organisation, dept_a):
    response = admin_client.get(reverse("admin:departments_department_change", args=[dept_a.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "New laptop" in html
    assert "Alice Agent" in html
    assert "Helen Head" in html


def test_the_department_list_counts_services_and_team(admin_client, organisation):
    html = admin_client.get(reverse("admin:departments_department_changelist")).content.decode()
    assert 'class="field-service_count">1<' in html
    assert 'class="field-member_count">2<' in html


def test_the_service_page_previews_the_extra_fields(admin_client, organisation, service_a):
    response = admin_client.get(reverse("admin:departments_service_change", args=[service_a.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "preview of the extra fields" in html.lower()
    assert "Cost centre" in html
    assert "From your payslip." in html
    assert '<option value="MacBook">MacBook</option>' in html
    assert 'type="date"' in html


def test_a_service_without_extra_fields_says_so(admin_client, service_b):
    response = admin_client.get(reverse("admin:departments_service_change", args=[service_b.pk]))
    assert "No extra fields" in response.content.decode()


def test_the_employee_page_loads_with_teams(admin_client, organisation, agent_a):
    response = admin_client.get(reverse("admin:departments_employee_change", args=[agent_a.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "alice@example.com" in html
    assert "service teams" in html.lower()


def test_an_admin_adds_an_employee(admin_client, dept_b):
    response = admin_client.post(
        reverse("admin:departments_employee_add"),
        {
            "email": "New.Person@Example.com",
            "full_name": "New Person",
            "department": dept_b.pk,
            "client_type": "business",
            "password1": "a long enough passphrase 7",
            "password2": "a long enough passphrase 7",
            "usable_password": "true",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()
    person = Employee.objects.get(full_name="New Person")
    assert person.email == "new.person@example.com"
    assert person.check_password("a long enough passphrase 7")


def test_an_admin_adds_a_team_member(admin_client, dept_a, requester):
    url = reverse("admin:departments_department_change", args=[dept_a.pk])
    html = admin_client.get(url).content.decode()
    assert "team (heads and agents)" in html.lower()
    MembershipFactory(department=dept_a, employee=requester, role=Role.HEAD)
    assert "Olga Operational" in admin_client.get(url).content.decode()


def test_non_admins_are_kept_out(login, requester):
    response = login(requester).get(reverse("admin:departments_department_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response.url


# --- hourly costs ---------------------------------------------------------------------------------


def test_rates_have_their_admin_pages(admin_client, organisation):
    assert admin_client.get(reverse("admin:departments_hourlyrate_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:departments_hourlyrate_add")).status_code == 200


def test_an_admin_adds_a_rate_and_the_logged_time_is_priced(admin_client, dept_a, agent_a):
    req = file_request(agent_a, ServiceFactory(department=dept_a))
    effort.time_log_add(request=req, author=agent_a, minutes=90)
    response = admin_client.post(
        reverse("admin:departments_hourlyrate_add"),
        {"department": dept_a.pk, "employee": "", "amount": "40.00", "valid_from": "2020-01-01"},
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.effort_cost_cents == 6000


def test_an_overlapping_rate_is_refused_in_admin(admin_client, dept_a):
    url = reverse("admin:departments_hourlyrate_add")
    data = {"department": dept_a.pk, "employee": "", "amount": "40.00", "valid_from": "2024-01-01"}
    assert admin_client.post(url, data).status_code == 302
    response = admin_client.post(url, data | {"valid_from": "2025-06-01", "amount": "45.00"})
    assert response.status_code == 200
    assert "covers some of these days" in response.content.decode()
    assert dept_a.hourly_rates.count() == 1
