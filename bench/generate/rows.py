"""Writing generated rows into one table: COPY on PostgreSQL, executemany on SQLite (the tests'
tiny companies); columns not given take their model default."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection


class Writer:
    """Rows into one table: COPY on PostgreSQL, executemany elsewhere.

    Rows carry Python values for `attnames`; every other concrete column gets its model default, so
    a column added to a model later does not break the generator (a required column without a
    default does, with a clear message).
    """

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"

    def _layout(self, model, attnames: Sequence[str]):
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = set(attnames) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no column(s) {sorted(unknown)}")
        given = [fields[name] for name in attnames]
        # Columns not given take their default; an auto-incremented key is left to the database.
        rest = [f for name, f in fields.items() if name not in attnames and not f.primary_key]
        for f in rest:
            if not (f.has_default() or f.null or f.empty_strings_allowed):
                raise ValueError(f"The generator must fill {model.__name__}.{f.attname}")
        tail = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
        return given, rest, tail

    def write(self, model, attnames: Sequence[str], rows: Iterable[tuple]) -> int:
        given, rest, tail = self._layout(model, attnames)
        columns = [f.column for f in given + rest]
        quote = connection.ops.quote_name
        table = quote(model._meta.db_table)
        names = ", ".join(quote(c) for c in columns)
        count = 0
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    write = copy.write_row
                    for row in rows:
                        write(row + tail if tail else row)
                        count += 1
                return count
            converters = [_sqlite_converter(f) for f in given]
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
            batch = []
            for row in rows:
                batch.append(
                    tuple(
                        conv(v) if v is not None else None
                        for conv, v in zip(converters, row, strict=True)
                    )
                    + tail
                )
                if len(batch) >= 2_000:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
        return count


def _sqlite_converter(f):
    ops = connection.ops
    internal = f.get_internal_type()
    if internal == "DateTimeField":
        return ops.adapt_datetimefield_value
    if internal == "TimeField":
        return ops.adapt_timefield_value
    if internal == "BooleanField":
        return int
    return lambda value: value
