"""The requests endpoints, for each of the standard people: the API sees what the browser sees."""

from __future__ import annotations

import pytest
from django.urls import reverse

from desk import services
from desk.models import EventKind, Request, Status
from tests.factories import ServiceFieldFactory, file_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_request(business_requester, service_b):
    """Bob's request to department B: nobody of department A may see it."""
    return file_request(business_requester, service_b, title="Payslip for March")


@pytest.fixture
def noted(desk_request, agent_a):
    services.comment_add(request=desk_request, author=agent_a, body="Public answer")
    services.comment_add(request=desk_request, author=agent_a, body="Secret note", internal=True)
    return desk_request


def references(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["reference"] for item in response.json()["items"]}


# --- list -----------------------------------------------------------------------------------------


def test_list_shows_each_person_what_the_pages_show(
    api, desk_request, other_request, requester, business_requester, agent_a, head_a, agent_b,
    outsider, admin_user,
):  # fmt: skip
    a, b = desk_request.reference, other_request.reference
    assert references(api(requester).get("/requests")) == {a}
    assert references(api(business_requester).get("/requests")) == {b}
    assert references(api(agent_a).get("/requests")) == {a}
    assert references(api(head_a).get("/requests")) == {a}
    assert references(api(agent_b).get("/requests")) == {b}
    assert references(api(outsider).get("/requests")) == set()
    # Admin rights are for /admin/; in the API an admin is a person like any other.
    assert references(api(admin_user).get("/requests")) == set()


def test_list_filters(api, requester, agent_a, service_a, desk_request):
    own = file_request(agent_a, service_a, title="Agent's own")
    services.request_take(request=desk_request, actor=agent_a)
    caller = api(agent_a)
    assert references(caller.get("/requests", role="requester")) == {own.reference}
    assert references(caller.get("/requests", role="assignee")) == {desk_request.reference}
    assert references(caller.get("/requests", status="in_progress")) == {desk_request.reference}
    assert references(caller.get("/requests", department="hr")) == set()
    assert caller.get("/requests", status="nonsense").status_code == 422


def test_list_pages(api, requester, service_a):
    for n in range(3):
        file_request(requester, service_a, title=f"R{n}")
    response = api(requester).get("/requests", limit=2, offset=0)
    assert response.json()["count"] == 3
    assert [item["title"] for item in response.json()["items"]] == ["R2", "R1"]


def test_list_queries_stay_constant(api, requester, service_a, django_assert_max_num_queries):
    caller = api(requester)
    for n in range(2):
        file_request(requester, service_a, title=f"R{n}")
    caller.get("/requests")  # warm up: last_used_at is written once
    with django_assert_max_num_queries(6) as few:
        caller.get("/requests")
    for n in range(10):
        file_request(requester, service_a, title=f"More {n}")
    with django_assert_max_num_queries(len(few)):
        assert len(caller.get("/requests").json()["items"]) == 12


# --- read -----------------------------------------------------------------------------------------


def test_read_hides_internal_notes_from_the_requester(api, noted, requester, agent_a):
    mine = api(requester).get(f"/requests/{noted.reference}").json()
    assert [e["kind"] for e in mine["timeline"]] == ["filed", "comment"]
    assert "Secret note" not in str(mine)
    staff = api(agent_a).get(f"/requests/{noted.reference}").json()
    assert [e["kind"] for e in staff["timeline"]] == ["filed", "comment", "note"]
    assert staff["timeline"][2]["internal"] is True


@pytest.mark.parametrize("person", ["business_requester", "agent_b", "outsider", "admin_user"])
def test_read_is_404_for_others(api, request, desk_request, person):
    caller = api(request.getfixturevalue(person))
    assert caller.get(f"/requests/{desk_request.reference}").status_code == 404
    assert caller.get("/requests/IT-9999").status_code == 404
    assert caller.get("/requests/nonsense").status_code == 404


def test_read_answers_the_reference_in_any_form(api, requester, desk_request):
    body = api(requester).get(f"/requests/it-{desk_request.number}").json()
    assert body["reference"] == desk_request.reference
    assert body["url"].endswith(desk_request.get_absolute_url())
    assert body["next_states"] == ["cancelled"]


# --- file -----------------------------------------------------------------------------------------


def test_filing_uses_the_services_own_questions(api, requester, service_a):
    field = ServiceFieldFactory(service=service_a, label="Model", required=True)
    caller = api(requester)
    payload = {"service_id": service_a.pk, "title": "Laptop", "description": "For Ann"}
    refused = caller.post("/requests", payload)
    assert refused.status_code == 400
    assert f"extra.{field.pk}" in refused.json()["errors"]
    assert not Request.objects.exists()
    filed = caller.post(
        "/requests", {**payload, "extra": {str(field.pk): "X1"}, "priority": "high"}
    )
    assert filed.status_code == 201
    body = filed.json()
    assert body["priority"] == "high"
    assert body["extra"] == [{"field": field.pk, "label": "Model", "value": "X1"}]
    request = Request.objects.get()
    assert request.requester == requester
    assert request.events.get().kind == EventKind.FILED


def test_filing_refuses_retired_services(api, requester, service_a):
    service_a.is_active = False
    service_a.save()
    payload = {"service_id": service_a.pk, "title": "Laptop", "description": "x"}
    assert api(requester).post("/requests", payload).status_code == 404
    assert not Request.objects.exists()


def test_filing_refuses_bad_shapes(api, requester, service_a):
    response = api(requester).post("/requests", {"service_id": service_a.pk, "priority": "max"})
    assert response.status_code == 422
    assert not Request.objects.exists()


# --- comment --------------------------------------------------------------------------------------


def test_requester_replies(api, requester, desk_request):
    response = api(requester).post(f"/requests/{desk_request.reference}/comments", {"body": "Hi"})
    assert response.status_code == 201
    assert response.json()["kind"] == "comment"
    assert desk_request.events.filter(kind=EventKind.COMMENT, body="Hi").exists()


def test_only_staff_add_internal_notes(api, requester, agent_a, desk_request):
    path = f"/requests/{desk_request.reference}/comments"
    refused = api(requester).post(path, {"body": "x", "internal": True})
    assert refused.status_code == 403
    assert not desk_request.events.filter(kind=EventKind.NOTE).exists()
    assert api(agent_a).post(path, {"body": "x", "internal": True}).status_code == 201
    assert desk_request.events.filter(kind=EventKind.NOTE).count() == 1


@pytest.mark.parametrize("person", ["business_requester", "agent_b", "outsider", "admin_user"])
def test_comment_is_404_for_others(api, request, desk_request, person):
    caller = api(request.getfixturevalue(person))
    response = caller.post(f"/requests/{desk_request.reference}/comments", {"body": "x"})
    assert response.status_code == 404
    assert desk_request.events.count() == 1


def test_an_empty_comment_is_refused(api, requester, desk_request):
    response = api(requester).post(f"/requests/{desk_request.reference}/comments", {"body": " "})
    assert response.status_code == 400
    assert response.json()["errors"]["body"]


# --- state ----------------------------------------------------------------------------------------


def status(caller, desk_request, **payload):
    return caller.post(f"/requests/{desk_request.reference}/status", payload)


def test_staff_move_a_request_along(api, agent_a, desk_request):
    response = status(api(agent_a), desk_request, status="in_progress", expected_status="new")
    assert response.status_code == 200
    assert response.json()["status"] == "in_progress"
    desk_request.refresh_from_db()
    assert desk_request.status == Status.IN_PROGRESS


def test_a_stale_expected_state_is_409_and_changes_nothing(api, agent_a, head_a, desk_request):
    services.request_change_status(request=desk_request, actor=head_a, status=Status.WAITING)
    response = status(api(agent_a), desk_request, status="resolved", expected_status="new")
    assert response.status_code == 409
    desk_request.refresh_from_db()
    assert desk_request.status == Status.WAITING


def test_a_move_the_workflow_forbids_is_400(api, agent_a, desk_request):
    response = status(api(agent_a), desk_request, status="closed")
    assert response.status_code == 400
    assert "cannot become" in response.json()["detail"]
    desk_request.refresh_from_db()
    assert desk_request.status == Status.NEW


def test_the_requester_cancels_confirms_and_reopens(api, requester, agent_a, service_a):
    caller = api(requester)
    first = file_request(requester, service_a, title="One")
    assert status(caller, first, status="cancelled", reason="Not needed").status_code == 200
    first.refresh_from_db()
    assert first.status == Status.CANCELLED

    second = file_request(requester, service_a, title="Two")
    services.request_change_status(request=second, actor=agent_a, status=Status.RESOLVED)
    refused = status(caller, second, status="in_progress")  # reopening needs a reason
    assert refused.status_code == 400
    assert "reason" in refused.json()["errors"]
    assert status(caller, second, status="in_progress", reason="Still broken").status_code == 200
    second.refresh_from_db()
    assert second.status == Status.IN_PROGRESS
    services.request_change_status(request=second, actor=agent_a, status=Status.RESOLVED)
    assert status(caller, second, status="closed").status_code == 200
    second.refresh_from_db()
    assert second.status == Status.CLOSED


def test_the_requester_cannot_use_staff_moves(api, requester, desk_request):
    response = status(api(requester), desk_request, status="resolved")
    assert response.status_code == 403
    desk_request.refresh_from_db()
    assert desk_request.status == Status.NEW


@pytest.mark.parametrize("person", ["business_requester", "agent_b", "outsider", "admin_user"])
def test_state_is_404_for_others(api, request, desk_request, person):
    response = status(api(request.getfixturevalue(person)), desk_request, status="cancelled")
    assert response.status_code == 404
    desk_request.refresh_from_db()
    assert desk_request.status == Status.NEW


def test_the_api_and_the_page_agree(api, login, requester, agent_a, noted):
    """The same person sees the same timeline on the page and in the API."""
    page = login(requester).get(reverse("desk:request-detail", args=["IT", "0001"]))
    body = api(requester).get(f"/requests/{noted.reference}").json()
    assert len(page.context["timeline"]) == len(body["timeline"])
