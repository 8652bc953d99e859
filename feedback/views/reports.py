"""Report pages: the company overview, a department's report, their CSV tables, and the monthly
email subscription. Pages read stored cells only (feedback.report_pages): a few queries each."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from departments.models import Department
from desk import permissions
from feedback import periods, report_pages
from feedback.models import ReportSubscription
from feedback.report_pages import Table


def _department_or_404(user, slug: str) -> Department:
    """A department whose report this person may see; 404 for any other, or none."""
    try:
        department = Department.objects.get(slug=slug, is_active=True)
    except Department.DoesNotExist:
        raise Http404("No such report.") from None
    allowed = permissions.report_department_ids(user)
    if allowed is not None and department.pk not in allowed:
        raise Http404("No such report.")
    return department


def _period(request: HttpRequest) -> report_pages.Period:
    return report_pages.choose_period(request.GET.get("kind"), request.GET.get("period"))


def _csv(tables: dict[str, Table], name: str, filename: str) -> HttpResponse:
    table = tables.get(name)
    if table is None:  # only the page's own tables, by name
        raise Http404("No such table.")
    response = HttpResponse(table.to_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{name}.csv"'
    return response


def _link_csv(request: HttpRequest, tables: dict[str, Table]) -> None:
    query = request.GET.copy()
    query["format"] = "csv"
    for name, table in tables.items():
        query["table"] = name
        table.csv_url = f"{request.path}?{query.urlencode()}"


@require_GET
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The whole company: admins and executive-type employees."""
    if not permissions.sees_company_reports(request.user):
        raise Http404("No such report.")
    period = _period(request)
    as_csv = request.GET.get("format") == "csv"
    report = report_pages.company_report(
        period,
        with_charts=not as_csv,
        with_costs=permissions.sees_company_costs(request.user),
    )
    if as_csv:
        return _csv(
            report.tables,
            request.GET.get("table", ""),
            f"desk-company-{period.kind}-{period.value}",
        )
    _link_csv(request, report.tables)
    return render(request, "feedback/reports.html", {"report": report, "period": period})


@require_GET
@login_required
def department_report(request: HttpRequest, slug: str) -> HttpResponse:
    """One department: its heads, admins and executives."""
    user = request.user
    department = _department_or_404(user, slug)
    period = _period(request)
    as_csv = request.GET.get("format") == "csv"
    report = report_pages.department_report(
        department,
        period,
        with_charts=not as_csv,
        with_costs=permissions.sees_department_costs(user, department.pk),
    )
    if as_csv:
        return _csv(
            report.tables,
            request.GET.get("table", ""),
            f"desk-{department.slug}-{period.kind}-{period.value}",
        )
    _link_csv(request, report.tables)
    subscription = ReportSubscription.objects.filter(employee=user, department=department).first()
    context = {
        "report": report,
        "period": period,
        "department": department,
        "subscribed": subscription is not None and subscription.monthly_email,
        "sees_company": permissions.sees_company_reports(user),
        # The findings' links lead to the queue, which only the department's staff can open.
        "opens_queue": permissions.is_staff_of(user, department.pk),
        "findings_kept": periods.offered(period.kind, period.start),
    }
    return render(request, "feedback/report_department.html", context)


@require_POST
@login_required
def report_subscription(request: HttpRequest, slug: str) -> HttpResponse:
    """Subscribe to (or leave) a department's monthly report email."""
    department = _department_or_404(request.user, slug)
    wanted = request.POST.get("monthly_email") == "on"
    ReportSubscription.objects.update_or_create(
        employee=request.user, department=department, defaults={"monthly_email": wanted}
    )
    if wanted:
        messages.success(
            request,
            _(
                "You will get %(department)s's report by email on the first working day of each month."
            )
            % {"department": department.localized_name},
        )
    else:
        messages.success(request, _("You will no longer get the monthly report email."))
    return redirect(reverse("feedback:department-report", args=[department.slug]) + "#report-email")
