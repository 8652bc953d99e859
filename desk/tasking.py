"""Enqueueing tasks without letting a broker outage reach the user.

A user's action must succeed even when Redis is down. Work that matters is recorded in the
database first (e.g. stale report cells), so a task that cannot be published now is only late:
the periodic sweep enqueues it again once Redis is back. The broker's connect and publish
time-outs (settings: CELERY_BROKER_TRANSPORT_OPTIONS, CELERY_TASK_PUBLISH_RETRY) keep a failed
publish under two seconds.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Task
from django.db import transaction
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a publish raises when the broker is unreachable (kombu wraps most as OperationalError).
BROKER_ERRORS: tuple[type[BaseException], ...] = (KombuError, RedisError, OSError)


def enqueue(task: Task, *args: Any, **kwargs: Any) -> bool:
    """Publish task(*args, **kwargs); on a broker error log a warning and return False."""
    if task.app.conf.task_always_eager:
        # No broker involved: errors are the task's own and must surface (tests, local demo).
        task.apply_async(args=args, kwargs=kwargs)
        return True
    try:
        task.apply_async(args=args, kwargs=kwargs)
    except BROKER_ERRORS as exc:
        logger.warning(
            "could not enqueue %s: %s: %s (the periodic sweep will retry)",
            task.name,
            type(exc).__name__,
            exc,
            extra={"task_name": task.name, "error": type(exc).__name__},
        )
        return False
    return True


def enqueue_on_commit(task: Task, *args: Any, **kwargs: Any) -> None:
    """enqueue() once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: enqueue(task, *args, **kwargs))
