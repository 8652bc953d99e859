"""Files attached to requests, and the admin-editable list of file types Desk accepts."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from desk.models.requests import Event, EventKind, Request


class FileKind(models.TextChoices):
    """The kinds of file Desk can recognise from their content (desk/attachments.py): only these
    can be allowed, so that every allowed name is checked against what the file really holds."""

    PNG = "image/png", _("PNG image")
    JPEG = "image/jpeg", _("JPEG image")
    GIF = "image/gif", _("GIF image")
    WEBP = "image/webp", _("WebP image")
    TIFF = "image/tiff", _("TIFF image")
    HEIC = "image/heic", _("HEIC photo")
    PDF = "application/pdf", _("PDF document")
    DOCX = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _("Word document (.docx)"),
    )
    XLSX = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _("Excel workbook (.xlsx)"),
    )
    PPTX = (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _("PowerPoint presentation (.pptx)"),
    )
    ODT = "application/vnd.oasis.opendocument.text", _("OpenDocument text")
    ODS = "application/vnd.oasis.opendocument.spreadsheet", _("OpenDocument spreadsheet")
    ODP = "application/vnd.oasis.opendocument.presentation", _("OpenDocument presentation")
    TEXT = "text/plain", _("Plain text")
    ZIP = "application/zip", _("ZIP archive")


class AllowedFileType(models.Model):
    """An admin's change to the attachment allowlist (desk.attachments.DEFAULT_TYPES): an
    allowed row lets people attach files with this extension, holding this kind of content; a
    row that is not allowed switches a default extension off. Content is always checked."""

    extension = models.CharField(
        _("extension"),
        max_length=10,
        unique=True,
        validators=[
            RegexValidator(
                r"^[a-z0-9]{1,10}$", _("Lower-case letters and digits, without the dot.")
            )
        ],
        help_text=_("Without the dot, e.g. pdf."),
    )
    kind = models.CharField(_("content"), max_length=100, choices=FileKind.choices)
    is_active = models.BooleanField(_("allowed"), default=True)

    class Meta:
        verbose_name = _("allowed file type")
        verbose_name_plural = _("allowed file types")
        ordering = ["extension"]

    def __str__(self) -> str:
        return f".{self.extension}"

    def clean(self) -> None:
        from desk.attachments import EXECUTABLE_EXTENSIONS

        if self.extension in EXECUTABLE_EXTENSIONS:
            raise ValidationError(
                {"extension": _("Files with this extension run on a computer: never allowed.")}
            )


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is not the user's file name: that avoids collisions and path tricks.
    return f"attachments/{instance.request_id}/{instance.token}"


class Attachment(models.Model):
    """A file added to a request, when filing or with a comment."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    token = models.CharField(max_length=32, unique=True, editable=False)
    file = models.FileField(upload_to=attachment_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_internal(self) -> bool:
        return self.event_id is not None and self.event.kind == EventKind.NOTE
