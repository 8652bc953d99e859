"""What feedback adds to desk's pages: the banner on the request page, the badge in My requests."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from desk import services as desk_services
from desk.models import Request
from feedback import selectors, services
from feedback.templatetags.feedback_tags import feedback_for
from tests.factories import file_request
from tests.feedback.helpers import rated, resolved_request

pytestmark = pytest.mark.django_db

MINE = reverse("desk:my-requests")


@pytest.fixture
def resolved(requester, service_a, agent_a):
    return resolved_request(requester, service_a, agent_a, title="Laptop for new hire")


def _rate_url(req):
    return reverse("feedback:rate", args=[req.department.code, f"{req.number:04d}"])


# --- the request page -----------------------------------------------------------------------------


def test_the_requester_is_asked_to_rate_a_resolved_request(login, requester, resolved):
    html = login(requester).get(resolved.get_absolute_url()).content.decode()
    assert "How did we do?" in html
    assert f'href="{_rate_url(resolved)}"' in html


def test_the_prompt_also_shows_on_a_closed_request(login, requester, resolved):
    desk_services.request_confirm(request=resolved, actor=requester)
    html = login(requester).get(resolved.get_absolute_url()).content.decode()
    assert "Rate this request" in html


def test_no_prompt_before_resolution(login, requester, desk_request):
    html = login(requester).get(desk_request.get_absolute_url()).content.decode()
    assert "Rate this request" not in html


def test_staff_are_never_asked_to_rate(login, agent_a, resolved):
    html = login(agent_a).get(resolved.get_absolute_url()).content.decode()
    assert "Rate this request" not in html


def test_the_requester_sees_their_feedback_and_what_was_done(login, requester, head_a, resolved):
    feedback, _ = services.feedback_submit(
        request=resolved, requester=requester, rating=2, comment="No charger in the box."
    )
    client = login(requester)
    html = client.get(resolved.get_absolute_url()).content.decode()
    assert "Your feedback" in html
    assert "No charger in the box." in html
    assert "2 – Dissatisfied" in html
    assert "Rate this request" not in html
    assert "Change your feedback" in html
    assert "What we did about it" not in html

    services.feedback_mark_acted_upon(
        feedback=feedback, head=head_a, note="We added chargers to the checklist."
    )
    html = client.get(resolved.get_absolute_url()).content.decode()
    assert "What we did about it:" in html
    assert "We added chargers to the checklist." in html
    assert "Helen Head" in html


def test_staff_see_the_feedback_and_whether_it_was_acted_upon(
    login, requester, agent_a, head_a, resolved
):
    services.feedback_submit(request=resolved, requester=requester, rating=1, comment="Late.")
    agent_html = login(agent_a).get(resolved.get_absolute_url()).content.decode()
    assert "Feedback from Olga Operational" in agent_html
    assert "Late." in agent_html
    assert "Needs action" in agent_html
    assert reverse("feedback:list", args=["it"]) not in agent_html  # the list is for heads

    head_html = login(head_a).get(resolved.get_absolute_url()).content.decode()
    assert reverse("feedback:list", args=["it"]) in head_html


def test_feedback_for_is_one_query(requester, resolved):
    services.feedback_submit(request=resolved, requester=requester, rating=4)
    with CaptureQueriesContext(connection) as queries:
        feedback = feedback_for(resolved)
        assert feedback.acted_upon_by is None
    assert len(queries) == 1


# --- My requests ----------------------------------------------------------------------------------


def test_my_requests_shows_a_rate_badge_for_resolved_requests_without_feedback(
    login, requester, resolved, service_a, agent_a
):
    still_open = file_request(requester, service_a, title="Still open")
    rated(requester, service_a, agent_a, rating=5)
    html = login(requester).get(MINE).content.decode()
    assert html.count("badge--rate") == 1
    assert f'href="{_rate_url(resolved)}"' in html
    assert _rate_url(still_open) not in html


def test_the_badge_leaves_htmx_boosting_alone(login, requester, resolved):
    html = login(requester).get(MINE).content.decode()
    badge = html[html.index("badge--rate") - 20 :]
    assert 'hx-boost="false"' in badge[: badge.index("</a>")]


def test_my_requests_query_count_does_not_grow_with_the_rows(login, requester, service_a, agent_a):
    client = login(requester)
    resolved_request(requester, service_a, agent_a)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(MINE).status_code == 200
        return len(queries)

    client.get(
        MINE
    )  # the first page reads the survey banner, which later pages take from the cache
    few = count()
    for _ in range(3):
        resolved_request(requester, service_a, agent_a)
        rated(requester, service_a, agent_a, rating=3)
    file_request(requester, service_a)
    assert count() == few


def test_the_badge_uses_the_annotation_when_the_view_adds_it(
    requester, resolved, service_a, agent_a
):
    rated_one = rated(requester, service_a, agent_a).request
    rows = list(selectors.with_feedback_state(Request.objects.filter(requester=requester)))
    template = Template("{% load feedback_tags %}{% needs_rating req as show %}{{ show }}")
    with CaptureQueriesContext(connection) as queries:
        shown = {row.pk: template.render(Context({"req": row, "user": requester})) for row in rows}
    assert len(queries) <= 1  # at most the requester's memberships, once
    assert shown[resolved.pk] == "True"
    assert shown[rated_one.pk] == "False"
