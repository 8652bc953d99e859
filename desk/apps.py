from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Requests")

    def ready(self) -> None:
        # Connect their receivers: notifications' to event_recorded, the queue page cache's
        # invalidation to model saves, desk's own to the organisation's changes.
        from desk import notifications, page_cache, receivers  # noqa: F401
