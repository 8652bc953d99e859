"""Read queries that are more than a one-liner. They return querysets; views paginate them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from departments.models import Department, Service
from desk import permissions
from desk.models import Attachment, Event, Request, Status

if TYPE_CHECKING:
    from departments.models import Employee


def catalog(query: str = "") -> QuerySet[Department]:
    """Active departments with their published services, matching the search words if any."""
    services = Service.objects.published().select_related("department").order_by("order", "name")
    query = query.strip()
    if query:
        words_filter = Q()
        for word in query.split()[:8]:
            words_filter &= (
                Q(name__icontains=word)
                | Q(description__icontains=word)
                | Q(department__name__icontains=word)
            )
        services = services.filter(words_filter)
    departments = Department.objects.filter(is_active=True, services__in=services).distinct()
    return departments.order_by("name").prefetch_related(
        Prefetch("services", queryset=services, to_attr="published_services")
    )


MY_REQUEST_FILTERS = {
    "open": Status.open_values(),
    "resolved": [Status.RESOLVED],
    "closed": [Status.CLOSED, Status.CANCELLED],
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


def timeline(user: Employee, request: Request) -> QuerySet[Event]:
    """The request's events this person may see, with their attachments, in order."""
    attachments = Attachment.objects.order_by("created_at", "pk")
    events = request.events.select_related("actor").prefetch_related(
        Prefetch("attachments", queryset=attachments)
    )
    if not permissions.can_see_internal(user, request):
        events = events.public()
    return events.order_by("created_at", "pk")


def visible_attachment_or_none(user: Employee, request: Request, token: str) -> Attachment | None:
    attachments = request.attachments.select_related("event")
    if not permissions.can_see_internal(user, request):
        attachments = attachments.exclude(event__kind="note")
    return attachments.filter(token=token).first()
