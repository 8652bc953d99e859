"""How many requests each department has in each state, kept by PostgreSQL (issue 11).

Migration 0011 gives desk_request three statement-level triggers: every INSERT, UPDATE and DELETE
appends to desk_statuscount one row per (department, state) whose number it changed, with the
change (+n / -n), in the same transaction. Rows are only ever appended, so concurrent changes never
wait for one another on a counter; `compact` (a periodic task) folds them into one row per
department and state. A department's number of requests in a state is the sum of its rows.

The queue's default view (the whole department) counts every state from here
(desk.selectors.queue_counts) instead of reading the department's index entries: up to 10,001
for each finished state, thousands for the open ones. Other databases have no
triggers: `available()` says whether the table is there to be read.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Expression, IntegerField

TABLE = "desk_statuscount"


def available() -> bool:
    return connection.vendor == "postgresql"


class StateCount(Expression):
    """The department's number of requests in a state, as a value of the outer SELECT."""

    output_field = IntegerField()

    def __init__(self, department_id: int, status: str) -> None:
        super().__init__()
        self.department_id, self.status = int(department_id), str(status)

    def as_sql(self, compiler, connection):
        return (
            f"(SELECT COALESCE(SUM(delta), 0) FROM {TABLE}"
            " WHERE department_id = %s AND status = %s)",
            [self.department_id, self.status],
        )

    def get_group_by_cols(self):
        return []  # a constant of the statement: nothing to group by


def counts(department_id: int) -> dict[str, int]:
    """Every state's number of requests in the department (states without any left out)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT status, SUM(delta) FROM {TABLE} WHERE department_id = %s GROUP BY status",
            [department_id],
        )
        return {status: int(total) for status, total in cursor.fetchall() if total}


def compact() -> int:
    """Fold the appended rows into one per department and state; returns how many rows were
    folded. Safe beside writers (rows appended meanwhile are left for the next run) and beside
    another compaction (a row is deleted, and so summed, once)."""
    if not available():
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            WITH folded AS (DELETE FROM {TABLE} RETURNING department_id, status, delta),
            summed AS (
                INSERT INTO {TABLE} (department_id, status, delta)
                SELECT department_id, status, SUM(delta) FROM folded GROUP BY 1, 2
                HAVING SUM(delta) <> 0
            )
            SELECT COUNT(*) FROM folded
            """
        )
        return cursor.fetchone()[0]
