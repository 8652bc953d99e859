"""Which figures of which periods a change marks stale, and that recomputing only those keeps
every cell equal to a full recomputation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import Sum
from django.utils import timezone

from desk import services
from desk.models import Request, Status
from feedback import periods, reports, tasks
from feedback import services as feedback_services
from feedback.models import ReportCell, StaleCell, StaleCompanyPeriod
from tests.factories import file_request
from tests.feedback.helpers import resolve

pytestmark = pytest.mark.django_db


def marks() -> set[tuple]:
    """(kind, start, figures) of every stale row."""
    return set(StaleCell.objects.values_list("period_kind", "period_start", "figures"))


def now_periods(*figures: str, moment=None) -> set[tuple]:
    moment = moment or timezone.now()
    return {
        (kind, periods.period_of(kind, moment), family)
        for kind in ("week", "month")
        for family in figures
    }


@pytest.fixture
def old_resolved(requester, agent_a, service_a):
    """Filed, answered and resolved 40 days ago (moved back after the fact)."""
    request = resolve(file_request(requester, service_a), agent_a)
    back = timedelta(days=40)
    Request.objects.filter(pk=request.pk).update(
        created_at=request.created_at - back,
        first_response_at=request.first_response_at - back,
        resolved_at=request.resolved_at - back,
    )
    StaleCell.objects.all().delete()
    return Request.objects.get(pk=request.pk)


def test_a_closing_marks_only_the_closing_figures_of_its_period(old_resolved, requester):
    services.request_confirm(request=old_resolved, actor=requester)
    assert marks() == now_periods("finished")


def test_filing_marks_the_filed_and_backlog_figures(requester, service_a):
    file_request(requester, service_a)
    assert marks() == now_periods("filed", "backlog")


def test_resolving_marks_resolution_backlog_and_first_response(requester, agent_a, service_a):
    request = file_request(requester, service_a)
    services.request_take(request=request, actor=agent_a)
    StaleCell.objects.all().delete()
    Request.objects.filter(pk=request.pk).update(created_at=request.created_at - timedelta(60))
    request.refresh_from_db()
    services.request_change_status(request=request, actor=agent_a, status=Status.RESOLVED)
    assert marks() == now_periods("resolved", "backlog", "answered")


def test_cancelling_an_unresolved_request_moves_the_backlog_too(requester, service_a):
    request = file_request(requester, service_a)
    Request.objects.filter(pk=request.pk).update(created_at=request.created_at - timedelta(60))
    request.refresh_from_db()
    StaleCell.objects.all().delete()
    services.request_cancel(request=request, actor=requester)
    assert {family for *_period, family in marks()} >= {"finished", "backlog"}
    assert "filed" not in {family for *_period, family in marks()}


def test_a_rating_marks_its_period_and_the_closing_period(old_resolved, requester):
    closed_at = timezone.now() - timedelta(days=35)
    Request.objects.filter(pk=old_resolved.pk).update(status=Status.CLOSED, closed_at=closed_at)
    request = Request.objects.get(pk=old_resolved.pk)
    feedback_services.feedback_submit(request=request, requester=requester, rating=4)
    assert marks() == now_periods("rated") | now_periods("finished", moment=closed_at)


def test_editing_a_rating_marks_only_the_rating_figures(old_resolved, requester):
    closed_at = timezone.now() - timedelta(days=35)
    Request.objects.filter(pk=old_resolved.pk).update(status=Status.CLOSED, closed_at=closed_at)
    request = Request.objects.get(pk=old_resolved.pk)
    feedback, _created = feedback_services.feedback_submit(
        request=request, requester=requester, rating=4
    )
    StaleCell.objects.all().delete()
    feedback_services.feedback_edit(feedback=feedback, editor=requester, rating=2)
    # The response rate counts ratings, not scores: the closing period's figures stay.
    assert marks() == now_periods("rated")


def test_only_what_was_marked_is_recomputed_and_the_cells_match_a_full_recompute(
    old_resolved, requester, agent_a, service_a, service_a2
):
    today = periods.today()
    first = today - timedelta(days=70)
    reports.recompute_range(first, today)
    # A day of work: a filing, a first reply, a resolution, a closing, a rating, a cancel.
    other = file_request(requester, service_a2)
    services.comment_add(request=other, author=agent_a, body="Looking.")
    third = resolve(file_request(requester, service_a), agent_a)
    services.request_confirm(request=old_resolved, actor=requester)
    feedback_services.feedback_submit(
        request=Request.objects.get(pk=old_resolved.pk), requester=requester, rating=2, speed=1
    )
    feedback_services.feedback_submit(request=third, requester=requester, rating=5)
    services.request_cancel(request=other, actor=requester)
    while reports.recompute_stale().claimed:
        pass
    assert StaleCompanyPeriod.objects.exists()
    assert tasks.sweep_stale_cells() is True
    assert not StaleCompanyPeriod.objects.exists()
    fields = [*reports.KEY_FIELDS, *reports.COUNT_FIELDS, *reports.HOUR_FIELDS]
    kept = sorted(ReportCell.objects.values_list(*fields))
    ReportCell.objects.all().delete()
    reports.recompute_range(first, today)
    assert kept == sorted(ReportCell.objects.values_list(*fields))
    month = ReportCell.objects.get(
        period_kind="month",
        period_start=periods.start_of("month", today),
        department=service_a.department,
        service_key=0,
        client_type="",
    )
    assert (month.closed, month.cancelled, month.rated, month.filed) == (1, 1, 2, 2)


def test_cells_a_family_no_longer_counts_are_cleared(old_resolved, requester, dept_a):
    services.request_confirm(request=old_resolved, actor=requester)
    moment = Request.objects.get(pk=old_resolved.pk).closed_at
    starts = [(kind, periods.period_of(kind, moment)) for kind in ("week", "month")]
    reports.recompute_periods(starts, [dept_a.pk])
    assert ReportCell.objects.filter(department=dept_a, closed=1).exists()
    Request.objects.filter(pk=old_resolved.pk).update(closed_at=moment - timedelta(days=90))
    reports.recompute_periods(starts, [dept_a.pk], company=False, families=["finished"])
    cells = ReportCell.objects.filter(department=dept_a, period_start__in=[s for _k, s in starts])
    # Zeros where only that family was recomputed (PostgreSQL); SQLite recomputes every figure
    # and drops the cells nothing counts for any more.
    assert (cells.aggregate(closed=Sum("closed"))["closed"] or 0) == 0
