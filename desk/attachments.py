"""What files Desk accepts, judged by their content, not by the name the user gave them.

The content decides the type. The name only gets a veto: a name that promises another type than
the content has (``invoice.png`` holding text or a program) is refused, and so are names that a
colleague's computer would run when the file is opened (``.exe``, ``.bat``, ``.html``), whatever
is inside. The stored type is the one read from the content, so a download is served as what it is.
"""

from __future__ import annotations

from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

TEXT = "text/plain"
ZIP = "application/zip"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"

# Content types recognised from the file's first bytes.
ALLOWED_BINARY_TYPES = {
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "application/pdf",
    ZIP,
    DOCX,
    XLSX,
    PPTX,
    ODT,
    ODS,
}

# The type a file name promises. Names not listed here promise nothing; the content decides.
EXTENSION_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "pdf": "application/pdf",
    "zip": ZIP,
    "docx": DOCX,
    "xlsx": XLSX,
    "pptx": PPTX,
    "odt": ODT,
    "ods": ODS,
    "txt": TEXT,
    "text": TEXT,
    "csv": TEXT,
    "tsv": TEXT,
    "log": TEXT,
    "md": TEXT,
    "json": TEXT,
    "xml": TEXT,
    "yaml": TEXT,
    "yml": TEXT,
    "ini": TEXT,
    "cfg": TEXT,
    "conf": TEXT,
}

# Office documents are ZIP containers; a document written by an unusual program may only be
# recognised as ZIP, which is still consistent with its name.
_ZIP_CONTAINERS = {DOCX, XLSX, PPTX, ODT, ODS}

# Names a desktop runs or a browser renders when double-clicked: refused whatever the content.
BLOCKED_EXTENSIONS = {
    "exe", "dll", "com", "scr", "msi", "msp", "bat", "cmd", "ps1", "psm1", "vbs", "vbe",
    "js", "mjs", "jse", "wsf", "wsh", "hta", "jar", "lnk", "reg", "cpl", "html", "htm",
    "xhtml", "shtml", "svg", "svgz", "swf", "app", "apk", "dmg", "pkg", "deb", "rpm",
}  # fmt: skip

_SNIFF_BYTES = 8192


def max_attachment_bytes() -> int:
    return settings.DESK_MAX_ATTACHMENT_MB * 1024 * 1024


# Control characters that never occur in text (tab, newlines, form feed and escape do). Text
# need not be UTF-8: a CSV from a Polish Excel is windows-1250, and is still text.
_BINARY_BYTES = bytes(sorted(set(range(32)) - {8, 9, 10, 12, 13, 27}))


def _looks_like_text(head: bytes) -> bool:
    return head.translate(None, _BINARY_BYTES) == head


def _extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def _sniff(head: bytes) -> str | None:
    """The content type the first bytes show, if Desk accepts it."""
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime if kind.mime in ALLOWED_BINARY_TYPES else None
    return TEXT if _looks_like_text(head) else None


def _refuse(name: str) -> ValidationError:
    return ValidationError(
        _(
            "%(name)s is not a file type Desk accepts. Attach images, PDFs, office documents, "
            "ZIP archives or plain text."
        )
        % {"name": name},
        code="file_type",
    )


def inspect_upload(upload: UploadedFile) -> str:
    """Return the content type of an acceptable upload, or raise ValidationError saying why not."""
    name = upload.name or ""
    if upload.size > max_attachment_bytes():
        raise ValidationError(
            _("%(name)s is larger than %(limit)s, the limit for one file.")
            % {"name": name, "limit": filesizeformat(max_attachment_bytes())},
            code="too_large",
        )
    extension = _extension(name)
    if extension in BLOCKED_EXTENSIONS:
        raise _refuse(name)
    upload.seek(0)
    head = upload.read(_SNIFF_BYTES)
    upload.seek(0)
    if not head:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")
    content_type = _sniff(head)
    if content_type is None:
        raise _refuse(name)
    promised = EXTENSION_TYPES.get(extension)
    if promised is None or promised == content_type:
        return content_type
    if promised in _ZIP_CONTAINERS and content_type == ZIP:
        return promised
    raise ValidationError(
        _(
            "%(name)s does not contain what its name says (.%(ext)s). Attach the original file, "
            "or rename it to match its content."
        )
        % {"name": name, "ext": extension},
        code="name_mismatch",
    )
