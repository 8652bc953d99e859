"""`manage.py load_demo`: the demo company for `make demo`, and the logins to try it with.

Safe to run again: when the demo is already there it only prints the logins. `--reset` deletes
the demo's rows (nothing else) and builds it afresh. The history ends at midnight today (Warsaw),
so the same seed on the same day gives the same data; `--date` pins the day for screenshots.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from demo import company
from demo.common import DEFAULT_SEED, PASSWORD
from desk.models import Event, Status


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--date wants a day as YYYY-MM-DD, not {value!r}.") from exc


class Command(BaseCommand):
    help = (
        "Load the demo company (Kestrel Foods): departments, services, people, half a year "
        "of requests with their ratings, and the reports computed from them; print logins to "
        "try it with. Running it again changes nothing; "
        "--reset rebuilds it. The history ends at midnight today (Europe/Warsaw), so the same "
        "seed on the same day gives the same data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seed of the random choices (default {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--date",
            dest="day",
            type=_day,
            metavar="YYYY-MM-DD",
            help="Build the history up to this day instead of today (for stable screenshots).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo's departments, people, their requests, ratings and report "
            "cells, then build it again.",
        )

    def handle(self, *args, seed: int, day: date | None, reset: bool, **options) -> None:
        # One transaction: a reset whose rebuild fails leaves the old demo in place.
        with transaction.atomic():
            if reset:
                removed = company.demo_delete()
                self.stdout.write(f"Removed the demo data ({removed} requests).")
            if company.demo_exists():
                self.stdout.write("Demo data already loaded (use --reset to rebuild it).")
            else:
                self._build(seed, day)
        self._print_logins()

    def _build(self, seed: int, day: date | None) -> None:
        conflicts = company.demo_conflicts()
        if conflicts:
            raise CommandError(
                "The database already has rows the demo would duplicate: "
                + ", ".join(conflicts)
                + ". Load the demo into a fresh database (for SQLite, delete db.sqlite3 and "
                "migrate again), or run with --reset if they are left over from an earlier demo."
            )
        started = time.monotonic()
        built = company.build_demo(seed=seed, today=day)
        org = built.organisation
        statuses = Counter(request.status for request in built.requests)
        events = Event.objects.filter(request__in=built.requests).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the demo company: {len(org.departments)} departments, "
                f"{len(org.services)} services, {len(org.people)} people, "
                f"{len(built.requests)} requests with {events} timeline events, "
                f"{len(built.feedback)} ratings and {built.report_cells} report cells "
                f"(history until {built.anchor:%Y-%m-%d} 00:00 Warsaw time, seed {seed}, "
                f"{time.monotonic() - started:.1f} s)."
            )
        )
        self.stdout.write(
            "Requests: "
            + ", ".join(f"{statuses[value]} {label.lower()}" for value, label in Status.choices)
            + "."
        )

    def _print_logins(self) -> None:
        logins = company.demo_logins()
        url = settings.DESK_BASE_URL + "/"
        rows = [("Log in as", "Email", "Who")] + [
            (login.role, login.email, f"{login.name}, {login.job_title}: {login.what}")
            for login in logins
        ]
        widths = [max(len(row[column]) for row in rows) for column in range(2)]
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Desk demo: open {url}"))
        self.stdout.write(f"Every demo account's password is: {PASSWORD}")
        self.stdout.write("")
        for index, (role, email, who) in enumerate(rows):
            line = f"  {role.ljust(widths[0])}  {email.ljust(widths[1])}  {who}"
            self.stdout.write(self.style.MIGRATE_LABEL(line) if index == 0 else line)
        self.stdout.write("")
