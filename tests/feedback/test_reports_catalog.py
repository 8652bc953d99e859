"""The catalog's transparency line: each service's last 90 days next to its promise."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback import reports
from tests.factories import ServiceFactory
from tests.feedback.reportdata import HOUR, make_rate_resolved

pytestmark = pytest.mark.django_db


def resolved_and_rated(service, requester, ratings, *, days_ago=10, hours=(4,), met=True):
    now = timezone.now()
    for index, rating in enumerate(ratings):
        make_rate_resolved(
            requester,
            service,
            filed=now - timedelta(days=days_ago, hours=1),
            resolved=now - timedelta(days=days_ago),
            business_seconds=int(hours[index % len(hours)] * HOUR),
            met=met if not isinstance(met, list) else met[index],
            rating=rating,
        )


def test_service_stats_count_the_last_90_days(requester, service_a, service_a2):
    resolved_and_rated(
        service_a, requester, [5, 4, 3, 5, 2], hours=(2, 4, 6, 8, 10), met=[1, 1, 1, 0, 0]
    )
    resolved_and_rated(service_a, requester, [1, 1], days_ago=120)  # too old to count
    stats = reports.service_stats()
    laptop = stats[service_a.pk]
    assert (laptop.rated, laptop.satisfied) == (5, 3)
    assert laptop.csat == pytest.approx(60.0)
    assert laptop.median_hours == pytest.approx(6.0)
    assert laptop.compliance == pytest.approx(60.0)
    assert laptop.shown
    assert service_a2.pk not in stats


def test_catalog_shows_the_line_from_five_ratings(login, requester, service_a):
    resolved_and_rated(service_a, requester, [5, 5, 4, 4])
    content = login(requester).get(reverse("desk:catalog")).content.decode()
    assert "Last 90 days" not in content
    resolved_and_rated(service_a, requester, [1])
    content = login(requester).get(reverse("desk:catalog")).content.decode()
    assert "Last 90 days" in content
    assert "80 % satisfied (5 ratings)" in content
    assert "median 4 working h to resolve" in content
    assert "100 % within the promise" in content


def test_catalog_query_count_does_not_grow_with_services(
    login, requester, dept_a, service_a, django_assert_max_num_queries
):
    resolved_and_rated(service_a, requester, [5, 5, 4, 4, 3])
    client = login(requester)
    client.get(reverse("desk:catalog"))
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("desk:catalog"))
    for n in range(6):
        service = ServiceFactory(department=dept_a, name=f"Extra {n}", slug=f"extra-{n}")
        resolved_and_rated(service, requester, [5, 4, 4, 4, 4])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("desk:catalog"))
    assert response.content.decode().count("Last 90 days") == 7
