"""The Celery app. Without REDIS_URL tasks run in-process (see settings.CELERY_TASK_ALWAYS_EAGER).

Every task gets DeskTask's defaults: retried with exponential backoff on database and broker
errors, at most MAX_RETRIES times, then logged as failed and dropped (never requeued forever).
Delivery guarantees (acks_late, reject_on_worker_lost, prefetch 1, time limits, the visibility
timeout) are in settings.py.
"""

from __future__ import annotations

import logging.config
import os

from celery import Celery, Task, signals
from django.db import InterfaceError
from django.db import OperationalError as DatabaseOperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "desk.settings")

# The longest wait between two retries. A retry is a countdown message held unacknowledged by a
# worker; it must come back before the broker's visibility timeout (settings, 3600 s by default)
# or Redis would deliver it a second time meanwhile.
RETRY_BACKOFF_MAX = 600
MAX_RETRIES = 5


class DeskTask(Task):
    """Defaults for every Desk task; a task may still override them in its decorator."""

    autoretry_for = (
        DatabaseOperationalError,
        InterfaceError,
        BrokerOperationalError,
        RedisConnectionError,
        RedisTimeoutError,
    )
    retry_backoff = 2
    retry_backoff_max = RETRY_BACKOFF_MAX
    retry_jitter = True
    max_retries = MAX_RETRIES


app = Celery("desk", task_cls=DeskTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.setup_logging.connect(weak=False)
def _use_django_logging(**kwargs) -> None:
    """Workers and beat log through settings.LOGGING (plain or JSON), like the web processes."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


def _connect_log_signals() -> None:
    from desk.logging import connect_celery_signals

    connect_celery_signals()


_connect_log_signals()
