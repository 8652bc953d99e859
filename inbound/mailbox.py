"""Reading the IMAP mailbox (TLS only): each unread message is processed, then marked read.

Messages are read with BODY.PEEK, so one that was not processed (the job died, the database was
down) stays unread and is read again next time; inbound.services makes processing it twice
harmless. One message is in memory at a time, whatever its size.
"""

from __future__ import annotations

import contextlib
import logging
import ssl
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from imapclient import SEEN, IMAPClient

from inbound import services
from inbound.models import InboundAddress, ProcessedMessage

logger = logging.getLogger(__name__)

ANSWER_SWEEP_AFTER = timedelta(minutes=10)
ANSWER_SWEEP_GIVE_UP = timedelta(days=2)


def connect() -> IMAPClient:
    context = ssl.create_default_context(cafile=settings.DESK_INBOUND_IMAP_CA_FILE or None)
    imap = IMAPClient(
        settings.DESK_INBOUND_IMAP_HOST,
        port=settings.DESK_INBOUND_IMAP_PORT,
        ssl=True,
        ssl_context=context,
        timeout=settings.DESK_INBOUND_IMAP_TIMEOUT,
    )
    imap.login(settings.DESK_INBOUND_IMAP_USER, settings.DESK_INBOUND_IMAP_PASSWORD)
    return imap


def folders() -> list[str]:
    """The shared inbox and every active address's own folder."""
    own = InboundAddress.objects.filter(is_active=True).exclude(folder="")
    return sorted({settings.DESK_INBOUND_IMAP_FOLDER, *own.values_list("folder", flat=True)})


def _process_folder(imap: IMAPClient, folder: str, limit: int) -> int:
    imap.select_folder(folder)
    uids = imap.search(["UNSEEN"])[:limit]
    max_bytes = settings.DESK_INBOUND_MAX_MESSAGE_MB * 1024 * 1024
    done = 0
    for uid in uids:
        sizes = imap.fetch([uid], ["RFC822.SIZE"])
        if uid not in sizes:
            continue  # deleted meanwhile by someone else
        size = sizes[uid][b"RFC822.SIZE"]
        try:
            if size > max_bytes:
                headers = imap.fetch([uid], ["BODY.PEEK[HEADER]"])[uid][b"BODY[HEADER]"]
                services.message_too_large(raw_headers=headers, folder=folder, size=size)
            else:
                raw = imap.fetch([uid], ["BODY.PEEK[]"])[uid][b"BODY[]"]
                services.message_process(raw=raw, folder=folder)
        except Exception:
            # One broken message must not stop the others; it stays unread and is tried again.
            logger.exception("inbound email uid %s in %s could not be processed", uid, folder)
            continue
        imap.add_flags([uid], [SEEN])
        done += 1
    return done


def mailbox_poll() -> int:
    """Process the unread messages of every folder; returns how many were processed."""
    if not settings.DESK_INBOUND_IMAP_HOST:
        return 0
    answers_sweep_unsent()
    processed = 0
    imap = connect()
    try:
        existing = {name for _flags, _delimiter, name in imap.list_folders()}
        for folder in folders():
            if folder not in existing:
                logger.warning("inbound email: the folder %r does not exist", folder)
                continue
            processed += _process_folder(imap, folder, settings.DESK_INBOUND_BATCH - processed)
            if processed >= settings.DESK_INBOUND_BATCH:
                break  # the rest next time: a run stays well inside the task's time limit
    finally:
        # The connection may be gone already; there is nothing left to tell the server.
        with contextlib.suppress(Exception):
            imap.logout()
    return processed


def answers_sweep_unsent(*, now=None) -> int:
    """Answers whose task was lost (broker down, worker killed) go out late, not never."""
    now = now or timezone.now()
    ids = list(
        ProcessedMessage.objects.filter(
            reply_wanted=True,
            replied_at__isnull=True,
            processed_at__lt=now - ANSWER_SWEEP_AFTER,
            processed_at__gte=now - ANSWER_SWEEP_GIVE_UP,
        ).values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        services.enqueue_answer(pk)
    return len(ids)
