"""Feedback and report pages (namespace "feedback")."""

app_name = "feedback"

urlpatterns: list = []
