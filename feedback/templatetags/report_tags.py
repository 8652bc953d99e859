"""Template helpers for reports on pages that reports do not render: the navigation link and the
catalog's per-service transparency line."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from desk import permissions
from feedback import reports

register = template.Library()


@register.simple_tag(takes_context=True)
def report_nav_links(context) -> list[tuple[str, str]]:
    """{% report_nav_links as links %}: (label, url) of the reports this person may open."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return []
    if permissions.sees_company_reports(user):
        return [(_("Reports"), reverse("feedback:reports"))]
    head_ids = permissions.head_department_ids(user)
    if not head_ids:
        return []
    # The navigation's own list of the person's teams (already loaded for the queue links).
    departments = [d for d in context.get("staff_departments", []) if d.pk in head_ids]
    if len(departments) == 1:
        return [(_("Reports"), reverse("feedback:department-report", args=[departments[0].slug]))]
    return [
        (
            _("%(department)s reports") % {"department": d.localized_name},
            reverse("feedback:department-report", args=[d.slug]),
        )
        for d in departments
    ]


@register.simple_tag(takes_context=True)
def service_stats(context, service) -> reports.ServiceStats | None:
    """{% service_stats service as stats %}: the service's last 90 days, or None while it has
    fewer than 5 ratings. All services are loaded by the first call, once per HTTP request."""
    request = context.get("request")
    stats = getattr(request, "_desk_service_stats", None)
    if stats is None:
        stats = reports.service_stats()
        if request is not None:
            request._desk_service_stats = stats
    found = stats.get(service.pk)
    return found if found is not None and found.shown else None
