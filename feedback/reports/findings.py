"""Where to improve: up to five findings per department and period, stored as Finding rows.

Computed by the report job right after a department's cells (feedback.reports.recompute), never
on page load: the page reads the rows in one query and words them in the viewer's language.

The candidates, each with the size of its problem:
- a service whose target compliance, or CSAT, dropped against the previous period (percentage
  points; both periods with at least MIN_COUNT requests or ratings; the three largest drops);
- the client type served worst: the lowest CSAT, when it is below the department's by MIN_GAP
  points or more;
- the slowest step: the largest median wait (calendar hours) among waiting for the first
  response (filed -> first response), waiting on the requester (status "waiting" -> the next
  status) and waiting for approval (step started -> decided), of the waits that ended in the
  period;
- the most frequent words in the comments of low ratings (LOW_RATING or less) given in it.
The drops and the client type are ranked by their points; the slowest step and the words, which
are facts rather than changes, come after them. The first MAX_FINDINGS are kept.

The drops and client types come from the stored cells (the same ORM query on every database).
The medians and the words are computed by PostgreSQL, each in one statement for a run of
consecutive periods of a kind (a full recomputation: 24 months and 26 weeks), grouped by period;
elsewhere (SQLite, for development) by Python over the periods' rows, the comments bounded by
COMMENT_LIMIT per department and period. tests/feedback/test_findings.py checks that both give
the same rows.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from departments.models import Department
from desk.models import Approval, Event, EventKind, Request, Status
from desk.queue import LOW_RATING
from feedback import periods
from feedback.models import (
    ALL_CLIENTS,
    ALL_SERVICES,
    Feedback,
    Finding,
    FindingKind,
    ReportCell,
    Step,
)

MAX_FINDINGS = 5
MIN_COUNT = 3  # requests, ratings or waits behind a figure before it is trusted
MIN_DROP = 5.0  # percentage points
MIN_GAP = 5.0
MAX_DROPS = 3
TOP_WORDS = 5
MIN_WORD_COMMENTS = 2
MIN_WORD_LENGTH = 3
COMMENT_LIMIT = 500  # SQLite only: the most recent low-rated comments read per department-period

# PostgreSQL's English stop words (tsearch_data/english.stop) and common Polish ones. Both engines
# use this list: PostgreSQL splits the comments with to_tsvector('simple', ...) (a comment may be
# in either language, and 'english' would show stems such as "repli"), then drops these words.
_STOP_TEXT = """
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
she her hers herself it its itself they them their theirs themselves what which who whom
this that these those am is are was were be been being have has had having do does did doing
a an the and but if or because as until while of at by for with about against between into
through during before after above below to from up down in out on off over under again
further then once here there when where why how all any both each few more most other some
such no nor not only own same so than too very s t can will just don should now ale aby albo
ani bardzo był była było byli bez bo być chce czy dla do go gdy gdzie ich iż jak jako jej
jest jeszcze jednak już każdy kiedy która które który mam ma mnie może można mój na nad nam
nas nawet nic nie niż no od oraz po pod przez przy się są ta tak także tam te tego tej też
to tu tylko tym tu wam was we wszystko więc za ze że żeby
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"\w+")


@dataclass
class Candidate:
    kind: str
    size: float  # percentage points for changes; facts come after them
    service_id: int | None = None
    subject: str = ""
    current: float | None = None
    previous: float | None = None
    delta: float | None = None
    count: int = 0
    words: list = field(default_factory=list)


def recompute_findings(
    starts: Iterable[tuple[str, date]], department_ids: Iterable[int] | None
) -> int:
    """Replace the findings of these departments (None: all) in these periods and the periods
    after them (which compare with them), of the periods the report page offers (periods.OFFERED:
    a full recomputation of years of history then costs what the recent periods cost); returns
    how many were written."""
    today = periods.today()
    wanted: dict[str, set[date]] = defaultdict(set)
    for kind, start in starts:
        for period in (start, periods.next_start(kind, start)):
            if periods.offered(kind, period, today_=today):
                wanted[kind].add(period)
    if department_ids is None:
        ids = list(Department.objects.order_by("pk").values_list("pk", flat=True))
    else:
        ids = sorted(set(department_ids))
    if not ids:
        return 0
    return sum(_recompute_kind(kind, sorted(wanted[kind]), ids) for kind in sorted(wanted))


# {(period start, department): its candidates}
Candidates = dict[tuple[date, int], list[Candidate]]


def _recompute_kind(kind: str, starts: list[date], ids: list[int]) -> int:
    """All the wanted periods of one kind together: each source is read once for all of them (a
    full recomputation offers 50 periods, and one statement per period cost 50 scans)."""
    candidates: Candidates = defaultdict(list)
    for start, department_id, found in _service_drops(kind, starts, ids):
        candidates[(start, department_id)].append(found)
    for start, department_id, found in _worst_client_types(kind, starts, ids):
        candidates[(start, department_id)].append(found)
    postgres = connection.vendor == "postgresql"
    medians = (_steps_sql if postgres else _steps_portable)(kind, starts, ids)
    for start, steps in medians.items():
        for department_id, found in _slowest_steps(steps):
            candidates[(start, department_id)].append(found)
    words = (_words_sql if postgres else _words_portable)(kind, starts, ids)
    for start, by_department in words.items():
        for department_id, counts in by_department.items():
            top = [[word, n] for word, n in counts if n >= MIN_WORD_COMMENTS][:TOP_WORDS]
            if top:
                candidates[(start, department_id)].append(
                    Candidate(FindingKind.COMMENT_WORDS, -2.0, count=top[0][1], words=top)
                )
    return _store(kind, starts, ids, candidates)


def _store(kind: str, starts: list[date], ids: list[int], candidates: Candidates) -> int:
    """Upsert each department's findings by rank and delete the ranks beyond them: the same rows
    however often, or however concurrently, the job runs."""
    now = timezone.now()
    rows = []
    # {(period start, findings kept): the departments}: one condition per group in the delete
    kept: dict[tuple[date, int], list[int]] = defaultdict(list)
    for start in starts:
        for department_id in ids:
            ranked = sorted(
                candidates.get((start, department_id), []),
                key=lambda c: (-c.size, c.kind, c.service_id or 0, c.subject),
            )[:MAX_FINDINGS]
            kept[(start, len(ranked))].append(department_id)
            rows.extend(
                Finding(
                    department_id=department_id,
                    period_kind=kind,
                    period_start=start,
                    rank=rank,
                    kind=c.kind,
                    service_id=c.service_id,
                    subject=c.subject,
                    current=c.current,
                    previous=c.previous,
                    delta=c.delta,
                    count=c.count,
                    words=c.words,
                    computed_at=now,
                )
                for rank, c in enumerate(ranked, start=1)
            )
    gone = Q()
    for (start, count), departments in kept.items():
        gone |= Q(period_start=start, department_id__in=departments, rank__gt=count)
    with transaction.atomic():
        if rows:
            Finding.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=["department", "period_kind", "period_start", "rank"],
                update_fields=[
                    "kind",
                    "service",
                    "subject",
                    "current",
                    "previous",
                    "delta",
                    "count",
                    "words",
                    "computed_at",
                ],
            )
        if kept:  # never an empty condition: that would delete the kind's every finding
            Finding.objects.filter(gone, period_kind=kind).delete()
    return len(rows)


def _percent(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None


def _with_previous(kind: str, starts: list[date]) -> list[date]:
    return sorted(set(starts) | {periods.previous_start(kind, start) for start in starts})


# --- from the stored cells -------------------------------------------------------------------------


def _service_drops(kind: str, starts: list[date], ids: list[int]):
    """The services' cells of the periods and of the periods before them, read in one query and
    paired here: (start, department, candidate), the three largest drops of each."""
    cells = (
        ReportCell.objects.filter(
            department_id__in=ids,
            period_kind=kind,
            period_start__in=_with_previous(kind, starts),
            client_type=ALL_CLIENTS,
        )
        .exclude(service_key=ALL_SERVICES)
        .values_list(
            "period_start",
            "department_id",
            "service_key",
            "service_id",
            "target_known",
            "target_met",
            "rated",
            "satisfied",
        )
    )
    by_key = {(start, dept, key): rest for start, dept, key, *rest in cells}
    drops: dict[tuple[date, int], list[Candidate]] = defaultdict(list)
    wanted = set(starts)
    for (start, dept, key), (service, known, met, rated, happy) in by_key.items():
        if start not in wanted:
            continue
        before = by_key.get((periods.previous_start(kind, start), dept, key))
        _, p_known, p_met, p_rated, p_happy = before or (None, 0, 0, 0, 0)
        for kind_, count, part, p_count, p_part in (
            (FindingKind.COMPLIANCE_DROP, known, met, p_known, p_met),
            (FindingKind.SATISFACTION_DROP, rated, happy, p_rated, p_happy),
        ):
            if count < MIN_COUNT or p_count < MIN_COUNT:
                continue
            now, then = _percent(part, count), _percent(p_part, p_count)
            if then - now >= MIN_DROP:
                drops[(start, dept)].append(
                    Candidate(kind_, then - now, service, "", now, then, now - then, count)
                )
    for (start, dept), found in drops.items():
        found.sort(key=lambda c: (-c.size, c.kind, c.service_id))
        for candidate in found[:MAX_DROPS]:
            yield start, dept, candidate


def _worst_client_types(kind: str, starts: list[date], ids: list[int]):
    cells = ReportCell.objects.filter(
        department_id__in=ids,
        period_kind=kind,
        period_start__in=starts,
        service_key=ALL_SERVICES,
    ).values_list("period_start", "department_id", "client_type", "rated", "satisfied")
    overall: dict[tuple[date, int], float | None] = {}
    by_type: dict[tuple[date, int], list[tuple[float, str, int]]] = defaultdict(list)
    for start, dept, client, rated, happy in cells:
        if client == ALL_CLIENTS:
            overall[(start, dept)] = _percent(happy, rated)
        elif rated >= MIN_COUNT:
            by_type[(start, dept)].append((_percent(happy, rated), client, rated))
    for (start, dept), found in by_type.items():
        csat, client, rated = min(found)
        everyone = overall.get((start, dept))
        if everyone is not None and everyone - csat >= MIN_GAP:
            yield (
                start,
                dept,
                Candidate(
                    FindingKind.CLIENT_TYPE,
                    everyone - csat,
                    None,
                    client,
                    csat,
                    everyone,
                    csat - everyone,
                    rated,
                ),
            )


# --- the slowest step ------------------------------------------------------------------------------

# {department: {step: {"current"|"previous": (median hours, waits)}}}
StepMedians = dict[int, dict[str, dict[str, tuple[float, int]]]]
# {(period start, department, step): (median hours, waits)}
PeriodMedians = dict[tuple[date, int, str], tuple[float, int]]


def _slowest_steps(steps: StepMedians):
    for dept, by_step in steps.items():
        trusted = [
            (figures["current"][0], step)
            for step, figures in by_step.items()
            if "current" in figures and figures["current"][1] >= MIN_COUNT
        ]
        if not trusted:
            continue
        hours, step = max(trusted)
        before = by_step[step].get("previous")
        previous = before[0] if before and before[1] >= MIN_COUNT else None
        yield (
            dept,
            Candidate(
                FindingKind.SLOWEST_STEP,
                -1.0,
                None,
                step,
                hours,
                previous,
                None if previous is None else hours - previous,
                by_step[step]["current"][1],
            ),
        )


def _runs(kind: str, starts: list[date]) -> list[list[date]]:
    """The sorted starts split where a period is missing: a statement reads one run's time
    range, so a change in an old period and one in this week do not read the months between."""
    runs: list[list[date]] = []
    for start in sorted(starts):
        if runs and periods.next_start(kind, runs[-1][-1]) == start:
            runs[-1].append(start)
        else:
            runs.append([start])
    return runs


def _each_period(kind: str, starts: list[date], medians: PeriodMedians) -> dict[date, StepMedians]:
    """Each start's medians beside its previous period's."""
    by_start: dict[date, StepMedians] = {}
    wanted = {periods.previous_start(kind, start): start for start in starts}
    for (period, dept, step), figures in medians.items():
        for start, which in ((period, "current"), (wanted.get(period), "previous")):
            if start in starts:
                by_start.setdefault(start, defaultdict(lambda: defaultdict(dict)))
                by_start[start][dept][step][which] = figures
    return by_start


_STEPS_SQL = """
WITH waits AS (
    SELECT r.department_id AS d, %(first_response)s AS step, r.first_response_at AS ended,
           EXTRACT(EPOCH FROM r.first_response_at - r.created_at)::float8 AS seconds
    FROM desk_request r
    WHERE r.department_id = ANY(%(ids)s)
      AND r.first_response_at >= %(begin)s AND r.first_response_at < %(end)s
  UNION ALL
    SELECT r.department_id, %(waiting)s, e.ended, EXTRACT(EPOCH FROM e.ended - e.created_at)::float8
    FROM (
        SELECT request_id, new_value, created_at,
               LEAD(created_at) OVER (PARTITION BY request_id ORDER BY created_at, id) AS ended
        FROM desk_event
        WHERE kind = %(status)s AND created_at < %(end)s AND request_id IN (
            SELECT request_id FROM desk_event
            WHERE kind = %(status)s AND old_value = %(waiting_status)s
              AND created_at >= %(begin)s AND created_at < %(end)s)
    ) e
    JOIN desk_request r ON r.id = e.request_id
    WHERE e.new_value = %(waiting_status)s AND e.ended >= %(begin)s AND e.ended < %(end)s
      AND r.department_id = ANY(%(ids)s)
  UNION ALL
    SELECT r.department_id, %(approval)s, a.decided_at, EXTRACT(EPOCH FROM a.decided_at - a.started_at)::float8
    FROM desk_approval a JOIN desk_request r ON r.id = a.request_id
    WHERE a.decided_at >= %(begin)s AND a.decided_at < %(end)s AND a.started_at IS NOT NULL
      AND r.department_id = ANY(%(ids)s)
)
SELECT date_trunc(%(kind)s, ended AT TIME ZONE %(tz)s)::date, d, step,
       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY seconds), COUNT(*)
FROM waits
GROUP BY 1, 2, 3
"""


def _run_bounds(kind: str, run: list[date], *, previous: bool) -> tuple[datetime, datetime]:
    """[begin, end) of a run of periods, from the period before its first one if `previous`."""
    first = periods.previous_start(kind, run[0]) if previous else run[0]
    return periods.bounds(kind, first)[0], periods.bounds(kind, run[-1])[1]


def _rows_per_run(kind: str, starts: list[date], sql: str, params: dict, *, previous: bool):
    """The rows of `sql` over each run of consecutive periods (from the period before the run's
    first one if `previous`): `params` with the kind, the time zone and the run's bounds."""
    with connection.cursor() as cursor:
        for run in _runs(kind, starts):
            begin, end = _run_bounds(kind, run, previous=previous)
            cursor.execute(
                sql,
                {**params, "kind": kind, "tz": settings.TIME_ZONE, "begin": begin, "end": end},
            )
            yield from cursor.fetchall()


def _steps_sql(kind: str, starts: list[date], ids: list[int]) -> dict[date, StepMedians]:
    """The waits' medians of each period and the one before it: one statement per run of
    periods, grouped by the period in which each wait ended."""
    params = {
        "ids": ids,
        "status": EventKind.STATUS,
        "waiting_status": Status.WAITING,
        "first_response": Step.FIRST_RESPONSE,
        "waiting": Step.WAITING,
        "approval": Step.APPROVAL,
    }
    medians: PeriodMedians = {
        (period, dept, step): (seconds / 3600.0, waits)
        for period, dept, step, seconds, waits in _rows_per_run(
            kind, starts, _STEPS_SQL, params, previous=True
        )
    }
    return _each_period(kind, starts, medians)


def _steps_portable(kind: str, starts: list[date], ids: list[int]) -> dict[date, StepMedians]:
    """The same medians in Python over the periods' waits (SQLite, for development)."""
    waits: dict[tuple[date, int, str], list[float]] = defaultdict(list)

    def add(dept: int, step: str, began: datetime, ended: datetime) -> None:
        waits[(periods.period_of(kind, ended), dept, step)].append((ended - began).total_seconds())

    for run in _runs(kind, starts):
        begin, end = _run_bounds(kind, run, previous=True)
        for dept, created, answered in Request.objects.filter(
            department_id__in=ids, first_response_at__gte=begin, first_response_at__lt=end
        ).values_list("department_id", "created_at", "first_response_at"):
            add(dept, Step.FIRST_RESPONSE, created, answered)
        left_waiting = Event.objects.filter(
            kind=EventKind.STATUS,
            old_value=Status.WAITING,
            created_at__gte=begin,
            created_at__lt=end,
            request__department_id__in=ids,
        ).values("request_id")
        entered: dict[int, datetime] = {}
        for request_id, dept, new, at in (
            Event.objects.filter(
                kind=EventKind.STATUS, created_at__lt=end, request_id__in=left_waiting
            )
            .order_by("request_id", "created_at", "id")
            .values_list("request_id", "request__department_id", "new_value", "created_at")
        ):
            if request_id in entered and at >= begin:
                add(dept, Step.WAITING, entered[request_id], at)
            entered.pop(request_id, None)
            if new == Status.WAITING:
                entered[request_id] = at
        for dept, started, decided in Approval.objects.filter(
            request__department_id__in=ids,
            decided_at__gte=begin,
            decided_at__lt=end,
            started_at__isnull=False,
        ).values_list("request__department_id", "started_at", "decided_at"):
            add(dept, Step.APPROVAL, started, decided)
    medians = {
        key: (statistics.median(seconds) / 3600.0, len(seconds)) for key, seconds in waits.items()
    }
    return _each_period(kind, starts, medians)


# --- words of the low ratings ----------------------------------------------------------------------

# {period start: {department: [(word, low-rated comments using it)], most first}}
Words = dict[date, dict[int, list[tuple[str, int]]]]

_WORDS_SQL = """
SELECT date_trunc(%(kind)s, f.created_at AT TIME ZONE %(tz)s)::date AS period, f.department_id,
       w.lexeme, COUNT(*) AS comments
FROM feedback_feedback f, unnest(to_tsvector('simple', f.comment)) AS w
WHERE f.department_id = ANY(%(ids)s) AND f.rating <= %(low)s
  AND f.created_at >= %(begin)s AND f.created_at < %(end)s AND f.comment <> ''
  AND char_length(w.lexeme) >= %(length)s AND w.lexeme ~ '^[[:alpha:]]+$'
  AND NOT (w.lexeme = ANY(%(stop)s))
GROUP BY period, f.department_id, w.lexeme
ORDER BY period, f.department_id, comments DESC, w.lexeme COLLATE "C"
"""


def _words_sql(kind: str, starts: list[date], ids: list[int]) -> Words:
    """Each department's words by the number of low-rated comments using them, most first:
    to_tsvector lists each comment's words once, and unnest gives them one row each."""
    params = {
        "ids": ids,
        "low": LOW_RATING,
        "length": MIN_WORD_LENGTH,
        "stop": sorted(STOP_WORDS),
    }
    words: Words = defaultdict(lambda: defaultdict(list))
    for period, dept, word, comments in _rows_per_run(
        kind, starts, _WORDS_SQL, params, previous=False
    ):
        words[period][dept].append((word, comments))
    return words


def comment_words(comment: str) -> set[str]:
    """The words of one comment as the SQL counts them: lower case, letters only, long enough,
    not a stop word."""
    return {
        word
        for word in _WORD.findall(comment.lower())
        if len(word) >= MIN_WORD_LENGTH and word.isalpha() and word not in STOP_WORDS
    }


def _words_portable(kind: str, starts: list[date], ids: list[int]) -> Words:
    """The same counts in Python (SQLite, for development), over at most COMMENT_LIMIT of each
    department's most recent low-rated comments of each period."""
    words: Words = defaultdict(dict)
    for start in starts:
        begin, end = periods.bounds(kind, start)
        for dept in ids:
            comments = (
                Feedback.objects.filter(
                    department_id=dept,
                    rating__lte=LOW_RATING,
                    created_at__gte=begin,
                    created_at__lt=end,
                )
                .exclude(comment="")
                .order_by("-created_at", "-pk")
                .values_list("comment", flat=True)[:COMMENT_LIMIT]
            )
            counts: Counter[str] = Counter()
            for comment in comments:
                counts.update(comment_words(comment))
            if counts:
                words[start][dept] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return words
