"""Report figures: the stored cells the report pages show, for the same people (heads of the
department, executives and admins), as numbers rather than formatted text."""

from typing import Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from api.v1.errors import Refused
from api.v1.schemas import CompanyReport, DepartmentReport, Error, ReportIndex
from departments.models import ClientType, Department, Service
from desk import permissions
from feedback import periods
from feedback.models import ALL_CLIENTS, ALL_SERVICES, COMPANY, ReportCell
from feedback.periods import PeriodKind

router = Router(tags=["reports"])


def figures(cell: ReportCell | None) -> dict:
    cell = cell or ReportCell()
    return {
        "filed": cell.filed,
        "resolved": cell.resolved,
        "closed": cell.closed,
        "cancelled": cell.cancelled,
        "backlog": cell.backlog,
        "turnaround_median_hours": cell.turnaround_median_hours,
        "turnaround_p90_hours": cell.turnaround_p90_hours,
        "turnaround_business_median_hours": cell.turnaround_business_median_hours,
        "turnaround_business_p90_hours": cell.turnaround_business_p90_hours,
        "first_response_business_median_hours": cell.first_response_business_median_hours,
        "within_target_percent": cell.compliance,
        "rated": cell.rated,
        "csat_percent": cell.csat,
        "mean_rating": cell.mean_rating,
        "mean_quality": cell.mean_quality,
        "mean_speed": cell.mean_speed,
        "mean_communication": cell.mean_communication,
        "response_rate_percent": cell.response_rate,
    }


def _period(kind: str, period: str | None) -> dict:
    current = periods.start_of(kind, periods.today())
    start = periods.parse_start(kind, period) if period else current
    if start is None or start > current:
        raise Refused(
            400,
            _("Name a period that has begun: 2026-03 for a month, any day of a week (2026-03-02)."),
            {"period": [_("Not a period that has begun.")]},
        )
    return {
        "kind": kind,
        "start": start,
        "end": periods.next_start(kind, start),
        "label": periods.label(kind, start),
    }


def _by_client(cells) -> dict:
    return {client_type: figures(cells.get(client_type)) for client_type in ClientType.values}


@router.get("/reports", response=ReportIndex, summary="Which reports you may read")
def report_index(request: HttpRequest):
    allowed = permissions.report_department_ids(request.user)
    departments = Department.objects.filter(is_active=True).order_by("name")
    if allowed is not None:
        departments = departments.filter(pk__in=allowed)
    return {
        "company": permissions.sees_company_reports(request.user),
        "departments": list(departments),
    }


@router.get(
    "/reports/company",
    response={200: CompanyReport, 400: Error, 404: Error},
    summary="The whole company's figures for a period",
    description="For executives and admins. `kind` is month (default) or week; `period` is "
    "2026-03 for a month or any day of a week; the current period when absent.",
)
def company_report(
    request: HttpRequest, kind: Literal["month", "week"] = PeriodKind.MONTH, period: str = ""
):
    if not permissions.sees_company_reports(request.user):
        raise Http404("No such report.")
    chosen = _period(kind, period or None)
    departments = list(Department.objects.filter(is_active=True).order_by("name"))
    cells = ReportCell.objects.filter(
        period_kind=kind, period_start=chosen["start"], service_key=ALL_SERVICES
    )
    company: dict[str, ReportCell] = {}
    per_department: dict[int, ReportCell] = {}
    for cell in cells:
        if cell.department_key == COMPANY:
            company[cell.client_type] = cell
        elif cell.client_type == ALL_CLIENTS:
            per_department[cell.department_key] = cell
    return {
        "period": chosen,
        "total": figures(company.get(ALL_CLIENTS)),
        "by_client_type": _by_client(company),
        "by_department": [
            {"department": department, "figures": figures(per_department.get(department.pk))}
            for department in departments
        ],
    }


@router.get(
    "/reports/departments/{slug}",
    response={200: DepartmentReport, 400: Error, 404: Error},
    summary="A department's figures for a period",
    description="For the department's heads, executives and admins: the whole department, by "
    "client type and by service. `kind` and `period` as for the company.",
)
def department_report(
    request: HttpRequest,
    slug: str,
    kind: Literal["month", "week"] = PeriodKind.MONTH,
    period: str = "",
):
    department = Department.objects.filter(slug=slug, is_active=True).first()
    allowed = permissions.report_department_ids(request.user)
    if department is None or (allowed is not None and department.pk not in allowed):
        raise Http404("No such report.")
    chosen = _period(kind, period or None)
    cells = list(
        ReportCell.objects.filter(
            department=department, period_kind=kind, period_start=chosen["start"]
        )
    )
    overall = {c.client_type: c for c in cells if c.service_key == ALL_SERVICES}
    by_service = {
        c.service_key: c
        for c in cells
        if c.service_key != ALL_SERVICES and c.client_type == ALL_CLIENTS
    }
    services = [
        service
        for service in Service.objects.filter(department=department).order_by("order", "name")
        if service.is_active or service.pk in by_service
    ]
    return {
        "department": department,
        "period": chosen,
        "total": figures(overall.get(ALL_CLIENTS)),
        "by_client_type": _by_client(overall),
        "by_service": [
            {"service": service, "figures": figures(by_service.get(service.pk))}
            for service in services
        ],
    }
