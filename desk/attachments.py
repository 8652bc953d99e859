"""What files Desk accepts, judged by their content, not by the name the user gave them."""

from __future__ import annotations

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# Content types recognised from the file's first bytes.
ALLOWED_BINARY_TYPES = {
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "application/pdf",
    "application/zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
}
_SNIFF_BYTES = 8192


def max_attachment_bytes() -> int:
    return settings.DESK_MAX_ATTACHMENT_MB * 1024 * 1024


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the sniff boundary is still text.
        return exc.start >= len(head) - 3
    return True


def inspect_upload(upload: UploadedFile) -> str:
    """Return the content type of an acceptable upload, or raise ValidationError saying why not."""
    if upload.size > max_attachment_bytes():
        raise ValidationError(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_attachment_bytes()),
            },
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(_SNIFF_BYTES)
    upload.seek(0)
    if not head:
        raise ValidationError(_("%(name)s is empty.") % {"name": upload.name}, code="empty")
    kind = filetype.guess(head)
    if kind is not None:
        if kind.mime in ALLOWED_BINARY_TYPES:
            return kind.mime
    elif _looks_like_text(head):
        return "text/plain"
    raise ValidationError(
        _(
            "%(name)s is not a file type Desk accepts. Attach images, PDFs, office documents, "
            "ZIP archives or plain text."
        )
        % {"name": upload.name},
        code="file_type",
    )
