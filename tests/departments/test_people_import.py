"""Importing people from HR's CSV: all lines or none, managers anywhere in the file, and the
same through the command and the admin's upload page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from departments.models import ClientType, Employee
from departments.people_import import import_employees
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

HEADER = "email,full_name,job_title,department,client_type,language,manager\n"


def test_creates_people_with_managers_later_in_the_file(dept_a, dept_b):
    text = HEADER + (
        "ann@example.com,Ann Agent,Analyst,it,business,pl,bob@example.com\n"
        "Bob@Example.com,Bob Boss,Head of sales,HR,executive,,\n"
    )
    result = import_employees(text)
    assert (result.ok, result.created, result.updated) == (True, 2, 0)
    ann = Employee.objects.get(email="ann@example.com")
    bob = Employee.objects.get(email="bob@example.com")
    assert ann.manager == bob
    assert bob.manager is None
    assert (ann.department, ann.client_type, ann.language, ann.job_title) == (
        dept_a,
        ClientType.BUSINESS,
        "pl",
        "Analyst",
    )
    assert bob.department == dept_b
    assert not ann.has_usable_password()
    assert not ann.is_staff


def test_updates_existing_people_by_email_and_keeps_what_the_file_does_not_name(requester):
    boss = EmployeeFactory(email="boss@example.com")
    requester.is_staff = True
    requester.save()
    text = f"email,full_name,manager\n{requester.email.upper()},Renamed Person,boss@example.com\n"
    result = import_employees(text)
    assert (result.created, result.updated) == (0, 1)
    requester.refresh_from_db()
    assert requester.full_name == "Renamed Person"
    assert requester.manager == boss
    assert requester.is_staff  # admin rights are never touched
    assert requester.has_usable_password()


def test_without_a_manager_column_managers_stay(requester):
    boss = EmployeeFactory(email="boss@example.com")
    requester.manager = boss
    requester.save()
    import_employees(f"email,full_name\n{requester.email},Same Person\n")
    requester.refresh_from_db()
    assert requester.manager == boss
    # An empty cell in the column removes the manager.
    import_employees(f"email,full_name,manager\n{requester.email},Same Person,\n")
    requester.refresh_from_db()
    assert requester.manager is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name\nx\n", "Missing columns: email, full_name."),
        ("email,full_name,salary\na@example.com,A,1\n", "Unknown columns: salary"),
        ("email,full_name\n", "The file has no people in it."),
        ("email,full_name\nnot-an-email,A\n", "Line 2: “not-an-email” is not an email address."),
        ("email,full_name\na@example.com,\n", "Line 2: The full name is empty."),
        (
            "email,full_name,department\na@example.com,A,XX\n",
            "Line 2: No department has the code “XX”.",
        ),
        (
            "email,full_name,client_type\na@example.com,A,boss\n",
            "Line 2: The client type must be one of",
        ),
        (
            "email,full_name,language\na@example.com,A,de\n",
            "Line 2: The language must be one of en, pl.",
        ),
        (
            "email,full_name\na@example.com,A\nA@example.com,B\n",
            "Line 3: a@example.com is also on line 2.",
        ),
        (
            "email,full_name,manager\na@example.com,A,a@example.com\n",
            "cannot be their own line manager",
        ),
        (
            "email,full_name,manager\na@example.com,A,nobody@example.com\n",
            "neither in the file nor in Desk",
        ),
    ],
)
def test_a_wrong_line_imports_nothing(dept_a, text, message):
    before = Employee.objects.count()
    result = import_employees(text)
    assert not result.ok
    assert any(message in error for error in result.errors), result.errors
    assert Employee.objects.count() == before


def test_one_bad_line_among_good_ones_changes_nothing(dept_a, requester):
    text = HEADER + (
        "new@example.com,New Person,,IT,business,en,\n"
        f"{requester.email},Changed Name,,IT,business,en,\n"
        "broken,Broken,,IT,business,en,\n"
    )
    result = import_employees(text)
    assert result.errors == ["Line 4: “broken” is not an email address."]
    assert not Employee.objects.filter(email="new@example.com").exists()
    requester.refresh_from_db()
    assert requester.full_name != "Changed Name"


def test_a_circle_of_managers_is_refused(requester):
    boss = EmployeeFactory(email="boss@example.com")
    boss.manager = requester
    boss.save()
    # requester → boss → requester
    result = import_employees(f"email,full_name,manager\n{requester.email},R,boss@example.com\n")
    assert any("round in a circle" in error for error in result.errors)
    requester.refresh_from_db()
    assert requester.manager is None


def test_dry_run_changes_nothing(dept_a):
    result = import_employees(HEADER + "a@example.com,A,,IT,,,\n", dry_run=True)
    assert (result.ok, result.created) == (True, 1)
    assert not Employee.objects.filter(email="a@example.com").exists()


def test_the_command(tmp_path, dept_a, capsys):
    path = tmp_path / "people.csv"
    path.write_text(HEADER + "a@example.com,A,,IT,,,\n", encoding="utf-8")
    call_command("import_employees", str(path))
    assert "Created 1 and update 0 employees." in capsys.readouterr().out
    path.write_text(HEADER + "b@example.com,,,IT,,,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Line 2: The full name is empty."):
        call_command("import_employees", str(path))
    assert not Employee.objects.filter(email="b@example.com").exists()


def _upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("people.csv", text.encode("utf-8-sig"), content_type="text/csv")


def test_the_admin_page_checks_then_applies(login, admin_user, dept_a):
    client = login(admin_user)
    url = reverse("admin:departments_employee_import")
    changelist = client.get(reverse("admin:departments_employee_changelist"))
    assert url in changelist.content.decode()
    assert client.get(url).status_code == 200
    text = HEADER + "ann@example.com,Ann,,IT,business,,\n"
    checked = client.post(url, {"file": _upload(text)})
    assert "would create 1 and update 0 people" in checked.content.decode()
    assert not Employee.objects.filter(email="ann@example.com").exists()
    applied = client.post(url, {"file": _upload(text), "apply": "on"})
    assert applied.status_code == 302
    assert Employee.objects.filter(email="ann@example.com").exists()
    wrong = client.post(url, {"file": _upload("email,full_name\nbad,Bad\n"), "apply": "on"})
    assert "Nothing was imported" in wrong.content.decode()
    assert "“bad” is not an email address" in wrong.content.decode()
    not_text = client.post(
        url, {"file": SimpleUploadedFile("x.csv", b"\xff\xfe\x00\x01"), "apply": "on"}
    )
    assert "not UTF-8 text" in not_text.content.decode()


def test_the_admin_page_is_for_admins_who_may_add_people(login, agent_a):
    agent_a.is_staff = True  # admin access but no permission on employees
    agent_a.save()
    response = login(agent_a).get(reverse("admin:departments_employee_import"))
    assert response.status_code == 403
