"""factory_boy factories for Desk's models. Tests build what they need from these."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from departments.models import (
    ClientType,
    Department,
    Employee,
    Membership,
    Role,
    Service,
    ServiceField,
)
from desk import services
from desk.models import Priority

PASSWORD = "correct horse battery staple"


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Department {n}")
    slug = factory.Sequence(lambda n: f"department-{n}")
    code = factory.Sequence(lambda n: f"D{n}")
    contact_email = factory.LazyAttribute(lambda o: f"{o.slug}@example.com")


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service

    department = factory.SubFactory(DepartmentFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    description = "What you get, and what to prepare."
    target_hours = 8


class ServiceFieldFactory(DjangoModelFactory):
    class Meta:
        model = ServiceField

    service = factory.SubFactory(ServiceFactory)
    label = factory.Sequence(lambda n: f"Question {n}")


class EmployeeFactory(DjangoModelFactory):
    class Meta:
        model = Employee
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    client_type = ClientType.OPERATIONAL
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    department = factory.SubFactory(DepartmentFactory)
    employee = factory.SubFactory(EmployeeFactory)
    role = Role.AGENT


def file_request(requester, service, **kwargs):
    """File a request through the real service, as the web form does."""
    kwargs.setdefault("title", "Please help")
    kwargs.setdefault("description", "Details of what I need.")
    kwargs.setdefault("priority", Priority.NORMAL)
    return services.request_file(requester=requester, service=service, **kwargs)
