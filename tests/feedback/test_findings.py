"""Where to improve: the findings the report job stores for a department and period.

The story: IT (department A) in February and March 2026. Service A met its target and pleased
everyone in February and did neither in March; operational clients rated March low; approvals
were the slowest wait; the low ratings' comments talk about the printer.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from time_machine import travel

from departments.models import ApproverKind
from desk.models import Approval, Decision, Event, EventKind, Request, Status
from feedback import periods, reports
from feedback.models import Finding, FindingKind, Step
from feedback.periods import PeriodKind
from feedback.report_pages.department import findings_of
from feedback.report_pages.period import choose_period
from feedback.reports import findings
from feedback.tasks import recompute_findings_task
from tests.feedback import reportdata
from tests.feedback.reportdata import HOUR, at, make_request, rate, resolved

pytestmark = pytest.mark.django_db

MARCH, FEBRUARY = date(2026, 3, 1), date(2026, 2, 1)


@pytest.fixture(autouse=True)
def _in_april_2026(time_machine):
    """The story's months are among the periods a report offers whenever the tests run (findings
    are kept for those only)."""
    time_machine.move_to(datetime(2026, 4, 15, 12, 0, tzinfo=reportdata.WARSAW), tick=True)


FIELDS = [
    "department_id",
    "period_kind",
    "period_start",
    "rank",
    "kind",
    "service_id",
    "subject",
    "current",
    "previous",
    "delta",
    "count",
    "words",
]


def _request(requester, service, day, *, met, rating=None, comment="", month=3, answer_hours=1):
    request = make_request(
        requester,
        service,
        at(month, day),
        first_response_at=at(month, day) + timedelta(hours=answer_hours),
        first_response_business_seconds=answer_hours * HOUR,
        **resolved(at(month, day + 1), 24, 8, met),
    )
    if rating is not None:
        feedback = rate(request, rating, at(month, day + 1, 12))
        if comment:
            feedback.comment = comment
            feedback.save(update_fields=["comment"])
    return request


def _approval(request, started, hours):
    return Approval.objects.create(
        request=request,
        position=1,
        approver_kind=ApproverKind.DEPARTMENT_HEAD,
        approver_department=request.department,
        started_at=started,
        decision=Decision.APPROVED,
        decided_at=started + timedelta(hours=hours),
    )


def _waiting(request, entered, hours):
    for old, new, when in (
        (Status.IN_PROGRESS, Status.WAITING, entered),
        (Status.WAITING, Status.IN_PROGRESS, entered + timedelta(hours=hours)),
    ):
        event = Event.objects.create(
            request=request, kind=EventKind.STATUS, old_value=old, new_value=new
        )
        Event.objects.filter(pk=event.pk).update(created_at=when)


@pytest.fixture
def story(service_a, service_a2, requester, business_requester):
    # February: service A met every target, and everybody was satisfied.
    for day in (2, 4, 6):
        _request(business_requester, service_a, day, met=True, rating=5, month=2)
    # March: one target of four met, the operational requester (3 ratings) unhappy.
    complaints = [
        "The printer is still broken",
        "Printer broken again, nobody came",
        "Waited days for the printer",
    ]
    march = [
        _request(requester, service_a, 2 + 2 * i, met=(i == 0), rating=r, comment=c)
        for i, (r, c) in enumerate(zip([1, 2, 1], complaints, strict=True))
    ]
    march.append(_request(business_requester, service_a, 10, met=False, rating=5))
    for request in march[:3]:
        _approval(request, at(3, 12), 30)
        _waiting(request, at(3, 14), 5)
    return march


def stored() -> list[tuple]:
    return list(Finding.objects.order_by(*FIELDS[:4]).values_list(*FIELDS))


def march_findings(dept) -> dict[str, Finding]:
    return {
        f.kind: f
        for f in Finding.objects.filter(
            department=dept, period_kind=PeriodKind.MONTH, period_start=MARCH
        )
    }


def test_each_kind_of_finding_from_the_story(story, dept_a, service_a):
    reports.recompute_range(FEBRUARY, date(2026, 3, 31), [dept_a.pk])
    found = march_findings(dept_a)
    assert [f.kind for f in sorted(found.values(), key=lambda f: f.rank)] == [
        FindingKind.COMPLIANCE_DROP,  # 100 % -> 25 %: 75 points
        FindingKind.SATISFACTION_DROP,  # 100 % -> 25 %: 75 points
        FindingKind.CLIENT_TYPE,  # operational 0 % against 25 %
        FindingKind.SLOWEST_STEP,
        FindingKind.COMMENT_WORDS,
    ]
    compliance = found[FindingKind.COMPLIANCE_DROP]
    assert (compliance.service_id, compliance.current, compliance.previous) == (
        service_a.pk,
        25.0,
        100.0,
    )
    assert compliance.delta == -75.0
    assert compliance.count == 4
    client = found[FindingKind.CLIENT_TYPE]
    assert (client.subject, client.current, client.previous) == ("operational", 0.0, 25.0)
    step = found[FindingKind.SLOWEST_STEP]
    assert (step.subject, step.current, step.count) == (Step.APPROVAL, 30.0, 3)
    assert step.previous is None  # no approvals in February
    assert found[FindingKind.COMMENT_WORDS].words == [["printer", 3], ["broken", 2]]


def test_nothing_to_say_without_enough_data(dept_a, service_a, requester):
    # Two requests a month: too few to trust a figure; one low comment: no repeated words.
    for day in (2, 4):
        _request(requester, service_a, day, met=True, month=2)
    _request(requester, service_a, 2, met=False)
    request = _request(requester, service_a, 4, met=False, rating=1, comment="printer broken")
    _approval(request, at(3, 12), 30)
    reports.recompute_range(FEBRUARY, date(2026, 3, 31), [dept_a.pk])
    assert march_findings(dept_a) == {}


def test_a_rise_is_no_finding(dept_a, service_a, requester):
    # February 1 of 4 met, March 4 of 4: better, not worse.
    for month in (2, 3):
        for day in (2, 4, 6, 8):
            _request(requester, service_a, day, met=(month == 3 or day == 2), month=month)
    reports.recompute_range(FEBRUARY, date(2026, 3, 31), [dept_a.pk])
    assert FindingKind.COMPLIANCE_DROP not in march_findings(dept_a)
    assert FindingKind.COMPLIANCE_DROP not in {
        f.kind for f in Finding.objects.filter(period_kind=PeriodKind.MONTH, period_start=FEBRUARY)
    }


def test_the_slowest_step_can_be_waiting_on_the_requester(dept_a, service_a, requester):
    for day in (2, 4, 6):
        request = _request(requester, service_a, day, met=True, answer_hours=2)
        _waiting(request, at(3, day, 12), 50)
    reports.recompute_range(MARCH, date(2026, 3, 31), [dept_a.pk])
    step = march_findings(dept_a)[FindingKind.SLOWEST_STEP]
    assert (step.subject, step.current) == (Step.WAITING, 50.0)


def test_recomputing_twice_gives_the_same_rows(story, dept_a):
    reports.recompute_range(FEBRUARY, date(2026, 3, 31), [dept_a.pk])
    first = stored()
    assert first
    reports.recompute_range(FEBRUARY, date(2026, 3, 31), [dept_a.pk])
    reports.recompute_period(PeriodKind.MONTH, MARCH, [dept_a.pk])
    assert stored() == first


def test_fewer_findings_replace_more(story, dept_a):
    reports.recompute_range(FEBRUARY, date(2026, 3, 31), [dept_a.pk])
    assert len(march_findings(dept_a)) == 5
    Approval.objects.all().delete()
    Event.objects.filter(kind=EventKind.STATUS).delete()
    from feedback.models import Feedback

    Feedback.objects.update(comment="")
    reports.recompute_period(PeriodKind.MONTH, MARCH, [dept_a.pk])
    kinds = {f.kind for f in march_findings(dept_a).values()}
    assert FindingKind.COMMENT_WORDS not in kinds
    ranks = sorted(
        Finding.objects.filter(department=dept_a, period_start=MARCH).values_list("rank", flat=True)
    )
    assert ranks == list(range(1, len(ranks) + 1))


def test_another_departments_findings_are_untouched(story, dept_a, dept_b, service_b, requester):
    reports.recompute_range(FEBRUARY, date(2026, 3, 31), [dept_a.pk])
    reports.recompute_range(FEBRUARY, date(2026, 3, 31), [dept_b.pk])
    assert march_findings(dept_a)
    assert not Finding.objects.filter(department=dept_b).exists()


def test_the_comment_words_drop_stop_words_and_short_words():
    assert findings.comment_words(
        "The printer is NOT working, it's 3rd time! Drukarka nie działa"
    ) == {
        "printer",
        "working",
        "time",
        "drukarka",
        "działa",
    }


def _plain_steps(medians) -> dict:
    return {
        start: {
            dept: {step: dict(figures) for step, figures in by.items()} for dept, by in s.items()
        }
        for start, s in medians.items()
    }


def _plain_words(words) -> dict:
    return {start: dict(by_department) for start, by_department in words.items()}


@pytest.mark.postgres
def test_sql_and_portable_agree(story, dept_a):
    assert connection.vendor == "postgresql"
    ids = [dept_a.pk]
    weeks = periods.starts_between(PeriodKind.WEEK, FEBRUARY, date(2026, 3, 31))
    for kind, starts in [(PeriodKind.MONTH, [FEBRUARY, MARCH]), (PeriodKind.WEEK, weeks)]:
        steps = _plain_steps(findings._steps_sql(kind, starts, ids))
        assert steps == _plain_steps(findings._steps_portable(kind, starts, ids))
        words = _plain_words(findings._words_sql(kind, starts, ids))
        assert words == _plain_words(findings._words_portable(kind, starts, ids))
    march = _plain_steps(findings._steps_sql(PeriodKind.MONTH, [MARCH], ids))[MARCH][dept_a.pk]
    assert march[Step.APPROVAL] == {"current": (30.0, 3)}
    assert march[Step.FIRST_RESPONSE] == {"current": (1.0, 4), "previous": (1.0, 3)}
    words = findings._words_sql(PeriodKind.MONTH, [FEBRUARY, MARCH], ids)
    assert words[MARCH][dept_a.pk][:2] == [("printer", 3), ("broken", 2)]
    assert FEBRUARY not in words  # February's ratings were all fives


@pytest.mark.parametrize(
    ("kind", "starts"),
    [
        (PeriodKind.MONTH, [FEBRUARY, MARCH]),
        # two runs of weeks with a gap between them
        (PeriodKind.WEEK, [date(2026, 2, 2), date(2026, 3, 2), date(2026, 3, 9)]),
    ],
)
def test_periods_at_once_equal_one_at_a_time(story, dept_a, dept_b, kind, starts):
    reports.recompute_range(FEBRUARY, date(2026, 3, 31), [dept_a.pk, dept_b.pk])
    ids = [dept_a.pk, dept_b.pk]
    Finding.objects.all().delete()
    findings.recompute_findings([(kind, start) for start in starts], ids)
    at_once = stored()
    assert at_once  # the story has findings in these periods
    Finding.objects.all().delete()
    for start in starts:
        findings.recompute_findings([(kind, start)], ids)
    assert stored() == at_once
    assert findings._runs(kind, starts) == (
        [starts] if kind == PeriodKind.MONTH else [starts[:1], starts[1:]]
    )


# --- the report page -------------------------------------------------------------------------------


def report_url(dept) -> str:
    return reverse("feedback:department-report", args=[dept.slug]) + "?kind=month&period=2026-03"


@pytest.fixture
def computed(story, dept_a):
    reports.recompute_range(FEBRUARY, date(2026, 3, 31), [dept_a.pk])
    return story


def test_the_head_sees_the_findings_with_links_to_the_queue(
    login, computed, head_a, dept_a, service_a
):
    page = login(head_a).get(report_url(dept_a)).content.decode()
    assert "Where to improve" in page
    assert page.index("Where to improve") < page.index("By service")
    assert "resolved within target 25 % (was 100 %)" in page
    section = page[page.index("Where to improve") : page.index("By client type")]
    assert "waiting for approval" in section, section
    assert "<strong>printer</strong> (3 comments)" in page
    queue = reverse("desk:queue", args=[dept_a.slug])
    assert f"{queue}?state=all&amp;service={service_a.pk}&amp;period=2026-03" in page
    assert f"{queue}?state=all&amp;period=2026-03&amp;low_rated=1" in page


def test_the_page_reads_findings_in_polish(login, computed, head_a, dept_a):
    page = login(head_a).get(report_url(dept_a), HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "Co poprawić" in page


def test_an_executive_sees_the_findings_without_queue_links(login, computed, executive, dept_a):
    page = login(executive).get(report_url(dept_a)).content.decode()
    assert "resolved within target 25 %" in page
    assert "low_rated=1" not in page


def test_another_departments_head_gets_404(login, computed, dept_a, dept_b):
    from tests.factories import MembershipFactory

    head_b = MembershipFactory(department=dept_b, role="head").employee
    assert login(head_b).get(report_url(dept_a)).status_code == 404


def test_a_quiet_period_says_so(login, head_a, dept_a):
    page = login(head_a).get(report_url(dept_a)).content.decode()
    assert "Nothing stands out in 2026-03" in page


def test_the_link_filters_the_queue_to_the_requests_behind(login, computed, head_a, dept_a):
    for number, request in enumerate(computed):
        Request.objects.filter(pk=request.pk).update(title=f"Story request {number}")
    found = findings_of(dept_a, choose_period("month", "2026-03"))
    words = next(f for f in found if f.kind == FindingKind.COMMENT_WORDS)
    page = login(head_a).get(words.queue_url).content.decode()
    # The three low ratings, not the request rated 5, nor February's.
    assert [n for n in range(4) if f"Story request {n}" in page] == [0, 1, 2]
    client = next(f for f in found if f.kind == FindingKind.CLIENT_TYPE)
    page = login(head_a).get(client.queue_url).content.decode()
    assert [n for n in range(4) if f"Story request {n}" in page] == [0, 1, 2]


@pytest.mark.postgres
def test_the_findings_cost_the_same_queries_for_more_departments_and_periods(
    story, dept_a, dept_b, django_assert_num_queries
):
    from tests.factories import DepartmentFactory

    # March and April (which compares with March): the cells twice, the waits and the words
    # once each, the findings' upsert and delete in a savepoint.
    with django_assert_num_queries(8):
        findings.recompute_findings([(PeriodKind.MONTH, MARCH)], [dept_a.pk, dept_b.pk])
    more = [DepartmentFactory(code=f"X{n}", slug=f"x{n}", name=f"X {n}").pk for n in range(5)]
    months = [(PeriodKind.MONTH, date(2025, month, 1)) for month in range(5, 13)]
    with django_assert_num_queries(8):  # and for more periods
        findings.recompute_findings(
            [*months, (PeriodKind.MONTH, FEBRUARY), (PeriodKind.MONTH, MARCH)],
            [dept_a.pk, dept_b.pk, *more],
        )


def test_the_worker_recomputes_the_findings_after_the_cells(
    story, dept_a, service_a, requester, django_capture_on_commit_callbacks
):
    """A change marks its cells stale; the worker recomputes them, and once they commit a task
    of its own stores the findings (tasks run in-process in the tests)."""
    reports.recompute_range(FEBRUARY, date(2026, 3, 31), [dept_a.pk])
    Finding.objects.all().delete()
    later = _request(requester, service_a, 20, met=False)
    reports.mark_stale(
        department_id=dept_a.pk,
        service_ids=[service_a.pk],
        client_type=later.client_type,
        moments=[later.resolved_at],
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reports.recompute_stale()
    assert not march_findings(dept_a)  # the cells alone: the change's recomputation stays short
    for callback in callbacks:
        callback()
    assert FindingKind.COMPLIANCE_DROP in march_findings(dept_a)


def test_the_findings_task_runs_twice_harmlessly(story, dept_a):
    reports.recompute_range(FEBRUARY, date(2026, 3, 31), [dept_a.pk])
    before = list(
        Finding.objects.order_by("period_kind", "period_start", "rank").values_list(*FIELDS)
    )
    scopes = [["month", MARCH.isoformat(), dept_a.pk], ["week", "2026-03-16", dept_a.pk]]
    recompute_findings_task(scopes)
    recompute_findings_task(scopes)
    after = list(
        Finding.objects.order_by("period_kind", "period_start", "rank").values_list(*FIELDS)
    )
    assert after == before


def test_findings_are_kept_for_the_periods_a_report_offers(story, dept_a, client, head_a):
    # On 15 April 2026 the report offers 24 months (from May 2024) and 26 weeks (from mid-October
    # 2025): March 2026 and its weeks are in; the same story two years on would be out.
    reports.recompute_range(FEBRUARY, date(2026, 3, 31), [dept_a.pk])
    assert Finding.objects.filter(period_kind=PeriodKind.MONTH, period_start=MARCH).exists()
    Finding.objects.all().delete()
    with travel(datetime(2028, 4, 15, 12, 0, tzinfo=reportdata.WARSAW), tick=False):
        reports.recompute_range(FEBRUARY, date(2026, 3, 31), [dept_a.pk])
        assert not Finding.objects.exists()
        client.force_login(head_a)
        page = client.get(
            reverse("feedback:department-report", args=[dept_a.slug]),
            {"kind": "month", "period": "2026-03"},
        )
    assert "Findings are kept for the periods in the menu above" in page.content.decode()
