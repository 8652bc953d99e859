"""The monthly report email: last month's figures against the month before, with links.

Sent on the department's first working day of the month (or a run in the few days after it, if
the beat missed that day), at most once a month per subscription: the subscription row is locked
and stamped with the month in the same transaction as the send.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from departments.calendar import WorkingCalendar
from departments.models import Department
from desk import permissions
from feedback import periods, selectors
from feedback.models import ALL_CLIENTS, ALL_SERVICES, ReportCell, ReportSubscription
from feedback.periods import PeriodKind
from feedback.report_pages import EMPTY, FIGURES, display

logger = logging.getLogger(__name__)

# A beat that missed the first working day (an outage) still sends within this many days after.
CATCH_UP_DAYS = 3

# The email names the most thanked people of the month; the recognition page lists them all.
THANKED_IN_EMAIL = 5

EMAIL_FIGURES = [
    "filed",
    "resolved",
    "closed",
    "backlog",
    "median",
    "p90",
    "first_response",
    "compliance",
    "csat",
    "mean_rating",
    "rated",
    "response_rate",
]


def first_working_day(department: Department, month: date) -> date:
    """The first day of `month` on which the department works (its hours, not its holidays)."""
    calendar = WorkingCalendar.for_department(department)
    day = month
    while day.month == month.month:
        if calendar.week.get(day.weekday()) and day not in calendar.holidays:
            return day
        day += timedelta(days=1)
    return month  # a calendar without a working day: send on the 1st rather than never


def may_receive(subscription: ReportSubscription) -> bool:
    employee = subscription.employee
    if not (employee.is_active and subscription.department.is_active):
        return False
    allowed = permissions.report_department_ids(employee)
    return allowed is None or subscription.department_id in allowed


def send_monthly_reports(*, today: date | None = None) -> int:
    """Send what is due today; returns how many emails went out. Safe to run twice."""
    today = today or periods.today()
    this_month = periods.start_of(PeriodKind.MONTH, today)
    reported = periods.previous_start(PeriodKind.MONTH, this_month)
    due = (
        ReportSubscription.objects.filter(monthly_email=True)
        .exclude(last_sent_month=reported)
        .select_related("department", "employee")
        .order_by("department_id", "pk")
    )
    first_days: dict[int, date] = {}
    sent = 0
    for subscription in due:
        department = subscription.department
        if department.pk not in first_days:
            first_days[department.pk] = first_working_day(department, this_month)
        first_day = first_days[department.pk]
        if not first_day <= today <= first_day + timedelta(days=CATCH_UP_DAYS):
            continue
        if not may_receive(subscription):
            continue
        with transaction.atomic():
            locked = ReportSubscription.objects.select_for_update().get(pk=subscription.pk)
            if locked.last_sent_month == reported or not locked.monthly_email:
                continue  # another run sent it meanwhile, or the person unsubscribed
            _send(subscription, reported)
            locked.last_sent_month = reported
            locked.save(update_fields=["last_sent_month"])
        sent += 1
    return sent


def _send(subscription: ReportSubscription, month: date) -> None:
    department, employee = subscription.department, subscription.employee
    previous = periods.previous_start(PeriodKind.MONTH, month)
    cells = {
        cell.period_start: cell
        for cell in ReportCell.objects.filter(
            department=department,
            period_kind=PeriodKind.MONTH,
            period_start__in=[month, previous],
            service_key=ALL_SERVICES,
            client_type=ALL_CLIENTS,
        )
    }
    current, before = cells.get(month, EMPTY), cells.get(previous, EMPTY)
    since, until = periods.bounds(PeriodKind.MONTH, month)
    thanked = selectors.kudos_by_person(department, since, until)[:THANKED_IN_EMAIL]
    best = selectors.best_rated_services(department, month)
    query = f"?kind=month&period={month:%Y-%m}"
    with translation.override(employee.language or settings.LANGUAGE_CODE):
        rows = [
            (
                str(FIGURES[key].label),
                display(FIGURES[key].of(current), FIGURES[key].unit),
                display(FIGURES[key].of(before), FIGURES[key].unit),
            )
            for key in EMAIL_FIGURES
        ]
        context = {
            "department": department,
            "employee": employee,
            "month": periods.label(PeriodKind.MONTH, month),
            "previous_month": periods.label(PeriodKind.MONTH, previous),
            "rows": rows,
            "thanked": thanked,
            "best_services": [
                (
                    cell.service.localized_name,
                    display(cell.csat, "%"),
                    display(cell.mean_rating),
                    cell.rated,
                )
                for cell in best
            ],
            "recognition_url": settings.DESK_BASE_URL
            + reverse("feedback:recognition", args=[department.slug]),
            "report_url": settings.DESK_BASE_URL
            + reverse("feedback:department-report", args=[department.slug])
            + query,
            "overview_url": (
                settings.DESK_BASE_URL + reverse("feedback:reports") + query
                if permissions.sees_company_reports(employee)
                else ""
            ),
            "settings_url": settings.DESK_BASE_URL
            + reverse("feedback:department-report", args=[department.slug])
            + "#report-email",
        }
        subject = _("%(department)s: report for %(month)s") % {
            "department": department.localized_name,
            "month": context["month"],
        }
        body = render_to_string("feedback/report_email.txt", context)
    send_mail(subject, body, None, [employee.email])
    logger.info(
        "monthly report of %s for %s sent to employee %s", department.code, month, employee.pk
    )
