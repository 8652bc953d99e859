"""“My work”: the requests assigned to me across the departments I serve."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from departments.models import Membership, Role
from desk import permissions
from desk.models import Request, Status
from tests.desk.queue_data import add_requests
from tests.factories import MembershipFactory, file_request

pytestmark = pytest.mark.django_db

URL = reverse("desk:my-work")


def _set(req, **fields) -> None:
    Request.objects.filter(pk=req.pk).update(**fields)


@pytest.fixture
def agent_in_two_teams(agent_a, dept_b):
    MembershipFactory(department=dept_b, employee=agent_a, role=Role.AGENT)
    return agent_a


def test_it_lists_my_requests_from_all_my_teams_open_first_by_due(
    login, agent_in_two_teams, agent_a2, requester, service_a, service_b
):
    now = timezone.now()
    later_it = file_request(requester, service_a, title="later IT")
    soon_hr = file_request(requester, service_b, title="soon HR")
    undated = file_request(requester, service_a, title="no due time")
    done = file_request(requester, service_b, title="done HR")
    someone_elses = file_request(requester, service_a, title="not mine")
    unassigned = file_request(requester, service_a, title="nobody's")
    _set(later_it, assignee=agent_in_two_teams, due_at=now + timedelta(hours=6))
    _set(
        soon_hr,
        assignee=agent_in_two_teams,
        status=Status.IN_PROGRESS,
        due_at=now - timedelta(hours=1),
    )
    _set(undated, assignee=agent_in_two_teams, status=Status.WAITING, due_at=None)
    _set(done, assignee=agent_in_two_teams, status=Status.RESOLVED, due_at=now - timedelta(days=2))
    _set(someone_elses, assignee=agent_a2)
    response = login(agent_in_two_teams).get(URL)
    assert response.status_code == 200
    titles = [req.title for req in response.context["page"].object_list]
    assert titles == ["soon HR", "later IT", "no due time", "done HR"]
    html = response.content.decode()
    assert "not mine" not in html
    assert unassigned.title not in html
    assert "overdue by 1 h" in html
    assert 'class="is-overdue"' in html
    # Links to each of my queues.
    assert reverse("desk:queue", args=["it"]) in html
    assert reverse("desk:queue", args=["hr"]) in html


def test_it_leaves_out_departments_i_no_longer_serve(login, agent_a, dept_a, requester, service_a):
    mine = file_request(requester, service_a)
    _set(mine, assignee=agent_a)
    other = MembershipFactory(employee=agent_a, role=Role.AGENT)
    Membership.objects.filter(employee=agent_a, department=dept_a).delete()
    permissions.forget(agent_a)
    assert other.department_id != dept_a.pk
    response = login(agent_a).get(URL)
    assert list(response.context["page"].object_list) == []
    assert "Nothing is assigned to you right now." in response.content.decode()


@pytest.mark.parametrize("person", ["requester", "outsider", "admin_user"])
def test_it_is_404_for_people_in_no_team(request, login, person):
    assert login(request.getfixturevalue(person)).get(URL).status_code == 404


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302


def test_it_rejects_post(login, agent_a):
    assert login(agent_a).post(URL).status_code == 405


@pytest.mark.parametrize("count", [10, 200])
def test_query_count_does_not_grow_with_rows(
    count, login, agent_a, requester, service_a, django_assert_max_num_queries
):
    add_requests(service_a, requester, count, assignees=[agent_a])
    client = login(agent_a)
    # session, user, memberships, page count, page rows, nav departments, bell (+1 spare).
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    assert len(response.context["page"].object_list) == min(count, 50)
