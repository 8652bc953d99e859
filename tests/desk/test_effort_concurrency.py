"""Two people logging time on the same request at the same moment: the request row's lock makes
the second add to the total the first wrote, so no minute and no cent is lost (PostgreSQL)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from departments.models import HourlyRate
from desk import effort
from desk.models import TimeLog
from tests.desk.test_concurrency import race

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
