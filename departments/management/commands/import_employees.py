"""manage.py import_employees people.csv [--dry-run]: see departments/people_import.py."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from departments.people_import import OPTIONAL_COLUMNS, REQUIRED_COLUMNS, import_employees


class Command(BaseCommand):
    help = (
        "Create or update employees from a CSV file with the columns "
        f"{', '.join(REQUIRED_COLUMNS)} and optionally {', '.join(OPTIONAL_COLUMNS)} "
        "(department by its reference code, manager by email). Nothing changes if a line is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and say what would change."
        )

    def handle(self, *args, path: Path, dry_run: bool, **options):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        result = import_employees(text, dry_run=dry_run)
        if not result.ok:
            raise CommandError("Nothing was imported:\n" + "\n".join(result.errors))
        verb = "Would create" if dry_run else "Created"
        self.stdout.write(f"{verb} {result.created} and update {result.updated} employees.")
