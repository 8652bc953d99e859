# Indexes found by the benchmark (bench/results.md, issue 7). PostgreSQL only: on SQLite this
# migration does nothing. They are plain SQL rather than Meta.indexes because the trigram operator
# class and INCLUDE have no portable form; Django's model state does not track them, so
# `makemigrations --check` stays clean.
#
# - request_title_trgm, request_description_trgm: the queue's text search is
#   `UPPER(title) LIKE UPPER('%word%') OR UPPER(description) LIKE ...` (icontains), which no B-tree
#   can serve; with these GIN trigram indexes PostgreSQL combines both sides in a BitmapOr instead of
#   reading every request of the department (1M requests: the count of a search over all states
#   went from ~400 ms to ~40 ms).
# - request_dept_status_cover: the queue's counts aggregate COUNT(id) per state over all of the
#   department's requests; with the id in the index they are read from the index alone (1M: about
#   5x faster). Redundant once desk.selectors.queue_counts counts `*` instead of the primary key:
#   request_dept_status_due then serves the same index-only scan.
#
# Built CONCURRENTLY (hence atomic = False), so that applying this to a large live table does not
# block filing and workflow writes meanwhile.

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "request_title_trgm": "ON desk_request USING gin (UPPER(title::text) gin_trgm_ops)",
    "request_description_trgm": "ON desk_request USING gin (UPPER(description) gin_trgm_ops)",
    "request_dept_status_cover": "ON desk_request (department_id, status, due_at) INCLUDE (id)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    created = False
    with schema_editor.connection.cursor() as cursor:
        for name, definition in INDEXES.items():
            # A concurrent build that failed leaves an invalid index behind: build it again.
            cursor.execute(
                "SELECT x.indisvalid FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                "WHERE i.relname = %s",
                [name],
            )
            found = cursor.fetchone()
            if found and found[0]:
                continue
            if found:
                cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")
            cursor.execute(f"CREATE INDEX CONCURRENTLY {name} {definition}")
            created = True
        if created:
            # Statistics of the indexed expressions exist only after an ANALYZE. Without them the
            # planner guesses that a search matches 100 rows and prefers the trigram indexes even
            # where a service filter is far more selective (1M: 110 ms instead of 28 ms).
            cursor.execute("ANALYZE desk_request")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("desk", "0004_saved_views"),
    ]

    operations = [
        # Skipped by Django on databases other than PostgreSQL.
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
