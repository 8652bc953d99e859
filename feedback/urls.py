"""Feedback and report pages (namespace "feedback")."""

from django.urls import path, re_path

from desk.links import REF
from feedback.views import kudos, ratings, reports

app_name = "feedback"

urlpatterns: list = [
    re_path(rf"^requests/{REF}/rate/$", ratings.rate, name="rate"),
    re_path(rf"^requests/{REF}/thanks/$", kudos.thank, name="thank"),
    path("departments/<slug:slug>/recognition/", kudos.recognition, name="recognition"),
    path("departments/<slug:slug>/feedback/", ratings.feedback_list, name="list"),
    path(
        "departments/<slug:slug>/feedback/<int:pk>/acted-upon/",
        ratings.mark_acted_upon,
        name="acted-upon",
    ),
    path("reports/", reports.overview, name="reports"),
    path("reports/<slug:slug>/", reports.department_report, name="department-report"),
    path("reports/<slug:slug>/email/", reports.report_subscription, name="report-subscription"),
]
