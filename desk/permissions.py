"""Who may see and do what: the one place that answers it.

Views ask here for querysets and for permission to act; services ask here before changing state.
A list never shows what the detail page would refuse, because both are built from the same rules.
Someone who may not see an object gets a 404, never a hint that it exists.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from departments.models import ClientType, Department, Membership, Role
from desk import together
from desk.compiled import CompiledQuery
from desk.models import Approval, Delegation, Notification, NotificationKind, Request, Status

if TYPE_CHECKING:
    from departments.models import Employee


def _active_memberships(employee_id: int) -> QuerySet[Membership]:
    """A person's teams: their memberships of departments that are active."""
    return Membership.objects.filter(employee_id=employee_id, department__is_active=True)


# Every page asks (the navigation lists the teams): compiled once per process (desk.compiled).
_MEMBERSHIPS = CompiledQuery(
    lambda employee_id: (
        _active_memberships(employee_id)
        .select_related("department")
        .order_by("department__name", "department_id")
    )
)


def _teams(user: Employee) -> tuple[list[Department], dict[int, str]]:
    """The active departments the person is on the team of (by name) and their role in each,
    read once per request: one query, the departments with it, as the navigation lists them."""
    if not user.is_authenticated:
        return [], {}
    cached = getattr(user, "_desk_memberships", None)
    if cached is None:
        together.one(teams_reader(user))
        cached = user._desk_memberships
    return cached


def teams_reader(user: Employee) -> together.Reader[None]:
    """Reads the person's teams, as _teams keeps them, with a view's other statements (a reader
    of desk.together); nothing to ask when they are read already."""
    if not user.is_authenticated or getattr(user, "_desk_memberships", None) is not None:
        return
    memberships = yield from _MEMBERSHIPS.reader(employee_id=user.pk)
    user._desk_memberships = (
        [membership.department for membership in memberships],
        {membership.department_id: membership.role for membership in memberships},
    )


def _memberships(user: Employee) -> dict[int, str]:
    """department id -> role."""
    return _teams(user)[1]


def forget(user: Employee) -> None:
    """Drop the cached memberships (after a membership changes within one request or test)."""
    user.__dict__.pop("_desk_memberships", None)


def staff_department_ids(user: Employee) -> set[int]:
    return set(_memberships(user))


def staff_departments(user: Employee) -> list[Department]:
    """The departments whose queue this person works, by name."""
    return _teams(user)[0]


def is_staff_of(user: Employee, department_id: int) -> bool:
    return department_id in _memberships(user)


def is_head_of(user: Employee, department_id: int) -> bool:
    return _memberships(user).get(department_id) == Role.HEAD


def head_department_ids(user: Employee) -> set[int]:
    return {dept for dept, role in _memberships(user).items() if role == Role.HEAD}


# --- requests -------------------------------------------------------------------------------


def _visible(requester_id: int, team_ids: tuple[int, ...] | QuerySet) -> Q:
    return Q(requester_id=requester_id) | Q(department_id__in=team_ids)


def _team_ids(employee_id: int) -> QuerySet:
    """The person's teams as a subquery, for a statement that must not wait for them."""
    return _active_memberships(employee_id).values("department_id")


def visible_requests(user: Employee) -> QuerySet[Request]:
    """Requests this person may open: their own, and their service departments' requests."""
    if not user.is_authenticated:
        return Request.objects.none()
    return Request.objects.filter(_visible(user.pk, tuple(staff_department_ids(user))))


# Every request page opens one: compiled once per process (desk.compiled). The teams are looked up
# in the statement, so that the request page reads them and the request in one exchange.
_VISIBLE_REQUEST = CompiledQuery(
    lambda requester_id, code, number: Request.objects.filter(
        _visible(requester_id, _team_ids(requester_id)), department__code=code, number=number
    ).with_list_relations()
)


def request_reader(user: Employee, code: str, number: int | str) -> together.Reader[Request | None]:
    """The request this person may open, by reference (the URL's code and number), or None: a
    reader of desk.together."""
    number = int(number)
    # Beyond an integer column's range nothing matches (and SQLite could not take the value).
    if not user.is_authenticated or not 0 < number < 2**31:
        return None
    found = yield from _VISIBLE_REQUEST.reader(requester_id=user.pk, code=code, number=number)
    return found[0] if found else None


def get_request_or_404(user: Employee, code: str, number: int | str) -> Request:
    """The request this person may open, by reference (the URL's code and number), or a 404.
    The person's teams, which every view of a request asks next, come in the same exchange."""
    _teams, found = together.run(teams_reader(user), request_reader(user, code, number))
    if found is None:
        raise Http404("No such request.")
    return found


def works_queue(user: Employee, department: Department) -> bool:
    """Whether this person works the department's queue: sees its requests there."""
    return is_staff_of(user, department.pk)


def queue_requests(user: Employee, department: Department) -> QuerySet[Request]:
    if not works_queue(user, department):
        return Request.objects.none()
    return Request.objects.filter(department=department)


def get_staff_department_or_404(user: Employee, slug: str) -> Department:
    try:
        department = Department.objects.get(slug=slug, is_active=True)
    except Department.DoesNotExist:
        raise Http404("No such department.") from None
    if not is_staff_of(user, department.pk):
        raise Http404("No such department.")
    return department


def get_head_department_or_404(user: Employee, slug: str) -> Department:
    """A department whose head this person is (the feedback list); everyone else gets a 404."""
    department = get_staff_department_or_404(user, slug)
    if not is_head_of(user, department.pk):
        raise Http404("No such department.")
    return department


def can_see_internal(user: Employee, request: Request) -> bool:
    """Internal notes and their attachments are for the department's staff only."""
    return is_staff_of(user, request.department_id)


class Action(StrEnum):
    COMMENT = "comment"
    NOTE = "note"
    CANCEL = "cancel"
    CONFIRM = "confirm"
    REOPEN = "reopen"
    TAKE = "take"
    ASSIGN_SELF = "assign_self"
    ASSIGN_ANYONE = "assign_anyone"
    CHANGE_STATUS = "change_status"
    CHANGE_SERVICE = "change_service"
    CHANGE_PRIORITY = "change_priority"


# Who may do what, by role on the request. Staff of the department are agents or heads.
_REQUESTER_ACTIONS = {Action.COMMENT, Action.CANCEL, Action.CONFIRM, Action.REOPEN}
_AGENT_ACTIONS = {
    Action.COMMENT,
    Action.NOTE,
    Action.TAKE,
    Action.ASSIGN_SELF,
    Action.CHANGE_STATUS,
    Action.CHANGE_PRIORITY,
}
_HEAD_ACTIONS = _AGENT_ACTIONS | {Action.ASSIGN_ANYONE, Action.CHANGE_SERVICE}


def allowed_actions(user: Employee, request: Request) -> set[Action]:
    """What this person may do to this request in principle (the state is checked by services)."""
    actions: set[Action] = set()
    if request.requester_id == user.pk:
        actions |= _REQUESTER_ACTIONS
    role = _memberships(user).get(request.department_id)
    if role == Role.HEAD:
        actions |= _HEAD_ACTIONS
    elif role == Role.AGENT:
        actions |= _AGENT_ACTIONS
    return actions


def can(user: Employee, action: Action, request: Request) -> bool:
    return action in allowed_actions(user, request)


def can_file(user: Employee) -> bool:
    return user.is_authenticated and user.is_active


def can_rate(user: Employee, request: Request) -> bool:
    """Only the requester rates, only once resolved, and never staff of the serving department."""
    return (
        request.requester_id == user.pk
        and request.status in (Status.RESOLVED, Status.CLOSED)
        and not is_staff_of(user, request.department_id)
    )


# --- approvals --------------------------------------------------------------------------------


def acting_for_ids(user: Employee, today=None) -> list[int]:
    """The person, and everyone away today who delegated their approvals to them."""
    today = today or timezone.localdate()
    delegators = Delegation.objects.filter(
        delegate=user, starts_on__lte=today, ends_on__gte=today, delegator__is_active=True
    ).values_list("delegator_id", flat=True)
    return [user.pk, *delegators]


def _approver_q(user: Employee) -> Q:
    ids = acting_for_ids(user)
    headed = Membership.objects.filter(
        employee_id__in=ids,
        employee__is_active=True,
        role=Role.HEAD,
        department__is_active=True,
    ).values("department_id")
    return (
        Q(approver_id__in=ids, approver__is_active=True)
        | Q(approver_department_id__in=headed)
        | Q(escalation_department_id__in=headed)
    ) & ~Q(request__requester=user)


def approver_approvals(user: Employee) -> QuerySet[Approval]:
    """Approval steps (in any state) this person is an approver of, never of their own request."""
    if not user.is_authenticated or not user.is_active:
        return Approval.objects.none()
    return Approval.objects.filter(_approver_q(user))


def decidable_approvals(user: Employee) -> QuerySet[Approval]:
    """Current approval steps this person may decide: as the approver, as a head of the named
    (or escalation) department, or standing in for one of those; never on their own request."""
    return approver_approvals(user).current().filter(request__status=Status.AWAITING_APPROVAL)


def may_decide(user: Employee, approval: Approval) -> bool:
    return decidable_approvals(user).filter(pk=approval.pk).exists()


def may_decide_request(user: Employee, request: Request) -> bool:
    """Whether an approval notice may still go to this person (checked when it is sent)."""
    return decidable_approvals(user).filter(request_id=request.pk).exists()


# --- notifications ----------------------------------------------------------------------------

# Kinds meant for the department's team, and the one meant for its heads; the rest are the
# requester's (a reply, a state change, the resolution).
# Thanks are for the thanked person and the heads while they are on the team.
_TEAM_KINDS = {
    NotificationKind.ASSIGNED,
    NotificationKind.REQUESTER_ACTIVITY,
    NotificationKind.KUDOS,
}
_HEAD_KINDS = {NotificationKind.OVERDUE}


def may_be_notified(user: Employee, kind: str, request: Request) -> bool:
    """May this person hear about this request in this way *now*?

    Asked when a notification is made, again when its email is sent (a worker may run it much
    later) and, through visible_notifications, whenever the bell is shown: someone who left the
    team in between must not get the requester's words by email or see the title in the bell.
    """
    if not user.is_active:
        return False
    if kind == NotificationKind.APPROVAL:
        return may_decide_request(user, request)
    if kind in _HEAD_KINDS:
        return is_head_of(user, request.department_id)
    if kind in _TEAM_KINDS:
        return is_staff_of(user, request.department_id)
    return request.requester_id == user.pk or is_staff_of(user, request.department_id)


def visible_notifications(user: Employee) -> QuerySet[Notification]:
    """The person's bell entries that may_be_notified still allows, built as one filter."""
    if not user.is_authenticated:
        return Notification.objects.none()
    staff = staff_department_ids(user)
    heads = head_department_ids(user)
    requester_kinds = (
        set(NotificationKind.values) - _TEAM_KINDS - _HEAD_KINDS - {NotificationKind.APPROVAL}
    )
    allowed = (
        # An approval notice leads to the approvals page, which checks for itself.
        Q(kind=NotificationKind.APPROVAL)
        | Q(kind__in=_HEAD_KINDS, request__department_id__in=heads)
        | Q(kind__in=_TEAM_KINDS, request__department_id__in=staff)
        | Q(kind__in=requester_kinds, request__requester=user)
        | Q(kind__in=requester_kinds, request__department_id__in=staff)
    )
    return Notification.objects.for_bell(user).filter(allowed)


def can_thank(user: Employee, request: Request) -> bool:
    """Thanks, like a rating, come from the requester of a resolved request who is not on the
    serving team (a team thanking itself would make the recognition page meaningless)."""
    return can_rate(user, request)


def may_receive_kudos_notice(user: Employee, request: Request) -> bool:
    """Checked again when the message is sent: the thanked person and the heads hear about it
    only while they are still on the department's team."""
    return may_be_notified(user, NotificationKind.KUDOS, request)


# --- effort and cost ----------------------------------------------------------------------------


def may_log_time(user: Employee, request: Request) -> bool:
    """The department's staff (agents and heads) log the time they spend on its requests."""
    return user.is_authenticated and user.is_active and is_staff_of(user, request.department_id)


def sees_effort(user: Employee, request: Request) -> bool:
    """A request's logged time and its cost are for the department's staff only."""
    return is_staff_of(user, request.department_id)


def sees_department_costs(user: Employee, department_id: int) -> bool:
    """Cost figures of a department's report: its heads, and those who see the company's."""
    return is_head_of(user, department_id) or sees_company_costs(user)


def sees_company_costs(user: Employee) -> bool:
    """Cost figures of the company report: admins and executives."""
    return sees_company_reports(user)


# --- help articles ----------------------------------------------------------------------------


def can_edit_articles(user: Employee, department_id: int) -> bool:
    """Heads write their department's help articles."""
    return is_head_of(user, department_id)


def readable_articles(user: Employee) -> QuerySet:
    """Published articles of active departments for everyone; drafts for the team that writes
    them."""
    from helpcenter.models import Article, ArticleStatus

    if not user.is_authenticated:
        return Article.objects.none()
    return Article.objects.filter(
        Q(status=ArticleStatus.PUBLISHED, department__is_active=True)
        | Q(department_id__in=staff_department_ids(user))
    )


# --- reports ----------------------------------------------------------------------------------


def sees_company_reports(user: Employee) -> bool:
    """Admins and executives see the company overview; transparency is a feature."""
    return user.is_authenticated and (user.is_superuser or user.client_type == ClientType.EXECUTIVE)


def report_department_ids(user: Employee) -> set[int] | None:
    """Departments whose reports this person sees; None means all of them."""
    if sees_company_reports(user):
        return None
    return head_department_ids(user)


# --- pulse surveys ----------------------------------------------------------------------------


def can_edit_survey(user: Employee, department_id: int | None) -> bool:
    """Heads write their department's surveys; admins write the company-wide ones."""
    if not user.is_authenticated or not user.is_active:
        return False
    if department_id is None:
        return user.is_superuser
    return is_head_of(user, department_id)


def sees_surveys(user: Employee) -> bool:
    """Whether the surveys page is for this person: heads, and those who see the company's
    reports (no query: the memberships are read once per request)."""
    return bool(head_department_ids(user)) or sees_company_reports(user)


def survey_results_visible(user: Employee) -> QuerySet:
    """Surveys whose results this person sees: their departments' as a head, and every survey
    (the company-wide ones included) for those who see the company's reports."""
    from surveys.models import Survey

    if not user.is_authenticated or not user.is_active:
        return Survey.objects.none()
    departments = report_department_ids(user)
    if departments is None:
        return Survey.objects.filter(Q(department__isnull=True) | Q(department__is_active=True))
    return Survey.objects.filter(department_id__in=departments, department__is_active=True)


def may_receive_survey(user: Employee) -> bool:
    """Checked when the invitation email is sent, not only when the round was made."""
    return user.is_active
