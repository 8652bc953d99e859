"""Nobody raises admin rights through the Employee form: only superusers change is_staff,
is_superuser, groups and permissions, never on their own record (issue 12, point 2)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from departments.models import Employee
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

ACCESS_FIELDS = ["is_staff", "is_superuser", "groups", "user_permissions"]


def employee_admin_perms() -> list[Permission]:
    return list(
        Permission.objects.filter(
            content_type__app_label="departments", content_type__model="employee"
        )
    )


@pytest.fixture
def group():
    editors = Group.objects.create(name="Editors")
    editors.permissions.add(*Permission.objects.filter(codename__startswith="delete_"))
    return editors


@pytest.fixture
def staff_admin(db):
    """An admin who is not a superuser but may manage employees."""
    person = EmployeeFactory(email="sam@example.com", full_name="Sam Staff", is_staff=True)
    person.user_permissions.add(*employee_admin_perms())
    return person


@pytest.fixture
def other_staff(db):
    return EmployeeFactory(email="tina@example.com", full_name="Tina Staff", is_staff=True)


def change_form(client, person: Employee, **overrides) -> dict:
    """The change form's data as the page shows it, with the given fields changed."""
    data = {
        "email": person.email,
        "full_name": person.full_name,
        "job_title": person.job_title,
        "client_type": person.client_type,
        "language": person.language,
        "is_active": "on" if person.is_active else "",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": person.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": person.date_joined.strftime("%H:%M:%S"),
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value != ""}


def escalation(group) -> dict:
    return {
        "is_staff": "on",
        "is_superuser": "on",
        "groups": [str(group.pk)],
        "user_permissions": [str(Permission.objects.get(codename="delete_group").pk)],
    }


def access(person: Employee) -> tuple:
    person.refresh_from_db()
    return (
        person.is_staff,
        person.is_superuser,
        sorted(person.groups.values_list("pk", flat=True)),
        sorted(person.user_permissions.values_list("codename", flat=True)),
    )


def post_change(client, person, **overrides):
    url = reverse("admin:departments_employee_change", args=[person.pk])
    return client.post(url, change_form(client, person, **overrides))


def test_a_staff_admin_cannot_make_themselves_superuser(login, staff_admin, group):
    before = access(staff_admin)
    response = post_change(login(staff_admin), staff_admin, **escalation(group))
    assert response.status_code == 302  # the rest of the form saves...
    assert access(staff_admin) == before  # ...the access fields are not part of it


@pytest.mark.parametrize("field", ACCESS_FIELDS)
def test_each_access_field_is_read_only_for_a_staff_admin(login, staff_admin, requester, field):
    client = login(staff_admin)
    for person in (staff_admin, requester):
        page = client.get(reverse("admin:departments_employee_change", args=[person.pk]))
        assert field not in page.context["adminform"].form.fields, (person, field)


@pytest.mark.parametrize("field", ACCESS_FIELDS)
def test_a_staff_admin_cannot_grant_any_access_field_to_an_employee(
    login, staff_admin, requester, group, field
):
    before = access(requester)
    response = post_change(login(staff_admin), requester, **{field: escalation(group)[field]})
    assert response.status_code == 302
    assert access(requester) == before


@pytest.mark.parametrize("field", ACCESS_FIELDS)
def test_a_superuser_grants_access_fields_to_others(login, admin_user, requester, group, field):
    response = post_change(login(admin_user), requester, **{field: escalation(group)[field]})
    assert response.status_code == 302
    is_staff, is_superuser, groups, perms = access(requester)
    assert {
        "is_staff": is_staff,
        "is_superuser": is_superuser,
        "groups": groups == [group.pk],
        "user_permissions": perms == ["delete_group"],
    }[field]


@pytest.mark.parametrize("field", ACCESS_FIELDS)
def test_a_superuser_cannot_change_their_own_access(login, admin_user, group, field):
    client = login(admin_user)
    page = client.get(reverse("admin:departments_employee_change", args=[admin_user.pk]))
    assert field not in page.context["adminform"].form.fields
    before = access(admin_user)
    changes = {**escalation(group), "is_superuser": "", "is_staff": ""}
    post_change(client, admin_user, **{field: changes[field]})
    assert access(admin_user) == before


def test_a_staff_admin_cannot_touch_another_admins_record(
    login, staff_admin, other_staff, admin_user
):
    client = login(staff_admin)
    for target in (other_staff, admin_user):
        before = (target.email, target.password)
        response = post_change(client, target, email="mine@example.com")
        assert response.status_code == 403
        password_url = reverse("admin:auth_user_password_change", args=[target.pk])
        assert client.post(password_url, {"password1": "x", "password2": "x"}).status_code in (
            403,
            404,
        )
        target.refresh_from_db()
        assert (target.email, target.password) == before
        delete_url = reverse("admin:departments_employee_delete", args=[target.pk])
        assert client.post(delete_url, {"post": "yes"}).status_code == 403
        assert Employee.objects.filter(pk=target.pk).exists()


def test_a_staff_admin_still_edits_ordinary_employees(login, staff_admin, requester):
    response = post_change(login(staff_admin), requester, job_title="Analyst")
    assert response.status_code == 302
    requester.refresh_from_db()
    assert requester.job_title == "Analyst"


def test_a_staff_admin_cannot_add_permissions_to_a_group(login, staff_admin, group):
    staff_admin.user_permissions.add(*Permission.objects.filter(codename="change_group"))
    staff_admin.groups.add(group)
    client = login(staff_admin)
    url = reverse("admin:auth_group_change", args=[group.pk])
    everything = [str(pk) for pk in Permission.objects.values_list("pk", flat=True)]
    client.post(url, {"name": "Editors", "permissions": everything})
    assert (
        group.permissions.count()
        == Permission.objects.filter(codename__startswith="delete_").count()
    )
