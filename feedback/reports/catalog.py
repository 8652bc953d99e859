"""The catalog's transparency line: each published service's last 90 days (CSAT, median
turnaround, target compliance), read straight from requests and ratings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from desk.models import Request
from feedback.reports.families import to_hours
from feedback.reports.percentiles import PercentileCont

STATS_DAYS = 90
STATS_MIN_RATINGS = 5


@dataclass(frozen=True)
class ServiceStats:
    rated: int
    satisfied: int
    median_hours: float | None  # working hours (calendar hours for a 24×7 service)
    target_known: int
    target_met: int

    @property
    def csat(self) -> float | None:
        return self.satisfied * 100 / self.rated if self.rated else None

    @property
    def compliance(self) -> float | None:
        return self.target_met * 100 / self.target_known if self.target_known else None

    @property
    def shown(self) -> bool:
        """Too few ratings say more about the raters than about the service."""
        return self.rated >= STATS_MIN_RATINGS


def service_stats(*, now: datetime | None = None) -> dict[int, ServiceStats]:
    """The last 90 days of every published service, by service id, in one grouped query.

    Straight from requests and feedback rather than from cells, because 90 days do not line up
    with weeks or months and medians cannot be added up.
    """
    since = (now or timezone.now()) - timedelta(days=STATS_DAYS)
    resolved = Q(resolved_at__gte=since)
    rated = Q(feedback__created_at__gte=since)
    rows = (
        Request.objects.filter(resolved | rated)
        .filter(service__is_active=True, department__is_active=True)
        .values("service_id")
        .annotate(
            rated=Count("feedback", filter=rated),
            satisfied=Count("feedback", filter=rated & Q(feedback__rating__gte=4)),
            median=PercentileCont("resolution_business_seconds", 0.5, filter=resolved),
            target_known=Count("met_target", filter=resolved),
            target_met=Count("pk", filter=resolved & Q(met_target=True)),
        )
        .order_by()
    )
    return {
        row["service_id"]: ServiceStats(
            rated=row["rated"],
            satisfied=row["satisfied"],
            median_hours=to_hours(row["median"]),
            target_known=row["target_known"],
            target_met=row["target_met"],
        )
        for row in rows
    }
