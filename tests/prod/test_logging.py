from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest
from celery import shared_task
from django.urls import reverse

from desk.logging import JsonFormatter, RequestIdFilter, clean_request_id, request_id_var

from .conftest import REPO

pytestmark = pytest.mark.django_db


@shared_task(name="tests.prod.test_logging.add")
def add(a: int, b: int) -> int:
    return a + b


@shared_task(name="tests.prod.test_logging.explode", max_retries=0, autoretry_for=())
def explode() -> None:
    raise ValueError("boom")


def records(caplog, logger: str) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == logger]


def test_each_request_makes_one_line_with_its_id(client, caplog):
    caplog.set_level(logging.INFO, logger="desk.request")
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID="lb-1234.abc")
    assert response["X-Request-ID"] == "lb-1234.abc"
    [line] = records(caplog, "desk.request")
    assert line.request_id == "lb-1234.abc"
    assert (line.method, line.path, line.status) == ("GET", "/login/", 200)
    assert line.duration_ms >= 0
    assert line.user_id is None
    assert line.getMessage().startswith("GET /login/ 200 ")


def test_a_request_without_an_id_gets_a_fresh_one(client, caplog):
    caplog.set_level(logging.INFO, logger="desk.request")
    first = client.get(reverse("login"))["X-Request-ID"]
    second = client.get(reverse("login"))["X-Request-ID"]
    assert len(first) == 32
    assert first != second
    assert [r.request_id for r in records(caplog, "desk.request")] == [first, second]


def test_an_unsafe_incoming_id_is_replaced(client):
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID="x" * 500)
    assert response["X-Request-ID"] != "x" * 500
    assert clean_request_id("evil\nFAKE LOG LINE") != "evil\nFAKE LOG LINE"
    assert clean_request_id("abc-123") == "abc-123"


def test_the_line_names_the_user_the_view_loaded(login, requester, caplog):
    caplog.set_level(logging.INFO, logger="desk.request")
    login(requester).get(reverse("desk:catalog"))
    [line] = records(caplog, "desk.request")
    assert line.user_id == requester.pk
    assert line.status == 200


def test_logging_costs_no_query(client, django_assert_num_queries):
    # The user id is logged only when the view loaded the user anyway.
    with django_assert_num_queries(0):
        assert client.get(reverse("login")).status_code == 200


def test_errors_are_logged_with_their_status(client, caplog):
    caplog.set_level(logging.INFO, logger="desk.request")
    client.get("/no-such-page/")
    [line] = records(caplog, "desk.request")
    assert line.status == 404


def test_health_probes_are_not_logged(client, caplog):
    caplog.set_level(logging.INFO, logger="desk.request")
    client.get("/healthz")
    assert records(caplog, "desk.request") == []


def test_each_task_makes_one_line(caplog):
    caplog.set_level(logging.INFO, logger="desk.task")
    result = add.apply_async(args=(2, 3))
    assert result.get() == 5
    [line] = records(caplog, "desk.task")
    assert line.task_name == "tests.prod.test_logging.add"
    assert line.task_id == result.id
    assert line.outcome == "SUCCESS"
    assert line.duration_ms >= 0
    assert line.levelno == logging.INFO


def test_a_failing_task_is_logged_as_failed(caplog):
    caplog.set_level(logging.INFO, logger="desk.task")
    with pytest.raises(ValueError, match="boom"):
        explode.apply_async()
    [line] = records(caplog, "desk.task")
    assert line.outcome == "FAILURE"
    assert line.error == "ValueError"
    assert line.levelno == logging.WARNING


def test_a_task_run_inside_a_request_keeps_the_requests_id(caplog):
    caplog.set_level(logging.INFO, logger="desk.task")
    token = request_id_var.set("req-42")
    try:
        add.apply_async(args=(1, 1))
        assert request_id_var.get() == "req-42"
    finally:
        request_id_var.reset(token)
    [line] = records(caplog, "desk.task")
    assert line.request_id == "req-42"


def test_json_lines_carry_the_fields():
    record = logging.LogRecord("desk.request", logging.INFO, __file__, 1, "GET / 200", (), None)
    record.status = 200
    record.path = "/"
    token = request_id_var.set("abc")
    try:
        RequestIdFilter().filter(record)
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id_var.reset(token)
    assert line["message"] == "GET / 200"
    assert line["level"] == "INFO"
    assert line["logger"] == "desk.request"
    assert line["request_id"] == "abc"
    assert (line["status"], line["path"]) == (200, "/")
    assert line["time"].endswith("+00:00")


def test_json_lines_include_the_traceback():
    try:
        raise RuntimeError("bad")
    except RuntimeError:
        record = logging.LogRecord("desk", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    line = json.loads(JsonFormatter().format(record))
    assert "RuntimeError: bad" in line["exc_info"]


def test_log_format_json_switches_every_line_to_json():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('desk.request').info('hello', extra={'status': 200})"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))}
    env.update(DJANGO_SETTINGS_MODULE="desk.settings", DEBUG="1", LOG_FORMAT="json")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "hello"
    assert line["status"] == 200
    assert line["request_id"] == ""
