"""Read queries about feedback. They return querysets or small values; views paginate."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet

from departments.models import Department
from desk import permissions
from desk.models import Request, Status
from feedback.models import Feedback

if TYPE_CHECKING:
    from departments.models import Employee

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
