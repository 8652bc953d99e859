"""Querysets whose SQL is built once per process and run again with new values.

Building and compiling a queryset's SQL costs the ORM more CPU than PostgreSQL spends answering a
small indexed query: opening a request took 0.8 ms of compiling for a 0.4 ms query. The few
queries that every page runs (the person's teams, the request being opened, its timeline) are
written as usual, as a function from values to a queryset, and wrapped here:

    _TEAMS = CompiledQuery(lambda employee_id: Membership.objects.filter(employee_id=employee_id))
    memberships = _TEAMS.fetch(employee_id=user.pk)

The first call of each shape (the values' types, the length of each tuple, and each True/False
as it is) builds the queryset with stand-in values, compiles it, and notes where each value goes
among the statement's parameters. Later calls run that statement with the real values and make
what the queryset's own iteration makes: model instances with their select_related relations,
or the dicts of `values()`, the database's values converted as the ORM converts them.

A True or False, a None, or a value wrapped in `Fixed` (a sort key from an allowlist, a page's
slice) is not a parameter but part of the shape: the function gets it as it is, to choose among
filters (`if not internal: events = events.public()`, `if service is not None: ...`). Integers,
strings, tuples of them and aware date-times are parameters.

`reader(queryset)` is the same reading of a queryset compiled there and then, for statements whose
shape follows the person's input (the queue's filters): it saves no compiling, but lets the
statement go to the database with others (desk.together).

A value that the ORM would rewrite (an `icontains` pattern, a model instance) cannot be found
among the parameters, and the first call says so rather than run a wrong statement. Only for
plain filters: the statement is compiled once, so nothing in it may depend on the moment, the
time zone or the language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.models.query import (
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)

from desk import together

# Stand-in values, unlike any constant of a statement; integers within a small integer column's
# range, or the ORM would drop the condition (Django's IntegerFieldOverflow); date-times far in
# the future, told apart by their microseconds.
_INT_STAND_IN = 32_000
_STR_STAND_IN = "\uffffdesk-stand-in-{}"
_DATETIME_STAND_IN = datetime(2999, 12, 31, 23, 59, 59, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Fixed:
    """A value that is part of a statement's shape (see the module's docstring)."""

    value: Any


_MAX_SHAPES = 256


@dataclass(frozen=True, slots=True)
class _Plan:
    sql: str
    # Per parameter: (name, index within a tuple or None, the type the backend wraps it in) for a
    # value, or (None, constant, None).
    params: tuple[tuple[str | None, Any, type | None], ...]
    converters: dict[int, tuple[list, Any]]
    # Model instances: the model, its columns' attribute names and positions, the relations.
    model: type[Model] | None = None
    init_list: list[str] | None = None
    fields: slice | None = None
    populators: list | None = None
    # values(): the dicts' keys, in the row's order.
    names: list[str] | None = None
    tuples: bool = False  # values_list(): the rows as tuples

    def results(self, rows: list[tuple], using: str) -> list:
        """What iterating the queryset gives for these rows."""
        if self.converters:
            connection = connections[using]
            rows = [_converted(row, self.converters, connection) for row in rows]
        if self.tuples:
            return [tuple(row) for row in rows]
        if self.names is not None:
            return [dict(zip(self.names, row, strict=True)) for row in rows]
        found = []
        for row in rows:
            instance = self.model.from_db(using, self.init_list, row[self.fields])
            for populator in self.populators:
                populator.populate(row, instance)
            found.append(instance)
        return found


class CompiledQuery:
    def __init__(self, build: Callable[..., QuerySet], using: str = DEFAULT_DB_ALIAS):
        self.build = build
        self.using = using
        self._plans: dict[tuple, _Plan | None] = {}

    def fetch(self, **values) -> list:
        """What `list(build(**values))` gives, in one query."""
        return together.one(self.reader(**values), using=self.using)

    def reader(self, **values) -> together.Reader[list]:
        """fetch() as a reader of desk.together, to send with other statements."""
        shape = tuple((name, _kind(value)) for name, value in sorted(values.items()))
        try:
            plan = self._plans[shape]
        except KeyError:
            if len(self._plans) >= _MAX_SHAPES:
                self._plans.clear()
            plan = self._plans[shape] = self._compile(values)
        if plan is None:  # a condition that nothing meets, such as an empty IN list
            return []
        params = [
            constant_or_index if name is None else _value(values[name], constant_or_index, wrap)
            for name, constant_or_index, wrap in plan.params
        ]
        rows = yield plan.sql, params
        return plan.results(rows, self.using)

    def _compile(self, values: dict) -> _Plan | None:
        # stand-in -> (name, index within a tuple or None, what adapts the real value or None)
        stand_ins: dict[Any, tuple[str, int | None, Any]] = {}
        arguments = {}
        for name, value in values.items():
            if _is_shape(value):
                arguments[name] = value.value if isinstance(value, Fixed) else value
            elif isinstance(value, tuple):
                arguments[name] = tuple(
                    _stand_in(item, stand_ins, name, i) for i, item in enumerate(value)
                )
            else:
                arguments[name] = _stand_in(value, stand_ins, name, None)
        queryset = self.build(**arguments)
        compiled = _compiled(queryset, self.using, repr(self.build))
        if compiled is None:
            return None
        sql, params, plan = compiled
        # A date-time reaches the parameters as the backend adapts it (a string on SQLite).
        adapt = connections[self.using].ops.adapt_datetimefield_value
        for stand_in, where in list(stand_ins.items()):
            if isinstance(stand_in, datetime) and (adapted := adapt(stand_in)) is not stand_in:
                stand_ins[adapted] = (*where[:2], adapt)
        placed, found = [], set()
        for param in params:
            where = stand_ins.get(param) if isinstance(param, int | str | datetime) else None
            if where is None:
                placed.append((None, param, None))
                continue
            name, index, wrap = where
            if wrap is None and type(param) not in (int, str, datetime):
                # psycopg's backend wraps some integers (Int4(7)): the same type wraps the real
                # value.
                wrap = type(param)
            placed.append((name, index, wrap))
            found.add((name, index))
        missing = {where[:2] for where in stand_ins.values()} - found
        if missing:
            raise ImproperlyConfigured(
                f"{self.build!r}: the statement does not take the values {sorted(map(str, missing))}"
                " as they are; give the ORM database values (ids, plain strings)."
            )
        return replace(plan, sql=sql, params=tuple(placed))


def reader(queryset: QuerySet, using: str = DEFAULT_DB_ALIAS) -> together.Reader[list]:
    """What `list(queryset)` gives, as a reader of desk.together, compiled now."""
    compiled = _compiled(queryset, using, "This queryset")
    if compiled is None:  # a condition that nothing meets
        return []
    sql, params, plan = compiled
    rows = yield sql, params
    return plan.results(rows, using)


def _compiled(queryset: QuerySet, using: str, name: str) -> tuple[str, tuple, _Plan] | None:
    """The queryset's statement, its parameters, and how to make its results (None when nothing
    can match). Instances, values() and values_list() tuples."""
    query = queryset.query
    iterable = queryset._iterable_class
    if iterable not in (ModelIterable, ValuesIterable, ValuesListIterable) or query.extra_select:
        raise ImproperlyConfigured(f"{name}: only instances, values() or values_list() are read.")
    compiler = query.get_compiler(using=using)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    select = compiler.select
    converters = compiler.get_converters([column[0] for column in select[: compiler.col_count]])
    if iterable is ValuesListIterable:
        return sql, params, _Plan(sql=sql, params=(), converters=converters, tuples=True)
    if iterable is ValuesIterable:
        names = list(query.selected or [*query.values_select, *query.annotation_select])
        return sql, params, _Plan(sql=sql, params=(), converters=converters, names=names)
    klass_info = compiler.klass_info
    fields = klass_info["select_fields"]
    start, end = fields[0], fields[-1] + 1
    return (
        sql,
        params,
        _Plan(
            sql=sql,
            params=(),
            converters=converters,
            model=klass_info["model"],
            init_list=[column[0].target.attname for column in select[start:end]],
            fields=slice(start, end),
            populators=get_related_populators(klass_info, select, using),
        ),
    )


def _is_shape(value) -> bool:
    return isinstance(value, bool | Fixed) or value is None


def _kind(value) -> Any:
    """What a value contributes to the shape: itself (the shape's own values), or its type (the
    length of a tuple)."""
    if _is_shape(value):
        return value
    if isinstance(value, tuple) and all(
        isinstance(item, int | str) and not isinstance(item, bool) for item in value
    ):
        return (tuple, len(value))
    if isinstance(value, datetime) and value.tzinfo is not None:
        return datetime
    if not isinstance(value, int | str):
        raise TypeError(
            "A compiled query takes integers, strings, tuples of them, aware date-times, and "
            "True, False, None or Fixed values as its shape."
        )
    return type(value)


def _stand_in(value, stand_ins: dict, name: str, index: int | None):
    number = len(stand_ins)
    if isinstance(value, datetime):
        stand_in = _DATETIME_STAND_IN.replace(microsecond=number + 1)
    elif isinstance(value, int):
        stand_in = _INT_STAND_IN + number
    else:
        stand_in = _STR_STAND_IN.format(number)
    stand_ins[stand_in] = (name, index, None)
    return stand_in


def _value(value, index: int | None, wrap: type | None):
    value = value if index is None else value[index]
    return value if wrap is None else wrap(value)


def _converted(row: tuple, converters: dict, connection) -> list:
    row = list(row)
    for position, (functions, expression) in converters.items():
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    return row
