# The covering index of 0005 (request_dept_status_cover) served the queue's counts of every state
# over the department's whole history. The queue now counts the open states exactly and the
# finished ones up to a cap (desk.selectors.queue_counts), through request_dept_status_due; the
# benchmark's plans at 1M no longer use the covering index, and it costs every write. PostgreSQL
# only, dropped CONCURRENTLY (hence atomic = False) so writes go on meanwhile.

from django.db import migrations

NAME = "request_dept_status_cover"
DEFINITION = "ON desk_request (department_id, status, due_at) INCLUDE (id)"


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {NAME}")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {NAME} {DEFINITION}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("desk", "0006_report_indexes"),
    ]

    operations = [
        migrations.RunPython(drop_index, create_index, elidable=False),
    ]
