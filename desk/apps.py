from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Requests")

    def ready(self) -> None:
        from desk import notifications  # noqa: F401  (connects the event_recorded receivers)
