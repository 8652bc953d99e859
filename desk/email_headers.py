"""Threading headers of Desk's emails, and reading them back from answers.

Every email about a request refers to the request's thread (`<request.IT-42@domain>`) in
In-Reply-To and References, so mail clients show one conversation per request, and the answer
to any of them carries that reference back (inbound email turns it into a comment). Each email has
its own stable Message-ID (`<notification.17.IT-42@domain>`): a retried send keeps it, so a
duplicate is recognisable. The domain is the one of DEFAULT_FROM_EMAIL.
"""

from __future__ import annotations

import re
from email.utils import parseaddr
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from desk.models import Request


def mail_domain() -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return (address.rpartition("@")[2] or "desk.localhost").lower()


def thread_id(request: Request) -> str:
    return f"<request.{request.department.code}-{request.number}@{mail_domain()}>"


def message_id(kind: str, pk: int, request: Request | None = None) -> str:
    reference = f".{request.department.code}-{request.number}" if request is not None else ""
    return f"<{kind}.{pk}{reference}@{mail_domain()}>"


def thread_headers(request: Request, kind: str, pk: int, *, answering: str = "") -> dict[str, str]:
    """Message-ID, In-Reply-To and References for an email about this request.

    `answering` is the Message-ID of the person's own email when Desk answers it directly."""
    root = thread_id(request)
    references = f"{answering} {root}" if answering else root
    return {
        "Message-ID": message_id(kind, pk, request),
        "In-Reply-To": answering or root,
        "References": references,
    }


_OWN_ID = (
    r"<(?:request|notification|inbound)\.(?:\d+\.)?"
    r"(?P<code>[A-Z][A-Z0-9]{0,7})-(?P<number>\d{1,9})@(?P<domain>[^>\s]+)>"
)


def referenced_request(*headers: str) -> tuple[str, int] | None:
    """(department code, number) of the first Desk request these header values refer to."""
    domain = mail_domain()
    for value in headers:
        for match in re.finditer(_OWN_ID, value or ""):
            if match["domain"].lower() == domain:
                return match["code"], int(match["number"])
    return None


def is_own_message_id(value: str) -> bool:
    """Whether a Message-ID is one Desk made (an email of Desk's coming back is a loop)."""
    match = re.fullmatch(
        r"\s*<(?:request|notification|inbound)\.[^@>\s]+@([^>\s]+)>\s*", value or ""
    )
    return bool(match) and match[1].lower() == mail_domain()
