"""What files Desk accepts: an allowlist of document and image types, checked by name and content.

A file is accepted only when its name ends in an extension that admins allow (AllowedFileType,
seeded with common documents and images) *and* its first bytes show the kind of content that
extension stands for. The name is also refused outright when a desktop could be tricked by it:
a trailing dot or space (Windows drops them, so ``report.pdf.`` and ``run.exe `` open as what
comes before), control and direction-changing characters (``gpj.exe`` shown as ``exe.jpg``), and
an inner extension of something that runs (``invoice.exe.pdf``). The stored type is the one read
from the content, so a download is served as what it is.
"""

from __future__ import annotations

import unicodedata
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from desk.models import AllowedFileType, FileKind

TEXT = FileKind.TEXT.value
ZIP = FileKind.ZIP.value
DOCX = FileKind.DOCX.value
XLSX = FileKind.XLSX.value
PPTX = FileKind.PPTX.value
ODT = FileKind.ODT.value
ODS = FileKind.ODS.value
ODP = FileKind.ODP.value

# Office documents are ZIP containers; a document written by an unusual program may only be
# recognised as ZIP, which is still consistent with its name.
_ZIP_CONTAINERS = {DOCX, XLSX, PPTX, ODT, ODS, ODP}

# Extensions of things a computer runs or renders as a page, macro-enabled Office files, web
# archives and shortcuts. Never allowed, and refused anywhere inside a name (``a.exe.pdf``).
EXECUTABLE_EXTENSIONS = {
    "exe", "dll", "com", "scr", "pif", "msi", "msp", "mst", "bat", "cmd", "ps1", "psm1", "psd1",
    "vb", "vbs", "vbe", "js", "mjs", "jse", "ws", "wsf", "wsc", "wsh", "sct", "hta", "jar",
    "lnk", "url", "scf", "inf", "reg", "cpl", "gadget", "application", "appref-ms", "msc",
    "html", "htm", "xhtml", "shtml", "mht", "mhtml", "svg", "svgz", "swf", "xml", "xsl",
    "docm", "dotm", "xlsm", "xltm", "xlam", "xla", "pptm", "potm", "ppam", "ppsm", "sldm",
    "sh", "bash", "zsh", "csh", "ksh", "command", "tool", "app", "apk", "dmg", "pkg", "deb",
    "rpm", "desktop", "py", "pyw", "pl", "rb", "php", "iso", "img", "vhd", "vhdx",
}  # fmt: skip

# The allowlist Desk starts with: common documents and images. Admins change it with
# AllowedFileType rows: an allowed row adds an extension (or changes its kind), a row that is not
# allowed switches one of these off. ZIP archives are not here (an archive can carry anything);
# an admin may add them.
DEFAULT_TYPES = {
    "png": FileKind.PNG, "jpg": FileKind.JPEG, "jpeg": FileKind.JPEG, "gif": FileKind.GIF,
    "webp": FileKind.WEBP, "tif": FileKind.TIFF, "tiff": FileKind.TIFF, "heic": FileKind.HEIC,
    "pdf": FileKind.PDF, "docx": FileKind.DOCX, "xlsx": FileKind.XLSX, "pptx": FileKind.PPTX,
    "odt": FileKind.ODT, "ods": FileKind.ODS, "odp": FileKind.ODP,
    "txt": FileKind.TEXT, "csv": FileKind.TEXT, "tsv": FileKind.TEXT, "log": FileKind.TEXT,
}  # fmt: skip

_SNIFF_BYTES = 8192


def max_attachment_bytes() -> int:
    return settings.DESK_MAX_ATTACHMENT_MB * 1024 * 1024


# Control characters that never occur in text (tab, newlines, form feed and escape do). Text
# need not be UTF-8: a CSV from a Polish Excel is windows-1250, and is still text.
_BINARY_BYTES = bytes(sorted(set(range(32)) - {8, 9, 10, 12, 13, 27}))


def _looks_like_text(head: bytes) -> bool:
    return head.translate(None, _BINARY_BYTES) == head


def _sniff(head: bytes) -> str | None:
    """The content type the first bytes show, or None when they show nothing Desk knows."""
    kind = filetype.guess(head)
    if kind is not None:
        return kind.mime
    return TEXT if _looks_like_text(head) else None


def allowed_types() -> dict[str, str]:
    """extension -> content kind, for every extension allowed now: the defaults as admins
    changed them."""
    allowed = {extension: str(kind) for extension, kind in DEFAULT_TYPES.items()}
    for extension, kind, is_active in AllowedFileType.objects.values_list(
        "extension", "kind", "is_active"
    ):
        if is_active and extension not in EXECUTABLE_EXTENSIONS:
            allowed[extension] = kind
        else:
            allowed.pop(extension, None)
    return allowed


def _refuse(name: str, allowed: dict[str, str]) -> ValidationError:
    return ValidationError(
        _("%(name)s is not a file type Desk accepts. Attach one of: %(types)s.")
        % {"name": name, "types": get_text_list(sorted(f".{ext}" for ext in allowed), _("or"))},
        code="file_type",
    )


def _check_name(name: str) -> None:
    """Refuse names that make a file look like something else on a colleague's computer."""
    bad_character = any(
        unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp") for character in name
    )
    if not name.strip() or name != name.rstrip(". ") or bad_character:
        raise ValidationError(
            _(
                "%(name)s has a name Desk does not accept (it ends in a dot or a space, or holds "
                "invisible characters). Rename the file and attach it again."
            )
            % {"name": name.strip() or "?"},
            code="bad_name",
        )
    inner = [part.lower() for part in PurePath(name).name.split(".")[1:]]
    if any(part.strip() in EXECUTABLE_EXTENSIONS for part in inner):
        raise ValidationError(
            _("%(name)s has the name of a program or a script. Desk does not accept it.")
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
    _check_name(name)
    allowed = allowed_types()
    extension = PurePath(name).suffix.lower().lstrip(".")
    promised = allowed.get(extension)
    if promised is None:
        raise _refuse(name, allowed)
    upload.seek(0)
    head = upload.read(_SNIFF_BYTES)
    upload.seek(0)
    if not head:
        raise ValidationError(_("%(name)s is empty.") % {"name": name}, code="empty")
    content_type = _sniff(head)
    if content_type == promised:
        return content_type
    if promised in _ZIP_CONTAINERS and content_type == ZIP:
        return promised
    if content_type is None or content_type not in FileKind.values:
        raise _refuse(name, allowed)
    raise ValidationError(
        _(
            "%(name)s does not contain what its name says (.%(ext)s). Attach the original file, "
            "or rename it to match its content."
        )
        % {"name": name, "ext": extension},
        code="name_mismatch",
    )
