"""The department queue's filters and sort, parsed from the URL through an allowlist.

Nothing from the query string reaches filter() or order_by() directly: each parameter is checked
against the values this module knows (and, for services and assignees, against the ids of this
department), and anything else falls back to the default. The normalised query string is what
links, redirects and saved views carry, so a shared URL always means the same view.
Saved views are written here too, because they store exactly that normalised string.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from departments.models import ClientType
from desk.models import Priority, SavedView, Status

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from departments.models import Department, Employee

PAGE_SIZE = 50
MAX_QUERY_LENGTH = 100
SAVED_VIEW_NAME_LENGTH = 80

# state=open is the default: what still needs work. "all" shows finished requests too.
STATE_OPEN = "open"
STATE_ALL = "all"
STATES: dict[str, Promise] = {
    STATE_OPEN: gettext_lazy("Open"),
    **dict(Status.choices),
    STATE_ALL: gettext_lazy("All states"),
}

# The state counts: the open states and "resolved" (closed by itself after a week) stay small and
# are counted exactly; closed, cancelled and so "all" grow with the years and are counted up to
# COUNT_CAP + 1 rows only, shown as "10,000+". The pages of such a state are not counted either.
COUNT_CAP = 10_000
# Rejected requests pile up too, but only as a small share of those filed: counted exactly, in the
# same aggregate as the open states, rather than paying a query of their own.
BOUNDED_STATES = [
    *Status.open_values(),
    Status.AWAITING_APPROVAL,
    Status.RESOLVED,
    Status.REJECTED,
]
CAPPED_STATES = {Status.CLOSED, Status.CANCELLED, STATE_ALL}


def is_capped(state: str, count: int) -> bool:
    """Whether a state's count stopped at the cap: "more than COUNT_CAP", not an exact number."""
    return state in CAPPED_STATES and count > COUNT_CAP


ASSIGNEE_UNASSIGNED = "unassigned"
ASSIGNEE_MINE = "mine"


# Requests without a due time go last either way: they have no promise to keep.
DUE_SOONEST = F("due_at").asc(nulls_last=True)
DUE_LATEST = F("due_at").desc(nulls_last=True)

# sort key -> (label, ORDER BY). The primary key breaks ties so that pages never overlap.
SORTS: dict[str, tuple[Promise, tuple]] = {
    "due": (gettext_lazy("Due: soonest first"), (DUE_SOONEST, "pk")),
    "-due": (gettext_lazy("Due: latest first"), (DUE_LATEST, "-pk")),
    "age": (gettext_lazy("Age: newest first"), ("-created_at", "-pk")),
    "-age": (gettext_lazy("Age: oldest first"), ("created_at", "pk")),
    "priority": (gettext_lazy("Priority: low to urgent"), ("priority", DUE_SOONEST, "pk")),
    "-priority": (gettext_lazy("Priority: urgent first"), ("-priority", DUE_SOONEST, "pk")),
    "activity": (gettext_lazy("Activity: quietest first"), ("last_activity_at", "pk")),
    "-activity": (gettext_lazy("Activity: latest first"), ("-last_activity_at", "-pk")),
}
DEFAULT_SORT = "due"

# How a checkbox or a hand-written URL says yes.
TRUE_VALUES = {"1", "on", "true", "yes"}


# A low rating, as the reports' findings count it: its comment says what went wrong.
LOW_RATING = 2

# A report period, as the report pages name it: "2026-03" (a month) or "2026-W10" (an ISO week).
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")


def period_bounds(label: str) -> tuple[datetime, datetime] | None:
    """[begin, end) of the period a label names, in TIME_ZONE (as the reports count); None if
    the label names none."""
    try:
        if match := _MONTH.fullmatch(label):
            first = date(int(match[1]), int(match[2]), 1)
            after = (first + timedelta(days=32)).replace(day=1)
        elif match := _WEEK.fullmatch(label):
            first = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            after = first + timedelta(days=7)
        else:
            return None
    except ValueError:
        return None
    if first.year < 2000:
        return None
    tz = ZoneInfo(settings.TIME_ZONE)
    return datetime.combine(first, time.min, tzinfo=tz), datetime.combine(
        after, time.min, tzinfo=tz
    )


def is_number(raw: str) -> bool:
    """Plain ASCII digits of a sane length (str.isdigit alone also accepts "²", which int() refuses)."""
    return raw.isascii() and raw.isdigit() and len(raw) <= 12


def _int_in(raw: str, allowed: Collection[int]) -> int | None:
    raw = raw.strip()
    if not is_number(raw):
        return None
    value = int(raw)
    return value if value in allowed else None


@dataclass(frozen=True)
class QueueFilters:
    """One queue view: which requests, in what order. Every field holds an allowlisted value."""

    state: str = STATE_OPEN
    service: int | None = None
    assignee: str = ""  # "", "unassigned", "mine" or a member's id as a string
    priority: int | None = None
    client_type: str = ""
    overdue: bool = False
    q: str = ""
    sort: str = DEFAULT_SORT
    # From a report's finding: filed, resolved or rated in a report period; rated 2 or less.
    period: str = ""
    low_rated: bool = False

    @classmethod
    def from_query(
        cls,
        data: Mapping[str, str] | QueryDict,
        *,
        service_ids: Collection[int],
        member_ids: Collection[int],
    ) -> QueueFilters:
        """Parse request.GET (or a stored query string's QueryDict); unknown values are dropped."""

        def get(name: str) -> str:
            value = data.get(name, "")
            return value if isinstance(value, str) else ""

        state = get("state")
        assignee = get("assignee")
        if assignee not in (ASSIGNEE_UNASSIGNED, ASSIGNEE_MINE):
            member = _int_in(assignee, member_ids)
            assignee = str(member) if member is not None else ""
        client_type = get("client_type")
        sort = get("sort")
        period = get("period").strip()
        return cls(
            state=state if state in STATES else STATE_OPEN,
            service=_int_in(get("service"), service_ids),
            assignee=assignee,
            priority=_int_in(get("priority"), Priority.values),
            client_type=client_type if client_type in ClientType.values else "",
            overdue=get("overdue").lower() in TRUE_VALUES,
            q=" ".join(get("q").split())[:MAX_QUERY_LENGTH],
            sort=sort if sort in SORTS else DEFAULT_SORT,
            period=period if period_bounds(period) else "",
            low_rated=get("low_rated").lower() in TRUE_VALUES,
        )

    @classmethod
    def from_query_string(
        cls, query: str, *, service_ids: Collection[int], member_ids: Collection[int]
    ) -> QueueFilters:
        return cls.from_query(
            QueryDict(query[:1000]), service_ids=service_ids, member_ids=member_ids
        )

    def replace(self, **changes) -> QueueFilters:
        return dataclasses.replace(self, **changes)

    @property
    def statuses(self) -> list[str] | None:
        """The states to show, or None for all of them."""
        if self.state == STATE_ALL:
            return None
        if self.state == STATE_OPEN:
            return Status.open_values()
        return [self.state]

    def params(self) -> dict[str, str]:
        """The non-default values, in a fixed order: the canonical form of this view."""
        params: dict[str, str] = {}
        if self.state != STATE_OPEN:
            params["state"] = self.state
        if self.service is not None:
            params["service"] = str(self.service)
        if self.assignee:
            params["assignee"] = self.assignee
        if self.priority is not None:
            params["priority"] = str(self.priority)
        if self.client_type:
            params["client_type"] = self.client_type
        if self.overdue:
            params["overdue"] = "1"
        if self.q:
            params["q"] = self.q
        if self.sort != DEFAULT_SORT:
            params["sort"] = self.sort
        if self.period:
            params["period"] = self.period
        if self.low_rated:
            params["low_rated"] = "1"
        return params

    @cached_property  # read by every row's forms; the fields never change (frozen)
    def query(self) -> str:
        """The normalised query string (no leading "?"; empty for the default view)."""
        query = QueryDict(mutable=True)
        query.update(self.params())
        return query.urlencode()

    @property
    def is_default(self) -> bool:
        return not self.params()


def parse_page(raw: str | None) -> int:
    """A page number from the URL or a form; anything odd means the first page."""
    if raw and is_number(raw) and len(raw) < 7:
        return max(1, int(raw))
    return 1


@dataclass
class QueuePage:
    """One page of the queue, paginated without a COUNT(*) of its own: the count is the chosen
    state's tile. When that count stopped at the cap the number of pages is unknown, so the page
    reads one row more than it shows to know whether there is a next one."""

    object_list: list
    number: int
    count: int
    capped: bool
    has_next: bool
    num_pages: int | None  # None when the count is capped

    @staticmethod
    def slice_of(number: int) -> slice:
        """The rows page `number` reads: one more than it shows."""
        offset = (number - 1) * PAGE_SIZE
        return slice(offset, offset + PAGE_SIZE + 1)

    @classmethod
    def of(
        cls, rows, number: int, state: str, count: int, *, read: list | None = None
    ) -> QueuePage:
        """Page `number` of the sorted queryset `rows`, whose length the tiles counted. `read`:
        the rows of page `number` (slice_of), read with the counts; a page beyond the last one
        (an old link) shows the last one, read again."""
        capped = is_capped(state, count)
        num_pages = None if capped else max(1, -(-count // PAGE_SIZE))
        asked = number
        if num_pages is not None:
            number = min(number, num_pages)
        fresh = read is None or number != asked
        fetched = list(rows[cls.slice_of(number)] if fresh else read)
        has_next = len(fetched) > PAGE_SIZE if capped else number < num_pages
        return cls(fetched[:PAGE_SIZE], number, count, capped, has_next, num_pages)

    # The questions Django's Page answers, for the queue's pagination (queue_body.html).
    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


# --- row and bulk actions ------------------------------------------------------------------------

ACTION_TAKE = "take"
ACTION_STATUS = "status"
ACTION_ASSIGN = "assign"
ASSIGN_NOBODY = "none"


@dataclass(frozen=True)
class QueueAction:
    """One action from the queue's menus: take, status:<state> or assign:<member id | none>."""

    kind: str
    value: str = ""

    @property
    def assignee_id(self) -> int | None:
        return None if self.value == ASSIGN_NOBODY else int(self.value)


def parse_action(raw: str) -> QueueAction | None:
    """The action a queue form asked for, or None if it is not one the queue offers."""
    if raw == ACTION_TAKE:
        return QueueAction(ACTION_TAKE)
    kind, _sep, value = raw.partition(":")
    if kind == ACTION_STATUS and value in Status.values:
        return QueueAction(ACTION_STATUS, value)
    if kind == ACTION_ASSIGN and (value == ASSIGN_NOBODY or is_number(value)):
        return QueueAction(ACTION_ASSIGN, value)
    return None


def parse_ids(raw: list[str], limit: int) -> list[int]:
    """Request ids from checkboxes: digits only, no repeats, at most `limit`."""
    ids: dict[int, None] = {}  # ordered, without repeats
    for value in raw:
        value = value.strip()
        if is_number(value):
            ids[int(value)] = None
            if len(ids) >= limit:
                break
    return list(ids)


# --- saved views ---------------------------------------------------------------------------------


def saved_view_save(
    *,
    owner: Employee,
    department: Department,
    name: str,
    filters: QueueFilters,
    shared: bool = False,
) -> SavedView:
    """Save (or overwrite) one of the owner's views of this department's queue."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the view a name.")})
    if len(name) > SAVED_VIEW_NAME_LENGTH:
        raise ValidationError(
            {"name": _("At most %(n)d characters.") % {"n": SAVED_VIEW_NAME_LENGTH}}
        )
    try:
        with transaction.atomic():
            view, _created = SavedView.objects.update_or_create(
                owner=owner,
                department=department,
                name=name,
                defaults={"query": filters.query, "shared": shared},
            )
    except IntegrityError:
        # Two saves under the same name at once: the other one won; keep its row.
        view = SavedView.objects.get(owner=owner, department=department, name=name)
    return view


def saved_view_delete(*, view: SavedView, actor: Employee) -> None:
    """Only the owner deletes a view, shared or not."""
    if view.owner_id != actor.pk:
        raise ValidationError(_("Only the person who saved a view can delete it."))
    view.delete()
