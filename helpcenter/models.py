"""Self-help: a department's short articles, linked to its services, and the requests they
saved (deflections)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from departments.models import localized


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Article(models.Model):
    """Markdown written by a head, in English and (optionally) Polish.

    The sanitised HTML of each language is rendered once, when the article is saved
    (helpcenter.markdown), so a page never renders Markdown and never shows unsanitised HTML.
    """

    department = models.ForeignKey(
        "departments.Department",
        on_delete=models.CASCADE,
        related_name="articles",
        verbose_name=_("department"),
    )
    services = models.ManyToManyField(
        "departments.Service",
        related_name="articles",
        blank=True,
        verbose_name=_("services"),
        help_text=_("Suggested while someone files a request for these services."),
    )
    title = models.CharField(_("title (English)"), max_length=200)
    title_pl = models.CharField(_("title (Polish)"), max_length=200, blank=True)
    body = models.TextField(_("text (English)"))
    body_pl = models.TextField(_("text (Polish)"), blank=True)
    body_html = models.TextField(editable=False, default="")
    body_html_pl = models.TextField(editable=False, default="")
    status = models.CharField(
        _("status"), max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("help article")
        verbose_name_plural = _("help articles")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["department", "status"], name="article_dept_status")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("helpcenter:article", args=[self.pk])

    @property
    def localized_title(self) -> str:
        return localized(self, "title")

    @property
    def localized_html(self) -> str:
        return localized(self, "body_html")

    @property
    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED


def image_path(instance: ArticleImage, filename: str) -> str:
    # Not the user's file name: no collisions, no path tricks.
    return f"help/{instance.article_id}/{instance.token}"


class ArticleImage(models.Model):
    """An image in an article, checked like a request's attachment and served only to those who
    may read the article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    token = models.CharField(max_length=32, unique=True, editable=False)
    file = models.FileField(upload_to=image_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("article image")
        verbose_name_plural = _("article images")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("helpcenter:image", args=[self.token])


class Deflection(models.Model):
    """Someone about to file a request said an article solved it: a request saved.

    One per person, article, service and day, so a double click or a reload counts once.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="deflections")
    service = models.ForeignKey(
        "departments.Service", on_delete=models.CASCADE, related_name="deflections"
    )
    department = models.ForeignKey(
        "departments.Department", on_delete=models.CASCADE, related_name="deflections"
    )
    employee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deflections"
    )
    day = models.DateField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("deflected request")
        verbose_name_plural = _("deflected requests")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "article", "service", "day"], name="deflection_once_a_day"
            )
        ]
        indexes = [models.Index(fields=["department", "created_at"], name="deflection_dept_time")]

    def __str__(self) -> str:
        return f"{self.article_id} saved a request for {self.service_id}"
