"""Recompute the report cells of any range of days, for all departments or some.

    manage.py recompute_reports --from 2026-01-01 --to 2026-06-30 [--department IT]

Every week and month that overlaps the range is recomputed whole. Safe to run at any time, also
while workers run: cells are replaced, never added to.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from departments.models import Department
from feedback import periods, reports


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{value!r} is not a date like 2026-01-31.") from None


class Command(BaseCommand):
    help = "Recompute report cells (weeks and months) from requests and feedback."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--from", dest="first", help="First day (YYYY-MM-DD); default: 13 months ago."
        )
        parser.add_argument("--to", dest="last", help="Last day (YYYY-MM-DD); default: today.")
        parser.add_argument(
            "--department",
            action="append",
            default=[],
            help="A department's code or slug (repeatable); default: all departments.",
        )

    def handle(self, *args, first=None, last=None, department=(), **options) -> None:
        default_first, today = reports.recent_range()
        first_day = _day(first) if first else default_first
        last_day = _day(last) if last else today
        if last_day < first_day:
            raise CommandError("--to must not be before --from.")
        department_ids = None
        if department:
            rows = list(
                Department.objects.filter(
                    Q(code__in=department) | Q(slug__in=department)
                ).values_list("pk", "code", "slug")
            )
            names = {name for _pk, code, slug in rows for name in (code, slug)}
            unknown = [name for name in department if name not in names]
            if unknown:
                raise CommandError(f"No department with the code or slug: {', '.join(unknown)}.")
            department_ids = {pk for pk, _code, _slug in rows}
        written = reports.recompute_range(first_day, last_day, department_ids)
        weeks = len(periods.starts_between("week", first_day, last_day))
        months = len(periods.starts_between("month", first_day, last_day))
        self.stdout.write(
            self.style.SUCCESS(
                f"{written} cells written for {weeks} weeks and {months} months "
                f"from {first_day} to {last_day}."
            )
        )
