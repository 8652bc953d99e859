"""Importing people from a CSV file (HR's export): who they are, their home department, client
type and line manager. Used by `manage.py import_employees` and the admin's import page.

The whole file is checked first; one bad line and nothing changes, with every problem listed by
line number. Existing people (matched by email, without case) are updated; new people get no
password (they sign in with SSO or set one through "Forgot your password?"). Admin rights and
team memberships are never touched by an import.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from departments.models import ClientType, Department, Employee

REQUIRED_COLUMNS = ("email", "full_name")
OPTIONAL_COLUMNS = ("job_title", "department", "client_type", "language", "manager")
MAX_ROWS = 20_000


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    line: int
    values: dict[str, str]

    @property
    def email(self) -> str:
        return self.values["email"]


def import_employees(text: str, *, dry_run: bool = False) -> ImportResult:
    """Check every line of the CSV text, then (unless dry_run or a line is wrong) apply them all."""
    result = ImportResult()
    rows = _read(text, result)
    if not result.ok:
        return result
    departments = {d.code.upper(): d for d in Department.objects.all()}
    existing = {
        e.email.lower(): e
        for e in Employee.objects.filter(email__in=[row.email for row in rows]).select_related(
            "manager"
        )
    }
    managers = _check_rows(rows, departments, existing, result)
    if not result.ok:
        return result
    result.created = sum(1 for row in rows if row.email not in existing)
    result.updated = len(rows) - result.created
    if dry_run:
        return result
    with transaction.atomic():
        people = _save_people(rows, departments, existing)
        if managers is not None:
            _save_managers(rows, people, managers)
    return result


def _read(text: str, result: ImportResult) -> list[_Row]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    unknown = [name for name in columns if name not in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)]
    if missing:
        result.errors.append(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
    if unknown:
        result.errors.append(
            _("Unknown columns: %(names)s (known: %(known)s).")
            % {
                "names": ", ".join(unknown),
                "known": ", ".join((*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)),
            }
        )
    if not result.ok:
        return []
    reader.fieldnames = columns
    rows = []
    for number, values in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            result.errors.append(_("More than %(max)s people in one file.") % {"max": MAX_ROWS})
            return []
        cleaned = {name: (value or "").strip() for name, value in values.items() if name}
        cleaned["email"] = cleaned.get("email", "").lower()
        if any(cleaned.values()):  # blank lines are skipped
            rows.append(_Row(number, cleaned))
    if not rows:
        result.errors.append(_("The file has no people in it."))
    return rows


def _check_rows(rows, departments, existing, result) -> dict[str, str] | None:
    """Every line's problems into result.errors; the wanted manager of each email (None when the
    file has no manager column: managers are then left as they are)."""
    languages = {code for code, _name in settings.LANGUAGES}
    seen: dict[str, int] = {}
    has_manager_column = "manager" in rows[0].values
    managers: dict[str, str] = {}

    def problem(row: _Row, text: str) -> None:
        result.errors.append(_("Line %(line)s: %(problem)s") % {"line": row.line, "problem": text})

    for row in rows:
        values = row.values
        try:
            validate_email(row.email)
        except ValidationError:
            problem(row, _("“%(email)s” is not an email address.") % {"email": row.email})
        if row.email in seen:
            problem(
                row,
                _("%(email)s is also on line %(other)s.")
                % {"email": row.email, "other": seen[row.email]},
            )
        seen.setdefault(row.email, row.line)
        if not values.get("full_name"):
            problem(row, _("The full name is empty."))
        elif len(values["full_name"]) > 150:
            problem(row, _("The full name is longer than 150 characters."))
        if len(values.get("job_title", "")) > 150:
            problem(row, _("The job title is longer than 150 characters."))
        code = values.get("department", "").upper()
        if code and code not in departments:
            problem(row, _("No department has the code “%(code)s”.") % {"code": code[:20]})
        client_type = values.get("client_type", "").lower()
        if client_type and client_type not in ClientType.values:
            problem(
                row,
                _("The client type must be one of %(types)s.")
                % {"types": ", ".join(ClientType.values)},
            )
        language = values.get("language", "").lower()
        if language and language not in languages:
            problem(
                row,
                _("The language must be one of %(codes)s.")
                % {"codes": ", ".join(sorted(languages))},
            )
        if has_manager_column:
            manager = values.get("manager", "").lower()
            managers[row.email] = manager
            if manager == row.email:
                problem(row, _("A person cannot be their own line manager."))
    if has_manager_column:
        _check_managers(rows, managers, problem)
    return managers if has_manager_column else None


def _check_managers(rows, managers, problem) -> None:
    named = {manager for manager in managers.values() if manager}
    known = set(managers) | set(
        Employee.objects.filter(email__in=named).values_list("email", flat=True)
    )
    for row in rows:
        manager = managers[row.email]
        if manager and manager not in known:
            problem(
                row,
                _("The manager %(email)s is neither in the file nor in Desk.")
                % {"email": manager[:254]},
            )
    # Who reports to whom after the import: the file's answers over what Desk knows now.
    chain = {
        email.lower(): manager.lower()
        for email, manager in Employee.objects.filter(manager__isnull=False).values_list(
            "email", "manager__email"
        )
    }
    chain |= {email: manager for email, manager in managers.items() if manager}
    for row in rows:
        walked, current = {row.email}, chain.get(row.email)
        while current and current not in walked and len(walked) <= len(chain):
            walked.add(current)
            current = chain.get(current)
        if current == row.email:
            problem(
                row,
                _("Line managers would go round in a circle back to %(email)s.")
                % {"email": row.email},
            )


def _save_people(rows, departments, existing) -> dict[str, Employee]:
    people = {}
    for row in rows:
        values = row.values
        person = existing.get(row.email) or Employee(email=row.email)
        person.full_name = values["full_name"]
        for name in ("job_title", "language"):
            if name in values:
                setattr(person, name, values[name].lower() if name == "language" else values[name])
        if "department" in values:
            person.department = departments.get(values["department"].upper())
        if values.get("client_type"):
            person.client_type = values["client_type"].lower()
        if person.pk is None:
            person.set_unusable_password()
        person.save()
        people[row.email] = person
    return people


def _save_managers(rows, people, managers) -> None:
    outside = {
        e.email.lower(): e
        for e in Employee.objects.filter(
            email__in=[m for m in managers.values() if m and m not in people]
        )
    }
    for row in rows:
        manager_email = managers[row.email]
        manager = (
            (people.get(manager_email) or outside.get(manager_email)) if manager_email else None
        )
        person = people[row.email]
        if person.manager_id != (manager.pk if manager else None):
            person.manager = manager
            person.save(update_fields=["manager"])
