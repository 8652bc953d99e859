"""PostgreSQL: any number of periods' cells computed and upserted in one SQL statement.

Owns the statement's assembly from the families' SQL (feedback.reports.families), the two forms of
the backlog, and the upsert and clean-up of the cells (sql_recompute). See the comment below for
how the statement reads the rows.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from departments.models import Department
from desk.models import Status
from feedback import periods
from feedback.models import ALL_SERVICES, COMPANY
from feedback.periods import PeriodKind
from feedback.reports.families import (
    COMPANY_GROUPINGS,
    COUNT_FIELDS,
    FAMILIES,
    FAMILY_FIELDS,
    FLOAT_FIELDS,
    GROUPINGS,
    HOUR_FIELDS,
    HOURS,
    SQL_FAMILIES,
)

# Each family reads the rows whose own timestamp lies in the wanted periods (a range condition per
# family, so the (department, timestamp) indexes apply), gives every row its period and aggregates
# with GROUPING SETS over the groupings. Over a range, a row's week and month come from date_trunc
# in the report time zone (counts are first added up per week, month and finest grain); for a few
# periods, a row joins the periods whose bounds contain it. The families are stacked (UNION ALL,
# each filling only its own figures) and summed per cell, which also reproduces which cells exist:
# a cell exists when any request counts for it in any way.
#
# The backlog has two forms. Over a contiguous range (`cumulative`): +1 in the period a request is
# filed, -1 in the period it is finished (first of resolved_at and closed_at), events before the
# range counted in its first period, then a running SUM over every period of each grouping, so a
# period in which nothing happened still gets its backlog. For a few periods: the requests still
# open at each period's end, found through the open-requests index and the timestamps after it.

_SUMMED = list(COUNT_FIELDS)
# Percentiles (in seconds, or minutes and cents for the plain ones): one family gives each.
_MAXED = list(FLOAT_FIELDS.values())

# The finest grain, which every grouping adds up from.
_FINEST = "r.department_id, r.service_id, r.client_type"

# Inside the statement a period kind is a small number and the client type is compared bytewise
# (COLLATE "C"): grouping and sorting millions of rows on them then costs less than on text in
# the database's collation (about a second per percentile family over a whole history at 1M).
_KIND_CODES = {kind: code for code, kind in enumerate(PeriodKind.values, start=1)}
_KIND_NAME = (
    "CASE kind "
    + " ".join(f"WHEN {code} THEN '{kind}'" for kind, code in _KIND_CODES.items())
    + " END"
)
_CLIENT_TYPE = 'r.client_type COLLATE "C"'


def _pre_aggregated(
    source: str, local: str, where: str, figures: dict[str, str], kinds: list[str]
) -> str:
    """Rows of `source` counted per period of each of `kinds` and finest grain, as "r" for the
    groupings."""
    columns = ", ".join(f"{expression} AS {name}" for name, expression in figures.items())
    starts = ", ".join(f"date_trunc('{kind}', {local})::date AS {kind}" for kind in kinds)
    return (
        f"(SELECT {starts}, {_FINEST}, {columns} FROM {source} "
        f"WHERE {where} GROUP BY {', '.join(kinds)}, {_FINEST}) AS r "
        f"CROSS JOIN LATERAL {_each_kind('r.{kind}', kinds)} AS p(kind, start)"
    )


def _each_kind(template: str, kinds: list[str]) -> str:
    """The rows (kind, start) of a row's period of each of `kinds`, the start given by
    `template`, to join laterally. One kind (a full recomputation runs a statement per kind) is
    a plain projection, which the planner folds into the row: a VALUES list would be a join
    with every row of a whole history."""
    rows = [f"{_KIND_CODES[kind]}, {template.format(kind=kind)}" for kind in kinds]
    if len(rows) == 1:
        return f"(SELECT {rows[0]})"
    return "(VALUES " + ", ".join(f"({row})" for row in rows) + ")"


def _grouping_sets(prefix: str, departmental: bool, company: bool) -> str:
    groupings = [*(GROUPINGS if departmental else ()), *(COMPANY_GROUPINGS if company else ())]
    return ", ".join(
        "("
        + ", ".join(
            [prefix, *(_CLIENT_TYPE if name == "client_type" else f"r.{name}" for name in grouping)]
        )
        + ")"
        for grouping in groupings
    )


def _keys(departmental: bool) -> str:
    # Rolled-up columns come out NULL: they become the keys of "all" (the data has no NULLs there).
    # Without departmental groupings the department and service are never grouped: always "all".
    department, service = (
        ("COALESCE(r.department_id, 0)", "COALESCE(r.service_id, 0)")
        if departmental
        else (str(COMPANY), str(ALL_SERVICES))
    )
    return (
        f"{department} AS department_key, {service} AS service_key, "
        f"COALESCE({_CLIENT_TYPE}, '') AS client_type"
    )


def _figure_columns(figures: dict[str, str]) -> str:
    # Typed NULLs: UNION ALL matches the branches' column types pairwise.
    return ", ".join(
        [figures.get(name, "NULL::bigint") for name in _SUMMED]
        + [figures.get(name, "NULL::float8") for name in _MAXED]
    )


def _merged_ranges(bounds: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[list[datetime]] = []
    for begin, end in sorted(bounds):
        if merged and begin <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([begin, end])
    return [(begin, end) for begin, end in merged]


def _cells_statement(
    starts: list[tuple[str, date]],
    department_ids: list[int] | None,
    *,
    departmental: bool,
    company: bool,
    cumulative: bool,
    computed_at: datetime,
    families: list[str] = FAMILIES,
) -> tuple[str, dict, str]:
    """The statement that computes and upserts the cells, its parameters, and the VALUES list of
    the wanted periods (the DELETE of cells that no request counts for any more reuses it).

    department_ids: the rows to read (None: all); `departmental` and `company`: which groupings;
    `families`: which figures (the other fields of existing cells are left as they are).
    """
    params: dict = {
        "tz": settings.TIME_ZONE,
        "closed": Status.CLOSED,
        "cancelled": Status.CANCELLED,
        "rejected": Status.REJECTED,
        "now": computed_at,
        "ids": department_ids,
    }
    wanted_rows, bounds = [], []
    for i, (kind, start) in enumerate(starts):
        begin, end = periods.bounds(kind, start)
        params |= {
            f"kind_{i}": _KIND_CODES[kind],
            f"name_{i}": kind,
            f"start_{i}": start,
            f"begin_{i}": begin,
            f"end_{i}": end,
        }
        bounds.append((begin, end))
        wanted_rows.append(
            f"(%(kind_{i})s::integer, %(start_{i})s::date, "
            f"%(begin_{i})s::timestamptz, %(end_{i})s::timestamptz, %(name_{i})s::text)"
        )
    wanted = f"(VALUES {', '.join(wanted_rows)}) AS w(kind, start, begin_at, end_at, name)"
    ranges = _merged_ranges(bounds)
    for i, (begin, end) in enumerate(ranges):
        params |= {f"from_{i}": begin, f"to_{i}": end}
    sets = _grouping_sets("p.kind, p.start", departmental, company)
    wanted_starts = ""
    # The period kinds asked for: only their periods are worked out for each row.
    asked = {kind for kind, _start in starts}
    kinds = [kind for kind in PeriodKind.values if kind in asked]
    if cumulative and len(kinds) > 1:
        # A contiguous range of each kind: each kind's periods from its first to its last
        # (comparisons with constants, cheaper per row than looking the period up among the
        # wanted ones). With one kind, every row of the time range is in one of its periods.
        ranges_of_kinds = []
        for kind in kinds:
            its_starts = [start for its_kind, start in starts if its_kind == kind]
            params |= {f"first_{kind}": min(its_starts), f"last_{kind}": max(its_starts)}
            ranges_of_kinds.append(
                f"(p.kind = {_KIND_CODES[kind]} "
                f"AND p.start BETWEEN %(first_{kind})s::date AND %(last_{kind})s::date)"
            )
        wanted_starts = f"AND ({' OR '.join(ranges_of_kinds)}) "

    def in_departments(column: str) -> str:
        return "TRUE" if department_ids is None else f"{column} = ANY(%(ids)s::bigint[])"

    parts = []
    for name, (source, timestamp, summed, figures) in SQL_FAMILIES.items():
        if name not in families:
            continue
        within = " OR ".join(
            f"({timestamp} >= %(from_{i})s AND {timestamp} < %(to_{i})s)"
            for i in range(len(ranges))
        )
        where = f"({within}) AND {in_departments('r.department_id')}"
        local = f"({timestamp} AT TIME ZONE %(tz)s)"
        if not cumulative:
            # A few periods: the rows of all of them are read once, through the (department,
            # timestamp) index, and then each joins the periods it lies in (a week and its month
            # share rows). OFFSET 0 keeps that order: otherwise the planner may read the rows
            # once per period, and look a request's rating up once per period too.
            columns = "r.*"
            if name == "finished":
                # A request's rating (one at most) looked up by request: no scan of all ratings.
                columns += (
                    ", (SELECT 1 FROM feedback_feedback f WHERE f.request_id = r.id) AS has_rating"
                )
            rows = (
                f"(SELECT {columns} FROM {source} WHERE {where} OFFSET 0) AS r "
                f"JOIN wanted p ON {timestamp} >= p.begin_at AND {timestamp} < p.end_at"
            )
            where = "TRUE"
            if summed:
                # Counted per period and finest grain first: the groupings add up fewer rows.
                columns = ", ".join(
                    f"{expression} AS {name}" for name, expression in figures.items()
                )
                rows = (
                    f"(SELECT p.kind, p.start, {_FINEST}, {columns} FROM {rows} "
                    f"GROUP BY p.kind, p.start, {_FINEST}) AS r "
                    "CROSS JOIN LATERAL (VALUES (r.kind, r.start)) AS p(kind, start)"
                )
                figures = {name: f"SUM(r.{name})" for name in figures}
        elif summed:
            if name == "finished":
                # Every rating at once, joined by request (a hash join over a whole history).
                source += (
                    " LEFT JOIN (SELECT request_id, 1 AS has_rating FROM feedback_feedback) AS f "
                    "ON f.request_id = r.id"
                )
            rows = _pre_aggregated(source, local, where, figures, kinds)
            figures = {name: f"SUM(r.{name})" for name in figures}
            where = "TRUE"
        else:
            rows = (
                f"{source} CROSS JOIN LATERAL "
                f"{_each_kind(f'date_trunc({{kind!r}}, {local})::date', kinds)} AS p(kind, start)"
            )
        parts.append(
            f"SELECT p.kind, p.start, {_keys(departmental)}, {_figure_columns(figures)} "
            f"FROM {rows} WHERE {where} " + wanted_starts + f"GROUP BY GROUPING SETS ({sets})"
        )
    backlog_figures = _figure_columns({"backlog": "backlog"})
    if "backlog" not in families:
        backlog_ctes = ""
    elif cumulative:
        params |= {"first_begin": ranges[0][0], "last_end": ranges[-1][1]}
        finished = (
            "CASE WHEN r.resolved_at IS NULL AND r.closed_at IS NULL THEN NULL "
            "ELSE GREATEST(r.created_at, LEAST(r.resolved_at, r.closed_at)) END"
        )
        counted = (
            f"r.created_at < %(last_end)s AND {in_departments('r.department_id')} "
            "AND (x.finished_at IS NULL OR x.finished_at >= %(first_begin)s)"
        )
        source = f"desk_request r CROSS JOIN LATERAL (SELECT {finished}) AS x(finished_at)"
        filed = _pre_aggregated(
            source, "(r.created_at AT TIME ZONE %(tz)s)", counted, {"delta": "COUNT(*)"}, kinds
        )
        done = _pre_aggregated(
            source,
            "(x.finished_at AT TIME ZONE %(tz)s)",
            f"{counted} AND x.finished_at IS NOT NULL",
            {"delta": "-COUNT(*)"},
            kinds,
        )
        first_and_last = (
            "(SELECT kind, MIN(start) AS first_start, MAX(start) AS last_start "
            "FROM wanted GROUP BY kind) AS k ON k.kind = p.kind WHERE p.start <= k.last_start"
        )
        backlog_ctes = (
            # +1 where filed, -1 where finished; what happened before the range counts in its
            # first period, after its last not at all. Requests finished before the range
            # would add nothing.
            "deltas AS ("
            f"SELECT p.kind, GREATEST(p.start, k.first_start) AS start, {_FINEST}, r.delta "
            f"FROM {filed} JOIN {first_and_last} "
            "UNION ALL "
            f"SELECT p.kind, GREATEST(p.start, k.first_start) AS start, {_FINEST}, r.delta "
            f"FROM {done} JOIN {first_and_last}), "
            "sums AS ("
            f"SELECT r.kind, r.start, {_keys(departmental)}, SUM(r.delta) AS delta FROM deltas r "
            f"GROUP BY GROUPING SETS ({_grouping_sets('r.kind, r.start', departmental, company)})), "
            # Every period of every grouping that has a request in it, so that quiet periods
            # get their backlog too.
            "grid AS ("
            "SELECT g.kind, w.start, g.department_key, g.service_key, g.client_type, "
            "COALESCE(s.delta, 0) AS delta FROM "
            "(SELECT DISTINCT kind, department_key, service_key, client_type FROM sums) AS g "
            "JOIN wanted w ON w.kind = g.kind "
            "LEFT JOIN sums s ON s.kind = g.kind AND s.start = w.start "
            "AND s.department_key = g.department_key AND s.service_key = g.service_key "
            "AND s.client_type = g.client_type), "
            "backlog AS ("
            "SELECT kind, start, department_key, service_key, client_type, SUM(delta) OVER ("
            "PARTITION BY kind, department_key, service_key, client_type ORDER BY start"
            ") AS backlog FROM grid), "
        )
        parts.append(
            "SELECT kind, start, department_key, service_key, client_type, "
            f"{backlog_figures} FROM backlog WHERE backlog > 0"
        )
    else:
        backlog_ctes = ""
        # Still open at each period's end, in three disjoint parts that each have an index:
        # still open now (a partial index), resolved after the end, or closed after the end
        # without a resolution. The bounds are constants, so the planner sees how few rows match.
        open_at_end = " UNION ALL ".join(
            f"SELECT %(kind_{i})s::integer, %(start_{i})s::date, "
            "r.department_id, r.service_id, r.client_type FROM desk_request r "
            f"WHERE {in_departments('r.department_id')} "
            f"AND r.created_at < %(end_{i})s AND {part.format(end=f'%(end_{i})s')}"
            for i in range(len(starts))
            for part in (
                "r.resolved_at IS NULL AND r.closed_at IS NULL",
                "r.resolved_at >= {end} AND (r.closed_at IS NULL OR r.closed_at >= {end})",
                "r.resolved_at IS NULL AND r.closed_at >= {end}",
            )
        )
        parts.append(
            f"SELECT r.kind, r.start, {_keys(departmental)}, "
            f"{_figure_columns({'backlog': 'COUNT(*)'})} "
            f"FROM ({open_at_end}) AS r(kind, start, department_id, service_id, client_type) "
            f"GROUP BY GROUPING SETS ({_grouping_sets('r.kind, r.start', departmental, company)})"
        )
    computed = {field for family in families for field in FAMILY_FIELDS[family]}
    counts = [field for field in COUNT_FIELDS if field in computed]
    hours = {field: alias for field, alias in FLOAT_FIELDS.items() if field in computed}
    merged_columns = ", ".join(
        [f"COALESCE(SUM({name}), 0) AS {name}" for name in counts]
        + [f"MAX({alias}) AS {alias}" for alias in hours.values()]
    )
    key = "kind, start, department_key, service_key, client_type"
    union_columns = ", ".join([*key.split(", "), *_SUMMED, *_MAXED])
    # A new cell gets zeros in the other families' fields (the columns have no defaults); an
    # existing one keeps them.
    values = {
        **{name: name if name in counts else "0" for name in COUNT_FIELDS},
        **{
            field: (f"{alias} / {HOURS}" if field in HOUR_FIELDS else alias)
            if field in hours
            else "NULL::float8"
            for field, alias in FLOAT_FIELDS.items()
        },
    }
    anything = " + ".join(counts)
    figures = [*counts, *hours]
    updated = ["department_id", "service_id", *figures, "computed_at"]
    sql = (
        f"WITH wanted AS (SELECT * FROM {wanted}), {backlog_ctes}"
        f"merged AS (SELECT {key}, {merged_columns} FROM ("
        + " UNION ALL ".join(parts)
        + f") AS u({union_columns}) GROUP BY {key}), "
        f"cells AS (SELECT {_KIND_NAME} AS kind, start, department_key, service_key, "
        f"client_type, {', '.join(f'{value} AS {name}' for name, value in values.items())} "
        "FROM merged "
        # The company's total exists only when something counts (as compute_period has it).
        f"WHERE department_key <> 0 OR client_type <> '' OR {anything} > 0), "
        "upserted AS (INSERT INTO feedback_reportcell (period_kind, period_start, department_id, "
        "department_key, service_id, service_key, client_type, "
        f"{', '.join([*COUNT_FIELDS, *FLOAT_FIELDS])}, computed_at) "
        "SELECT kind, start, NULLIF(department_key, 0), department_key, NULLIF(service_key, 0), "
        f"service_key, client_type, {', '.join([*COUNT_FIELDS, *FLOAT_FIELDS])}, %(now)s "
        "FROM cells "
        "ON CONFLICT (period_kind, period_start, department_key, service_key, client_type) "
        "DO UPDATE SET "
        + ", ".join(f"{name} = EXCLUDED.{name}" for name in updated)
        # Only the cells whose figures changed are written (a rating moves a few of the hundreds
        # a department-period has): computed_at is when a cell's figures were last changed.
        + f" WHERE ({', '.join(f'feedback_reportcell.{name}' for name in figures)}) "
        f"IS DISTINCT FROM ({', '.join(f'EXCLUDED.{name}' for name in figures)})) "
    )
    return sql, params, wanted


def sql_recompute(
    starts: list[tuple[str, date]],
    department_ids: list[int] | None,
    company: bool,
    *,
    cumulative: bool,
    families: Collection[str] | None = None,
) -> int:
    """recompute_periods / recompute_range on PostgreSQL: one upsert of every cell, one delete of
    the cells nothing counts for any more. `cumulative` (a contiguous range of periods) computes
    the backlog from the whole history in one pass instead of per period end. With `families`,
    only those figures (see FAMILY_FIELDS): cells no longer counted get zeros there instead of
    being deleted, since the other figures may still count them."""
    if department_ids and company:
        # The departments' cells read only their rows, the company's read every department's.
        return sql_recompute(
            starts, department_ids, False, cumulative=cumulative, families=families
        ) + sql_recompute(starts, [], True, cumulative=cumulative, families=families)
    partial = families is not None and set(families) != set(FAMILIES)
    chosen = [name for name in FAMILIES if families is None or name in families]
    if not chosen:
        return 0
    # The rows to read: the departments', or every department's for the company (by name for a
    # few periods: the (department, timestamp) indexes then find each period's rows).
    filter_ids = department_ids or None
    if filter_ids is None and not cumulative:
        filter_ids = list(Department.objects.order_by("pk").values_list("pk", flat=True))
    computed_at = timezone.now()
    sql, params, wanted = _cells_statement(
        starts,
        filter_ids,
        departmental=department_ids != [],
        company=company,
        cumulative=cumulative,
        computed_at=computed_at,
        families=chosen,
    )
    if department_ids is None:
        scope = "c.department_id IS NOT NULL"
    elif department_ids:
        scope = "c.department_id = ANY(%(scope_ids)s::bigint[])"
    else:
        scope = "FALSE"
    if company:
        scope += f" OR c.department_key = {COMPANY}"
    params["scope_ids"] = department_ids
    # The cells of these periods and this scope that the statement did not compute: no request
    # counts for them any more (e.g. after a service move).
    if cumulative:
        # A whole history: the planner expects many cells and joins them by hashing.
        computed = (
            "NOT EXISTS (SELECT FROM cells m WHERE m.kind = c.period_kind "
            "AND m.start = c.period_start AND m.department_key = c.department_key "
            'AND m.service_key = c.service_key AND m.client_type = c.client_type COLLATE "C")'
        )
    else:
        # A few periods: the planner expects one stored cell and compared each with every
        # computed one (220 by 110: 18 of a rating's 35 ms at 1M). NOT IN looks them up in a
        # hash of the computed cells instead; it means NOT EXISTS here, as neither side can
        # hold a NULL (the upsert of the same statement would fail on it first).
        computed = (
            "(c.period_kind, c.period_start, c.department_key, c.service_key, "
            'c.client_type COLLATE "C") NOT IN (SELECT m.kind, m.start, m.department_key, '
            "m.service_key, m.client_type FROM cells m)"
        )
    leftover = f"c.period_kind = w.name AND c.period_start = w.start AND ({scope}) AND {computed}"
    if partial:
        # Counts to zero, percentiles to NULL: what a cell with nothing in these families has
        # (the cells that have it already are left alone).
        cleared = {
            field: "NULL" if field in FLOAT_FIELDS else "0"
            for family in chosen
            for field in FAMILY_FIELDS[family]
        }
        leftover = (
            "UPDATE feedback_reportcell c SET "
            + ", ".join(f"{field} = {value}" for field, value in cleared.items())
            + f" FROM {wanted} WHERE {leftover} AND ("
            + " OR ".join(
                f"c.{field} IS NOT NULL" if value == "NULL" else f"c.{field} <> 0"
                for field, value in cleared.items()
            )
            + ")"
        )
    else:
        # The pages read a missing cell as zeros.
        leftover = f"DELETE FROM feedback_reportcell c USING {wanted} WHERE {leftover}"
    with transaction.atomic(), connection.cursor() as cursor:
        # Compiling this plan (JIT) costs more than it saves: ~2 s for a whole history (measured
        # at 1M requests), far more than the few milliseconds of a few periods.
        cursor.execute("SET LOCAL jit = off")
        if cumulative:
            # A whole history groups millions of rows. Each sort and hash of the statement may
            # take work_mem (hashes hash_mem_multiplier times that): at 256MB the backend peaked
            # at 1.9 GB with 1M requests. These bound it (bench/results.md: the backend's peak
            # and the time it costs); what does not fit goes to temporary files.
            cursor.execute(
                f"SET LOCAL work_mem = '{int(settings.REPORTS_RECOMPUTE_WORK_MEM_MB)}MB'"
            )
            cursor.execute("SET LOCAL hash_mem_multiplier = 1")
        # One statement: the upsert and the leftovers both see the cells computed once.
        cursor.execute(
            f"{sql}, gone AS ({leftover} RETURNING 1) SELECT (SELECT COUNT(*) FROM cells)", params
        )
        (written,) = cursor.fetchone()
    return written
