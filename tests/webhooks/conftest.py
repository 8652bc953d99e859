"""A real HTTP receiver process on 127.0.0.1 for the webhook tests, and webhooks pointing at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.webhooks.receiving import Receiver, launch_receiver
from webhooks.models import Webhook


@pytest.fixture
def start_receiver(tmp_path) -> Iterator[Callable[..., Receiver]]:
    """start_receiver(fail=0, status=500) -> a running receiver; stopped after the test."""
    started: list[Receiver] = []

    def start(fail: int = 0, status: int = 500) -> Receiver:
        receiver = launch_receiver(tmp_path / f"received-{len(started)}.jsonl", fail, status)
        started.append(receiver)
        return receiver

    yield start
    for receiver in started:
        receiver.stop()


@pytest.fixture
def receiver(start_receiver) -> Receiver:
    return start_receiver()


@pytest.fixture
def hook(dept_a, receiver) -> Webhook:
    """Department A's webhook to the test receiver (a loopback address, allowed explicitly)."""
    return Webhook.objects.create(
        department=dept_a, name="Chat", url=receiver.url, allow_private_network=True
    )


@pytest.fixture(autouse=True)
def _quick_retries(settings):
    settings.DESK_WEBHOOK_RETRY_SECONDS = 0
    settings.DESK_WEBHOOK_MAX_ATTEMPTS = 3
