# The queue's default view (open requests, soonest due first) from a small partial index of the
# open requests: its first page reads 50 index entries instead of filtering the department's
# whole (department, due_at) range by state (issue 11). Built CONCURRENTLY on PostgreSQL, as in
# 0006_report_indexes, whose operation this reuses.

import importlib

from django.conf import settings
from django.db import migrations, models

AddIndexConcurrentlyOnPostgres = importlib.import_module(
    "desk.migrations.0006_report_indexes"
).AddIndexConcurrentlyOnPostgres


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("departments", "0005_rates"),
        ("desk", "0014_status_counts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="request",
            index=models.Index(
                condition=models.Q(("status__in", ["new", "in_progress", "waiting"])),
                fields=["department", "due_at", "id"],
                name="request_dept_open_due",
            ),
        ),
    ]
