"""Percentiles in SQL: PercentileCont is PostgreSQL's percentile_cont as a Django aggregate, and
the same aggregate registered in SQLite (same interpolation), so medians and 90th percentiles are
computed by the database on both."""

from __future__ import annotations

import math

from django.db.models import Aggregate, FloatField


class _SqlitePercentile:
    """percentile_cont for SQLite: the same linear interpolation as PostgreSQL's."""

    def __init__(self) -> None:
        self.values: list[float] = []
        self.fraction = 0.5

    def step(self, value, fraction) -> None:
        if value is not None:
            self.values.append(float(value))
            self.fraction = float(fraction)

    def finalize(self) -> float | None:
        return percentile_cont(self.values, self.fraction)


def percentile_cont(values: list[float], fraction: float) -> float | None:
    """PostgreSQL's percentile_cont: interpolate between the two nearest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    lower = math.floor(position)
    upper = math.ceil(position)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


SQLITE_PERCENTILE = "desk_percentile_cont"


class PercentileCont(Aggregate):
    """percentile_cont(fraction) WITHIN GROUP (ORDER BY expression), on PostgreSQL and SQLite."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra) -> None:
        fraction = float(fraction)
        if not 0.0 <= fraction <= 1.0:
            raise ValueError("A percentile is a fraction between 0 and 1.")
        # A literal from code, never from input: it is formatted into the SQL as a number.
        super().__init__(expression, fraction=repr(fraction), **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        # Registered on each use: cheap, and it works whatever opened the connection.
        connection.ensure_connection()
        connection.connection.create_aggregate(SQLITE_PERCENTILE, 2, _SqlitePercentile)
        clone = self.copy()
        clone.function = SQLITE_PERCENTILE
        clone.template = "%(function)s(%(expressions)s, %(fraction)s)"
        return clone.as_sql(compiler, connection, **extra_context)
