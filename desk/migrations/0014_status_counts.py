# Issue 11: the queue's counts of closed and cancelled requests from a small table kept by the
# database in the same transaction as every change of a request's state, instead of counting up
# to 10,001 rows of desk_request on every first view after a change (desk/status_counts.py).
#
# PostgreSQL only: statement-level triggers with transition tables append one row per department
# and state whose number changed (+n / -n): no row is updated in place, so concurrent changes
# never wait for each other or deadlock on a counter. A periodic task folds the rows into one per
# department and state. Other databases (SQLite: tests and the demo) keep counting desk_request.
# No model: the table is written by the triggers and read with SQL (desk/status_counts.py).

from django.db import migrations

TABLE = "desk_statuscount"

FORWARD = [
    f"""
    CREATE TABLE {TABLE} (
        id bigserial PRIMARY KEY,
        department_id bigint NOT NULL,
        status varchar(32) NOT NULL,
        delta bigint NOT NULL
    )
    """,
    f"CREATE INDEX {TABLE}_department_status ON {TABLE} (department_id, status) INCLUDE (delta)",
    # One function for the three triggers: the rows that left a (department, state) count -1,
    # those that arrived +1; an UPDATE that moved nothing (most of them) writes nothing.
    f"""
    CREATE FUNCTION desk_request_status_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'INSERT' THEN
            INSERT INTO {TABLE} (department_id, status, delta)
            SELECT department_id, status, COUNT(*) FROM new_rows GROUP BY 1, 2;
        ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO {TABLE} (department_id, status, delta)
            SELECT department_id, status, -COUNT(*) FROM old_rows GROUP BY 1, 2;
        ELSE
            INSERT INTO {TABLE} (department_id, status, delta)
            SELECT department_id, status, SUM(delta) FROM (
                SELECT department_id, status, -1 AS delta FROM old_rows
                UNION ALL
                SELECT department_id, status, 1 AS delta FROM new_rows
            ) AS moved
            GROUP BY 1, 2
            HAVING SUM(delta) <> 0;
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER desk_request_status_count_insert AFTER INSERT ON desk_request
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION desk_request_status_count()
    """,
    """
    CREATE TRIGGER desk_request_status_count_update AFTER UPDATE ON desk_request
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION desk_request_status_count()
    """,
    """
    CREATE TRIGGER desk_request_status_count_delete AFTER DELETE ON desk_request
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION desk_request_status_count()
    """,
    # TRUNCATE (manage.py flush, the tests' flushes) removes rows without DELETE triggers.
    f"""
    CREATE FUNCTION desk_request_status_count_clear() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM {TABLE};
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER desk_request_status_count_truncate AFTER TRUNCATE ON desk_request
    FOR EACH STATEMENT EXECUTE FUNCTION desk_request_status_count_clear()
    """,
    # The requests there are already (creating the triggers locked the table against writes).
    f"""
    INSERT INTO {TABLE} (department_id, status, delta)
    SELECT department_id, status, COUNT(*) FROM desk_request GROUP BY 1, 2
    """,
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS desk_request_status_count_insert ON desk_request",
    "DROP TRIGGER IF EXISTS desk_request_status_count_update ON desk_request",
    "DROP TRIGGER IF EXISTS desk_request_status_count_delete ON desk_request",
    "DROP TRIGGER IF EXISTS desk_request_status_count_truncate ON desk_request",
    "DROP FUNCTION IF EXISTS desk_request_status_count()",
    "DROP FUNCTION IF EXISTS desk_request_status_count_clear()",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0013_event_left_waiting"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False),
    ]
