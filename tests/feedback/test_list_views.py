"""feedback:list and feedback:acted-upon: the heads' list, its filters, and closing the loop."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from departments.models import Role
from feedback.models import Feedback
from tests.factories import MembershipFactory
from tests.feedback.helpers import rated

pytestmark = pytest.mark.django_db

LIST = reverse("feedback:list", args=["it"])


@pytest.fixture
def low(requester, service_a, agent_a):
    return rated(requester, service_a, agent_a, rating=1, comment="The laptop had no charger.")


@pytest.fixture
def high(business_requester, service_a2, agent_a):
    return rated(business_requester, service_a2, agent_a, rating=5)


def _acted(fb):
    return reverse("feedback:acted-upon", args=["it", fb.pk])


def _refs(response) -> list[str]:
    return [fb.request.reference for fb in response.context["page"].object_list]


# --- the list -------------------------------------------------------------------------------------


def test_a_head_sees_the_department_s_feedback(login, head_a, low, high):
    response = login(head_a).get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The laptop had no charger." in html
    assert "1 – Very dissatisfied" in html
    assert "5 – Very satisfied" in html
    assert _refs(response) == [high.request.reference, low.request.reference]
    summary = response.context["summary"]
    assert (summary["count"], summary["mean"], summary["csat"], summary["needs_action"]) == (
        2,
        3.0,
        50,
        1,
    )


@pytest.mark.parametrize("who", ["agent_a", "agent_b", "requester", "outsider", "admin_user"])
def test_it_is_404_for_anyone_but_a_head_of_the_department(login, request, low, who):
    assert login(request.getfixturevalue(who)).get(LIST).status_code == 404


def test_a_head_of_another_department_gets_404(login, dept_b, low):
    other_head = MembershipFactory(department=dept_b, role=Role.HEAD).employee
    assert login(other_head).get(LIST).status_code == 404
    assert login(other_head).get(reverse("feedback:list", args=["hr"])).status_code == 200


def test_an_unknown_department_is_404(login, head_a):
    assert login(head_a).get(reverse("feedback:list", args=["nope"])).status_code == 404


def test_it_rejects_post(login, head_a):
    assert login(head_a).post(LIST).status_code == 405


def test_it_only_lists_its_own_department(
    login, head_a, low, business_requester, service_b, agent_b
):
    rated(business_requester, service_b, agent_b, rating=2, comment="HR's business")
    response = login(head_a).get(LIST)
    assert _refs(response) == [low.request.reference]
    assert "HR&#x27;s business" not in response.content.decode()


def test_it_filters_by_rating(login, head_a, low, high):
    assert _refs(login(head_a).get(LIST, {"rating": "5"})) == [high.request.reference]


def test_it_filters_by_service(login, head_a, low, high, service_a):
    response = login(head_a).get(LIST, {"service": service_a.pk})
    assert _refs(response) == [low.request.reference]


def test_it_filters_by_client_type(login, head_a, low, high):
    response = login(head_a).get(LIST, {"client_type": "business"})
    assert _refs(response) == [high.request.reference]


def test_it_filters_by_needs_action(login, head_a, low, high):
    assert _refs(login(head_a).get(LIST, {"needs_action": "on"})) == [low.request.reference]


def test_it_filters_by_recent_days(login, head_a, low, high):
    Feedback.objects.filter(pk=low.pk).update(created_at=timezone.now() - timedelta(days=40))
    client = login(head_a)
    assert _refs(client.get(LIST, {"period": "30d"})) == [high.request.reference]
    assert len(_refs(client.get(LIST, {"period": "90d"}))) == 2


def test_it_filters_by_month(login, head_a, low, high):
    now = timezone.localtime()
    last_month = (now.replace(day=1) - timedelta(days=1)).replace(day=15)
    Feedback.objects.filter(pk=low.pk).update(created_at=last_month)
    client = login(head_a)
    assert _refs(client.get(LIST, {"period": f"{last_month:%Y-%m}"})) == [low.request.reference]
    assert _refs(client.get(LIST, {"period": f"{now:%Y-%m}"})) == [high.request.reference]


def test_unknown_parameters_and_bad_values_are_ignored(login, head_a, low, high):
    response = login(head_a).get(
        LIST,
        {"rating": "9", "service": "x", "period": "1999-01", "order_by": "comment", "dept": "hr"},
    )
    assert response.status_code == 200
    assert len(_refs(response)) == 2
    assert response.context["query"] == ""


def test_pagination_links_keep_the_valid_filters(login, head_a, requester, service_a, agent_a):
    for _ in range(51):
        rated(requester, service_a, agent_a, rating=2)
    response = login(head_a).get(LIST, {"rating": "2", "bogus": "1"})
    assert len(response.context["page"].object_list) == 50
    assert '?rating=2&amp;page=2"' in response.content.decode()
    page2 = login(head_a).get(LIST, {"rating": "2", "page": "2"})
    assert len(page2.context["page"].object_list) == 1


def test_the_query_count_does_not_grow_with_the_rows(
    login, head_a, requester, business_requester, service_a, service_a2, agent_a
):
    client = login(head_a)
    rated(requester, service_a, agent_a, rating=1, comment="One")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    client.get(
        LIST
    )  # the first page reads the survey banner, which later pages take from the cache
    few = count()
    for i in range(6):
        who, service = (requester, service_a) if i % 2 else (business_requester, service_a2)
        fb = rated(who, service, agent_a, rating=i % 5 + 1, comment=f"Comment {i}")
        if i % 3 == 0:
            Feedback.objects.filter(pk=fb.pk).update(
                acted_upon_at=timezone.now(), acted_upon_by=head_a, acted_upon_note="Done"
            )
    assert count() == few


def test_htmx_gets_only_the_results(login, head_a, low):
    response = login(head_a).get(LIST, {"rating": "1"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "<table" in html
    assert 'id="feedback-results"' not in html  # the region's content, not the region itself
    assert f'id="feedback-{low.pk}"' in html


def test_a_history_restore_gets_the_whole_page(login, head_a, low):
    response = login(head_a).get(
        LIST, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert "<html" in response.content.decode()


# --- acted upon -----------------------------------------------------------------------------------


def test_a_head_marks_acted_upon_and_returns_to_the_filtered_list(login, head_a, low):
    response = login(head_a).post(
        _acted(low), {"note": "Sent a charger.", "return_query": "needs_action=on&evil=1"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}?needs_action=on"
    low.refresh_from_db()
    assert (low.acted_upon_note, low.acted_upon_by) == ("Sent a charger.", head_a)


def test_htmx_gets_the_re_rendered_row(login, head_a, low):
    response = login(head_a).post(_acted(low), {"note": "Sent a charger."}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith(f'<tr id="feedback-{low.pk}"')
    assert "Sent a charger." in html
    assert "Acted upon" in html
    assert response["HX-Trigger"] == "feedback-acted-upon"


def test_an_empty_note_is_refused_with_the_list_shown_again(login, head_a, low):
    response = login(head_a).post(_acted(low), {"note": "   "})
    assert response.status_code == 400
    assert "Say in a few words what was done." in response.content.decode()
    low.refresh_from_db()
    assert low.acted_upon_at is None


def test_an_empty_note_over_htmx_comes_back_in_the_row(login, head_a, low):
    response = login(head_a).post(_acted(low), {"note": ""}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200  # htmx swaps only 2xx answers
    assert "Say in a few words what was done." in html
    assert '<details class="acted-form" open>' in html
    assert "HX-Trigger" not in response


def test_a_too_long_note_keeps_what_was_typed(login, head_a, low):
    note = "x" * 501
    response = login(head_a).post(_acted(low), {"note": note})
    assert response.status_code == 400
    assert note in response.content.decode()


@pytest.mark.parametrize("who", ["agent_a", "requester", "outsider"])
def test_only_heads_may_mark_acted_upon(login, request, low, who):
    response = login(request.getfixturevalue(who)).post(_acted(low), {"note": "Done"})
    assert response.status_code == 404
    low.refresh_from_db()
    assert low.acted_upon_at is None


def test_feedback_of_another_department_is_404(
    login, head_a, business_requester, service_b, agent_b
):
    theirs = rated(business_requester, service_b, agent_b, rating=2, comment="Hm")
    response = login(head_a).post(_acted(theirs), {"note": "Done"})
    assert response.status_code == 404


def test_acted_upon_rejects_get(login, head_a, low):
    assert login(head_a).get(_acted(low)).status_code == 405
