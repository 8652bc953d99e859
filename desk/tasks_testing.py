"""A task for the fault tests only: registered when DESK_TEST_TASKS=1 (settings.CELERY_INCLUDE).

`slow_mark(key, seconds)` records that it started, sleeps, then writes one row for `key`,
idempotently. A worker killed during the sleep leaves a start but no row; the task's message
comes back (acks_late) and a second worker writes the row once. The tables are made on first use
so that no migration carries test scaffolding.
"""

from __future__ import annotations

import os
import time

from celery import shared_task
from django.db import connection, transaction

STARTS_TABLE = "desk_testing_task_start"
DONE_TABLE = "desk_testing_task_done"


def ensure_tables() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {STARTS_TABLE} (key varchar(100) NOT NULL, pid integer)"
        )
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {DONE_TABLE} (key varchar(100) PRIMARY KEY, pid integer)"
        )


def drop_tables() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STARTS_TABLE}")
        cursor.execute(f"DROP TABLE IF EXISTS {DONE_TABLE}")


@shared_task(name="desk.tasks_testing.slow_mark")
def slow_mark(key: str, seconds: float) -> None:
    ensure_tables()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {STARTS_TABLE} (key, pid) VALUES (%s, %s)", [key, os.getpid()])
    time.sleep(seconds)
    with transaction.atomic(), connection.cursor() as cursor:
        # A second run of the same key changes nothing: that is what idempotent means here.
        cursor.execute(
            f"INSERT INTO {DONE_TABLE} (key, pid) VALUES (%s, %s) ON CONFLICT (key) DO NOTHING",
            [key, os.getpid()],
        )
