"""What the report pages and the monthly email show, built from stored cells only.

A page is a few tables (each also offered as CSV) and charts drawn from the same numbers. Reading
cells is a fixed handful of queries whatever the period or the number of departments.
tables: figures and their display; period: the period looked at; parts: pieces both pages share;
department and company: the two pages.
"""

from feedback.report_pages.company import CompanyReport, company_report
from feedback.report_pages.department import DepartmentReport, department_report
from feedback.report_pages.period import Period, choose_period
from feedback.report_pages.tables import (
    EMPTY,
    FIGURES,
    Column,
    Figure,
    Table,
    csv_text,
    display,
    figure_table,
    raw,
)

__all__ = [
    "EMPTY",
    "FIGURES",
    "Column",
    "CompanyReport",
    "DepartmentReport",
    "Figure",
    "Period",
    "Table",
    "choose_period",
    "company_report",
    "csv_text",
    "department_report",
    "display",
    "figure_table",
    "raw",
]
