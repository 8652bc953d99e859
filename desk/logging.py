"""One log line per request and per task, plain or JSON (LOG_FORMAT=json), each with a request id.

The request id comes from the X-Request-ID header (a proxy or load balancer usually sets it) or is
made here; it is returned in the response header, kept in a context variable for every log line
written while the request runs, and carried in the headers of tasks enqueued meanwhile, so a
request's log lines and its tasks' lines share one id.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from django.utils.functional import empty

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

request_logger = logging.getLogger("desk.request")
task_logger = logging.getLogger("desk.task")

# An incoming id is echoed into logs and headers: accept only a short, plain token.
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

# Attributes every LogRecord has; anything else was passed with `extra=` and belongs in the JSON.
_RECORD_ATTRS = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys() | {"message", "asctime"}
)


def new_request_id() -> str:
    return uuid.uuid4().hex


def clean_request_id(value: str | None) -> str:
    """The caller's id if it is a plain token, otherwise a fresh one."""
    if value and _VALID_ID.match(value):
        return value
    return new_request_id()


class RequestIdFilter(logging.Filter):
    """Gives every record a `request_id` attribute (empty outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request_id and any `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or request_id_var.get(),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_ATTRS and key not in payload and not key.startswith("_"):
                payload[key] = value
        if record.exc_info:
            payload["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            payload["stack_info"] = self.formatStack(record.stack_info)
        return json.dumps(payload, default=str, ensure_ascii=False)


def _user_id(request: HttpRequest) -> int | None:
    """The user's id if the view already loaded the user; never a query just for the log."""
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is None or wrapped is empty:
        return None
    return getattr(wrapped, "pk", None)


class RequestLogMiddleware:
    """Sets the request id and writes one line per request. First in MIDDLEWARE, so it sees all."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = clean_request_id(request.headers.get("X-Request-ID"))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            duration_ms = round((time.monotonic() - started) * 1000, 1)
            request_logger.info(
                "%s %s %s %sms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "user_id": _user_id(request),
                },
            )
            return response
        finally:
            request_id_var.reset(token)


# --- Celery ----------------------------------------------------------------------------------------

_task_started: dict[str, tuple[float, contextvars.Token]] = {}
_task_errors: dict[str, str] = {}


def on_before_task_publish(headers: dict | None = None, **kwargs: Any) -> None:
    """Carry the current request id to the task, so its log line can be matched to the request."""
    request_id = request_id_var.get()
    if headers is not None and request_id and "request_id" not in headers:
        headers["request_id"] = request_id


def on_task_prerun(task_id: str = "", task: Any = None, **kwargs: Any) -> None:
    request_id = ""
    if task is not None:
        request_id = getattr(task.request, "request_id", None) or ""
    # An eager task inside a request keeps the request's id; a worker's task gets the publisher's.
    request_id = request_id or request_id_var.get() or task_id
    token = request_id_var.set(clean_request_id(request_id or None))
    _task_started[task_id] = (time.monotonic(), token)


def on_task_failure(task_id: str = "", exception: BaseException | None = None, **kwargs) -> None:
    if exception is not None:
        _task_errors[task_id] = type(exception).__name__


def on_task_postrun(
    task_id: str = "", task: Any = None, state: str | None = None, **kwargs
) -> None:
    started, token = _task_started.pop(task_id, (None, None))
    duration_ms = round((time.monotonic() - started) * 1000, 1) if started is not None else None
    error = _task_errors.pop(task_id, "")
    name = getattr(task, "name", "?")
    outcome = state
    if outcome is None:
        # An eager task whose exception propagates (tests, no broker) ends without a state.
        outcome = "FAILURE"
        in_flight = sys.exc_info()[1]
        error = error or (type(in_flight).__name__ if in_flight is not None else "")
    level = logging.WARNING if outcome in ("FAILURE", "RETRY") else logging.INFO
    task_logger.log(
        level,
        "task %s %s %s %sms%s",
        name,
        task_id,
        outcome,
        duration_ms,
        f" {error}" if error else "",
        extra={
            "task_name": name,
            "task_id": task_id,
            "outcome": outcome,
            "duration_ms": duration_ms,
            "error": error,
        },
    )
    if token is not None:
        # ValueError: set in another context (an eager task inside a request); leave it.
        with contextlib.suppress(ValueError):
            request_id_var.reset(token)


def connect_celery_signals() -> None:
    from celery import signals

    signals.before_task_publish.connect(on_before_task_publish, weak=False)
    signals.task_prerun.connect(on_task_prerun, weak=False)
    signals.task_failure.connect(on_task_failure, weak=False)
    signals.task_postrun.connect(on_task_postrun, weak=False)
