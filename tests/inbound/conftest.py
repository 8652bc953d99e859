from __future__ import annotations

import os
import shutil

import pytest

from inbound.models import InboundAddress
from tests.inbound.imap_server import DOVECOT, Dovecot


@pytest.fixture(scope="session")
def dovecot():
    if not shutil.which("dovecot") and not os.path.exists(DOVECOT):
        message = "the email-in tests need Debian's dovecot (apt-get install -y dovecot-imapd)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run them: {message}")
        pytest.skip(message)
    server = Dovecot()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mailbox(dovecot, settings):
    """Desk pointed at the test's IMAP server, with an empty mailbox."""
    dovecot.reset()
    settings.DESK_INBOUND_IMAP_HOST = dovecot.host
    settings.DESK_INBOUND_IMAP_PORT = dovecot.port
    settings.DESK_INBOUND_IMAP_USER = dovecot.user
    settings.DESK_INBOUND_IMAP_PASSWORD = dovecot.password
    settings.DESK_INBOUND_IMAP_CA_FILE = str(dovecot.cert)
    settings.DEFAULT_FROM_EMAIL = "Desk <desk@example.com>"
    return dovecot


@pytest.fixture
def it_address(dept_a, service_a):
    return InboundAddress.objects.create(
        email="desk+it@example.com", department=dept_a, service=service_a
    )


@pytest.fixture
def hr_address(dept_b, service_b):
    return InboundAddress.objects.create(
        email="hr@example.com", department=dept_b, service=service_b, folder="HR"
    )


@pytest.fixture
def poll(django_capture_on_commit_callbacks):
    """Run the mailbox job as beat would; what it enqueues after commit runs too (eagerly)."""
    from inbound.tasks import poll_mailbox

    def _poll() -> int:
        with django_capture_on_commit_callbacks(execute=True):
            # apply(), not delay().get(): a task run earlier in the session can leave Celery
            # believing it is inside a task, where .get() refuses to block.
            return poll_mailbox.apply(throw=True).result

    return _poll
