"""The top bar's links to the reports: what each person may open (desk.chrome.header_values
gives them to the top bar)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from desk import permissions


def report_links(user, teams) -> list[tuple[str, str]]:
    """(label, url) of the reports this person may open: the company overview for admins and
    executives, their departments' reports for heads. `teams`: the person's departments, as the
    navigation lists them (permissions.staff_departments)."""
    if not user.is_authenticated:
        return []
    if permissions.sees_company_reports(user):
        return [(_("Reports"), reverse("feedback:reports"))]
    head_ids = permissions.head_department_ids(user)
    if not head_ids:
        return []
    departments = [department for department in teams if department.pk in head_ids]
    if len(departments) == 1:
        return [(_("Reports"), reverse("feedback:department-report", args=[departments[0].slug]))]
    return [
        (
            _("%(department)s reports") % {"department": department.localized_name},
            reverse("feedback:department-report", args=[department.slug]),
        )
        for department in departments
    ]
