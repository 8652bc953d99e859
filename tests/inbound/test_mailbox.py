"""Email in, end to end against a real IMAP server (dovecot, TLS) started by the tests."""

from __future__ import annotations

import ssl
from email import message_from_bytes
from email.header import Header

import pytest
from django.core import mail as outbox

from desk.models import Attachment, Event, EventKind, Request
from inbound.models import Outcome, ProcessedMessage
from tests.inbound.messages import PDF, PNG, mail

pytestmark = pytest.mark.django_db


def only_request() -> Request:
    return Request.objects.select_related("department", "service", "requester").get()


def test_a_new_email_from_an_employee_becomes_a_request(mailbox, it_address, requester, poll):
    mailbox.deliver(mail())
    assert poll() == 1

    request = only_request()
    assert request.requester == requester
    assert request.service == it_address.service
    assert request.title == "Printer on the 3rd floor is jammed"
    assert request.description == "The printer by the kitchen jams on every page."
    assert Event.objects.get(request=request).kind == EventKind.FILED
    record = ProcessedMessage.objects.get()
    assert (record.outcome, record.request, record.address) == (Outcome.FILED, request, it_address)
    assert mailbox.flags() == [(b"\\Seen",)]

    # The acknowledgement: the reference to answer to, threaded under the person's email.
    [ack] = outbox.outbox
    assert ack.to == ["olga@example.com"]
    assert ack.subject == f"[{request.reference}] Request received: {request.title}"
    assert ack.reply_to == ["desk+it@example.com"]
    assert ack.extra_headers["Auto-Submitted"] == "auto-replied"
    assert ack.extra_headers["In-Reply-To"] == record.message_id
    assert ack.extra_headers["References"].startswith(record.message_id)
    assert f"/requests/{request.reference}/" in ack.body

    # Read again: nothing new, nothing twice.
    assert poll() == 0
    assert Request.objects.count() == 1


def test_an_html_only_email_is_read_as_text(mailbox, it_address, requester, poll):
    html = (
        "<html><head><style>p { color: red }</style><script>alert(1)</script></head><body>"
        "<p>The <b>VPN</b> drops every 5&nbsp;minutes.</p><ul><li>Windows 11</li><li>Home Wi-Fi</li>"
        "</ul></body></html>"
    )
    mailbox.deliver(mail(text=None, html=html, subject="VPN drops"))
    poll()
    request = only_request()
    assert request.description == "The VPN drops every 5 minutes.\n\n- Windows 11\n- Home Wi-Fi"


def test_attachments_pass_the_upload_checks(mailbox, it_address, requester, poll):
    mailbox.deliver(
        mail(
            attachments=(
                ("screenshot.png", PNG, "image/png"),
                ("invoice.pdf", PDF, "application/pdf"),
                ("fix.exe", b"MZ\x90\x00" + b"\x00" * 64, "application/octet-stream"),
                ("photo.png", b"just text, not a picture", "image/png"),
            )
        )
    )
    poll()
    request = only_request()
    kept = Attachment.objects.filter(request=request).order_by("name")
    assert [(a.name, a.content_type) for a in kept] == [
        ("invoice.pdf", "application/pdf"),
        ("screenshot.png", "image/png"),
    ]
    assert kept[1].file.read() == PNG
    [ack] = outbox.outbox
    assert "These attachments were not kept:" in ack.body
    assert "- fix.exe" in ack.body  # refused by name (the allowlist words it its own way)
    assert "photo.png does not contain what its name says" in ack.body


def test_a_non_utf8_email_keeps_its_polish_letters(mailbox, it_address, requester, poll):
    subject = Header("Zepsuta drukarka: żółte pasy", "iso-8859-2").encode()
    raw = (
        "From: Olga <olga@example.com>\r\nTo: desk+it@example.com\r\n"
        f"Subject: {subject}\r\nMessage-ID: <latin2-1@mail.example.com>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=iso-8859-2\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    ).encode("ascii") + "Drukarka na piętrze drukuje żółte pasy. Proszę o pomoc.\r\n".encode(
        "iso-8859-2"
    )
    mailbox.deliver(raw)
    poll()
    request = only_request()
    assert request.title == "Zepsuta drukarka: żółte pasy"
    assert request.description == "Drukarka na piętrze drukuje żółte pasy. Proszę o pomoc."


def test_a_windows_1250_html_email_and_an_unknown_charset(mailbox, it_address, requester, poll):
    html = "<p>Kłopot z fakturą</p>".encode("windows-1250")
    raw = (
        b"From: olga@example.com\r\nTo: desk+it@example.com\r\nSubject: Faktura\r\n"
        b"Message-ID: <cp1250-1@mail.example.com>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/html; charset=windows-1250\r\n\r\n" + html
    )
    odd = (
        b"From: olga@example.com\r\nTo: desk+it@example.com\r\nSubject: Odd\r\n"
        b"Message-ID: <odd-1@mail.example.com>\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=x-unheard-of\r\n\r\nPlain words \xe9\r\n"
    )
    mailbox.deliver(raw)
    mailbox.deliver(odd)
    assert poll() == 2
    descriptions = set(Request.objects.values_list("description", flat=True))
    assert descriptions == {"Kłopot z fakturą", "Plain words é"}


TWENTY_MB = 20 * 1024 * 1024


def big_mail() -> bytes:
    # About 15.5 MB of PDF, which base64 makes a 20 MB message.
    pdf = PDF + bytes(range(256)) * (15_500_000 // 256)
    raw = mail(
        subject="Scans of the contract", attachments=(("scans.pdf", pdf, "application/pdf"),)
    )
    assert TWENTY_MB - 512 * 1024 < len(raw) < TWENTY_MB + 512 * 1024
    return raw


def test_a_20_mb_message_is_filed_with_its_attachment(
    mailbox, it_address, requester, settings, poll
):
    settings.DESK_MAX_ATTACHMENT_MB = 15
    mailbox.deliver(big_mail())
    assert poll() == 1
    [attachment] = Attachment.objects.filter(request=only_request())
    assert attachment.size > 15_000_000
    assert attachment.content_type == "application/pdf"


def test_a_20_mb_attachment_over_the_upload_limit_is_left_out_and_said_so(
    mailbox, it_address, requester, poll
):
    mailbox.deliver(big_mail())
    poll()
    request = only_request()
    assert not Attachment.objects.filter(request=request).exists()
    [ack] = outbox.outbox
    assert "scans.pdf is larger than 10.0\xa0MB" in ack.body


def test_a_message_over_the_mailbox_limit_is_refused_unread(
    mailbox, it_address, requester, settings, poll
):
    settings.DESK_INBOUND_MAX_MESSAGE_MB = 1
    mailbox.deliver(mail(attachments=(("big.pdf", PDF + b"0" * 2_000_000, "application/pdf"),)))
    assert poll() == 1
    assert not Request.objects.exists()
    assert ProcessedMessage.objects.get().outcome == Outcome.TOO_LARGE
    [answer] = outbox.outbox
    assert answer.to == ["olga@example.com"]
    assert "larger than 1 MB" in answer.body


def test_an_unknown_sender_gets_a_polite_answer_and_nothing_is_filed(mailbox, it_address, poll):
    mailbox.deliver(mail(sender="Stranger <stranger@elsewhere.example>"))
    mailbox.deliver(mail(sender="Stranger <stranger@elsewhere.example>", subject="Again"))
    assert poll() == 2
    assert not Request.objects.exists()
    assert (
        list(ProcessedMessage.objects.values_list("outcome", flat=True))
        == [Outcome.UNKNOWN_SENDER] * 2
    )
    [answer] = outbox.outbox  # one answer a day, however often they write
    assert answer.to == ["stranger@elsewhere.example"]
    assert "Desk does not know stranger@elsewhere.example, so nothing was filed" in answer.body
    assert answer.extra_headers["Auto-Submitted"] == "auto-replied"


def test_a_deactivated_employee_counts_as_unknown(mailbox, it_address, requester, poll):
    requester.is_active = False
    requester.save()
    mailbox.deliver(mail())
    poll()
    assert not Request.objects.exists()
    assert ProcessedMessage.objects.get().outcome == Outcome.UNKNOWN_SENDER


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"Precedence": "bulk"},
        {"X-Autoreply": "yes"},
        {"Return-Path": "<>"},
    ],
)
def test_automatic_messages_are_ignored(mailbox, it_address, requester, headers, poll):
    mailbox.deliver(mail(subject="Out of office", headers=headers))
    assert poll() == 1
    assert not Request.objects.exists()
    assert ProcessedMessage.objects.get().outcome == Outcome.AUTOMATIC
    assert outbox.outbox == []
    assert mailbox.flags() == [(b"\\Seen",)]


def test_desks_own_messages_are_ignored(mailbox, it_address, requester, poll):
    mailbox.deliver(mail(sender="Desk <desk@example.com>"))
    mailbox.deliver(mail(sender="desk+it@example.com", subject="Loop"))
    mailbox.deliver(mail(headers={"Message-ID": "<notification.5.IT-1@example.com>"}))
    assert poll() == 3
    assert not Request.objects.exists()
    assert set(ProcessedMessage.objects.values_list("outcome", flat=True)) == {Outcome.LOOP}
    assert outbox.outbox == []


def test_mail_to_no_inbound_address_is_left_alone(mailbox, it_address, requester, poll):
    mailbox.deliver(mail(to="someone-else@example.com"))
    poll()
    assert not Request.objects.exists()
    assert ProcessedMessage.objects.get().outcome == Outcome.NO_ADDRESS


def test_an_address_with_its_own_folder(mailbox, it_address, hr_address, business_requester, poll):
    mailbox.deliver(
        mail(sender="bob@example.com", to="payroll@example.com", subject="Payslip"), folder="HR"
    )
    assert poll() == 1
    request = only_request()
    assert (request.department.code, request.requester) == ("HR", business_requester)
    assert mailbox.flags("HR") == [(b"\\Seen",)]


def test_the_connection_is_tls_and_the_certificate_is_checked(mailbox, settings, poll):
    settings.DESK_INBOUND_IMAP_CA_FILE = ""  # the system's CAs do not know the test certificate
    with pytest.raises(ssl.SSLError):
        poll()


def test_without_an_imap_host_the_job_does_nothing(settings, poll):
    settings.DESK_INBOUND_IMAP_HOST = ""
    assert poll() == 0


def test_a_message_processed_before_a_crash_is_not_processed_again(
    mailbox, it_address, requester, poll
):
    raw = mail()
    mailbox.deliver(raw)
    poll()
    # The job died after its transaction committed and before it marked the message read.
    with mailbox.client() as imap:
        imap.select_folder("INBOX")
        imap.remove_flags(imap.search("ALL"), [b"\\Seen"])
    mailbox.deliver(raw)  # and the server delivered it a second time, too
    assert poll() == 2
    assert Request.objects.count() == 1
    assert ProcessedMessage.objects.count() == 1
    assert len(outbox.outbox) == 1
    assert mailbox.flags() == [(b"\\Seen",), (b"\\Seen",)]


def test_ack_email_is_real_mime(mailbox, it_address, requester, poll):
    mailbox.deliver(mail())
    poll()
    parsed = message_from_bytes(outbox.outbox[0].message().as_bytes())
    assert parsed["Message-ID"].startswith("<inbound.")
    assert parsed["Reply-To"] == "desk+it@example.com"


def test_a_strangers_oversized_message_gets_no_answer(mailbox, it_address, settings, poll):
    settings.DESK_INBOUND_MAX_MESSAGE_MB = 1
    big = (("big.pdf", PDF + b"0" * 2_000_000, "application/pdf"),)
    mailbox.deliver(mail(sender="stranger@elsewhere.example", attachments=big))
    assert poll() == 1
    assert ProcessedMessage.objects.get().outcome == Outcome.TOO_LARGE
    assert outbox.outbox == []
