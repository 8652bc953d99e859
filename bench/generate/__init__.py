"""A realistic company for the benchmark, written straight into the database.

`generate(plan)` writes 10 departments with their working hours, 120 services, 5,000 employees of
every client type, the departments' teams, N requests spread over three years (fewer at weekends,
slowly growing), 3-6 timeline events per request, and ratings of 40% of the closed requests. Rows are
produced by plain Python loops (one seeded random generator: the same plan gives the same company)
and written with COPY on PostgreSQL, or executemany on SQLite (the tests' tiny companies).

Consistency: every request follows one life. It is filed; most are taken (assigned and in progress at
the first response), resolved, then closed by the requester's confirmation or by the 7-day
auto-close; 4% are cancelled and 2% are abandoned open (the backlog every real desk has). Where that
life stands at `now` sets the status and which of first_response_at, resolved_at and closed_at are
written, so the old requests are closed and the recent ones spread over every state.

Business time is approximated (documented in bench/README.md): every department works Monday to
Friday 08:00-16:00 Central European *standard* time, i.e. 07:00-15:00 UTC all year, with no
holidays. Durations are drawn in working seconds and turned into instants with a closed-form
formula, so resolution_business_seconds, first_response_business_seconds, due_at and met_target
agree with each other exactly; against Desk's own calendar (which follows summer time) they can be an
hour off in summer.

This package's modules: plan (sizes, Plan, Company, the business clock), words (the vocabulary),
rows (COPY / executemany), organisation, lives (requests, events, feedback); this module owns
`generate()` and the bulk load on PostgreSQL (secondary indexes dropped and rebuilt).
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime

from django.core.management.color import no_style
from django.db import connection

from bench.generate.lives import (
    EVENT_COLUMNS,
    FEEDBACK_COLUMNS,
    REQUEST_COLUMNS,
    Lives,
    filing_times,
)
from bench.generate.organisation import build_organisation
from bench.generate.plan import (  # noqa: F401 (the names the benchmark and the tests import)
    ADMIN_EMAIL,
    BUSY_TITLE,
    HEAD_EMAIL,
    PASSWORD,
    SEARCH_WORD,
    SIZES,
    Company,
    Plan,
)
from bench.generate.rows import Writer
from departments.models import (
    Department,
    Employee,
    Membership,
    Service,
    WorkingHours,
)
from desk import status_counts
from desk.models import Event as RequestEvent
from desk.models import Request
from feedback.models import Feedback

# --- bulk loading on PostgreSQL -----------------------------------------------------------------------

BIG_MODELS = (Request, RequestEvent, Feedback)


def _drop_secondary(cursor, table: str) -> list[str]:
    """Drop a table's indexes, unique and foreign-key constraints (not its primary key); return
    the statements that recreate them. Loading without them and rebuilding is several times
    faster than maintaining 16 indexes row by row."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY contype DESC, conname",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
        "JOIN pg_class i ON i.oid = x.indexrelid "
        "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid "
        "AND c.conrelid = x.indrelid) ORDER BY i.relname",
        [table],
    )
    indexes = cursor.fetchall()
    quote = connection.ops.quote_name
    for name, _definition in constraints:
        cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {quote(name)}")
    restore = [definition for _name, definition in indexes]
    # Unique constraints before foreign keys: a foreign key may need the unique index.
    restore += [
        f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}"
        for name, definition in constraints
    ]
    return restore


def generate(
    plan: Plan, *, now: datetime | None = None, fast_load: bool = False, log=None
) -> Company:
    """Write the company into the default database, which must hold no Desk data yet.

    fast_load (PostgreSQL only, outside a transaction): drop the big tables' secondary indexes and
    constraints for the load and rebuild them after; then VACUUM ANALYZE.
    """
    log = log or (lambda message: None)
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    now_ts = now.timestamp()
    rng = random.Random(plan.seed)
    writer = Writer()
    company = Company(now=now)
    began = time.perf_counter()
    fast_load = fast_load and writer.postgres
    restore: list[str] = []
    with connection.cursor() as cursor:
        if writer.postgres:
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SET maintenance_work_mem = '512MB'")
        if fast_load:
            for model in BIG_MODELS:
                restore += _drop_secondary(cursor, model._meta.db_table)

    org = build_organisation(plan, rng, writer, now)
    company.head_id, company.admin_id = 2, 1
    company.department_ids = [pk for pk, *_rest in org.departments]
    company.seconds["organisation"] = time.perf_counter() - began

    began = time.perf_counter()
    lives = Lives(plan, rng, org, now_ts)
    times = filing_times(plan, rng, now_ts)
    for offset in range(0, len(times), plan.chunk):
        requests, events, feedback = [], [], []
        for n, created in enumerate(times[offset : offset + plan.chunk], start=offset + 1):
            requests.append(lives.life(n, created, events, feedback))
        if offset + plan.chunk >= len(times):
            company.busy_request_id = len(times) + 1
            requests.append(
                lives.busy(company.busy_request_id, org.departments[0][0], plan.busy_events, events)
            )
        company.requests += writer.write(Request, REQUEST_COLUMNS, requests)
        company.events += writer.write(RequestEvent, EVENT_COLUMNS, events)
        company.feedback += writer.write(Feedback, FEEDBACK_COLUMNS, feedback)
        log(f"  {company.requests:,} requests, {company.events:,} events written")
    company.seconds["rows"] = time.perf_counter() - began

    began = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in restore:
            cursor.execute(statement)
        company.seconds["indexes"] = time.perf_counter() - began
        models = [Department, Service, Employee, Membership, WorkingHours, *BIG_MODELS]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
        cursor.execute(
            "UPDATE departments_department SET last_request_number = COALESCE("
            "(SELECT MAX(number) FROM desk_request r WHERE r.department_id = "
            "departments_department.id), 0)"
        )
    # The queue's state counts (desk/status_counts.py) as the beat task leaves them: one row per
    # department and state, not one per chunk written.
    status_counts.compact()
    began = time.perf_counter()
    if fast_load:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    elif writer.postgres:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    company.seconds["analyze"] = time.perf_counter() - began
    return company
