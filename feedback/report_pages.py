"""What the report pages and the monthly email show, built from stored cells only.

A page is a few tables (each also offered as CSV) and charts drawn from the same numbers. Reading
cells is a fixed handful of queries whatever the period or the number of departments.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from departments.models import ClientType, Department, Service
from feedback import charts, periods
from feedback.models import ALL_CLIENTS, ALL_SERVICES, COMPANY, ReportCell
from feedback.periods import PeriodKind

TREND_LENGTH = 12
OPTION_COUNT = {PeriodKind.MONTH: 24, PeriodKind.WEEK: 26}

# --- figures and tables -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    label: Promise | str
    unit: str = ""  # "", "%", "h" or "/5"
    attr: str = ""

    def of(self, cell: ReportCell) -> float | int | None:
        return getattr(cell, self.attr)


FIGURES: dict[str, Figure] = {
    "filed": Figure(_("Filed"), attr="filed"),
    "resolved": Figure(_("Resolved"), attr="resolved"),
    "closed": Figure(_("Closed"), attr="closed"),
    "backlog": Figure(_("Open at end"), attr="backlog"),
    "median": Figure(_("Median turnaround (working h)"), "h", "turnaround_business_median_hours"),
    "p90": Figure(_("90th percentile (working h)"), "h", "turnaround_business_p90_hours"),
    "median_calendar": Figure(_("Median turnaround (calendar h)"), "h", "turnaround_median_hours"),
    "p90_calendar": Figure(_("90th percentile (calendar h)"), "h", "turnaround_p90_hours"),
    "first_response": Figure(
        _("Median first response (working h)"), "h", "first_response_business_median_hours"
    ),
    "compliance": Figure(_("Within target"), "%", "compliance"),
    "csat": Figure(_("CSAT"), "%", "csat"),
    "mean_rating": Figure(_("Mean rating"), "/5", "mean_rating"),
    "quality": Figure(_("Quality"), "/5", "mean_quality"),
    "speed": Figure(_("Speed"), "/5", "mean_speed"),
    "communication": Figure(_("Communication"), "/5", "mean_communication"),
    "rated": Figure(_("Ratings"), attr="rated"),
    "response_rate": Figure(_("Response rate"), "%", "response_rate"),
}


def display(value, unit: str = "") -> str:
    """A figure as people read it: “—” when there is nothing to measure, one decimal at most."""
    if value is None:
        return "—"
    if isinstance(value, float):
        places = 0 if unit == "%" else 1
        # Round first: number_format cuts extra digits off rather than rounding them.
        text = number_format(round(value, places), decimal_pos=places)
    else:
        text = number_format(value)
    if unit == "%":
        return f"{text} %"
    if unit == "h":
        return f"{text} h"
    return text


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets (tab and
# carriage return start one after the cell is trimmed): a name entered in admin as
# "=HYPERLINK(...)" would run when a head opens the export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value) -> str:
    """A text cell for CSV, neutralised: a leading apostrophe makes a spreadsheet show it as text."""
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def raw(value) -> str:
    """A figure for CSV: plain digits and a dot, empty when there is nothing to measure."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _is_number(value) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


@dataclass
class Column:
    label: Promise | str
    unit: str = ""


@dataclass
class Table:
    """One table of a report page: shown as HTML, downloadable as CSV."""

    name: str
    title: Promise | str
    head: Promise | str  # the first column's heading
    columns: list[Column]
    rows: list[tuple[str, list]] = field(default_factory=list)  # (row label, values)
    csv_url: str = ""

    def add(self, label: str, values: list) -> None:
        self.rows.append((label, values))

    @property
    def display_rows(self) -> list[tuple[str, list[str]]]:
        return [
            (label, [display(v, c.unit) for v, c in zip(values, self.columns, strict=True)])
            for label, values in self.rows
        ]

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [csv_text(self.head)]
            + [
                csv_text(f"{c.label} ({c.unit.strip('/')})" if c.unit else c.label)
                for c in self.columns
            ]
        )
        for label, values in self.rows:
            # Figures are numbers (raw() writes digits, a dot and maybe a minus): left as they are.
            writer.writerow(
                [csv_text(label), *(raw(v) if _is_number(v) else csv_text(raw(v)) for v in values)]
            )
        return out.getvalue()


def figure_table(
    name: str, title, head, keys: list[str], rows: Iterable[tuple[str, ReportCell]]
) -> Table:
    table = Table(name, title, head, [Column(FIGURES[k].label, FIGURES[k].unit) for k in keys])
    for label, cell in rows:
        table.add(label, [FIGURES[k].of(cell) for k in keys])
    return table


EMPTY = ReportCell()

# --- the period being looked at --------------------------------------------------------------------


@dataclass
class Period:
    kind: str
    start: date
    starts: list[date]  # the trend window, oldest first, ending with `start`
    options: list[tuple[str, str]]  # (value, label) for the period menu

    @property
    def label(self) -> str:
        return periods.label(self.kind, self.start)

    @property
    def value(self) -> str:
        return self.start.isoformat()[:7] if self.kind == PeriodKind.MONTH else str(self.start)

    @property
    def previous(self) -> date:
        return periods.previous_start(self.kind, self.start)


def choose_period(kind: str | None, value: str | None, *, today: date | None = None) -> Period:
    """The period from the page's query string; the current month when absent or invalid."""
    today = today or periods.today()
    kind = kind if kind in PeriodKind.values else PeriodKind.MONTH
    current = periods.start_of(kind, today)
    start = periods.parse_start(kind, value or "") or current
    if start > current or start.year < 2000:
        start = current
    starts = [periods.shift(kind, start, -steps) for steps in range(TREND_LENGTH - 1, -1, -1)]
    recent = periods.recent_starts(kind, OPTION_COUNT[kind], until=today)
    if start not in recent:
        recent.append(start)
    options = [
        (
            day.isoformat()[:7] if kind == PeriodKind.MONTH else day.isoformat(),
            periods.label(kind, day),
        )
        for day in sorted(recent, reverse=True)
    ]
    return Period(kind, start, starts, options)


# --- pages -------------------------------------------------------------------------------------------


def _client_label(client_type: str) -> str:
    return str(ClientType(client_type).label) if client_type else str(_("All client types"))


def _trend_rows(period: Period, cells: dict[date, ReportCell]):
    return [(periods.label(period.kind, start), cells.get(start, EMPTY)) for start in period.starts]


@dataclass
class DepartmentReport:
    department: Department
    period: Period
    current: ReportCell
    previous: ReportCell
    tables: dict[str, Table]
    charts: dict[str, str]
    tiles: list[tuple[str, str, str]]  # (label, value, previous value)


TREND_FIGURES = [
    "filed",
    "resolved",
    "closed",
    "backlog",
    "median",
    "p90",
    "median_calendar",
    "first_response",
    "compliance",
    "csat",
    "mean_rating",
    "rated",
    "response_rate",
]
CLIENT_FIGURES = [
    "filed",
    "resolved",
    "backlog",
    "median",
    "p90",
    "compliance",
    "csat",
    "mean_rating",
    "quality",
    "speed",
    "communication",
    "rated",
    "response_rate",
]
DEPARTMENT_TILES = [
    "filed",
    "resolved",
    "backlog",
    "median",
    "first_response",
    "compliance",
    "csat",
    "response_rate",
]
COMPANY_TILES = DEPARTMENT_TILES


def _tiles(
    current: ReportCell, previous: ReportCell, keys: list[str]
) -> list[tuple[str, str, str]]:
    return [
        (
            str(FIGURES[key].label),
            display(FIGURES[key].of(current), FIGURES[key].unit),
            display(FIGURES[key].of(previous), FIGURES[key].unit),
        )
        for key in keys
    ]


def _trend_charts(period: Period, labels: list[str], cells: list[ReportCell]) -> dict[str, str]:
    csat = [c.csat for c in cells]
    median = [c.turnaround_business_median_hours for c in cells]
    return {
        "csat_trend": charts.line_chart(
            chart_id="chart-csat-trend",
            title=str(_("CSAT, last %(n)d periods") % {"n": len(labels)}),
            description=_trend_description(_("CSAT"), labels, csat, "%"),
            x_labels=labels,
            series=[charts.Series(str(_("CSAT")), csat)],
            unit="%",
            y_max=100,
        ),
        "turnaround_trend": charts.line_chart(
            chart_id="chart-turnaround-trend",
            title=str(_("Turnaround in working hours, last %(n)d periods") % {"n": len(labels)}),
            description=_trend_description(_("Median turnaround"), labels, median, "h"),
            x_labels=labels,
            series=[
                charts.Series(str(_("Median")), median),
                charts.Series(
                    str(_("90th percentile")),
                    [c.turnaround_business_p90_hours for c in cells],
                    dashed=True,
                ),
            ],
            unit="h",
        ),
    }


def _clients_chart(period: Period, by_client: dict[str, ReportCell]) -> str:
    return charts.bar_chart(
        chart_id="chart-clients",
        title=str(_("CSAT by client type, %(period)s") % {"period": period.label}),
        items=[
            charts.Bar(
                _client_label(ct),
                by_client.get(ct, EMPTY).csat,
                _ratings_note(by_client.get(ct, EMPTY)),
            )
            for ct in ClientType.values
        ],
        unit="%",
        max_value=100,
    )


def department_report(
    department: Department, period: Period, *, with_charts: bool = True
) -> DepartmentReport:
    """Three queries: the department-wide cells of the window (all and per client type), the
    department's services, and their cells of the chosen period. Without charts for a CSV
    export, which needs only a table."""
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
        _trend_rows(period, overall),
    )
    clients = figure_table(
        "clients",
        _("By client type"),
        _("Client type"),
        CLIENT_FIGURES,
        [(_client_label(ct), by_client.get(ct, EMPTY)) for ct in ClientType.values]
        + [(_client_label(ALL_CLIENTS), current)],
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
    services_table.columns.insert(0, Column(_("Target (h)")))
    for (_label, values), service in zip(services_table.rows, services, strict=True):
        values.insert(0, service.target_hours)

    labels = [periods.label(period.kind, s) for s in period.starts]
    chart_map = (
        {}
        if not with_charts
        else {
            **_trend_charts(period, labels, [overall.get(s, EMPTY) for s in period.starts]),
            "clients": _clients_chart(period, by_client),
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
                        _resolved_note(service_cells.get(s.pk, EMPTY)),
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
        tables={t.name: t for t in (trend, clients, services_table)},
        charts=chart_map,
        tiles=_tiles(current, previous, DEPARTMENT_TILES),
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


def company_report(period: Period, *, with_charts: bool = True) -> CompanyReport:
    """Two queries: the departments, and the all-services cells of the window, of the company
    (computed over every request, so its medians are exact) and of each department. Without
    charts for a CSV export, which needs only a table."""
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
    for cell in cells:
        if cell.department_key == COMPANY:
            if cell.client_type == ALL_CLIENTS:
                company[cell.period_start] = cell
            elif cell.period_start == period.start:
                by_client[cell.client_type] = cell
        elif cell.client_type == ALL_CLIENTS:
            overall[cell.department_id][cell.period_start] = cell

    current = company.get(period.start, EMPTY)
    previous = company.get(period.previous, EMPTY)
    labels = [periods.label(period.kind, s) for s in period.starts]
    trend = figure_table(
        "trend",
        _("Whole company, period by period"),
        _("Period"),
        TREND_FIGURES,
        _trend_rows(period, company),
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
        [(_client_label(ct), by_client.get(ct, EMPTY)) for ct in ClientType.values]
        + [(_client_label(ALL_CLIENTS), current)],
    )

    def per_department_trend(name: str, title, key: str) -> Table:
        figure = FIGURES[key]
        table = Table(
            name, title, _("Period"), [Column(d.localized_name, figure.unit) for d in departments]
        )
        for label, start in zip(labels, period.starts, strict=True):
            table.add(label, [figure.of(overall[d.pk].get(start, EMPTY)) for d in departments])
        return table

    csat_trend = per_department_trend("csat_trend", _("CSAT by department"), "csat")
    turnaround_trend = per_department_trend(
        "turnaround_trend", _("Median turnaround by department (working hours)"), "median"
    )
    chart_map = (
        {}
        if not with_charts
        else {
            **_trend_charts(period, labels, [company.get(s, EMPTY) for s in period.starts]),
            "clients": _clients_chart(period, by_client),
            "departments_csat": charts.bar_chart(
                chart_id="chart-departments-csat",
                title=str(_("CSAT by department, %(period)s") % {"period": period.label}),
                items=[
                    charts.Bar(d.localized_name, cell.csat, _ratings_note(cell))
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
                    charts.Bar(d.localized_name, cell.compliance, _resolved_note(cell))
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
        tables={t.name: t for t in (trend, per_department, clients, csat_trend, turnaround_trend)},
        charts=chart_map,
        tiles=_tiles(current, previous, COMPANY_TILES),
    )


def _trend_description(name, labels: list[str], values: list, unit: str) -> str:
    known = [(label, v) for label, v in zip(labels, values, strict=True) if v is not None]
    if not known:
        return str(_("%(name)s: no data in these periods.") % {"name": name})
    first, last = known[0], known[-1]
    if len(known) == 1:
        return str(
            _("%(name)s: %(value)s in %(label)s; no data for the other periods.")
            % {"name": name, "value": display(first[1], unit), "label": first[0]}
        )
    return str(
        _("%(name)s went from %(first)s in %(first_label)s to %(last)s in %(last_label)s.")
        % {
            "name": name,
            "first": display(first[1], unit),
            "first_label": first[0],
            "last": display(last[1], unit),
            "last_label": last[0],
        }
    )


def _ratings_note(cell: ReportCell) -> str:
    return _ratings_count_note(cell.rated)


def _ratings_count_note(rated: int) -> str:
    return ngettext("%(n)d rating", "%(n)d ratings", rated) % {"n": rated}


def _resolved_note(cell: ReportCell) -> str:
    return ngettext("%(n)d resolved", "%(n)d resolved", cell.target_known) % {
        "n": cell.target_known
    }
