"""The company report: every department side by side, and the company's own figures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from departments.models import ClientType, Department
from feedback import charts, periods
from feedback.models import ALL_CLIENTS, ALL_SERVICES, COMPANY, ReportCell
from feedback.report_pages.parts import (
    CLIENT_FIGURES,
    COMPANY_TILES,
    TREND_FIGURES,
    client_label,
    clients_chart,
    ratings_note,
    resolved_note,
    tiles,
    trend_charts,
    trend_rows,
)
from feedback.report_pages.period import Period
from feedback.report_pages.tables import (
    EFFORT_FIGURES,
    EMPTY,
    FIGURES,
    Column,
    Table,
    figure_table,
    without_costs,
)


@dataclass
class CompanyReport:
    period: Period
    departments: list[Department]
    current: ReportCell
    previous: ReportCell
    tables: dict[str, Table]
    charts: dict[str, str]
    tiles: list[tuple[str, str, str]]


def company_report(
    period: Period, *, with_charts: bool = True, with_costs: bool = False
) -> CompanyReport:
    """Two queries: the departments, and the all-services cells of the window, of the company
    (computed over every request, so its medians are exact) and of each department. Without
    charts for a CSV export, which needs only a table. Cost figures only `with_costs` (admins
    and executives: desk.permissions.sees_company_costs); otherwise time spent in their place."""
    departments = list(Department.objects.filter(is_active=True).order_by("name"))
    cells = ReportCell.objects.filter(
        Q(department__in=[d.pk for d in departments]) | Q(department_key=COMPANY),
        period_kind=period.kind,
        period_start__in=[*period.starts, period.previous],
        service_key=ALL_SERVICES,
    )
    company: dict[date, ReportCell] = {}
    by_client: dict[str, ReportCell] = {}
    overall: dict[int, dict[date, ReportCell]] = defaultdict(dict)
    # Each department's cells per client type in the chosen period (the cost of serving each).
    department_clients: dict[int, dict[str, ReportCell]] = defaultdict(dict)
    for cell in cells:
        if cell.department_key == COMPANY:
            if cell.client_type == ALL_CLIENTS:
                company[cell.period_start] = cell
            elif cell.period_start == period.start:
                by_client[cell.client_type] = cell
        elif cell.client_type == ALL_CLIENTS:
            overall[cell.department_id][cell.period_start] = cell
        elif cell.period_start == period.start:
            department_clients[cell.department_id][cell.client_type] = cell

    current = company.get(period.start, EMPTY)
    previous = company.get(period.previous, EMPTY)
    labels = [periods.label(period.kind, s) for s in period.starts]
    trend = figure_table(
        "trend",
        _("Whole company, period by period"),
        _("Period"),
        TREND_FIGURES,
        trend_rows(period, company),
    )
    selected = [(d, overall[d.pk].get(period.start, EMPTY)) for d in departments]
    per_department = figure_table(
        "departments",
        _("By department, %(period)s") % {"period": period.label},
        _("Department"),
        [
            "filed",
            "resolved",
            "backlog",
            "median",
            "p90",
            "first_response",
            "compliance",
            "csat",
            "mean_rating",
            "rated",
            "response_rate",
        ],
        [(d.localized_name, cell) for d, cell in selected],
    )
    clients = figure_table(
        "clients",
        _("By client type, %(period)s") % {"period": period.label},
        _("Client type"),
        CLIENT_FIGURES,
        [(client_label(ct), by_client.get(ct, EMPTY)) for ct in ClientType.values]
        + [(client_label(ALL_CLIENTS), current)],
    )

    def per_department_trend(name: str, title, key: str) -> Table:
        figure = FIGURES[key]
        table = Table(
            name, title, _("Period"), [Column(d.localized_name, figure.unit) for d in departments]
        )
        for label, start in zip(labels, period.starts, strict=True):
            table.add(label, [figure.of(overall[d.pk].get(start, EMPTY)) for d in departments])
        return table

    # What serving each client type cost each department (the time it took, without costs).
    serving = FIGURES["cost" if with_costs else "effort"]
    client_types = [*ClientType.values, ALL_CLIENTS]
    cost_of_serving = Table(
        "cost_of_serving",
        (
            _("Cost of serving each client type, %(period)s")
            if with_costs
            else _("Time spent serving each client type, %(period)s")
        )
        % {"period": period.label},
        _("Department"),
        [Column(client_label(ct), serving.unit) for ct in client_types],
    )
    for department, cell in selected:
        its = department_clients[department.pk] | {ALL_CLIENTS: cell}
        cost_of_serving.add(
            department.localized_name, [serving.of(its.get(ct, EMPTY)) for ct in client_types]
        )
    cost_of_serving.add(
        str(_("Whole company")),
        [serving.of((by_client | {ALL_CLIENTS: current}).get(ct, EMPTY)) for ct in client_types],
    )
    effort_departments = figure_table(
        "effort_departments",
        (
            _("Time and cost by department, %(period)s")
            if with_costs
            else _("Time spent by department, %(period)s")
        )
        % {"period": period.label},
        _("Department"),
        without_costs(EFFORT_FIGURES, with_costs),
        [*((d.localized_name, cell) for d, cell in selected), (str(_("Whole company")), current)],
    )

    csat_trend = per_department_trend("csat_trend", _("CSAT by department"), "csat")
    turnaround_trend = per_department_trend(
        "turnaround_trend", _("Median turnaround by department (working hours)"), "median"
    )
    chart_map = (
        {}
        if not with_charts
        else {
            **trend_charts(period, labels, [company.get(s, EMPTY) for s in period.starts]),
            "clients": clients_chart(period, by_client),
            "departments_csat": charts.bar_chart(
                chart_id="chart-departments-csat",
                title=str(_("CSAT by department, %(period)s") % {"period": period.label}),
                items=[
                    charts.Bar(d.localized_name, cell.csat, ratings_note(cell))
                    for d, cell in selected
                ],
                unit="%",
                max_value=100,
            ),
            "departments_compliance": charts.bar_chart(
                chart_id="chart-departments-compliance",
                title=str(
                    _("Resolved within target, by department, %(period)s")
                    % {"period": period.label}
                ),
                items=[
                    charts.Bar(d.localized_name, cell.compliance, resolved_note(cell))
                    for d, cell in selected
                ],
                unit="%",
                max_value=100,
            ),
        }
    )
    return CompanyReport(
        period=period,
        departments=departments,
        current=current,
        previous=previous,
        tables={
            t.name: t
            for t in (
                trend,
                per_department,
                clients,
                csat_trend,
                turnaround_trend,
                cost_of_serving,
                effort_departments,
            )
        },
        charts=chart_map,
        tiles=tiles(current, previous, COMPANY_TILES),
    )
