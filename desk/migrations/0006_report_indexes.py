# Indexes for the report figures of a department-period (feedback.reports): each timestamp's range
# within the department, and the requests still open for the backlog.
#
# On PostgreSQL they are built CONCURRENTLY (hence atomic = False): on a live table of a million
# requests a plain CREATE INDEX would hold up filing and workflow writes while it runs. A
# concurrent build that failed leaves an invalid index behind, which is dropped and built again.
# Other databases (the embedded SQLite) get plain indexes.

from django.conf import settings
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class AddIndexConcurrentlyOnPostgres(AddIndexConcurrently):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return migrations.AddIndex.database_forwards(
                self, app_label, schema_editor, from_state, to_state
            )
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT x.indisvalid FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                "WHERE i.relname = %s",
                [self.index.name],
            )
            found = cursor.fetchone()
            if found and found[0]:
                return None
            if found:
                cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {self.index.name}")
        return super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return migrations.AddIndex.database_backwards(
                self, app_label, schema_editor, from_state, to_state
            )
        return super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("departments", "0003_polish_field_labels"),
        ("desk", "0005_bench_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="request",
            index=models.Index(fields=["department", "resolved_at"], name="request_dept_resolved"),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="request",
            index=models.Index(fields=["department", "closed_at"], name="request_dept_closed"),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="request",
            index=models.Index(
                fields=["department", "first_response_at"], name="request_dept_first_response"
            ),
        ),
        AddIndexConcurrentlyOnPostgres(
            model_name="request",
            index=models.Index(
                condition=models.Q(("closed_at__isnull", True), ("resolved_at__isnull", True)),
                fields=["department", "created_at"],
                name="request_dept_open",
            ),
        ),
    ]
