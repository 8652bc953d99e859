"""Turning an email into a request or a comment, once, and answering the sender.

`message_process` runs everything for one message in one transaction: the request (or comment)
it makes and the ProcessedMessage row keyed by its Message-ID commit together or not at all. A
job killed before the commit leaves the message unread in the mailbox and nothing in Desk; a job
killed after it finds the row next time and only marks the message read. Two jobs at once collide
on the row's unique key, and the loser's whole transaction rolls back.

Who may do what is decided when the message is processed, by desk.permissions, exactly as for
the same action in the browser.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from departments.models import Employee
from desk import email_headers, permissions, services, tasking
from desk.attachments import inspect_upload
from desk.permissions import Action
from inbound.models import InboundAddress, Outcome, ProcessedMessage
from inbound.parsing import ParsedMessage, parse

logger = logging.getLogger(__name__)

# A polite answer to the same unknown sender at most this often: no backscatter floods.
UNKNOWN_SENDER_ANSWER_EVERY = timedelta(hours=24)
_SUBJECT_REFERENCE = re.compile(r"\[(?P<code>[A-Z][A-Z0-9]{0,7})-(?P<number>\d{1,9})\]")
_SUBJECT_PREFIX = re.compile(
    r"^\s*((re|fw|fwd|aw|odp|pd|prz|wg)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE
)


def _address_for(parsed: ParsedMessage, folder: str) -> InboundAddress | None:
    active = InboundAddress.objects.filter(is_active=True).select_related(
        "service__department", "department"
    )
    if folder:
        by_folder = active.filter(folder=folder).first()
        if by_folder is not None:
            return by_folder
    # The shared inbox: the first recipient that is one of Desk's addresses decides.
    addresses = {address.email.lower(): address for address in active.filter(folder="")}
    return next((addresses[r] for r in parsed.recipients if r in addresses), None)


def _own_addresses() -> set[str]:
    own = {parseaddr(settings.DEFAULT_FROM_EMAIL)[1].lower()}
    own |= {email.lower() for email in InboundAddress.objects.values_list("email", flat=True)}
    return own


def _checked_files(parsed: ParsedMessage) -> tuple[list[SimpleUploadedFile], list[str]]:
    """The attachments that pass the upload checks, and a sentence for each one that did not."""
    kept, dropped = [], []
    for attachment in parsed.attachments:
        upload = SimpleUploadedFile(attachment.name, attachment.content, attachment.content_type)
        if len(kept) >= settings.DESK_MAX_ATTACHMENTS:
            dropped.append(
                _("%(name)s: at most %(n)d attachments are kept.")
                % {"name": attachment.name, "n": settings.DESK_MAX_ATTACHMENTS}
            )
            continue
        try:
            inspect_upload(upload)
        except ValidationError as refused:
            dropped.append(refused.messages[0])
            continue
        kept.append(upload)
    return kept, dropped


def _referenced(parsed: ParsedMessage) -> tuple[str, int] | None:
    """The request this message answers: Desk's Message-IDs in its headers, or the [IT-0042]
    token of Desk's subjects. Never a guess from the subject's words."""
    found = email_headers.referenced_request(*parsed.references)
    if found is not None:
        return found
    match = _SUBJECT_REFERENCE.search(parsed.subject)
    return (match["code"], int(match["number"])) if match else None


def _title(parsed: ParsedMessage, employee: Employee) -> str:
    title = _SUBJECT_PREFIX.sub("", parsed.subject).strip()
    return (title or _("Email from %(name)s") % {"name": employee.full_name})[:200]


def _unknown_sender_answered_recently(sender: str) -> bool:
    return ProcessedMessage.objects.filter(
        sender=sender,
        outcome=Outcome.UNKNOWN_SENDER,
        reply_wanted=True,
        processed_at__gte=timezone.now() - UNKNOWN_SENDER_ANSWER_EVERY,
    ).exists()


def _comment(parsed: ParsedMessage, employee: Employee, reference, record: ProcessedMessage):
    code, number = reference
    request = (
        permissions.visible_requests(employee)
        .select_related("department", "service")
        .filter(department__code=code, number=number)
        .first()
    )
    if request is None or not permissions.can(employee, Action.COMMENT, request):
        # The same answer whether the request does not exist or is not theirs: no hint either way.
        record.outcome = Outcome.REFUSED
        record.detail = _(
            "Your reply could not be added: there is no request %(code)s-%(number)04d that you "
            "can reply to."
        ) % {"code": code, "number": number}
        record.reply_wanted = True
        return
    record.request = request
    files, dropped = _checked_files(parsed)
    try:
        services.comment_add(request=request, author=employee, body=parsed.text, files=files)
    except ValidationError as refused:
        record.outcome = Outcome.REFUSED
        record.detail = " ".join(refused.messages)
        record.reply_wanted = True
        return
    record.outcome = Outcome.COMMENTED
    record.detail = "\n".join(dropped)
    record.reply_wanted = bool(dropped)  # tell them which files were left out


def _file(parsed: ParsedMessage, employee: Employee, address: InboundAddress, record):
    files, dropped = _checked_files(parsed)
    try:
        request = services.request_file(
            requester=employee,
            service=address.service,
            title=_title(parsed, employee),
            description=parsed.text,
            files=files,
        )
    except ValidationError as refused:
        record.outcome = Outcome.REFUSED
        record.detail = " ".join(refused.messages)
        record.reply_wanted = True
        return
    record.outcome = Outcome.FILED
    record.request = request
    record.detail = "\n".join(dropped)
    record.reply_wanted = True  # the acknowledgement, with the reference to answer to


def _decide(parsed: ParsedMessage, address: InboundAddress | None, record) -> None:
    if parsed.automatic:
        record.outcome, record.detail = Outcome.AUTOMATIC, parsed.automatic
        return
    if email_headers.is_own_message_id(parsed.message_id) or parsed.sender in _own_addresses():
        record.outcome = Outcome.LOOP
        return
    if address is None:
        record.outcome = Outcome.NO_ADDRESS
        record.detail = ", ".join(parsed.recipients)
        return
    employee = Employee.objects.filter(email__iexact=parsed.sender, is_active=True).first()
    if employee is None:
        record.outcome = Outcome.UNKNOWN_SENDER
        record.reply_wanted = not _unknown_sender_answered_recently(parsed.sender)
        return
    with translation.override(employee.language or settings.LANGUAGE_CODE):
        reference = _referenced(parsed)
        if reference is not None:
            _comment(parsed, employee, reference, record)
        else:
            _file(parsed, employee, address, record)


def message_process(*, raw: bytes, folder: str = "") -> ProcessedMessage:
    """Process one raw email (idempotent: a message already processed is returned as it was)."""
    parsed = parse(raw)
    done = ProcessedMessage.objects.filter(message_key=parsed.key).first()
    if done is not None:
        return done
    address = _address_for(parsed, folder)
    try:
        with transaction.atomic():
            record = ProcessedMessage(
                message_key=parsed.key,
                message_id=parsed.message_id,
                address=address,
                sender=parsed.sender[:254],
                subject=parsed.subject[:255],
            )
            _decide(parsed, address, record)
            record.save()
            if record.reply_wanted:
                enqueue_answer(record.pk)
    except IntegrityError:
        done = ProcessedMessage.objects.filter(message_key=parsed.key).first()
        if done is None:
            raise
        return done  # another job processed it meanwhile; its work stands, ours rolled back
    logger.info(
        "inbound email %s from %s: %s",
        record.pk,
        record.sender,
        record.outcome,
        extra={"outcome": record.outcome},
    )
    return record


def message_too_large(*, raw_headers: bytes, folder: str, size: int) -> ProcessedMessage:
    """A message over DESK_INBOUND_MAX_MESSAGE_MB, read by its headers only: refused, answered."""
    parsed = parse(raw_headers)
    done = ProcessedMessage.objects.filter(message_key=parsed.key).first()
    if done is not None:
        return done
    record = ProcessedMessage(
        message_key=parsed.key,
        message_id=parsed.message_id,
        address=_address_for(parsed, folder),
        sender=parsed.sender[:254],
        subject=parsed.subject[:255],
        outcome=Outcome.TOO_LARGE,
        detail=f"{size} bytes",
    )
    if parsed.automatic or parsed.sender in _own_addresses():
        record.outcome, record.detail = Outcome.AUTOMATIC, parsed.automatic or "own address"
    else:
        # Only colleagues are told: a stranger's huge message gets no answer (no backscatter).
        record.reply_wanted = Employee.objects.filter(
            email__iexact=parsed.sender, is_active=True
        ).exists()
    try:
        with transaction.atomic():
            record.save()
            if record.reply_wanted:
                enqueue_answer(record.pk)
    except IntegrityError:
        return ProcessedMessage.objects.get(message_key=parsed.key)
    return record


# --- answering the sender ------------------------------------------------------------------------


def enqueue_answer(processed_id: int) -> None:
    from inbound import tasks  # tasks import this module

    tasking.enqueue_on_commit(tasks.send_answer, processed_id)


def answer_message(record: ProcessedMessage) -> EmailMessage:
    """The email that answers the sender: acknowledgement, refusal, or polite "who are you"."""
    employee = Employee.objects.filter(email__iexact=record.sender).first()
    language = (employee.language if employee else "") or settings.LANGUAGE_CODE
    request = record.request
    context = {
        "record": record,
        "employee": employee,
        "req": request,
        "request_url": (
            f"{settings.DESK_BASE_URL}{request.get_absolute_url()}" if request is not None else ""
        ),
        "address": record.address,
        "dropped": [line for line in record.detail.splitlines() if line.strip()],
        "desk_url": settings.DESK_BASE_URL + "/",
        "max_mb": settings.DESK_INBOUND_MAX_MESSAGE_MB,
    }
    with translation.override(language):
        subject = render_to_string(f"inbound/email/{record.outcome}_subject.txt", context)
        body = render_to_string(f"inbound/email/{record.outcome}.txt", context)
    headers = {
        # RFC 3834: an automatic answer to a person's message; their autoresponder stays quiet.
        "Auto-Submitted": "auto-replied",
        "X-Auto-Response-Suppress": "All",
    }
    if request is not None:
        headers |= email_headers.thread_headers(
            request, "inbound", record.pk, answering=record.message_id
        )
    else:
        headers["Message-ID"] = email_headers.message_id("inbound", record.pk)
        if record.message_id:
            headers["In-Reply-To"] = headers["References"] = record.message_id
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[record.sender],
        reply_to=[record.address.email] if record.address is not None else None,
        headers=headers,
    )


def answer_send(*, processed_id: int) -> bool:
    """Send the answer once: the row is locked while sending, marked after the server took it."""
    with transaction.atomic():
        record = (
            ProcessedMessage.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("request__department", "request__service", "address")
            .filter(pk=processed_id, reply_wanted=True, replied_at__isnull=True)
            .first()
        )
        if record is None or not record.sender:
            return False
        answer_message(record).send()
        ProcessedMessage.objects.filter(pk=record.pk).update(replied_at=timezone.now())
    return True
