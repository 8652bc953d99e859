"""The organisation's models: employees log in by email, departments name their references."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from departments.models import ClientType, Department, Employee, FieldKind, Service, ServiceField
from tests.factories import DepartmentFactory, ServiceFactory, ServiceFieldFactory

pytestmark = pytest.mark.django_db


# --- employees ------------------------------------------------------------------------------------


def test_create_user_stores_the_email_in_lower_case():
    person = Employee.objects.create_user("Marta.Nowak@Example.COM", "pw-123456", full_name="Marta")
    assert person.email == "marta.nowak@example.com"
    assert person.check_password("pw-123456")
    assert not person.is_staff
    assert not person.is_superuser
    assert person.client_type == ClientType.OPERATIONAL


def test_create_user_needs_an_email():
    with pytest.raises(ValueError, match="email"):
        Employee.objects.create_user("", "pw")


def test_create_user_without_a_password_cannot_log_in():
    person = Employee.objects.create_user("nopw@example.com", full_name="No Password")
    assert not person.has_usable_password()


def test_create_superuser_gets_admin_rights():
    admin = Employee.objects.create_superuser("Boss@Example.com", "pw-123456", full_name="Boss")
    assert admin.email == "boss@example.com"
    assert admin.is_staff
    assert admin.is_superuser


def test_create_superuser_cannot_be_talked_out_of_its_rights():
    admin = Employee.objects.create_superuser(
        "boss@example.com", "pw", full_name="Boss", is_staff=False, is_superuser=False
    )
    assert admin.is_staff
    assert admin.is_superuser


def test_emails_are_unique_whatever_the_case():
    Employee.objects.create_user("same@example.com", full_name="One")
    with pytest.raises(IntegrityError):
        Employee.objects.create_user("SAME@example.com", full_name="Two")


def test_looking_up_by_email_ignores_case(requester):
    assert Employee.objects.get_by_natural_key("OLGA@EXAMPLE.COM") == requester


def test_clean_lowercases_an_email_typed_in_the_admin():
    person = Employee(email="Piotr@Example.com", full_name="Piotr")
    person.clean()
    assert person.email == "piotr@example.com"


def test_names_for_display():
    person = Employee(email="anna@example.com", full_name="Anna Maria Kowalska")
    assert str(person) == "Anna Maria Kowalska"
    assert person.get_full_name() == "Anna Maria Kowalska"
    assert person.get_short_name() == "Anna"
    nameless = Employee(email="x@example.com", full_name="")
    assert str(nameless) == nameless.get_short_name() == "x@example.com"


# --- departments ----------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["IT", "HR", "FIN2", "A", "ABCDEFGH"])
def test_department_codes_may_be_capitals_and_digits(code):
    DepartmentFactory.build(name="X", slug="x", code=code).full_clean()


@pytest.mark.parametrize("code", ["it", "2IT", "I-T", "I T", "ABCDEFGHI", ""])
def test_department_codes_refuse_anything_else(code):
    with pytest.raises(ValidationError) as exc_info:
        DepartmentFactory.build(name="X", slug="x", code=code).full_clean()
    assert "code" in exc_info.value.error_dict


def test_department_codes_are_unique(dept_a):
    with pytest.raises(ValidationError) as exc_info:
        Department(name="Other", slug="other", code="IT").full_clean()
    assert "code" in exc_info.value.error_dict


def test_department_time_zone_must_exist():
    with pytest.raises(ValidationError) as exc_info:
        DepartmentFactory.build(name="X", slug="x", code="X", time_zone="Mars/Olympus").full_clean()
    assert "time_zone" in exc_info.value.error_dict


def test_departments_read_as_their_name(dept_a):
    assert str(dept_a) == "IT"
    assert dept_a.tzinfo.key == "Europe/Warsaw"


# --- services ----------------------------------------------------------------------------------------


def test_published_services_are_active_in_active_departments(dept_a, dept_b):
    shown = ServiceFactory(department=dept_a, name="Shown")
    ServiceFactory(department=dept_a, name="Retired", is_active=False)
    closed = DepartmentFactory(name="Legal", slug="legal", code="LEG", is_active=False)
    ServiceFactory(department=closed, name="In a closed department")
    assert list(Service.objects.published()) == [shown]


def test_service_slugs_are_unique_within_a_department(dept_a, dept_b, service_a):
    ServiceFactory(department=dept_b, slug=service_a.slug)  # fine elsewhere
    with pytest.raises(IntegrityError):
        ServiceFactory(department=dept_a, slug=service_a.slug)


@pytest.mark.parametrize("hours", [0, 2001])
def test_target_hours_are_bounded(dept_a, hours):
    service = ServiceFactory.build(department=dept_a, name="S", slug="s", target_hours=hours)
    with pytest.raises(ValidationError) as exc_info:
        service.full_clean()
    assert "target_hours" in exc_info.value.error_dict


def test_a_choice_field_needs_options(service_a):
    field = ServiceField(service=service_a, label="Model", kind=FieldKind.CHOICE, options=" \n ")
    with pytest.raises(ValidationError) as exc_info:
        field.clean()
    assert exc_info.value.message_dict == {"options": ["A choice field needs at least one option."]}


def test_a_choice_field_with_options_is_fine(service_a):
    field = ServiceField(
        service=service_a, label="Model", kind=FieldKind.CHOICE, options="A\n\n  B  \n"
    )
    field.full_clean()
    assert field.option_list == ["A", "B"]


@pytest.mark.parametrize("kind", [k for k in FieldKind if k != FieldKind.CHOICE])
def test_other_kinds_need_no_options(service_a, kind):
    ServiceField(service=service_a, label="Q", kind=kind).full_clean()


def test_extra_fields_come_in_their_order(service_a):
    second = ServiceFieldFactory(service=service_a, label="Second", order=2)
    first = ServiceFieldFactory(service=service_a, label="First", order=1)
    assert list(service_a.fields.all()) == [first, second]
