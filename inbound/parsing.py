"""Reading a raw email: who sent it, to whom, what it says, what it carries, and whether a
machine sent it. Real-world mail is messy: headers in any charset, HTML-only bodies, charsets
Python does not know, parts without a Content-Type. Nothing here raises on bad input."""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

from inbound.text import html_to_text, strip_reply

# Headers that say a machine wrote the message (RFC 3834 and what common autoresponders use).
_AUTOMATIC_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
_AUTOMATIC_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Auto-Response", "List-Id")
_ROBOT_SENDERS = re.compile(r"^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@", re.IGNORECASE)


@dataclass
class Attachment:
    name: str
    content: bytes
    content_type: str


@dataclass
class ParsedMessage:
    message_id: str
    key: str
    sender: str
    sender_name: str
    recipients: list[str]
    subject: str
    text: str
    references: list[str]
    attachments: list[Attachment] = field(default_factory=list)
    automatic: str = ""  # why it looks machine-made, empty for a person's message


def _header(message: EmailMessage, name: str) -> str:
    try:
        value = message.get(name, "")
    except (ValueError, IndexError, TypeError, LookupError):
        # A header the parser cannot decode: fall back to its raw text.
        value = message.get_all(name, failobj=[""])[0]
        return str(value)
    return " ".join(str(value).split())


def _decoded(part: EmailMessage) -> str:
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        return payload.decode("latin-1", errors="replace")


def _body(message: EmailMessage) -> str:
    """The plain text of the message: its text/plain body, or its HTML body made plain."""
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except (KeyError, LookupError):
        part = None
    if part is None:
        return ""
    text = _decoded(part)
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    return text


def _attachments(message: EmailMessage, body: EmailMessage | None) -> list[Attachment]:
    # Pictures an HTML body shows by Content-ID (logos in signatures) are part of the text.
    html = " ".join(
        _decoded(part)
        for part in message.walk()
        if part.get_content_type() == "text/html" and part.get_content_disposition() != "attachment"
    )
    found = []
    for part in message.walk():
        if part.is_multipart() or part is body:
            continue
        filename = part.get_filename()
        disposition = part.get_content_disposition()
        if disposition != "attachment" and not filename:
            continue  # an alternative body, not a file
        content_id = (part.get("Content-ID") or "").strip("<> ")
        if disposition != "attachment" and content_id and f"cid:{content_id}" in html:
            continue  # a logo or picture inside the HTML (signatures), not something attached
        if part.get_content_type() == "message/rfc822":
            content = part.as_bytes()
        else:
            content = part.get_payload(decode=True) or b""
        found.append(
            Attachment(
                name=(filename or "attachment").strip()[:255],
                content=content,
                content_type=part.get_content_type(),
            )
        )
    return found


def _automatic(message: EmailMessage, sender: str) -> str:
    auto_submitted = _header(message, "Auto-Submitted").lower()
    if auto_submitted and auto_submitted != "no":
        return f"Auto-Submitted: {auto_submitted}"
    precedence = _header(message, "Precedence").lower()
    if precedence in _AUTOMATIC_PRECEDENCE:
        return f"Precedence: {precedence}"
    for name in _AUTOMATIC_HEADERS:
        if message.get(name) is not None:
            return name
    if _header(message, "Return-Path").strip() == "<>" or not sender:
        return "no return address (a bounce)"
    if _ROBOT_SENDERS.match(sender):
        return f"sender {sender}"
    return ""


def parse(raw: bytes) -> ParsedMessage:
    message: EmailMessage = email.message_from_bytes(raw, policy=email.policy.default)
    message_id = _header(message, "Message-ID")
    key = hashlib.sha256(message_id.encode() if message_id else raw).hexdigest()
    # From, never Reply-To: From is the address the receiving server authenticated (DMARC).
    sender_name, sender = parseaddr(_header(message, "From"))
    recipient_headers = [
        _header(message, name) for name in ("To", "Cc", "Delivered-To", "X-Original-To")
    ]
    recipients = [addr.lower() for _name, addr in getaddresses(recipient_headers) if addr]
    try:
        body_part = message.get_body(preferencelist=("plain", "html"))
    except (KeyError, LookupError):
        body_part = None
    return ParsedMessage(
        message_id=message_id,
        key=key,
        sender=sender.strip().lower(),
        sender_name=sender_name.strip(),
        recipients=recipients,
        subject=_header(message, "Subject"),
        text=strip_reply(_body(message)),
        references=[_header(message, "In-Reply-To"), _header(message, "References")],
        attachments=_attachments(message, body_part),
        automatic=_automatic(message, sender),
    )
