"""Read queries about feedback. They return querysets or small values; views paginate."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db.models import (
    Avg,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Cast

from departments.models import Department, Employee
from desk import permissions
from desk.models import Event, EventKind, Request, Status
from feedback.models import ALL_CLIENTS, Feedback, Kudos, ReportCell
from feedback.periods import PeriodKind

RATEABLE_STATUSES = (Status.RESOLVED, Status.CLOSED)


def feedback_for_request(request: Request) -> Feedback | None:
    """The request's feedback with who acted upon it: one query."""
    return Feedback.objects.select_related("acted_upon_by").filter(request_id=request.pk).first()


def with_feedback_state(requests: QuerySet[Request]) -> QuerySet[Request]:
    """Annotate has_feedback on a list of requests, in the same query (for My requests)."""
    return requests.annotate(has_feedback=Exists(Feedback.objects.filter(request=OuterRef("pk"))))


def rated_request_ids(requests: Iterable[Request]) -> set[int]:
    """Which of these (already loaded) requests have feedback: at most one query for them all."""
    ids = [r.pk for r in requests if r.status in RATEABLE_STATUSES]
    if not ids:
        return set()
    return set(Feedback.objects.filter(request_id__in=ids).values_list("request_id", flat=True))


# --- the heads' list -----------------------------------------------------------------------------


def get_feedback_department_or_404(user: Employee, slug: str) -> Department:
    """The heads' feedback list is for heads of the department; everyone else gets a 404."""
    return permissions.get_head_department_or_404(user, slug)


def department_feedback(
    department: Department,
    *,
    rating: int | None = None,
    service_id: int | None = None,
    client_type: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
    needs_action: bool = False,
) -> QuerySet[Feedback]:
    """The department's feedback, newest first, filtered; rows carry what the list shows."""
    feedback = Feedback.objects.filter(department=department)
    if rating is not None:
        feedback = feedback.filter(rating=rating)
    if service_id is not None:
        feedback = feedback.filter(service_id=service_id)
    if client_type:
        feedback = feedback.filter(client_type=client_type)
    if since is not None:
        feedback = feedback.filter(created_at__gte=since)
    if until is not None:
        feedback = feedback.filter(created_at__lt=until)
    if needs_action:
        feedback = feedback.filter(acted_upon_at__isnull=True).exclude(comment="")
    return feedback.select_related(
        "request__department", "service", "requester", "acted_upon_by"
    ).order_by("-created_at", "-pk")


def feedback_summary(feedback: QuerySet[Feedback]) -> dict:
    """Count, mean, CSAT share and open comments of a (filtered) list, in one query."""
    totals = feedback.order_by().aggregate(
        count=Count("pk"),
        mean=Avg("rating"),
        satisfied=Count("pk", filter=Q(rating__gte=4)),
        needs_action=Count("pk", filter=Q(acted_upon_at__isnull=True) & ~Q(comment="")),
    )
    totals["csat"] = round(100 * totals["satisfied"] / totals["count"]) if totals["count"] else None
    return totals


# --- recognition -----------------------------------------------------------------------------------

KUDOS_PAGE_SIZE = 20
# A service needs this many ratings in the month to be called one of its best rated.
BEST_RATED_MIN_RATINGS = 3


def helpers_of(request: Request) -> QuerySet[Employee]:
    """Who the requester can thank: the department's team members who are assigned to the
    request or answered or moved it on, by name."""
    acted = Event.objects.filter(
        request_id=request.pk, kind__in=[EventKind.COMMENT, EventKind.STATUS, EventKind.ASSIGNED]
    ).values("actor_id")
    return (
        Employee.objects.filter(
            is_active=True,
            memberships__department_id=request.department_id,
        )
        .filter(Q(pk=request.assignee_id) | Q(pk__in=acted))
        .exclude(pk=request.requester_id)
        .order_by("full_name", "pk")
        .distinct()
    )


def kudos_for_request(request: Request) -> list[Kudos]:
    return list(
        Kudos.objects.filter(request_id=request.pk).select_related("recipient").order_by("pk")
    )


def department_kudos(department: Department) -> QuerySet[Kudos]:
    """The department's thanks, newest first, with who gave and got them and for what."""
    return (
        Kudos.objects.filter(department=department)
        .select_related("giver", "recipient", "service")
        .order_by("-created_at", "-pk")
    )


def kudos_by_person(department: Department, since: datetime, until: datetime) -> list[dict]:
    """Who was thanked in the period, most thanked first: name and count, in one query."""
    return list(
        Kudos.objects.filter(department=department, created_at__gte=since, created_at__lt=until)
        .values("recipient__full_name")
        .annotate(count=Count("pk"))
        .order_by("-count", "recipient__full_name")
    )


def best_rated_services(department: Department, month: date, limit: int = 3) -> list[ReportCell]:
    """The department's services with the highest satisfaction in the month (from the stored
    report cells), among those with at least BEST_RATED_MIN_RATINGS ratings."""
    share = ExpressionWrapper(
        Cast("satisfied", FloatField()) / F("rated"), output_field=FloatField()
    )
    mean = ExpressionWrapper(
        Cast("rating_sum", FloatField()) / F("rated"), output_field=FloatField()
    )
    return list(
        ReportCell.objects.filter(
            department=department,
            period_kind=PeriodKind.MONTH,
            period_start=month,
            client_type=ALL_CLIENTS,
            service__isnull=False,
            rated__gte=BEST_RATED_MIN_RATINGS,
        )
        .annotate(share=share, mean=mean)
        .select_related("service")
        .order_by("-share", "-mean", "-rated", "service__name")[:limit]
    )
