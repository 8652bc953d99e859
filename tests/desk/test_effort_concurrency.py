"""Two people logging time on the same request at the same moment: the request row's lock makes
the second add to the total the first wrote, so no minute and no cent is lost; and a rate changed
while time is logged prices the log either way, never the old rate after the change (PostgreSQL)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from departments.models import HourlyRate
from departments.services import rate_save
from desk import effort
from desk.models import TimeLog
from tests.desk.test_concurrency import race, second_waits_for_first

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_logs_add_up(agent_a, agent_a2, head_a, desk_request, dept_a):
    HourlyRate.objects.create(
        department=dept_a, amount=Decimal("60.00"), valid_from=date(2020, 1, 1)
    )
    people = [agent_a, agent_a2, head_a] * 2
    results, errors = race(
        *(
            lambda person=person, minutes=minutes: effort.time_log_add(
                request=desk_request, author=person, minutes=minutes
            )
            for minutes, person in enumerate(people, start=10)
        )
    )
    assert not errors
    assert len(results) == len(people) == TimeLog.objects.count()
    desk_request.refresh_from_db()
    minutes = sum(range(10, 10 + len(people)))
    assert desk_request.effort_minutes == minutes
    assert desk_request.effort_cost_cents == minutes * 100  # a minute costs 1.00


def test_a_log_written_while_a_rate_changes_gets_the_new_rate(agent_a, desk_request, dept_a):
    old = HourlyRate.objects.create(
        department=dept_a, amount=Decimal("60.00"), valid_from=date(2020, 1, 1)
    )

    def raise_the_rate():
        old.amount = Decimal("120.00")
        rate_save(rate=old)

    log = second_waits_for_first(
        raise_the_rate,
        lambda: effort.time_log_add(request=desk_request, author=agent_a, minutes=30),
    )
    assert (log.rate, log.cost_cents) == (Decimal("120.00"), 6000)


def test_a_rate_changed_while_a_log_is_written_reprices_it(agent_a, desk_request, dept_a):
    rate = HourlyRate.objects.create(
        department=dept_a, amount=Decimal("60.00"), valid_from=date(2020, 1, 1)
    )

    def change_the_rate():
        fresh = HourlyRate.objects.get(pk=rate.pk)
        fresh.amount = Decimal("120.00")
        return rate_save(rate=fresh)

    second_waits_for_first(
        lambda: effort.time_log_add(request=desk_request, author=agent_a, minutes=30),
        change_the_rate,
    )
    log = TimeLog.objects.get()
    assert (log.rate, log.cost_cents) == (Decimal("120.00"), 6000)
    desk_request.refresh_from_db()
    assert desk_request.effort_cost_cents == 6000
