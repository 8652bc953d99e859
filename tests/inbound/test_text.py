"""What is kept of an email's text: the new words, not the history or the signature."""

from __future__ import annotations

import pytest

from inbound.parsing import parse
from inbound.text import html_to_text, strip_reply
from tests.inbound.messages import mail


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Done, thanks.\n\nOn Mon, 7 Dec 2026, 10:00 Desk <desk@example.com> wrote:\n> old", "Done, thanks."),
        ("Dzięki!\n\nW dniu 7.12.2026 o 10:00, Desk <desk@example.com> pisze:\n> stare", "Dzięki!"),
        ("Fixed.\n\n-----Original Message-----\nFrom: Desk\nSent: Monday\n", "Fixed."),
        ("Yes.\n\nFrom: Desk <desk@example.com>\nSent: Monday, 7 December 2026 10:00\nTo: Olga\n", "Yes."),
        ("Od: Desk <desk@example.com>\nWysłano: poniedziałek\nDo: Olga\n\nstare", ""),
        ("From: the start it was broken.\nStill is.", "From: the start it was broken.\nStill is."),
        ("See below\n> quoted line\nmy answer in between\n> more quote", "See below\nmy answer in between"),
        ("Sure.\n-- \nOlga Operational\nFinance", "Sure."),
        ("On it.\n\nSent from my iPhone", "On it."),
        ("Zrobione.\n\nWysłane z iPhone'a", "Zrobione."),
        ("Line one\r\nLine two\r\n\r\n\r\n\r\nLine three", "Line one\nLine two\n\nLine three"),
    ],
)  # fmt: skip
def test_strip_reply(text, kept):
    assert strip_reply(text) == kept


def test_html_quotes_are_dropped_and_blocks_become_lines():
    html = (
        "<div>New answer<br>second line</div><div class='gmail_quote'>On Mon wrote:"
        "<blockquote><p>old</p></blockquote></div>"
    )
    assert strip_reply(html_to_text(html)) == "New answer\nsecond line"


def test_parse_reads_sender_recipients_and_references():
    raw = mail(
        sender='"Olga O." <Olga@Example.com>',
        to="Desk <DESK+IT@example.com>, other@example.com",
        headers={
            "Cc": "cc@example.com",
            "In-Reply-To": "<notification.3.IT-7@example.com>",
            "Reply-To": "someone-else@example.com",
        },
    )
    parsed = parse(raw)
    assert parsed.sender == "olga@example.com"  # From, never Reply-To
    assert parsed.sender_name == "Olga O."
    assert parsed.recipients == ["desk+it@example.com", "other@example.com", "cc@example.com"]
    assert parsed.references[0] == "<notification.3.IT-7@example.com>"
    assert parsed.automatic == ""


def test_a_message_without_message_id_is_keyed_by_its_content():
    raw = b"From: a@example.com\r\nTo: desk+it@example.com\r\nSubject: x\r\n\r\nbody\r\n"
    assert parse(raw).key == parse(raw).key
    assert parse(raw).key != parse(raw + b"more").key
    assert parse(raw).message_id == ""


def test_inline_pictures_of_an_html_signature_are_not_attachments():
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "olga@example.com"
    message["Subject"] = "x"
    message.set_content("text")
    message.add_alternative('<p>Hi</p><img src="cid:logo@x">', subtype="html")
    html_part = message.get_payload()[1]
    html_part.add_related(
        b"\x89PNG\r\n\x1a\n",
        "image",
        "png",
        cid="<logo@x>",
        disposition="inline",
        filename="logo.png",
    )
    message.add_attachment(b"%PDF-1.4\n", maintype="application", subtype="pdf", filename="a.pdf")
    parsed = parse(message.as_bytes())
    assert [a.name for a in parsed.attachments] == ["a.pdf"]
