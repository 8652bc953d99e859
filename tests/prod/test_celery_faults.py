"""Celery that loses nothing: real workers, a broker that is down, a worker killed mid-task.

The worker is the command from docker-compose.yml (tests/prod/conftest.py), on the pytest test
database and the tests' own Redis database.
"""

from __future__ import annotations

import os
import signal
import socket
import time
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import connection
from kombu.exceptions import OperationalError as BrokerOperationalError

from desk import services, tasking, tasks_testing
from desk.celery import DeskTask, app
from desk.models import Request, Status
from feedback import reports, tasks
from feedback.models import ReportCell, StaleCell, StaleCompanyPeriod
from feedback.services import feedback_submit
from tests.factories import file_request

from .conftest import free_port, use_broker, wait_until

PUBLISH_LIMIT_SECONDS = 2.0


# --- configuration that the guarantees rest on ---------------------------------------------------


def desk_tasks() -> list:
    return [task for name, task in app.tasks.items() if not name.startswith("celery.")]


def test_every_task_is_acknowledged_late_and_requeued_when_its_worker_dies():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1
    for task in desk_tasks():
        assert task.acks_late is not False, task.name


def test_no_retry_wait_or_time_limit_reaches_the_visibility_timeout():
    # A task still unacknowledged after the visibility timeout is delivered a second time.
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert visibility == settings.CELERY_BROKER_VISIBILITY_TIMEOUT
    assert app.conf.task_time_limit < visibility
    for task in desk_tasks():
        assert isinstance(task, DeskTask), task.name
        assert task.max_retries is not None, f"{task.name} would retry for ever"
        assert task.retry_backoff_max < visibility, task.name
        assert (task.time_limit or app.conf.task_time_limit) < visibility, task.name


def test_tasks_retry_on_database_and_broker_errors():
    from django.db import OperationalError

    assert OperationalError in DeskTask.autoretry_for
    assert BrokerOperationalError in DeskTask.autoretry_for
    assert DeskTask.retry_backoff
    assert 0 < DeskTask.max_retries <= 10


def test_publishing_never_retries_in_a_loop_but_workers_reconnect_for_ever():
    assert app.conf.task_publish_retry is False
    assert app.conf.broker_connection_retry_on_startup is True
    assert app.conf.broker_connection_max_retries is None
    assert app.conf.broker_connection_timeout <= 1


# --- a broker that is down -----------------------------------------------------------------------


@pytest.fixture
def unreachable_broker(settings) -> Iterator[str]:
    """This process publishes (not eagerly) to a port where nothing listens."""
    url = f"redis://127.0.0.1:{free_port()}/0"
    old_url, old_eager = app.conf.broker_url, app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    use_broker(app, url)
    yield url
    app.conf.task_always_eager = old_eager
    use_broker(app, old_url)


@pytest.fixture
def hung_broker(settings) -> Iterator[str]:
    """A broker that accepts connections and never answers (a frozen Redis)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    url = f"redis://127.0.0.1:{server.getsockname()[1]}/3"
    old_url, old_eager = app.conf.broker_url, app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    use_broker(app, url)
    yield url
    app.conf.task_always_eager = old_eager
    use_broker(app, old_url)
    server.close()


def test_a_publish_to_a_closed_port_fails_within_two_seconds(unreachable_broker):
    started = time.monotonic()
    with pytest.raises(BrokerOperationalError):
        tasks_testing.slow_mark.apply_async(args=("x", 0))
    assert time.monotonic() - started < PUBLISH_LIMIT_SECONDS


def test_a_publish_to_a_frozen_broker_fails_within_two_seconds(hung_broker):
    started = time.monotonic()
    with pytest.raises(BrokerOperationalError):
        tasks_testing.slow_mark.apply_async(args=("x", 0))
    assert time.monotonic() - started < PUBLISH_LIMIT_SECONDS


def test_enqueue_turns_a_broker_error_into_a_warning(unreachable_broker, caplog):
    started = time.monotonic()
    assert tasking.enqueue(tasks_testing.slow_mark, "x", 0) is False
    assert time.monotonic() - started < PUBLISH_LIMIT_SECONDS
    [warning] = [r for r in caplog.records if r.name == "desk.tasking"]
    assert "desk.tasks_testing.slow_mark" in warning.getMessage()


def test_enqueue_runs_eager_tasks_and_lets_their_errors_surface(settings):
    # Without a broker (tests, the demo) there is nothing to hide: a task's bug must show.
    assert app.conf.task_always_eager
    with pytest.raises(ZeroDivisionError):
        tasking.enqueue(_divide, 1, 0)


@app.task(name="tests.prod.test_celery_faults.divide")
def _divide(a: int, b: int) -> float:
    return a / b


# --- with a real worker ----------------------------------------------------------------------------


def month_cell(department_id: int) -> ReportCell | None:
    return ReportCell.objects.filter(
        department_id=department_id,
        period_kind="month",
        service__isnull=True,
        client_type="",
    ).first()


def cell_figures() -> list[tuple]:
    fields = [*reports.KEY_FIELDS, *reports.COUNT_FIELDS, *reports.HOUR_FIELDS]
    return sorted(ReportCell.objects.values_list(*fields))


@pytest.mark.redis
@pytest.mark.postgres
def test_a_resolved_request_gets_its_report_cells_from_the_worker(
    celery_worker_process, requester, agent_a, service_a
):
    desk_request = file_request(requester, service_a, title="Screen flickers")
    services.request_take(request=desk_request, actor=agent_a)
    services.request_change_status(request=desk_request, actor=agent_a, status=Status.RESOLVED)

    def resolved_counted() -> bool:
        cell = month_cell(desk_request.department_id)
        return cell is not None and cell.resolved == 1 and not StaleCell.objects.exists()

    assert wait_until(resolved_counted, timeout=20), celery_worker_process.log()[-3000:]
    assert "feedback.tasks.recompute_stale_cells" in celery_worker_process.log()
    assert "SUCCESS" in celery_worker_process.log()


@pytest.mark.redis
@pytest.mark.postgres
def test_closing_and_rating_while_redis_is_down_loses_nothing(
    celery_worker_process, live_broker, requester, agent_a, service_a, service_a2
):
    redis_url = live_broker
    closed_url = f"redis://127.0.0.1:{free_port()}/0"
    use_broker(app, closed_url)
    slowest = 0.0
    try:
        for n in range(50):
            desk_request = file_request(
                requester, service_a if n % 2 else service_a2, title=f"Request {n}"
            )
            services.request_take(request=desk_request, actor=agent_a)
            services.request_change_status(
                request=desk_request, actor=agent_a, status=Status.RESOLVED
            )
            # The two actions of the test: closing (the requester confirms) and rating.
            started = time.monotonic()
            services.request_confirm(request=desk_request, actor=requester)
            feedback_submit(request=desk_request, requester=requester, rating=1 + n % 5)
            slowest = max(slowest, time.monotonic() - started)
    finally:
        use_broker(app, redis_url)
    assert slowest < PUBLISH_LIMIT_SECONDS
    assert Request.objects.filter(status=Status.CLOSED).count() == 50
    # Nothing reached a worker: the work waits in the outbox.
    assert StaleCell.objects.exists()

    # Redis is back: the periodic sweep (what beat runs every minute) hands it to the worker.
    assert tasks.sweep_stale_cells() is True
    assert wait_until(lambda: not StaleCell.objects.exists(), timeout=30), (
        celery_worker_process.log()[-3000:]
    )
    cell = month_cell(service_a.department_id)
    assert (cell.closed, cell.rated, cell.closed_rated) == (50, 50, 50)
    # The company-wide cells follow with the next sweep.
    assert tasks.sweep_stale_cells() is True
    assert wait_until(lambda: not StaleCompanyPeriod.objects.exists(), timeout=30), (
        celery_worker_process.log()[-3000:]
    )
    swept = cell_figures()

    # The cells equal a full recomputation from the source.
    first, last = reports.recent_range()
    reports.recompute_range(first, last)
    assert cell_figures() == swept


@pytest.fixture
def slow_task_tables(transactional_db) -> Iterator[None]:
    tasks_testing.ensure_tables()
    yield
    tasks_testing.drop_tables()


def task_rows(table: str, key: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pid FROM {table} WHERE key = %s", [key])
        return [pid for (pid,) in cursor.fetchall()]


@pytest.mark.redis
@pytest.mark.postgres
def test_a_task_whose_pool_process_is_killed_runs_again(celery_worker_process, slow_task_tables):
    tasks_testing.slow_mark.delay("child-killed", 3)
    assert wait_until(lambda: task_rows(tasks_testing.STARTS_TABLE, "child-killed"), timeout=20)
    [first_pid] = task_rows(tasks_testing.STARTS_TABLE, "child-killed")
    os.kill(first_pid, signal.SIGKILL)  # the process running the task, as the OOM killer would

    assert wait_until(lambda: task_rows(tasks_testing.DONE_TABLE, "child-killed"), timeout=30), (
        celery_worker_process.log()[-3000:]
    )
    starts = task_rows(tasks_testing.STARTS_TABLE, "child-killed")
    assert len(starts) == 2
    assert first_pid in starts
    [done_pid] = task_rows(tasks_testing.DONE_TABLE, "child-killed")
    assert done_pid != first_pid


@pytest.mark.redis
@pytest.mark.postgres
def test_a_task_whose_worker_is_killed_completes_on_a_restarted_worker(
    start_worker, live_broker, slow_task_tables
):
    # Short visibility timeout and frequent scans so that the test needs seconds, not an hour.
    fast_restore = {"CELERY_BROKER_VISIBILITY_TIMEOUT": "4", "CELERY_BROKER_RESTORE_INTERVAL": "1"}
    first = start_worker(**fast_restore)
    tasks_testing.slow_mark.delay("worker-killed", 2)
    assert wait_until(lambda: task_rows(tasks_testing.STARTS_TABLE, "worker-killed"), timeout=20)
    first.kill(signal.SIGKILL)  # the worker and its pool, mid-task, without any goodbye
    first.popen.wait(timeout=10)
    assert task_rows(tasks_testing.DONE_TABLE, "worker-killed") == []

    second = start_worker(**fast_restore)
    assert wait_until(lambda: task_rows(tasks_testing.DONE_TABLE, "worker-killed"), timeout=40), (
        second.log()[-3000:]
    )
    # It ran twice (once killed), and its result is there once.
    assert len(task_rows(tasks_testing.STARTS_TABLE, "worker-killed")) == 2
    assert len(task_rows(tasks_testing.DONE_TABLE, "worker-killed")) == 1
