"""The stale-cell outbox, the tasks that empty it, the nightly and monthly jobs, and the command."""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from desk import services
from desk.celery import app
from desk.models import Request, Status
from feedback import periods, receivers, reports, tasks
from feedback import services as feedback_services
from feedback.models import (
    ALL_CLIENTS,
    ALL_SERVICES,
    ReportCell,
    ReportSubscription,
    StaleCell,
    StaleCompanyPeriod,
)
from feedback.reports import outbox
from tests.factories import file_request
from tests.feedback import reportdata

pytestmark = pytest.mark.django_db


def stale_keys() -> set[tuple]:
    return set(
        StaleCell.objects.values_list("period_kind", "period_start", "service_key", "client_type")
    )


def current(kind: str) -> date:
    return periods.period_of(kind, timezone.now())


def expected_now(service, client_type: str) -> set[tuple]:
    """The eight cells a change happening now marks: week and month, service and all, client
    type and all."""
    return {
        (kind, current(kind), service_key, client)
        for kind in ("week", "month")
        for service_key in (service.pk, ALL_SERVICES)
        for client in (client_type, ALL_CLIENTS)
    }


def cell_rows():
    return sorted(
        ReportCell.objects.values_list(*reports.KEY_FIELDS, *reports.COUNT_FIELDS, "service")
    )


# --- marking ----------------------------------------------------------------------------------------


def test_filing_marks_the_current_cells(requester, service_a):
    file_request(requester, service_a)
    assert stale_keys() == expected_now(service_a, "operational")


def test_each_workflow_step_marks_its_cells(requester, agent_a, service_a, desk_request):
    steps = [
        lambda r: services.request_take(request=r, actor=agent_a),
        lambda r: services.request_change_status(request=r, actor=agent_a, status=Status.RESOLVED),
        lambda r: services.request_reopen(request=r, actor=requester, reason="Still broken"),
        lambda r: services.request_change_status(request=r, actor=agent_a, status=Status.RESOLVED),
        lambda r: services.request_confirm(request=r, actor=requester),
    ]
    for step in steps:
        StaleCell.objects.all().delete()
        step(Request.objects.get(pk=desk_request.pk))
        assert stale_keys() == expected_now(service_a, "operational")


def test_cancelling_marks_its_cells(requester, service_a, desk_request):
    StaleCell.objects.all().delete()
    services.request_cancel(request=desk_request, actor=requester)
    assert stale_keys() == expected_now(service_a, "operational")


def test_a_staff_reply_marks_the_first_response(requester, agent_a, service_a, desk_request):
    StaleCell.objects.all().delete()
    services.comment_add(request=desk_request, author=requester, body="Any news?")
    assert stale_keys() == set()  # the requester's own comment changes no figure
    services.comment_add(request=desk_request, author=agent_a, body="On it.", internal=True)
    assert stale_keys() == set()  # nor does an internal note
    services.comment_add(request=desk_request, author=agent_a, body="On it.")
    assert stale_keys() == expected_now(service_a, "operational")
    StaleCell.objects.all().delete()
    services.comment_add(request=desk_request, author=agent_a, body="Still on it.")
    assert stale_keys() == set()  # only the first response counts


def test_changes_that_move_no_figure_mark_nothing(agent_a, desk_request):
    StaleCell.objects.all().delete()
    services.request_change_priority(request=desk_request, actor=agent_a, priority=4)
    services.request_assign(request=desk_request, actor=agent_a, assignee=agent_a)
    assert stale_keys() == set()


def test_moving_a_request_marks_every_period_it_was_open(head_a, service_a, service_a2, requester):
    request = file_request(requester, service_a)
    filed = timezone.now() - timedelta(days=70)
    Request.objects.filter(pk=request.pk).update(created_at=filed)
    request.refresh_from_db()
    StaleCell.objects.all().delete()
    services.request_change_service(request=request, actor=head_a, service=service_a2)
    months = {start for kind, start, *_ in stale_keys() if kind == "month"}
    assert months == set(periods.starts_between("month", filed.date(), timezone.now().date()))
    assert {key for _k, _s, key, _c in stale_keys()} == {service_a2.pk, ALL_SERVICES}


def test_the_old_service_cells_are_recomputed_after_a_move(
    head_a, service_a, service_a2, requester
):
    request = file_request(requester, service_a)
    reports.recompute_period("month", current("month"))
    assert ReportCell.objects.filter(service_key=service_a.pk).exists()
    services.request_change_service(request=request, actor=head_a, service=service_a2)
    tasks.recompute_stale_cells()
    assert not ReportCell.objects.filter(service_key=service_a.pk).exists()
    assert (
        ReportCell.objects.get(
            service_key=service_a2.pk,
            client_type="",
            period_kind="month",
            period_start=current("month"),
        ).filed
        == 1
    )


def test_rating_and_editing_mark_the_cells(requester, agent_a, service_a, desk_request):
    services.request_change_status(request=desk_request, actor=agent_a, status=Status.RESOLVED)
    StaleCell.objects.all().delete()
    feedback, created = feedback_services.feedback_submit(
        request=desk_request, requester=requester, rating=5
    )
    assert created
    assert stale_keys() == expected_now(service_a, "operational")
    StaleCell.objects.all().delete()
    feedback_services.feedback_edit(feedback=feedback, editor=requester, rating=2)
    assert stale_keys() == expected_now(service_a, "operational")


def test_marks_roll_back_with_the_change(requester, service_a):
    StaleCell.objects.all().delete()

    def file_then_fail():
        with transaction.atomic():
            file_request(requester, service_a)
            raise RuntimeError("the change fails after the event")

    with pytest.raises(RuntimeError):
        file_then_fail()
    assert not StaleCell.objects.exists()


def test_marking_again_moves_the_mark_forward(requester, service_a):
    file_request(requester, service_a)
    before = dict(StaleCell.objects.values_list("pk", "marked_at"))
    file_request(requester, service_a)
    after = dict(StaleCell.objects.values_list("pk", "marked_at"))
    assert after.keys() == before.keys()
    assert all(after[pk] > before[pk] for pk in before)


# --- recomputing the outbox ---------------------------------------------------------------------------


@pytest.fixture
def data(service_a, service_a2, service_b, requester, business_requester):
    built = reportdata.build(service_a, service_a2, service_b, requester, business_requester)
    StaleCell.objects.all().delete()  # what filing the story's requests marked
    return built


def test_recompute_stale_cells_empties_the_outbox_and_matches_a_full_recompute(data, agent_a):
    reports.mark_stale_between(
        department_id=data["R1"].department_id,
        service_ids=[data["R1"].service_id],
        client_type="operational",
        first=reportdata.at(2, 1),
        last=reportdata.at(4, 30),
    )
    reports.mark_stale_between(
        department_id=data["R9"].department_id,
        service_ids=[data["R9"].service_id],
        client_type="business",
        first=reportdata.at(2, 1),
        last=reportdata.at(4, 30),
    )
    written = tasks.recompute_stale_cells()
    assert written > 0
    assert not StaleCell.objects.filter(period_start__lt=date(2026, 5, 1)).exists()
    # The company's cells follow with the periodic sweep.
    assert not ReportCell.objects.filter(department_key=0).exists()
    assert tasks.sweep_stale_cells() is True
    assert not StaleCompanyPeriod.objects.exists()
    from_outbox = cell_rows()
    ReportCell.objects.all().delete()
    reports.recompute_range(date(2026, 2, 1), date(2026, 4, 30))
    # The weeks that straddle the range's ends are recomputed by both, so compare those inside.
    assert [r for r in cell_rows() if r[1] >= date(2026, 2, 2) and r[1] < date(2026, 4, 27)] == [
        r for r in from_outbox if r[1] >= date(2026, 2, 2) and r[1] < date(2026, 4, 27)
    ]


def test_a_task_delivered_twice_gives_the_same_cells(data):
    reports.mark_stale(
        department_id=data["R1"].department_id,
        service_ids=[data["R1"].service_id],
        client_type="operational",
        moments=[reportdata.at(3, 10)],
    )
    tasks.recompute_stale_cells()
    first = cell_rows()
    reports.mark_stale(
        department_id=data["R1"].department_id,
        service_ids=[data["R1"].service_id],
        client_type="operational",
        moments=[reportdata.at(3, 10)],
    )
    tasks.recompute_stale_cells()
    tasks.recompute_stale_cells()  # and once more with nothing to do
    assert cell_rows() == first


def test_a_mark_made_during_a_recomputation_is_kept(data, monkeypatch):
    """A change committed while cells are being recomputed must not be forgotten."""
    reports.mark_stale(
        department_id=data["R1"].department_id,
        service_ids=[],
        client_type="operational",
        moments=[reportdata.at(3, 10)],
    )
    real_recompute = reports.recompute

    def recompute_while_someone_marks(scopes):
        written = real_recompute(scopes)
        # What a user's transaction does meanwhile (on SQLite there are no row locks to wait on).
        reports.mark_stale(
            department_id=data["R1"].department_id,
            service_ids=[],
            client_type="operational",
            moments=[reportdata.at(3, 10)],
        )
        return written

    monkeypatch.setattr(outbox, "recompute", recompute_while_someone_marks)
    assert reports.recompute_stale().claimed == 4
    assert StaleCell.objects.count() == 4  # marked again: still waiting
    monkeypatch.setattr(outbox, "recompute", real_recompute)
    reports.recompute_stale()
    assert not StaleCell.objects.exists()


def test_recompute_works_in_batches(data):
    reports.mark_stale_between(
        department_id=data["R1"].department_id,
        service_ids=[data["R1"].service_id],
        client_type="operational",
        first=reportdata.at(3, 1),
        last=reportdata.at(3, 31),
    )
    total = StaleCell.objects.count()
    assert tasks.recompute_stale_cells(batch_size=5, max_batches=2) > 0
    assert StaleCell.objects.count() == total - 10
    tasks.recompute_stale_cells(batch_size=5)
    assert not StaleCell.objects.exists()


def test_sweep_enqueues_only_when_cells_are_stale(data):
    StaleCell.objects.all().delete()
    assert tasks.sweep_stale_cells() is False
    reports.mark_stale(
        department_id=data["R1"].department_id,
        service_ids=[],
        client_type="operational",
        moments=[reportdata.at(3, 10)],
    )
    # Tests run tasks in-process: the sweep's enqueued recomputation runs at once.
    assert tasks.sweep_stale_cells() is True
    assert not StaleCell.objects.exists()
    assert ReportCell.objects.filter(period_start=date(2026, 3, 1), filed=5).exists()


def test_a_rating_reaches_the_report_after_commit(
    requester, agent_a, service_a, desk_request, django_capture_on_commit_callbacks
):
    services.request_change_status(request=desk_request, actor=agent_a, status=Status.RESOLVED)
    with django_capture_on_commit_callbacks(execute=True):
        feedback_services.feedback_submit(request=desk_request, requester=requester, rating=4)
    cell = ReportCell.objects.get(
        period_kind="month",
        period_start=current("month"),
        department=desk_request.department,
        service_key=ALL_SERVICES,
        client_type=ALL_CLIENTS,
    )
    assert (cell.rated, cell.satisfied, cell.resolved) == (1, 1, 1)
    assert not StaleCell.objects.exists()


# --- a broker that is down ------------------------------------------------------------------------


@pytest.fixture
def broker_down():
    """Publish for real, to a port where nothing listens."""
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}

    def reset_pools():
        # Forget the pools made for the other URL; the next publish builds new ones.
        app._pool = None
        app.amqp._producer_pool = None

    app.conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:6390/0")
    reset_pools()
    yield
    app.conf.update(saved)
    reset_pools()


def test_a_users_action_succeeds_fast_while_the_broker_is_down(
    broker_down, requester, agent_a, desk_request, django_capture_on_commit_callbacks, caplog
):
    StaleCell.objects.all().delete()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_change_status(request=desk_request, actor=agent_a, status=Status.RESOLVED)
    assert time.monotonic() - started < 2
    desk_request.refresh_from_db()
    assert desk_request.status == Status.RESOLVED
    # The work is recorded: the sweep picks it up once the broker is back.
    assert stale_keys() == expected_now(desk_request.service, "operational")
    assert "could not enqueue feedback.tasks.recompute_stale_cells" in caplog.text


def test_enqueue_reports_a_broker_error_instead_of_raising(broker_down):
    assert receivers.enqueue_recompute() is False


# --- PostgreSQL: workers share the outbox -----------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_rows_another_worker_holds_are_skipped(service_a, requester):
    request = file_request(requester, service_a)  # committed; its own task has run already
    reports.mark_stale(
        department_id=request.department_id,
        service_ids=[service_a.pk],
        client_type="operational",
        moments=[timezone.now()],
    )
    held = list(StaleCell.objects.values_list("pk", flat=True))[:1]
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        with transaction.atomic():
            list(StaleCell.objects.select_for_update().filter(pk__in=held))
            locked.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(10)
        batch = reports.recompute_stale()
        assert batch.claimed == 7  # eight rows, one held by the other worker
        assert list(StaleCell.objects.values_list("pk", flat=True)) == held
    finally:
        release.set()
        thread.join()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_change_during_a_recomputation_waits_and_stays_marked(service_a, requester, monkeypatch):
    """The worker holds the rows it claimed; a user marking one of them waits for the worker to
    commit and then marks it anew, so the change is recomputed by the next run, not lost."""
    request = file_request(requester, service_a)

    def mark() -> None:
        reports.mark_stale(
            department_id=request.department_id,
            service_ids=[],
            client_type="operational",
            moments=[timezone.now()],
        )

    mark()
    claimed, go, marked = threading.Event(), threading.Event(), threading.Event()
    real_recompute = reports.recompute

    def slow_recompute(scopes):
        claimed.set()
        go.wait(10)
        return real_recompute(scopes)

    monkeypatch.setattr(outbox, "recompute", slow_recompute)

    def worker():
        reports.recompute_stale()
        connection.close()

    def user():
        with transaction.atomic():
            mark()
        marked.set()
        connection.close()

    threads = [threading.Thread(target=worker), threading.Thread(target=user)]
    threads[0].start()
    assert claimed.wait(10)
    threads[1].start()
    time.sleep(0.5)
    assert not marked.is_set()  # waiting for the worker's row locks
    go.set()
    for thread in threads:
        thread.join(10)
    assert marked.is_set()
    assert StaleCell.objects.count() == 4


# --- nightly and monthly ------------------------------------------------------------------------------


def test_recompute_recent_covers_13_months_of_every_department(data, dept_a, dept_b):
    with time_machine.travel(reportdata.at(4, 20), tick=False):
        assert reports.recent_range() == (date(2025, 4, 1), date(2026, 4, 20))
        assert tasks.recompute_recent() == 3  # one task per department, one for the company
    march = ReportCell.objects.filter(
        period_kind="month", period_start=date(2026, 3, 1), service_key=0, client_type=""
    )
    assert {cell.department_key: cell.filed for cell in march} == {
        dept_a.pk: 5,
        dept_b.pk: 1,
        0: 6,
    }
    assert ReportCell.objects.filter(period_kind="week", period_start=date(2026, 4, 20)).exists()


def test_recompute_department_task_is_idempotent(data, dept_a):
    tasks.recompute_department(dept_a.pk, "2026-03-01", "2026-03-31")
    first = cell_rows()
    tasks.recompute_department(dept_a.pk, "2026-03-01", "2026-03-31")
    assert cell_rows() == first
    assert {row[2] for row in first} == {dept_a.pk}


def test_tasks_retry_transient_errors_with_bounded_backoff():
    for task in (
        tasks.recompute_stale_cells,
        tasks.sweep_stale_cells,
        tasks.recompute_stale_company_cells,
        tasks.recompute_recent,
        tasks.recompute_department,
        tasks.recompute_company,
        tasks.send_monthly_reports,
    ):
        assert task.acks_late is True
        assert OperationalError in task.autoretry_for
        assert task.retry_backoff
        assert task.retry_backoff_max <= 600
        assert task.max_retries == 5
        assert task.time_limit
        assert task.soft_time_limit < task.time_limit


@pytest.fixture
def subscribed_head(head_a, dept_a):
    ReportSubscription.objects.create(employee=head_a, department=dept_a)
    return head_a


def test_monthly_email_goes_out_on_the_first_working_day(data, subscribed_head, dept_a):
    reports.recompute_range(date(2026, 2, 1), date(2026, 3, 31))
    # 1 April 2026 is a Wednesday: the department works.
    assert tasks.send_monthly_reports("2026-03-31") == 0
    assert tasks.send_monthly_reports("2026-04-01") == 1
    message = mail.outbox[0]
    assert message.to == [subscribed_head.email]
    assert message.subject == "IT: report for 2026-03"
    assert "Filed: 5  (2026-02: 2)" in message.body
    assert "http://testserver/reports/it/?kind=month&period=2026-03" in message.body


def test_monthly_email_is_sent_once_a_month(data, subscribed_head):
    assert tasks.send_monthly_reports("2026-04-01") == 1
    assert tasks.send_monthly_reports("2026-04-01") == 0
    assert tasks.send_monthly_reports("2026-04-02") == 0
    assert len(mail.outbox) == 1
    assert tasks.send_monthly_reports("2026-05-04") == 1


def test_monthly_email_waits_for_a_working_day(data, subscribed_head, dept_a):
    # 1 November 2026 is a Sunday; with All Saints' Day off on Monday... the 2nd is a holiday too.
    dept_a.holidays.create(date=date(2026, 11, 2), name="All Souls")
    assert tasks.send_monthly_reports("2026-11-01") == 0
    assert tasks.send_monthly_reports("2026-11-02") == 0
    assert tasks.send_monthly_reports("2026-11-03") == 1


def test_monthly_email_only_to_people_still_allowed(data, subscribed_head, dept_a):
    subscribed_head.memberships.update(role="agent")
    assert tasks.send_monthly_reports("2026-04-01") == 0
    ReportSubscription.objects.update(monthly_email=False)
    assert tasks.send_monthly_reports("2026-04-01") == 0
    assert mail.outbox == []


# --- the management command ---------------------------------------------------------------------


def test_command_recomputes_a_range(data):
    out = StringIO()
    call_command("recompute_reports", "--from", "2026-03-01", "--to", "2026-03-31", stdout=out)
    assert "weeks and 1 months from 2026-03-01 to 2026-03-31" in out.getvalue()
    assert (
        ReportCell.objects.get(
            period_kind="month",
            period_start=date(2026, 3, 1),
            department__code="IT",
            service_key=ALL_SERVICES,
            client_type=ALL_CLIENTS,
        ).filed
        == 5
    )


def test_command_limits_to_a_department(data, dept_a, dept_b):
    out = StringIO()
    call_command(
        "recompute_reports",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--department",
        "HR",
        stdout=out,
    )
    assert set(ReportCell.objects.values_list("department", flat=True)) == {dept_b.pk}
    written = int(out.getvalue().split()[0])
    assert written == ReportCell.objects.count()


def test_command_refuses_bad_input(data):
    with pytest.raises(CommandError, match="not a date"):
        call_command("recompute_reports", "--from", "March")
    with pytest.raises(CommandError, match="must not be before"):
        call_command("recompute_reports", "--from", "2026-03-02", "--to", "2026-03-01")
    with pytest.raises(CommandError, match="No department"):
        call_command("recompute_reports", "--department", "XX")
