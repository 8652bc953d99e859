"""One department's report page: its figures for the period, trends, client types and services."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from departments.models import ApprovalStep, ClientType, Department, Service
from feedback import charts, periods
from feedback.models import ALL_CLIENTS, ALL_SERVICES, Finding, FindingKind, ReportCell
from feedback.periods import PeriodKind
from feedback.report_pages.parts import (
    CLIENT_FIGURES,
    DEPARTMENT_TILES,
    TREND_FIGURES,
    client_label,
    clients_chart,
    resolved_note,
    tiles,
    trend_charts,
    trend_rows,
)
from feedback.report_pages.period import Period
from feedback.report_pages.tables import (
    EFFORT_FIGURES,
    EMPTY,
    Column,
    Table,
    figure_table,
    without_costs,
)


@dataclass
class DepartmentReport:
    department: Department
    period: Period
    current: ReportCell
    previous: ReportCell
    tables: dict[str, Table]
    charts: dict[str, str]
    tiles: list[tuple[str, str, str]]  # (label, value, previous value)
    findings: list[Finding]  # each with .queue_url: the requests behind it in the queue


def findings_of(department: Department, period: Period) -> list[Finding]:
    """Where to improve: the findings the report job stored, in one query, each with the link to
    the department queue filtered to the requests behind it (desk.queue's allowlisted filters)."""
    found = list(
        Finding.objects.filter(
            department=department, period_kind=period.kind, period_start=period.start
        )
        .select_related("service")
        .order_by("rank")
    )
    queue = reverse("desk:queue", args=[department.slug])
    for finding in found:
        query = QueryDict(mutable=True)
        query["state"] = "all"
        if finding.service_id and finding.kind in (
            FindingKind.COMPLIANCE_DROP,
            FindingKind.SATISFACTION_DROP,
        ):
            query["service"] = str(finding.service_id)
        if finding.kind == FindingKind.CLIENT_TYPE:
            query["client_type"] = finding.subject
        query["period"] = period.label
        if finding.kind == FindingKind.COMMENT_WORDS:
            query["low_rated"] = "1"
        finding.queue_url = f"{queue}?{query.urlencode()}"
    return found


def department_report(
    department: Department, period: Period, *, with_charts: bool = True, with_costs: bool = False
) -> DepartmentReport:
    """Four queries: the findings, the department-wide cells of the window (all and per client type), the
    department's services, and their cells of the chosen period. Without charts for a CSV
    export, which needs only a table. Cost figures only `with_costs` (the department's heads,
    admins and executives: desk.permissions.sees_department_costs); time logged always."""
    window = list(
        ReportCell.objects.filter(
            department=department,
            period_kind=period.kind,
            period_start__in=[*period.starts, period.previous],
            service_key=ALL_SERVICES,
        )
    )
    overall = {c.period_start: c for c in window if c.client_type == ALL_CLIENTS}
    by_client = {
        c.client_type: c
        for c in window
        if c.client_type != ALL_CLIENTS and c.period_start == period.start
    }
    # A retired service still shows when it has figures in the period: one index probe per
    # service (the cells' key), whatever the length of the history.
    has_cells = ReportCell.objects.filter(
        period_kind=period.kind,
        period_start=period.start,
        department_key=department.pk,
        service_key=OuterRef("pk"),
    )
    services = list(
        Service.objects.filter(department=department)
        .filter(Q(is_active=True) | Exists(has_cells))
        .annotate(needs_approval=Exists(ApprovalStep.objects.filter(service=OuterRef("pk"))))
        .order_by("order", "name")
    )
    service_cells = {
        c.service_key: c
        for c in ReportCell.objects.filter(
            department=department,
            period_kind=period.kind,
            period_start=period.start,
            client_type=ALL_CLIENTS,
        ).exclude(service_key=ALL_SERVICES)
    }
    current = overall.get(period.start, EMPTY)
    previous = overall.get(period.previous, EMPTY)

    trend = figure_table(
        "trend",
        _("Month by month") if period.kind == PeriodKind.MONTH else _("Week by week"),
        _("Period"),
        TREND_FIGURES,
        trend_rows(period, overall),
    )
    clients = figure_table(
        "clients",
        _("By client type"),
        _("Client type"),
        CLIENT_FIGURES,
        [(client_label(ct), by_client.get(ct, EMPTY)) for ct in ClientType.values]
        + [(client_label(ALL_CLIENTS), current)],
    )
    services_table = figure_table(
        "services",
        _("By service"),
        _("Service"),
        [
            "filed",
            "resolved",
            "backlog",
            "median",
            "p90",
            "compliance",
            "csat",
            "mean_rating",
            "rated",
        ],
        [(s.localized_name, service_cells.get(s.pk, EMPTY)) for s in services],
    )
    # Services that ask for approval, or whose approvals ended in the period (since changed).
    approved_services = [
        s for s in services if s.needs_approval or service_cells.get(s.pk, EMPTY).approvals_decided
    ]
    approvals_table = figure_table(
        "approvals",
        _("Approvals by service"),
        _("Service"),
        ["approvals", "approval_median", "approval_p90", "rejected_share"],
        [(s.localized_name, service_cells.get(s.pk, EMPTY)) for s in approved_services],
    )
    services_table.columns.insert(0, Column(_("Target (h)")))
    for (_label, values), service in zip(services_table.rows, services, strict=True):
        values.insert(0, service.target_hours)

    effort_keys = without_costs(EFFORT_FIGURES, with_costs)
    by_month = period.kind == PeriodKind.MONTH
    if with_costs:
        trend_title = (
            _("Time and cost, month by month") if by_month else _("Time and cost, week by week")
        )
    else:
        trend_title = _("Time spent, month by month") if by_month else _("Time spent, week by week")
    effort_trend = figure_table(
        "effort_trend",
        trend_title,
        _("Period"),
        effort_keys,
        trend_rows(period, overall),
    )
    effort_clients = figure_table(
        "effort_clients",
        _("Time and cost by client type") if with_costs else _("Time spent by client type"),
        _("Client type"),
        effort_keys,
        [(client_label(ct), by_client.get(ct, EMPTY)) for ct in ClientType.values]
        + [(client_label(ALL_CLIENTS), current)],
    )
    effort_services = figure_table(
        "effort_services",
        _("Time and cost by service") if with_costs else _("Time spent by service"),
        _("Service"),
        effort_keys,
        [(s.localized_name, service_cells.get(s.pk, EMPTY)) for s in services],
    )

    labels = [periods.label(period.kind, s) for s in period.starts]
    chart_map = (
        {}
        if not with_charts
        else {
            **trend_charts(period, labels, [overall.get(s, EMPTY) for s in period.starts]),
            "clients": clients_chart(period, by_client),
            "service_turnaround": charts.bar_chart(
                chart_id="chart-service-turnaround",
                title=str(
                    _("Median turnaround by service against its target, %(period)s")
                    % {"period": period.label}
                ),
                items=[
                    charts.Bar(
                        s.localized_name,
                        service_cells.get(s.pk, EMPTY).turnaround_business_median_hours,
                        str(_("target %(h)s h") % {"h": s.target_hours}),
                        target=float(s.target_hours),
                    )
                    for s in services
                ],
                unit="h",
            ),
            "service_compliance": charts.bar_chart(
                chart_id="chart-service-compliance",
                title=str(
                    _("Resolved within target, by service, %(period)s") % {"period": period.label}
                ),
                items=[
                    charts.Bar(
                        s.localized_name,
                        service_cells.get(s.pk, EMPTY).compliance,
                        resolved_note(service_cells.get(s.pk, EMPTY)),
                    )
                    for s in services
                ],
                unit="%",
                max_value=100,
            ),
        }
    )
    return DepartmentReport(
        department=department,
        period=period,
        current=current,
        previous=previous,
        tables={
            t.name: t
            for t in (
                trend,
                clients,
                services_table,
                approvals_table,
                effort_trend,
                effort_clients,
                effort_services,
            )
        },
        charts=chart_map,
        tiles=tiles(current, previous, DEPARTMENT_TILES),
        findings=findings_of(department, period) if with_charts else [],
    )
