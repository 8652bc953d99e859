"""Staff actions on the request page: take, assign, status, priority, service."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from desk import services
from desk.models import CannedReply, EventKind, Priority, Request, Status
from tests.factories import file_request

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
BOOSTED = {"HTTP_HX_REQUEST": "true", "HTTP_HX_BOOSTED": "true"}


def url(name: str, req: Request) -> str:
    return reverse(f"desk:{name}", args=[req.department.code, f"{req.number:04d}"])


def fresh(req: Request) -> Request:
    return Request.objects.get(pk=req.pk)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- who may post -----------------------------------------------------------------------------


ACTIONS = {
    "request-take": {},
    "request-assign": {"assignee": ""},
    "request-status": {"status": "in_progress", "expected_status": "new"},
    "request-priority": {"priority": "4"},
    "request-service": {"service": "0"},
}


@pytest.mark.parametrize("name", ACTIONS)
def test_it_rejects_get(login, agent_a, desk_request, name):
    response = login(agent_a).get(url(name, desk_request))
    assert response.status_code == 405


@pytest.mark.parametrize("name", ACTIONS)
@pytest.mark.parametrize("person", ["outsider", "agent_b", "requester"])
def test_it_hides_the_action_from_everyone_but_the_department(
    request, login, desk_request, name, person
):
    before = Request.objects.filter(pk=desk_request.pk).values().get()
    response = login(request.getfixturevalue(person)).post(url(name, desk_request), ACTIONS[name])
    assert response.status_code == 404
    assert Request.objects.filter(pk=desk_request.pk).values().get() == before


@pytest.mark.parametrize("name", ACTIONS)
def test_it_asks_to_log_in(client, desk_request, name):
    response = client.post(url(name, desk_request), ACTIONS[name])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- take ---------------------------------------------------------------------------------------


def test_take_redirects_to_the_request_with_a_message(login, agent_a, desk_request):
    response = login(agent_a).post(url("request-take", desk_request), follow=True)
    assert response.redirect_chain == [(desk_request.get_absolute_url(), 302)]
    assert messages_of(response) == ["You took IT-0001."]
    req = fresh(desk_request)
    assert req.assignee == agent_a
    assert req.status == Status.IN_PROGRESS


def test_take_with_htmx_answers_the_panel_and_an_event(login, agent_a, desk_request):
    response = login(agent_a).post(url("request-take", desk_request), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="staff-actions"' in html
    assert "<html" not in html
    assert "You took IT-0001." in html
    trigger = json.loads(response["HX-Trigger"])
    assert trigger["desk:request-changed"]["reference"] == "IT-0001"
    assert trigger["desk:request-changed"]["status"] == Status.IN_PROGRESS


def test_a_boosted_form_gets_the_whole_page(login, agent_a, desk_request):
    response = login(agent_a).post(url("request-take", desk_request), **BOOSTED)
    assert response.status_code == 302
    assert response["Location"] == desk_request.get_absolute_url()


def test_taking_a_request_someone_took_shows_who(login, agent_a, agent_a2, desk_request):
    services.request_take(request=desk_request, actor=agent_a2)
    response = login(agent_a).post(url("request-take", desk_request), follow=True)
    assert messages_of(response) == ["Adam Agent has already taken this request."]
    assert fresh(desk_request).assignee == agent_a2


def test_a_refusal_with_htmx_shows_the_message_and_current_state(
    login, agent_a, agent_a2, desk_request
):
    services.request_take(request=desk_request, actor=agent_a2)
    response = login(agent_a).post(url("request-take", desk_request), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Adam Agent has already taken this request." in html
    assert "with Adam Agent" in html
    assert "HX-Trigger" not in response


def test_a_safe_next_is_followed_and_a_foreign_one_ignored(login, agent_a, desk_request):
    client = login(agent_a)
    response = client.post(url("request-take", desk_request), {"next": "/my-work/"})
    assert response["Location"] == "/my-work/"
    other = file_request(desk_request.requester, desk_request.service)
    response = client.post(url("request-take", other), {"next": "https://evil.example/"})
    assert response["Location"] == other.get_absolute_url()


# --- status -------------------------------------------------------------------------------------


def test_status_change_moves_the_request(login, agent_a, desk_request):
    response = login(agent_a).post(
        url("request-status", desk_request),
        {"status": "waiting", "expected_status": "new"},
        follow=True,
    )
    assert messages_of(response) == ["IT-0001 is now “Waiting on requester”."]
    assert fresh(desk_request).status == Status.WAITING


def test_a_stale_status_form_shows_the_message_and_the_current_state(
    login, agent_a, head_a, desk_request
):
    services.request_change_status(request=desk_request, actor=head_a, status=Status.RESOLVED)
    before = Request.objects.filter(pk=desk_request.pk).values().get()
    events = desk_request.events.count()
    response = login(agent_a).post(
        url("request-status", desk_request),
        {"status": "waiting", "expected_status": "new"},
        follow=True,
    )
    assert messages_of(response) == [
        "Someone else changed this request meanwhile: it is now “Resolved”. Nothing was changed."
    ]
    assert response.context["req"].status == Status.RESOLVED
    assert Request.objects.filter(pk=desk_request.pk).values().get() == before
    assert desk_request.events.count() == events


def test_a_stale_status_form_with_htmx_shows_the_current_state(
    login, agent_a, head_a, desk_request
):
    services.request_change_status(request=desk_request, actor=head_a, status=Status.WAITING)
    response = login(agent_a).post(
        url("request-status", desk_request),
        {"status": "resolved", "expected_status": "new"},
        **HTMX,
    )
    html = response.content.decode()
    assert "it is now “Waiting on requester”" in html
    assert 'name="expected_status" value="waiting"' in html
    assert fresh(desk_request).status == Status.WAITING


def test_an_unknown_status_is_refused(login, agent_a, desk_request):
    response = login(agent_a).post(
        url("request-status", desk_request),
        {"status": "done", "expected_status": "new"},
        follow=True,
    )
    assert "Select a valid choice" in messages_of(response)[0]
    assert fresh(desk_request).status == Status.NEW


def test_an_invalid_transition_says_why(login, agent_a, desk_request):
    response = login(agent_a).post(
        url("request-status", desk_request),
        {"status": "closed", "expected_status": "new"},
        follow=True,
    )
    assert messages_of(response) == ["A request that is “New” cannot become “Closed”."]


# --- assign ---------------------------------------------------------------------------------------


def test_the_head_assigns_a_team_member(login, head_a, agent_a, desk_request):
    response = login(head_a).post(
        url("request-assign", desk_request),
        {"assignee": agent_a.pk, "expected_assignee": ""},
        follow=True,
    )
    assert messages_of(response) == ["IT-0001 is assigned to Alice Agent."]
    assert fresh(desk_request).assignee == agent_a


def test_the_head_unassigns(login, head_a, agent_a, desk_request):
    services.request_take(request=desk_request, actor=agent_a)
    login(head_a).post(
        url("request-assign", desk_request), {"assignee": "", "expected_assignee": agent_a.pk}
    )
    assert fresh(desk_request).assignee is None


def test_a_stale_assign_form_is_refused(login, head_a, agent_a, agent_a2, desk_request):
    services.request_take(request=desk_request, actor=agent_a2)
    response = login(head_a).post(
        url("request-assign", desk_request),
        {"assignee": agent_a.pk, "expected_assignee": ""},
        follow=True,
    )
    assert "now Adam Agent" in messages_of(response)[0]
    assert fresh(desk_request).assignee == agent_a2


def test_an_agent_cannot_assign_a_colleague(login, agent_a, agent_a2, desk_request):
    response = login(agent_a).post(
        url("request-assign", desk_request), {"assignee": agent_a2.pk}, follow=True
    )
    assert messages_of(response) == ["You are not allowed to do that on this request."]
    assert fresh(desk_request).assignee is None


def test_an_agent_assigns_to_self(login, agent_a, agent_a2, desk_request):
    services.request_take(request=desk_request, actor=agent_a2)
    login(agent_a).post(
        url("request-assign", desk_request),
        {"assignee": agent_a.pk, "expected_assignee": agent_a2.pk},
    )
    assert fresh(desk_request).assignee == agent_a


def test_someone_outside_the_team_cannot_be_chosen(login, head_a, agent_b, desk_request):
    response = login(head_a).post(
        url("request-assign", desk_request), {"assignee": agent_b.pk}, follow=True
    )
    assert "Select a valid choice" in messages_of(response)[0]
    assert fresh(desk_request).assignee is None


# --- priority and service ---------------------------------------------------------------------


def test_an_agent_changes_the_priority(login, agent_a, desk_request):
    response = login(agent_a).post(
        url("request-priority", desk_request), {"priority": "4"}, follow=True
    )
    assert messages_of(response) == ["The priority of IT-0001 is now Urgent."]
    assert fresh(desk_request).priority == Priority.URGENT
    assert desk_request.events.filter(kind=EventKind.PRIORITY).count() == 1


def test_an_unknown_priority_is_refused(login, agent_a, desk_request):
    login(agent_a).post(url("request-priority", desk_request), {"priority": "9"})
    assert fresh(desk_request).priority == Priority.NORMAL


def test_the_head_moves_the_request_to_another_service(login, head_a, service_a2, desk_request):
    response = login(head_a).post(
        url("request-service", desk_request), {"service": service_a2.pk}, follow=True
    )
    assert messages_of(response) == ["IT-0001 moved to VPN access."]
    req = fresh(desk_request)
    assert req.service == service_a2
    assert req.due_at < desk_request.due_at  # 4 h instead of 16 h


def test_an_agent_cannot_move_a_request(login, agent_a, service_a2, desk_request):
    response = login(agent_a).post(
        url("request-service", desk_request), {"service": service_a2.pk}, follow=True
    )
    assert messages_of(response) == ["You are not allowed to do that on this request."]
    assert fresh(desk_request).service_id == desk_request.service_id


def test_another_departments_service_cannot_be_chosen(login, head_a, service_b, desk_request):
    login(head_a).post(url("request-service", desk_request), {"service": service_b.pk})
    assert fresh(desk_request).service_id == desk_request.service_id


# --- the panel on the request page ---------------------------------------------------------------


def test_the_agent_sees_the_panel_with_allowed_targets_only(login, agent_a, desk_request):
    html = login(agent_a).get(desk_request.get_absolute_url()).content.decode()
    assert "Work on this request" in html
    assert 'id="take-button"' in html
    status_select = html.split('id="staff-status"', 1)[1].split("</select>", 1)[0]
    assert 'value="in_progress"' in status_select
    assert 'value="resolved"' in status_select
    assert 'value="closed"' not in status_select
    assert 'name="expected_status" value="new"' in html
    # Agents do not assign colleagues or move requests between services.
    assert 'id="staff-assignee"' not in html
    assert 'id="staff-service"' not in html


def test_the_head_sees_assign_and_service(login, head_a, agent_a, service_a2, desk_request):
    html = login(head_a).get(desk_request.get_absolute_url()).content.decode()
    assert 'id="staff-assignee"' in html
    assert "Alice Agent" in html
    assert 'id="staff-service"' in html
    assert "VPN access" in html


def test_every_panel_control_is_labelled(login, head_a, service_a2, desk_request):
    html = login(head_a).get(desk_request.get_absolute_url()).content.decode()
    for control in ("staff-status", "staff-assignee", "staff-priority", "staff-service"):
        assert f'for="{control}"' in html


def test_the_requester_does_not_see_the_panel(login, requester, desk_request):
    html = login(requester).get(desk_request.get_absolute_url()).content.decode()
    assert "Work on this request" not in html


def test_a_resolved_request_explains_what_happens_next(login, agent_a, desk_request):
    services.request_change_status(request=desk_request, actor=agent_a, status=Status.RESOLVED)
    html = login(agent_a).get(desk_request.get_absolute_url()).content.decode()
    assert "Waiting for the requester to confirm or reopen" in html
    assert 'id="staff-status"' not in html


def test_canned_replies_are_offered_to_the_departments_staff_only(
    login, agent_a, requester, dept_a, dept_b, desk_request
):
    CannedReply.objects.create(
        department=dept_a, title="Need serial", body="Please send the serial"
    )
    CannedReply.objects.create(department=dept_a, title="Old", body="Retired", is_active=False)
    CannedReply.objects.create(department=dept_b, title="HR only", body="Payroll")
    html = login(agent_a).get(desk_request.get_absolute_url()).content.decode()
    assert 'data-insert-into="id_body"' in html
    assert 'data-body="Please send the serial"' in html
    assert "Retired" not in html
    assert "Payroll" not in html
    html = login(requester).get(desk_request.get_absolute_url()).content.decode()
    assert "Please send the serial" not in html


def test_staff_lists_reads_members_services_and_replies_in_one_query(
    django_assert_num_queries, dept_a, dept_b, head_a, agent_a, agent_a2, service_a, service_a2
):
    from departments.models import Service
    from desk.selectors import staff_lists
    from tests.factories import EmployeeFactory, MembershipFactory, ServiceFactory

    gone = EmployeeFactory(full_name="Aaron Gone", is_active=False)
    MembershipFactory(department=dept_a, employee=gone)
    MembershipFactory(department=dept_b, employee=EmployeeFactory(full_name="Bob Other"))
    Service.objects.filter(pk=service_a.pk).update(order=5)  # the catalog's order, not the name's
    ServiceFactory(department=dept_a, name="Retired", slug="retired", is_active=False)
    ServiceFactory(department=dept_b, name="Payroll", slug="payroll")
    CannedReply.objects.create(department=dept_a, title="Thanks", body="Thank you")
    CannedReply.objects.create(department=dept_a, title="Need serial", body="Send the serial")
    CannedReply.objects.create(department=dept_a, title="Old", body="Retired", is_active=False)
    CannedReply.objects.create(department=dept_b, title="HR only", body="Payroll")

    with django_assert_num_queries(1):
        lists = staff_lists(dept_a.pk, members=True, services=True, replies=True)
    assert lists.members == [
        (agent_a2.pk, "Adam Agent"),
        (agent_a.pk, "Alice Agent"),
        (head_a.pk, "Helen Head"),
    ]
    assert lists.services == [(service_a2.pk, "VPN access"), (service_a.pk, "New laptop")]
    assert [(r["title"], r["body"]) for r in lists.replies] == [
        ("Need serial", "Send the serial"),
        ("Thanks", "Thank you"),
    ]

    with django_assert_num_queries(1):
        only_replies = staff_lists(dept_a.pk, members=False, services=False, replies=True)
    assert (only_replies.members, only_replies.services) == ([], [])
    assert len(only_replies.replies) == 2
    with django_assert_num_queries(0):
        assert staff_lists(dept_a.pk, members=False, services=False, replies=False).replies == []


def test_staff_lists_names_the_services_in_the_pages_language(dept_a, service_a, service_a2):
    from django.utils import translation

    from departments.models import Service
    from desk.selectors import staff_lists

    Service.objects.filter(pk=service_a.pk).update(name_pl="Nowy laptop")
    with translation.override("pl"):
        polish = staff_lists(dept_a.pk, members=False, services=True, replies=False).services
    english = staff_lists(dept_a.pk, members=False, services=True, replies=False).services
    # No Polish name: the English one stands in, as the catalog does (departments.localized).
    assert dict(polish) == {service_a.pk: "Nowy laptop", service_a2.pk: "VPN access"}
    assert dict(english) == {service_a.pk: "New laptop", service_a2.pk: "VPN access"}
