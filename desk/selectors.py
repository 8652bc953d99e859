"""Read queries that are more than a one-liner. They return querysets; views paginate them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    Expression,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone, translation

from departments.models import (
    Department,
    Employee,
    Membership,
    Service,
    ServiceField,
    localized,
    localized_expression,
)
from desk import compiled, permissions, status_counts, together
from desk.compiled import CompiledQuery
from desk.models import Attachment, CannedReply, Event, Request, SavedView, Status
from desk.queue import (
    ASSIGNEE_MINE,
    ASSIGNEE_UNASSIGNED,
    BOUNDED_STATES,
    COUNT_CAP,
    DEFAULT_SORT,
    LOW_RATING,
    SORTS,
    STATE_ALL,
    QueueFilters,
    period_bounds,
)

if TYPE_CHECKING:
    from departments.models import Employee


def catalog(query: str = "") -> QuerySet[Department]:
    """Active departments with their published services, matching the search words if any."""
    services = (
        Service.objects.published()
        .select_related("department")
        .annotate(shown_name=localized_expression("name"))
        .order_by("order", "shown_name")
    )
    query = query.strip()
    if query:
        words_filter = Q()
        for word in query.split()[:8]:
            words_filter &= (
                Q(name__icontains=word)
                | Q(description__icontains=word)
                | Q(department__name__icontains=word)
                # Either language finds a service, whatever the page's language.
                | Q(name_pl__icontains=word)
                | Q(description_pl__icontains=word)
                | Q(department__name_pl__icontains=word)
            )
        services = services.filter(words_filter)
    departments = Department.objects.filter(is_active=True, services__in=services).distinct()
    departments = departments.annotate(shown_name=localized_expression("name"))
    return departments.order_by("shown_name").prefetch_related(
        Prefetch("services", queryset=services, to_attr="published_services")
    )


MY_REQUEST_FILTERS = {
    # The requester's own request is open while it waits for approval too.
    "open": [Status.AWAITING_APPROVAL, *Status.open_values()],
    "resolved": [Status.RESOLVED],
    "closed": [Status.CLOSED, Status.CANCELLED, Status.REJECTED],
}


def my_requests(user: Employee, status_filter: str = "") -> QuerySet[Request]:
    requests = (
        Request.objects.filter(requester=user)
        .select_related("service", "department", "assignee")
        .order_by("-last_activity_at", "-pk")
    )
    if status_filter in MY_REQUEST_FILTERS:
        requests = requests.filter(status__in=MY_REQUEST_FILTERS[status_filter])
    return requests


def _events(request_id: int, internal: bool) -> QuerySet[Event]:
    """The request's events in order, internal notes and logged time only if `internal`."""
    events = Event.objects.filter(request_id=request_id)
    if not internal:
        events = events.public()
    return events.order_by("created_at", "pk")


def timeline(user: Employee, request: Request) -> QuerySet[Event]:
    """The request's events this person may see, in order, each with its actor's name and its
    attachments as a list in `event.files` (the API's timeline; the page reads timeline_rows).

    Only the columns the timeline shows: a long conversation's page spent more time building
    whole employees and related managers than rendering them."""
    attachments = Attachment.objects.order_by("created_at", "pk").only(
        "event_id", "token", "name", "size"
    )
    return (
        _events(request.pk, permissions.can_see_internal(user, request))
        .select_related("actor")
        .only("request", "kind", "old_value", "new_value", "body", "created_at", "actor__full_name")
        .prefetch_related(Prefetch("attachments", queryset=attachments, to_attr="files"))
    )


def _timeline_rows(request_id: int, internal: bool) -> QuerySet[Event]:
    return _events(request_id, internal).values(
        "pk",
        "kind",
        "old_value",
        "new_value",
        "body",
        "created_at",
        actor_name=F("actor__full_name"),
        has_files=Exists(Attachment.objects.filter(event=OuterRef("pk"))),
    )


# Every view of a request page reads it: compiled once per process (desk.compiled).
_TIMELINE_ROWS = CompiledQuery(_timeline_rows)


def timeline_rows(user: Employee, request: Request) -> list[dict]:
    """The request page's timeline rows (timeline_rows_reader says what they hold)."""
    return together.one(timeline_rows_reader(user, request))


def timeline_rows_reader(user: Employee, request: Request) -> together.Reader[list[dict]]:
    """The same events as `timeline`, as plain rows for the request page: pk, kind, old_value,
    new_value, body, created_at, actor_name (None for Desk itself) and `files` (token, name,
    size). No model instances, and the attachments read (in one query by request) only when an
    event has any, which most timelines have not: a 30-event page spent half its timeline time
    building Events and prefetching."""
    rows = yield from _TIMELINE_ROWS.reader(
        request_id=request.pk, internal=permissions.can_see_internal(user, request)
    )
    files: dict[int, list[dict]] = {}
    if any(row["has_files"] for row in rows):
        attachments = (
            Attachment.objects.filter(request=request, event__isnull=False)
            .order_by("created_at", "pk")
            .values("event_id", "token", "name", "size")
        )
        for attachment in attachments:
            files.setdefault(attachment["event_id"], []).append(attachment)
    for row in rows:
        row["files"] = files.get(row["pk"], [])
    return rows


def extra_answers(request: Request) -> list[dict]:
    """The answers to the service's extra questions, each labelled in the page's language.

    The English label is stored with the answer (what the requester was asked); a Polish page
    shows the question's current Polish label when the question still exists and has one.
    """
    answers = request.extra or []
    if not answers or not (translation.get_language() or "").startswith("pl"):
        return answers
    polish = dict(
        ServiceField.objects.filter(pk__in=[a.get("field") for a in answers])
        .exclude(label_pl="")
        .values_list("pk", "label_pl")
    )
    return [
        {**answer, "label": polish.get(answer.get("field"), answer["label"])} for answer in answers
    ]


def visible_attachment_or_none(user: Employee, request: Request, token: str) -> Attachment | None:
    attachments = request.attachments.select_related("event")
    if not permissions.can_see_internal(user, request):
        attachments = attachments.exclude(event__kind="note")
    return attachments.filter(token=token).first()


# --- queue ---------------------------------------------------------------------------------------


class _StatesIn(Expression):
    """`status IN ('new', ...)`, the states written into the statement rather than sent as
    parameters. PostgreSQL plans a prepared statement once (its generic plan) only if that plan is
    as good as one made for the values, and a plan can use a partial index naming the states
    (request_dept_open_due) only when it sees them: with parameters, the queue's page and counts
    were planned anew at every execution (1.5 ms of the page's 2.2 at 1M). Only Status values are
    accepted, so nothing a person sends reaches the statement's text."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, states) -> None:
        super().__init__()
        self.states = tuple(str(state) for state in states)
        # Status values, which are lower-case words: quoted as they are (as_sql).
        if (
            not self.states
            or not set(self.states) <= set(Status.values)
            or not all(re.fullmatch("[a-z_]+", state) for state in self.states)
        ):
            raise ValueError(f"Not states of a request: {self.states!r}")
        self.column = F("status")

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, expressions):
        (self.column,) = expressions

    def as_sql(self, compiler, connection):
        column, params = compiler.compile(self.column)
        states = ", ".join(f"'{state}'" for state in self.states)
        return f"{column} IN ({states})", params


def _overdue_q(now) -> Q:
    # A request waiting on its requester has its clock paused, so it is never overdue (as due_badge).
    return Q(_StatesIn([Status.NEW, Status.IN_PROGRESS]), due_at__lt=now)


def _text_q(q: str, department: Department) -> Q:
    """Every word in the title or the description; "IT-0042" or "42" also finds that request."""
    words = Q()
    for word in q.split()[:8]:
        words &= Q(title__icontains=word) | Q(description__icontains=word)
    reference = re.fullmatch(rf"(?:{re.escape(department.code)}-)?0*(\d{{1,9}})", q, re.IGNORECASE)
    if reference:
        return words | Q(number=int(reference.group(1)))
    return words


def _filter_values(
    user: Employee, department: Department, filters: QueueFilters, now
) -> dict | None:
    """The filters but the state and the text search, as the values `_filtered` takes (and the
    queue's compiled statements are given); None for someone outside the team, who has no rows."""
    if not permissions.works_queue(user, department):
        return None
    assignee_id = None
    if filters.assignee == ASSIGNEE_MINE:
        assignee_id = user.pk
    elif filters.assignee and filters.assignee != ASSIGNEE_UNASSIGNED:
        assignee_id = int(filters.assignee)
    begin, end = period_bounds(filters.period) if filters.period else (None, None)
    return {
        "department_id": department.pk,
        "service": filters.service,
        "assignee_id": assignee_id,
        "unassigned": filters.assignee == ASSIGNEE_UNASSIGNED,
        "priority": filters.priority,
        "client_type": filters.client_type or None,
        "overdue_at": now if filters.overdue else None,
        "period_begin": begin,
        "period_end": end,
        "low_rated": filters.low_rated,
    }


def _filtered(
    *,
    department_id: int,
    service: int | None,
    assignee_id: int | None,
    unassigned: bool,
    priority: int | None,
    client_type: str | None,
    overdue_at,
    period_begin,
    period_end,
    low_rated: bool,
) -> QuerySet[Request]:
    """The department's requests narrowed by every filter but the state (the counts split by it)
    and the text search: plain values in, so that the statements can be compiled once."""
    requests = Request.objects.filter(department_id=department_id)
    if service is not None:
        requests = requests.filter(service_id=service)
    if unassigned:
        requests = requests.filter(assignee__isnull=True)
    elif assignee_id is not None:
        requests = requests.filter(assignee_id=assignee_id)
    if priority is not None:
        requests = requests.filter(priority=priority)
    if client_type is not None:
        requests = requests.filter(client_type=client_type)
    if overdue_at is not None:
        requests = requests.filter(_overdue_q(overdue_at))
    if period_begin is not None:
        requests = requests.filter(
            Q(created_at__gte=period_begin, created_at__lt=period_end)
            | Q(resolved_at__gte=period_begin, resolved_at__lt=period_end)
            | Q(feedback__created_at__gte=period_begin, feedback__created_at__lt=period_end)
        )
    if low_rated:
        requests = requests.filter(feedback__rating__lte=LOW_RATING)
    return requests


def _queue_filtered(
    user: Employee, department: Department, filters: QueueFilters, now
) -> QuerySet[Request]:
    """The department's requests narrowed by every filter but the state (the counts split by it)."""
    values = _filter_values(user, department, filters, now)
    if values is None:
        return Request.objects.none()
    requests = _filtered(**values)
    if filters.q:
        requests = requests.filter(_text_q(filters.q, department))
    return requests


# What the queue's rows show besides the request. Not its department: that is the queue's own,
# which the view attaches to each row instead of joining it 50 times.
QUEUE_ROW_RELATIONS = ("service", "requester", "assignee")
# The request's own columns the rows show or decide on (permissions, overdue, the menus): the
# other two dozen, timestamps and the description mostly, would cost decoding for nothing.
QUEUE_ROW_FIELDS = (
    "department",
    "number",
    "title",
    "status",
    "priority",
    "client_type",
    "created_at",
    "due_at",
    *QUEUE_ROW_RELATIONS,
)
# The page's rows: the request's own columns and the names its relations show, as values (see
# QueueRow); the service's name in either language, the requester's and the assignee's names.
QUEUE_PAGE_VALUES = (
    "pk",
    "department_id",
    *QUEUE_ROW_FIELDS[1 : -len(QUEUE_ROW_RELATIONS)],
    *(f"{relation}_id" for relation in QUEUE_ROW_RELATIONS),
    "service__name",
    "service__name_pl",
    "requester__full_name",
    "assignee__full_name",
)


@dataclass(frozen=True, slots=True)
class ServiceName:
    name: str
    name_pl: str

    @property
    def localized_name(self) -> str:
        return localized(self, "name")


@dataclass(frozen=True, slots=True)
class PersonName:
    full_name: str


class QueueRow:
    """A request as the queue's page reads it: its own columns, and its relations' names where a
    Request has its relations (`service.localized_name`, `requester.full_name`, `assignee`), so
    the rows' code and permissions treat it as a Request. Made from one values() row: fifty
    Requests with their three relations were 200 model instances, which cost more Python time
    than the query itself."""

    def __init__(self, values: tuple) -> None:
        (
            self.pk,
            self.department_id,
            self.number,
            self.title,
            self.status,
            self.priority,
            self.client_type,
            self.created_at,
            self.due_at,
            self.service_id,
            self.requester_id,
            self.assignee_id,
            service_name,
            service_name_pl,
            requester_name,
            assignee_name,
        ) = values
        self.service = ServiceName(service_name, service_name_pl)
        self.requester = PersonName(requester_name)
        self.assignee = PersonName(assignee_name) if self.assignee_id is not None else None

    is_open = Request.is_open  # the same rule, read from the same field


class QueueRows:
    """A sorted queue's rows, sliced as a queryset is (desk.queue.QueuePage takes one page).
    `read(slice)` reads the values of a slice (a reader of desk.together)."""

    def __init__(self, read: Callable[[slice], together.Reader[list[tuple]]]) -> None:
        self.read = read

    def __getitem__(self, page: slice) -> list[QueueRow]:
        return together.one(self.reader(page))

    def reader(self, page: slice) -> together.Reader[list[QueueRow]]:
        """The rows of this slice, as a reader of desk.together."""
        rows = yield from self.read(page)
        return [QueueRow(row) for row in rows]


def _sorted(requests: QuerySet[Request], statuses, sort: str) -> QuerySet[Request]:
    """The table's rows in one state tab: sorted by an allowlisted key, with what each shows."""
    if statuses is not None:
        requests = requests.filter(_StatesIn(statuses))
    return (
        requests.select_related(*QUEUE_ROW_RELATIONS)
        .only(*QUEUE_ROW_FIELDS)
        .order_by(*SORTS[sort][1])
    )


def queue_list(
    user: Employee, department: Department, filters: QueueFilters, *, now=None
) -> QuerySet[Request]:
    """The queue's table: filtered, sorted by an allowlisted key, with what each row shows."""
    requests = _queue_filtered(user, department, filters, now or timezone.now())
    return _sorted(requests, filters.statuses, filters.sort)


# The queue's statements, compiled once per shape (which filters are set, the sort, the page):
# building them took the ORM more CPU than PostgreSQL takes to answer them (desk/compiled.py).
# A text search is built each time (the ORM rewrites its words into patterns).
def _page_values(statuses, sort: str, page: tuple[int, int], **values) -> QuerySet:
    rows = _sorted(_filtered(**values), statuses, sort).values_list(*QUEUE_PAGE_VALUES)
    return rows[slice(*page)]


_QUEUE_PAGE = CompiledQuery(_page_values)


def queue_page_rows(
    user: Employee, department: Department, filters: QueueFilters, *, now=None
) -> QueueRows:
    """queue_list as the page reads it: values, made into QueueRows."""
    now = now or timezone.now()
    values = _filter_values(user, department, filters, now)
    if values is None or filters.q:
        rows = queue_list(user, department, filters, now=now).values_list(*QUEUE_PAGE_VALUES)
        return QueueRows(lambda page: compiled.reader(rows[page]))
    statuses = filters.statuses
    shape = {
        "statuses": compiled.Fixed(None if statuses is None else tuple(statuses)),
        "sort": compiled.Fixed(filters.sort),
    }
    return QueueRows(
        lambda page: _QUEUE_PAGE.reader(
            **values, **shape, page=compiled.Fixed((page.start, page.stop))
        )
    )


class _CappedCount(Subquery):
    """How many rows a LIMITed queryset gives, as a value of the outer SELECT."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS capped)"
    output_field = IntegerField()

    def get_group_by_cols(self):
        return []  # a constant of the statement: nothing to group by


def queue_counts(
    user: Employee, department: Department, filters: QueueFilters, *, now=None
) -> dict[str, int]:
    """How many requests per state (and open, overdue, all) under the other filters
    (queue_counts_reader says how)."""
    return together.one(queue_counts_reader(user, department, filters, now=now))


def _counts_statement(requests: QuerySet[Request], now) -> QuerySet:
    """The states' counts of `requests` in one row. The open states and "resolved" (closed by
    itself after a week) stay small whatever the history, so they are counted exactly in one
    aggregate. Closed and cancelled requests pile up for years: each is counted only up to
    COUNT_CAP + 1 rows, and so is "all" (see is_capped)."""
    requests = requests.order_by()
    # COUNT(status), not COUNT(id): status is in the (department, status, due) index, which then
    # answers alone (an index-only scan).
    aggregates = {
        "open": Count("status", filter=_StatesIn(Status.open_values())),
        "overdue": Count("status", filter=_overdue_q(now)),
    }
    for value in BOUNDED_STATES:
        aggregates[value] = Count("status", filter=Q(status=value))
    capped = {
        value: _CappedCount(requests.filter(status=value).values("status")[: COUNT_CAP + 1])
        for value in (Status.CLOSED, Status.CANCELLED)
    }
    # One statement: the aggregate of the bounded states with the capped counts beside it. Grouped
    # by a constant (which SQL leaves out), so that it answers one row even when nothing matches.
    return (
        requests.filter(_StatesIn(BOUNDED_STATES))
        .values(_one=Value(1))
        .annotate(**aggregates, **capped)
        .values(*aggregates, *capped)
    )


def _whole_department_counts(department_id: int, now) -> QuerySet:
    """Every state's number kept by PostgreSQL (desk/status_counts.py), and the overdue requests
    counted beside them in the same statement (two short ranges of the (department, status, due)
    index): the default view no longer reads its thousands of open requests' index entries to
    count them."""
    kept = {value: status_counts.StateCount(department_id, value) for value in Status.values}
    return (
        Request.objects.filter(department_id=department_id)
        .filter(_overdue_q(now))
        .order_by()
        .values(_one=Value(1))
        .annotate(overdue=Count("status"), **kept)
        .values("overdue", *kept)
    )


_QUEUE_COUNTS = CompiledQuery(lambda now, **values: _counts_statement(_filtered(**values), now))
_WHOLE_DEPARTMENT_COUNTS = CompiledQuery(_whole_department_counts)


def queue_counts_reader(
    user: Employee, department: Department, filters: QueueFilters, *, now=None
) -> together.Reader[dict[str, int]]:
    """queue_counts as a reader of desk.together: how many requests per state (and open,
    overdue, all) under the other filters (_counts_statement). The department's whole queue is
    counted by PostgreSQL as it changes, where it can."""
    now = now or timezone.now()
    values = _filter_values(user, department, filters, now)
    nothing = dict.fromkeys([*Status.values, "open", "overdue"], 0)
    if values is None:  # someone outside the team has no rows to count: no query at all
        return _with_totals(nothing)
    # The department's whole queue (any state tab, any sort, no other filter): every state's
    # number from the counts PostgreSQL keeps.
    if status_counts.available() and filters.replace(
        state=STATE_ALL, sort=DEFAULT_SORT
    ) == QueueFilters(state=STATE_ALL):
        (counts,) = yield from _WHOLE_DEPARTMENT_COUNTS.reader(department_id=department.pk, now=now)
        counts["open"] = sum(counts[value] for value in Status.open_values())
        return _with_totals(counts)
    if filters.q:
        statement = _counts_statement(_queue_filtered(user, department, filters, now), now)
        rows = yield from compiled.reader(statement)
    else:
        rows = yield from _QUEUE_COUNTS.reader(now=now, **values)
    return _with_totals(rows[0] if rows else nothing)


def _with_totals(counts: dict[str, int]) -> dict[str, int]:
    for value in (Status.CLOSED, Status.CANCELLED):
        counts[value] = min(counts[value], COUNT_CAP + 1)  # shown as "10,000+" either way
    total = sum(counts[value] for value in Status.values)
    counts[STATE_ALL] = min(total, COUNT_CAP + 1)
    return counts


def queue_rows(user: Employee, department: Department, ids: list[int]) -> list[Request]:
    """Re-read some of the queue's rows after an action, in the order given."""
    by_id = {
        req.pk: req
        for req in permissions.queue_requests(user, department)
        .filter(pk__in=ids)
        .select_related(*QUEUE_ROW_RELATIONS)
        .only(*QUEUE_ROW_FIELDS)
    }
    return [by_id[pk] for pk in ids if pk in by_id]


def department_members(department: Department) -> QuerySet[Employee]:
    """The department's team, for the assignee filter and the assign menus."""
    return (
        Employee.objects.filter(memberships__department=department)
        .only("full_name", "is_active")
        .order_by("full_name", "pk")
    )


def department_member(department: Department, pk: int | None) -> Employee | None:
    """A member of the department's team (whom a head assigns), or None."""
    return Employee.objects.filter(memberships__department=department, pk=pk).first()


def department_services(department: Department) -> QuerySet[Service]:
    """All the department's services, retired ones too: old requests still belong to them."""
    return Service.objects.filter(department=department).order_by("order", "name", "pk")


@dataclass(frozen=True, slots=True)
class StaffLists:
    """What the request page's staff tools list: (pk, name) pairs and canned replies as dicts."""

    members: list[tuple[int, str]]
    services: list[tuple[int, str]]
    replies: list[dict]


def staff_lists(department_id: int, *, members: bool, services: bool, replies: bool) -> StaffLists:
    """The lists those flags ask for (staff_lists_reader says which and why in one statement)."""
    return together.one(
        staff_lists_reader(department_id, members=members, services=services, replies=replies)
    )


def staff_lists_reader(
    department_id: int, *, members: bool, services: bool, replies: bool
) -> together.Reader[StaffLists]:
    """The department's active members (by name), active services (as the catalog orders them) and
    active canned replies (by title), those asked for, in one query instead of one each.

    Plain SQL, on purpose: this runs on every staff view of a request page, where the ORM took
    1.4 ms to build these three small queries (or their UNION) and the database 0.2 ms to answer
    them. The tables and columns are the models' own (tests/desk/test_workflow_views.py checks
    the lists against the models)."""
    found = StaffLists(members=[], services=[], replies=[])
    parts = []
    if members:
        parts.append(_MEMBERS_SQL)
    if services:
        polish = (translation.get_language() or "").startswith("pl")
        parts.append(_SERVICES_SQL_PL if polish else _SERVICES_SQL)
    if replies:
        parts.append(_REPLIES_SQL)
    if not parts:
        return found
    sql = " UNION ALL ".join(parts) + " ORDER BY 1, 3, 4, 2"
    rows = yield sql, [department_id] * len(parts)
    for kind, pk, _rank, label, body in rows:
        if kind == 0:
            found.members.append((pk, label))
        elif kind == 1:
            found.services.append((pk, label))
        else:
            found.replies.append({"pk": pk, "title": label, "body": body})
    return found


def _staff_lists_sql() -> tuple[str, str, str, str]:
    quote = connection.ops.quote_name
    employee, membership = Employee._meta.db_table, Membership._meta.db_table
    service, reply = Service._meta.db_table, CannedReply._meta.db_table
    members = (
        f"SELECT 0, e.id, 0, e.full_name, '' FROM {quote(employee)} e"
        f" JOIN {quote(membership)} m ON m.employee_id = e.id"
        " WHERE m.department_id = %s AND e.is_active"
    )
    services = (
        "SELECT 1, s.id, s.{order}, {name}, '' FROM {table} s"
        " WHERE s.department_id = %s AND s.is_active"
    )
    replies = (
        f"SELECT 2, r.id, 0, r.title, r.body FROM {quote(reply)} r"
        " WHERE r.department_id = %s AND r.is_active"
    )
    english = services.format(order=quote("order"), name="s.name", table=quote(service))
    polish = services.format(
        order=quote("order"), name="COALESCE(NULLIF(s.name_pl, ''), s.name)", table=quote(service)
    )
    return members, english, polish, replies


_MEMBERS_SQL, _SERVICES_SQL, _SERVICES_SQL_PL, _REPLIES_SQL = _staff_lists_sql()


def department_saved_views(department: Department) -> QuerySet[SavedView]:
    """Every saved view of this queue, shared or not, with its owner's name: the queue's body is
    the same for the whole team, and each viewer is shown their own and the shared ones
    (desk.views.queue_parts.viewer_views). A team saves tens of views, not thousands."""
    return (
        SavedView.objects.filter(department=department)
        .select_related("owner")
        .only("name", "query", "shared", "department", "owner__full_name")
        .order_by("name", "pk")
    )


# Each first view of a queue after a change reads these: compiled once per process.
_SAVED_VIEWS = CompiledQuery(
    lambda department_id: department_saved_views(Department(pk=department_id))
)
_SERVICES = CompiledQuery(
    lambda department_id: department_services(Department(pk=department_id)).values_list(
        "pk", "name", "name_pl", "is_active"
    )
)
_MEMBERS = CompiledQuery(
    lambda department_id: department_members(Department(pk=department_id)).values_list(
        "pk", "full_name", "is_active"
    )
)


def saved_views_reader(department: Department) -> together.Reader[list[SavedView]]:
    """department_saved_views' list, as a reader of desk.together."""
    return _SAVED_VIEWS.reader(department_id=department.pk)


def team_lists_readers(department: Department) -> tuple[together.Reader, together.Reader]:
    """The department's services (pk, name, name_pl, is_active) and members (pk, full_name,
    is_active), as department_services and department_members order them: two readers of
    desk.together, to send together."""
    return _SERVICES.reader(department_id=department.pk), _MEMBERS.reader(
        department_id=department.pk
    )


def my_work(user: Employee) -> QuerySet[Request]:
    """Requests assigned to this person in the departments they still serve: open first, by due."""
    open_first = Case(When(status__in=Status.open_values(), then=Value(0)), default=Value(1))
    return (
        Request.objects.filter(
            assignee=user, department_id__in=permissions.staff_department_ids(user)
        )
        .with_list_relations()
        .order_by(open_first, F("due_at").asc(nulls_last=True), "-last_activity_at", "pk")
    )
