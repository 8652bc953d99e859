from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback and reports")

    def ready(self) -> None:
        from feedback import signals  # noqa: F401  (connects follow_service_change)
        from feedback.receivers import connect as connect_report_receivers

        connect_report_receivers()
