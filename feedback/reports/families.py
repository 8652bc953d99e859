"""What a report cell holds, figure family by figure family.

A family is the figures that one timestamp places in a period: filed (created_at), resolved
(resolved_at: turnaround, target compliance), approved (approval_decided_at: approval time,
share rejected), finished (closed_at: closed, cancelled, response
rate), answered (first_response_at), rated (the rating's created_at: CSAT, mean rating, aspects)
and the backlog (still open at the period's end). Effort and cost (the minutes logged on a
request and what they cost) count with its resolution, in the resolved family. This module owns
the cell's fields (COUNT_FIELDS, HOUR_FIELDS, PLAIN_FIELDS), the groupings, each figure's ORM
aggregate for one period (orm_figures, any database) and each family's SQL for PostgreSQL
(SQL_FAMILIES, assembled by feedback.reports.sql).

A new figure: a ReportCell field, its name in COUNT_FIELDS, HOUR_FIELDS or PLAIN_FIELDS, its aggregate in
orm_figures and its expression in its family's SQL (or a new family); tests/feedback/
test_reports_sql.py checks that both ways give the same cells.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Aggregate, Count, Q, Sum

from desk.models import Status
from feedback.reports.percentiles import PercentileCont

GROUPINGS: tuple[tuple[str, ...], ...] = (
    ("department_id", "service_id", "client_type"),
    ("department_id", "service_id"),
    ("department_id", "client_type"),
    ("department_id",),
)
# The whole company: per client type, and everything (all services, always).
COMPANY_GROUPINGS: tuple[tuple[str, ...], ...] = (("client_type",), ())
KEY_FIELDS = ["period_kind", "period_start", "department_key", "service_key", "client_type"]
HOURS = 3600.0


def _between(field: str, begin: datetime, end: datetime) -> Q:
    return Q(**{f"{field}__gte": begin, f"{field}__lt": end})


def _open_at(end: datetime) -> Q:
    return (
        Q(created_at__lt=end)
        & (Q(resolved_at__isnull=True) | Q(resolved_at__gte=end))
        & (Q(closed_at__isnull=True) | Q(closed_at__gte=end))
    )


def orm_figures(begin: datetime, end: datetime) -> dict[str, Aggregate]:
    filed = _between("created_at", begin, end)
    resolved = _between("resolved_at", begin, end)
    finished = _between("closed_at", begin, end)
    closed = finished & Q(status=Status.CLOSED)
    answered = _between("first_response_at", begin, end)
    approved = _between("approval_decided_at", begin, end)
    rated = _between("feedback__created_at", begin, end)
    return {
        "filed": Count("pk", filter=filed),
        "resolved": Count("pk", filter=resolved),
        "closed": Count("pk", filter=closed),
        "cancelled": Count("pk", filter=finished & Q(status=Status.CANCELLED)),
        "backlog": Count("pk", filter=_open_at(end)),
        "turnaround_median": PercentileCont("resolution_seconds", 0.5, filter=resolved),
        "turnaround_p90": PercentileCont("resolution_seconds", 0.9, filter=resolved),
        "turnaround_business_median": PercentileCont(
            "resolution_business_seconds", 0.5, filter=resolved
        ),
        "turnaround_business_p90": PercentileCont(
            "resolution_business_seconds", 0.9, filter=resolved
        ),
        "first_responses": Count("first_response_business_seconds", filter=answered),
        "first_response_median": PercentileCont(
            "first_response_business_seconds", 0.5, filter=answered
        ),
        "approvals_decided": Count("pk", filter=approved),
        "approvals_rejected": Count("pk", filter=approved & Q(status=Status.REJECTED)),
        "approval_median": PercentileCont("approval_seconds", 0.5, filter=approved),
        "approval_p90": PercentileCont("approval_seconds", 0.9, filter=approved),
        "target_known": Count("met_target", filter=resolved),
        "target_met": Count("pk", filter=resolved & Q(met_target=True)),
        "effort_requests": Count("effort_minutes", filter=resolved),
        "effort_total_minutes": Sum("effort_minutes", filter=resolved, default=0),
        "effort_median": PercentileCont("effort_minutes", 0.5, filter=resolved),
        "costed_requests": Count("effort_cost_cents", filter=resolved),
        "cost_cents": Sum("effort_cost_cents", filter=resolved, default=0),
        "cost_median": PercentileCont("effort_cost_cents", 0.5, filter=resolved),
        "rated": Count("feedback", filter=rated),
        "satisfied": Count("feedback", filter=rated & Q(feedback__rating__gte=4)),
        "rating_sum": Sum("feedback__rating", filter=rated, default=0),
        "quality_count": Count("feedback__quality", filter=rated),
        "quality_sum": Sum("feedback__quality", filter=rated, default=0),
        "speed_count": Count("feedback__speed", filter=rated),
        "speed_sum": Sum("feedback__speed", filter=rated, default=0),
        "communication_count": Count("feedback__communication", filter=rated),
        "communication_sum": Sum("feedback__communication", filter=rated, default=0),
        "closed_rated": Count("feedback", filter=closed),
    }


def orm_relevant(begin: datetime, end: datetime) -> Q:
    """Requests that count for any figure of the period (the rest would only add zeros)."""
    return (
        _between("created_at", begin, end)
        | _between("resolved_at", begin, end)
        | _between("closed_at", begin, end)
        | _between("first_response_at", begin, end)
        | _between("approval_decided_at", begin, end)
        | _between("feedback__created_at", begin, end)
        | _open_at(end)
    )


def to_hours(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / HOURS


COUNT_FIELDS = [
    "filed",
    "resolved",
    "closed",
    "cancelled",
    "backlog",
    "first_responses",
    "approvals_decided",
    "approvals_rejected",
    "target_known",
    "target_met",
    "rated",
    "satisfied",
    "rating_sum",
    "quality_count",
    "quality_sum",
    "speed_count",
    "speed_sum",
    "communication_count",
    "communication_sum",
    "closed_rated",
    "effort_requests",
    "effort_total_minutes",
    "costed_requests",
    "cost_cents",
]
HOUR_FIELDS = {
    "turnaround_median_hours": "turnaround_median",
    "turnaround_p90_hours": "turnaround_p90",
    "turnaround_business_median_hours": "turnaround_business_median",
    "turnaround_business_p90_hours": "turnaround_business_p90",
    "first_response_business_median_hours": "first_response_median",
    "approval_median_hours": "approval_median",
    "approval_p90_hours": "approval_p90",
}
# Medians stored as they are (minutes, cents), not converted to hours.
PLAIN_FIELDS = {
    "effort_median_minutes": "effort_median",
    "cost_median_cents": "cost_median",
}
# Every median and percentile field, and the alias its aggregate has.
FLOAT_FIELDS = {**HOUR_FIELDS, **PLAIN_FIELDS}
UPDATE_FIELDS = ["department", "service", *COUNT_FIELDS, *FLOAT_FIELDS, "computed_at"]

# Every family: where its rows come from, its timestamp, whether its figures are counts and sums
# (then they are first added up per week, month, department, service and client type, and the
# groupings add up those far fewer rows), and its figures (the other columns are NULL).
SQL_FAMILIES: dict[str, tuple[str, str, bool, dict[str, str]]] = {
    "filed": ("desk_request r", "r.created_at", True, {"filed": "COUNT(*)"}),
    "resolved": (
        "desk_request r",
        "r.resolved_at",
        False,
        {
            "resolved": "COUNT(*)",
            "turnaround_median": "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY r.resolution_seconds)",
            "turnaround_p90": "PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY r.resolution_seconds)",
            "turnaround_business_median": (
                "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY r.resolution_business_seconds)"
            ),
            "turnaround_business_p90": (
                "PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY r.resolution_business_seconds)"
            ),
            "target_known": "COUNT(r.met_target)",
            "target_met": "COUNT(*) FILTER (WHERE r.met_target)",
            # Effort and cost of the requests resolved in the period, counted with their
            # resolution: a request's total (desk.effort keeps it on the row) and the median over
            # the requests that have one (NULL, no time logged or no rate, is left out).
            "effort_requests": "COUNT(r.effort_minutes)",
            "effort_total_minutes": "SUM(r.effort_minutes)::bigint",
            "effort_median": "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY r.effort_minutes)",
            "costed_requests": "COUNT(r.effort_cost_cents)",
            "cost_cents": "SUM(r.effort_cost_cents)::bigint",
            "cost_median": "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY r.effort_cost_cents)",
        },
    ),
    "finished": (
        # has_rating: 1 when the request has a rating (joined in by sql._cells_statement).
        "desk_request r",
        "r.closed_at",
        True,
        {
            "closed": "COUNT(*) FILTER (WHERE r.status = %(closed)s)",
            "cancelled": "COUNT(*) FILTER (WHERE r.status = %(cancelled)s)",
            "closed_rated": "COUNT(has_rating) FILTER (WHERE r.status = %(closed)s)",
        },
    ),
    "answered": (
        "desk_request r",
        "r.first_response_at",
        False,
        {
            "first_responses": "COUNT(r.first_response_business_seconds)",
            "first_response_median": (
                "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY r.first_response_business_seconds)"
            ),
        },
    ),
    "approved": (
        # Requests to services that need approval, in the period of the approval's last decision.
        "desk_request r",
        "r.approval_decided_at",
        False,
        {
            "approvals_decided": "COUNT(*)",
            "approvals_rejected": "COUNT(*) FILTER (WHERE r.status = %(rejected)s)",
            "approval_median": "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY r.approval_seconds)",
            "approval_p90": "PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY r.approval_seconds)",
        },
    ),
    "rated": (
        # A rating carries copies of its request's department, service and client type, kept in
        # step (feedback.models.Feedback): it is read alone, as "r", and its (department,
        # created_at) index finds the period's ratings with no request looked up.
        "feedback_feedback r",
        "r.created_at",
        True,
        {
            "rated": "COUNT(*)",
            "satisfied": "COUNT(*) FILTER (WHERE r.rating >= 4)",
            "rating_sum": "SUM(r.rating)",
            "quality_count": "COUNT(r.quality)",
            "quality_sum": "SUM(r.quality)",
            "speed_count": "COUNT(r.speed)",
            "speed_sum": "SUM(r.speed)",
            "communication_count": "COUNT(r.communication)",
            "communication_sum": "SUM(r.communication)",
        },
    ),
}

_HOUR_FIELD_OF = {alias: field for field, alias in FLOAT_FIELDS.items()}
# The cell fields each family fills (the backlog is the last family).
FAMILY_FIELDS: dict[str, list[str]] = {
    name: [_HOUR_FIELD_OF.get(alias, alias) for alias in figures]
    for name, (_source, _timestamp, _summed, figures) in SQL_FAMILIES.items()
} | {"backlog": ["backlog"]}
FAMILIES = list(FAMILY_FIELDS)
