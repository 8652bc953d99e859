"""Where to improve: the findings the report job stores for a department and period.

The story: IT (department A) in February and March 2026. Service A met its target and pleased
everyone in February and did neither in March; operational clients rated March low; approvals
were the slowest wait; the low ratings' comments talk about the printer.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection

from departments.models import ApproverKind
from desk.models import Approval, Decision, Event, EventKind, Status
from feedback import reports
from feedback.models import Finding, FindingKind, Step
from feedback.periods import PeriodKind
from feedback.reports import findings
from tests.feedback.reportdata import HOUR, at, make_request, rate, resolved

pytestmark = pytest.mark.django_db

MARCH, FEBRUARY = date(2026, 3, 1), date(2026, 2, 1)
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


@pytest.mark.postgres
def test_sql_and_portable_agree(story, dept_a):
    reports.recompute_range(FEBRUARY, date(2026, 3, 31), [dept_a.pk])
    expected = {}
    for kind, start in [(PeriodKind.MONTH, FEBRUARY), (PeriodKind.MONTH, MARCH)]:
        ids = [dept_a.pk]
        expected[(kind, start)] = (
            dict(findings._steps_sql(kind, start, ids)),
            dict(findings._words_sql(kind, start, ids)),
        )
        portable = (
            dict(findings._steps_portable(kind, start, ids)),
            dict(findings._words_portable(kind, start, ids)),
        )
        steps_sql = {
            d: {s: dict(v) for s, v in by.items()} for d, by in expected[(kind, start)][0].items()
        }
        steps_portable = {d: {s: dict(v) for s, v in by.items()} for d, by in portable[0].items()}
        assert steps_sql == steps_portable
        assert expected[(kind, start)][1] == portable[1]
    assert connection.vendor == "postgresql"
    assert expected[(PeriodKind.MONTH, MARCH)][1][dept_a.pk][:2] == [("printer", 3), ("broken", 2)]
