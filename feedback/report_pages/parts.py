"""Pieces shared by the department and company reports: trend rows, tiles, charts and notes."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from departments.models import ClientType
from feedback import charts, periods
from feedback.models import ReportCell
from feedback.report_pages.period import Period
from feedback.report_pages.tables import (
    EMPTY,
    FIGURES,
    display,
)


def client_label(client_type: str) -> str:
    return str(ClientType(client_type).label) if client_type else str(_("All client types"))


def trend_rows(period: Period, cells: dict[date, ReportCell]):
    return [(periods.label(period.kind, start), cells.get(start, EMPTY)) for start in period.starts]


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


def tiles(current: ReportCell, previous: ReportCell, keys: list[str]) -> list[tuple[str, str, str]]:
    return [
        (
            str(FIGURES[key].label),
            display(FIGURES[key].of(current), FIGURES[key].unit),
            display(FIGURES[key].of(previous), FIGURES[key].unit),
        )
        for key in keys
    ]


def trend_charts(period: Period, labels: list[str], cells: list[ReportCell]) -> dict[str, str]:
    csat = [c.csat for c in cells]
    median = [c.turnaround_business_median_hours for c in cells]
    return {
        "csat_trend": charts.line_chart(
            chart_id="chart-csat-trend",
            title=str(_("CSAT, last %(n)d periods") % {"n": len(labels)}),
            description=trend_description(_("CSAT"), labels, csat, "%"),
            x_labels=labels,
            series=[charts.Series(str(_("CSAT")), csat)],
            unit="%",
            y_max=100,
        ),
        "turnaround_trend": charts.line_chart(
            chart_id="chart-turnaround-trend",
            title=str(_("Turnaround in working hours, last %(n)d periods") % {"n": len(labels)}),
            description=trend_description(_("Median turnaround"), labels, median, "h"),
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


def clients_chart(period: Period, by_client: dict[str, ReportCell]) -> str:
    return charts.bar_chart(
        chart_id="chart-clients",
        title=str(_("CSAT by client type, %(period)s") % {"period": period.label}),
        items=[
            charts.Bar(
                client_label(ct),
                by_client.get(ct, EMPTY).csat,
                ratings_note(by_client.get(ct, EMPTY)),
            )
            for ct in ClientType.values
        ],
        unit="%",
        max_value=100,
    )


def trend_description(name, labels: list[str], values: list, unit: str) -> str:
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


def ratings_note(cell: ReportCell) -> str:
    return ratings_count_note(cell.rated)


def ratings_count_note(rated: int) -> str:
    return ngettext("%(n)d rating", "%(n)d ratings", rated) % {"n": rated}


def resolved_note(cell: ReportCell) -> str:
    return ngettext("%(n)d resolved", "%(n)d resolved", cell.target_known) % {
        "n": cell.target_known
    }
