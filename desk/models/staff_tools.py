"""What staff keep for their daily work: canned replies and saved queue views."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CannedReplyQuerySet(models.QuerySet):
    def active(self) -> CannedReplyQuerySet:
        return self.filter(is_active=True)


class CannedReply(models.Model):
    """A ready-made answer a department's staff insert into a reply and then adapt."""

    department = models.ForeignKey(
        "departments.Department",
        on_delete=models.CASCADE,
        related_name="canned_replies",
        verbose_name=_("department"),
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"))
    is_active = models.BooleanField(_("active"), default=True)

    objects = CannedReplyQuerySet.as_manager()

    class Meta:
        verbose_name = _("canned reply")
        verbose_name_plural = _("canned replies")
        ordering = ["department__name", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "title"], name="canned_reply_title_unique_in_department"
            )
        ]

    def __str__(self) -> str:
        return self.title


# --- saved queue views (queue) -----------------------------------------------------------------


class SavedView(models.Model):
    """A named set of queue filters, private to its owner or shared with the department.

    The query is the normalised, allowlisted query string from desk.queue.QueueFilters; it is
    parsed again through the allowlist whenever it is used.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_views",
        verbose_name=_("owner"),
    )
    department = models.ForeignKey(
        "departments.Department",
        on_delete=models.CASCADE,
        related_name="saved_views",
        verbose_name=_("department"),
    )
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("filters"), max_length=1000, blank=True)
    shared = models.BooleanField(
        _("shared with the department"),
        default=False,
        help_text=_("Everyone in the department's team sees a shared view."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "department", "name"], name="saved_view_name_unique_per_owner"
            )
        ]
        indexes = [
            models.Index(
                fields=["department"],
                condition=models.Q(shared=True),
                name="saved_view_shared",
            )
        ]

    def __str__(self) -> str:
        return self.name
