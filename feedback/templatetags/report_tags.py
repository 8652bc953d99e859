"""Template helpers for reports on pages that reports do not render: the catalog's per-service
transparency line. (The top bar's report links are feedback/navigation.py.)"""

from __future__ import annotations

from django import template

from feedback import reports

register = template.Library()


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
