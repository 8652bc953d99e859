"""The mailbox job killed with SIGKILL mid-run: every message is still processed exactly once."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time

import pytest

from desk.models import Request
from inbound.models import Outcome, ProcessedMessage
from tests.inbound.messages import PDF, mail
from tests.prod.conftest import REPO, database_url

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

MESSAGES = 40


def test_a_killed_job_leaves_nothing_half_done(mailbox, it_address, requester, poll, tmp_path):
    for n in range(MESSAGES):
        attachment = PDF + os.urandom(200_000)
        mailbox.deliver(
            mail(subject=f"Request {n}", attachments=(("scan.pdf", attachment, "application/pdf"),))
        )
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="desk.settings",
        SECRET_KEY=secrets.token_urlsafe(60),
        DEBUG="0",
        DATABASE_URL=database_url(),
        REDIS_URL="",  # tasks in-process: the answers go to the console
        MEDIA_ROOT=str(tmp_path),
        DEFAULT_FROM_EMAIL="Desk <desk@example.com>",
        DESK_INBOUND_IMAP_HOST=mailbox.host,
        DESK_INBOUND_IMAP_PORT=str(mailbox.port),
        DESK_INBOUND_IMAP_USER=mailbox.user,
        DESK_INBOUND_IMAP_PASSWORD=mailbox.password,
        DESK_INBOUND_IMAP_CA_FILE=str(mailbox.cert),
    )
    job = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from inbound.mailbox import mailbox_poll; mailbox_poll()",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while ProcessedMessage.objects.count() < 3 and time.monotonic() < deadline:
        assert job.poll() is None, "the job ended before it could be killed"
        time.sleep(0.02)
    job.send_signal(signal.SIGKILL)
    job.wait()
    done_before = ProcessedMessage.objects.count()
    assert 3 <= done_before < MESSAGES

    poll()  # the next run, as beat starts it a minute later

    assert Request.objects.count() == MESSAGES
    assert ProcessedMessage.objects.filter(outcome=Outcome.FILED).count() == MESSAGES
    titles = sorted(Request.objects.values_list("title", flat=True))
    assert titles == sorted(f"Request {n}" for n in range(MESSAGES))
    assert set(mailbox.flags()) == {(b"\\Seen",)}
