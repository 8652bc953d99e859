"""desk.attachments: files are judged by their content; the name may only refuse, never admit."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from desk.attachments import DOCX, inspect_upload, max_attachment_bytes
from desk.models import AllowedFileType, FileKind
from tests.desk import uploads

pytestmark = pytest.mark.django_db


def _code(upload) -> str:
    with pytest.raises(ValidationError) as exc_info:
        inspect_upload(upload)
    return exc_info.value.code


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_it_accepts_a_real_png():
    assert inspect_upload(uploads.png()) == "image/png"


def test_it_accepts_a_real_pdf():
    assert inspect_upload(uploads.pdf()) == "application/pdf"


def test_it_accepts_plain_text():
    assert inspect_upload(uploads.text()) == "text/plain"


def test_it_refuses_an_extension_not_on_the_allowlist_whatever_the_content():
    assert _code(uploads.text("server.out")) == "file_type"
    assert _code(uploads.png("scan")) == "file_type"


@pytest.mark.parametrize(
    "name",
    [
        "shortcut.lnk",
        "payload.sct",
        "report.docm",
        "budget.xlsm",
        "slides.pptm",
        "page.mht",
        "page.mhtml",
        "install.sh",
        "link.url",
        "tool.wsf",
        "setup.exe.txt",  # an executable's name hidden before an allowed one
        "invoice.pdf.exe",
        "photo.jpg.scr",
    ],
)
def test_it_refuses_programs_scripts_macros_and_web_archives(name):
    assert _code(uploads.text(name)) == "file_type"


@pytest.mark.parametrize(
    "name", ["notes.txt.", "notes.txt ", "notes.txt. . ", "exe\u202etxt.txt", "a\tb.txt", " "]
)
def test_it_refuses_names_ending_in_a_dot_or_space_or_with_invisible_characters(name):
    assert _code(uploads.text(name)) == "bad_name"


def test_an_admin_can_allow_zip_archives_and_switch_off_pdfs():
    archive = SimpleUploadedFile("logs.zip", _zip({"a.log": b"x"}))
    assert _code(archive) == "file_type"  # not allowed by default
    AllowedFileType.objects.create(extension="zip", kind=FileKind.ZIP)
    assert inspect_upload(archive) == "application/zip"
    AllowedFileType.objects.create(extension="pdf", kind=FileKind.PDF, is_active=False)
    assert _code(uploads.pdf()) == "file_type"


def test_an_allowed_extension_is_still_checked_by_content():
    AllowedFileType.objects.create(extension="zip", kind=FileKind.ZIP)
    assert _code(uploads.exe("tools.zip")) == "file_type"
    assert _code(uploads.text("tools.zip")) == "name_mismatch"


def test_an_admin_cannot_allow_an_executable_extension():
    row = AllowedFileType(extension="exe", kind=FileKind.ZIP)
    with pytest.raises(ValidationError):
        row.full_clean()
    row.save()  # even a row written around the form does not let it through
    assert _code(uploads.exe("setup.exe")) == "file_type"


def test_the_refusal_lists_what_is_accepted():
    with pytest.raises(ValidationError) as exc_info:
        inspect_upload(uploads.text("a.out"))
    assert ".pdf" in exc_info.value.messages[0]
    assert ".png" in exc_info.value.messages[0]


def test_it_accepts_a_word_document():
    body = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
    assert inspect_upload(SimpleUploadedFile("letter.docx", body)) == DOCX


def test_it_accepts_an_office_document_seen_only_as_zip():
    body = _zip({"something.xml": b"<x/>"})
    assert inspect_upload(SimpleUploadedFile("sheet.docx", body)) == DOCX


def test_it_accepts_jpg_and_jpeg_names_for_jpeg_content():
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
    assert inspect_upload(SimpleUploadedFile("a.jpg", jpeg)) == "image/jpeg"
    assert inspect_upload(SimpleUploadedFile("a.JPEG", jpeg)) == "image/jpeg"


def test_it_keeps_a_utf8_character_cut_at_the_sniff_boundary():
    body = b"a" * 8191 + "ż".encode()  # the two-byte ż straddles byte 8192
    assert inspect_upload(SimpleUploadedFile("notes.txt", body)) == "text/plain"


def test_it_rejects_a_windows_program():
    assert _code(uploads.exe("setup.bin")) == "file_type"


def test_it_rejects_a_program_named_png():
    assert _code(uploads.exe("photo.png")) == "file_type"


def test_it_rejects_text_named_png():
    assert _code(uploads.text("photo.png")) == "name_mismatch"


def test_it_rejects_a_png_named_pdf():
    assert _code(uploads.png("contract.pdf")) == "name_mismatch"


@pytest.mark.parametrize("name", ["run.exe", "fix.BAT", "page.html", "logo.svg", "a.pdf.js"])
def test_it_rejects_names_a_computer_would_run(name):
    assert _code(uploads.text(name)) == "file_type"


def test_it_rejects_binary_it_does_not_know():
    assert _code(SimpleUploadedFile("data.bin", b"\x00\x01\x02\x03" * 10)) == "file_type"


def test_it_accepts_text_in_a_single_byte_code_page():
    csv = "Nazwa;Kwota\nZażółć gęślą jaźń;12,50\n".encode("cp1250")
    assert inspect_upload(SimpleUploadedFile("koszty.csv", csv)) == "text/plain"


def test_it_rejects_bytes_with_control_characters():
    assert _code(SimpleUploadedFile("dump.txt", b"abc\x01\x02\x03def" * 4)) == "file_type"


def test_it_rejects_an_empty_file():
    assert _code(SimpleUploadedFile("empty.txt", b"")) == "empty"


def test_it_rejects_a_file_over_the_limit(settings):
    settings.DESK_MAX_ATTACHMENT_MB = 1
    assert _code(uploads.of_size(max_attachment_bytes() + 1)) == "too_large"


def test_it_accepts_a_file_exactly_at_the_limit(settings):
    settings.DESK_MAX_ATTACHMENT_MB = 1
    assert inspect_upload(uploads.of_size(max_attachment_bytes())) == "text/plain"


def test_it_leaves_the_file_at_its_start():
    upload = uploads.png()
    inspect_upload(upload)
    assert upload.read(4) == b"\x89PNG"


def test_the_error_names_the_file():
    with pytest.raises(ValidationError) as exc_info:
        inspect_upload(uploads.exe("holiday.png"))
    assert "holiday.png" in exc_info.value.messages[0]
