"""Independent statements sent to the database together: one round trip instead of one each.

A request page asks PostgreSQL for its timeline, its staff's lists and the top bar's counts, and
none of them needs another's answer. Each exchange with the database costs both processes a
wake-up and a few system calls, more CPU than these small indexed statements themselves (a page
of seven statements spent a third of its database time on the exchanges).

Each reader is written as a generator: it yields its statement, (sql, params), receives the rows,
and returns what it makes of them. It may yield again for a follow-up statement, or return at
once when it has nothing to ask.

    def top_bar_steps(user):
        rows = yield sql, params
        return rows[0]

run(*readers) advances every reader to its statement, sends the statements in psycopg's pipeline
mode (PostgreSQL answers them in order, in one exchange) and gives each reader its rows; readers
that ask again go together in the next exchange. Elsewhere (SQLite) the statements run one after
the other. one(reader) runs a single reader, for the callers that need only it.
"""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections

T = TypeVar("T")
Statement = tuple[str, Sequence]
Reader = Generator[Statement, list[tuple], T]


def run(*readers: Reader | None, using: str = DEFAULT_DB_ALIAS) -> list[Any]:
    """Each reader's result, in order (None for a None reader)."""
    results: list[Any] = [None] * len(readers)
    asking: dict[int, Statement] = {}
    for index, reader in enumerate(readers):
        if reader is not None:
            _step(readers, index, None, asking, results)
    while asking:
        exchange = list(asking.items())
        asking = {}
        answers = _execute([statement for _index, statement in exchange], using)
        for (index, _statement), rows in zip(exchange, answers, strict=True):
            _step(readers, index, rows, asking, results)
    return results


def one(reader: Reader[T], using: str = DEFAULT_DB_ALIAS) -> T:
    return run(reader, using=using)[0]


def _step(readers, index: int, rows, asking: dict, results: list) -> None:
    try:
        asking[index] = readers[index].send(rows)
    except StopIteration as finished:
        results[index] = finished.value


def _execute(statements: list[Statement], using: str) -> list[list[tuple]]:
    connection = connections[using]
    if len(statements) == 1 or connection.vendor != "postgresql":
        answers = []
        for sql, params in statements:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                answers.append(cursor.fetchall())
        return answers
    connection.ensure_connection()
    cursors = []
    try:
        # Django's cursors, so that its wrappers (errors, logging, query capture) see each one.
        with connection.connection.pipeline():
            for sql, params in statements:
                cursor = connection.cursor()
                cursors.append(cursor)
                cursor.execute(sql, params)
            return [cursor.fetchall() for cursor in cursors]
    finally:
        for cursor in cursors:
            cursor.close()
