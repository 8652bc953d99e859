"""The figures a report shows, how each is displayed, and tables that render as HTML or CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from desk.money import money
from feedback.models import ReportCell


@dataclass(frozen=True)
class Figure:
    label: Promise | str
    unit: str = ""  # "", "%", "h", "/5" or MONEY
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
    "approvals": Figure(_("Approvals decided"), attr="approvals_decided"),
    "approval_median": Figure(_("Median approval time (h)"), "h", "approval_median_hours"),
    "approval_p90": Figure(_("Approval time, 90th percentile (h)"), "h", "approval_p90_hours"),
    "rejected_share": Figure(_("Rejected"), "%", "rejected_share"),
    "compliance": Figure(_("Within target"), "%", "compliance"),
    "csat": Figure(_("CSAT"), "%", "csat"),
    "mean_rating": Figure(_("Mean rating"), "/5", "mean_rating"),
    "quality": Figure(_("Quality"), "/5", "mean_quality"),
    "speed": Figure(_("Speed"), "/5", "mean_speed"),
    "communication": Figure(_("Communication"), "/5", "mean_communication"),
    "rated": Figure(_("Ratings"), attr="rated"),
    "response_rate": Figure(_("Response rate"), "%", "response_rate"),
    # Effort and cost of the requests resolved in the period.
    "effort_requests": Figure(_("Resolved with time logged"), attr="effort_requests"),
    "effort": Figure(_("Time logged"), "h", "effort_hours"),
    "effort_median": Figure(_("Median time per request"), "h", "effort_median_hours"),
    "cost": Figure(_("Cost"), "money", "cost"),
    "cost_median": Figure(_("Median cost per request"), "money", "cost_median"),
}
MONEY = "money"
# Figures only those who see a department's costs get (desk.permissions.sees_department_costs).
COST_FIGURES = {"cost", "cost_median"}
EFFORT_FIGURES = ["resolved", "effort_requests", "effort", "effort_median", "cost", "cost_median"]


def without_costs(keys: list[str], with_costs: bool) -> list[str]:
    return keys if with_costs else [key for key in keys if key not in COST_FIGURES]


def display(value, unit: str = "") -> str:
    """A figure as people read it: “—” when there is nothing to measure, one decimal at most."""
    if value is None:
        return "—"
    if unit == MONEY:
        return money(value)
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
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def _is_number(value) -> bool:
    return value is None or (
        isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    )


def _unit_label(unit: str) -> str:
    return settings.DESK_CURRENCY if unit == MONEY else unit.strip("/")


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
                csv_text(f"{c.label} ({_unit_label(c.unit)})" if c.unit else c.label)
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
