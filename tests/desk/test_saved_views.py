"""Saved queue views: a name for a set of filters, private or shared with the department."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from desk.models import SavedView
from desk.queue import QueueFilters, saved_view_delete, saved_view_save

pytestmark = pytest.mark.django_db


def save_url(department) -> str:
    return reverse("desk:queue-view-save", args=[department.slug])


def delete_url(view) -> str:
    return reverse("desk:queue-view-delete", args=[view.department.slug, view.pk])


def queue_url(department) -> str:
    return reverse("desk:queue", args=[department.slug])


def test_it_saves_the_current_filters_and_returns_to_them(login, agent_a, dept_a, service_a):
    client = login(agent_a)
    query = f"service={service_a.pk}&sort=-priority&state=all"
    response = client.post(save_url(dept_a), {"name": "  Laptops,   everything ", "query": query})
    view = SavedView.objects.get()
    assert (view.owner, view.department, view.name, view.shared) == (
        agent_a,
        dept_a,
        "Laptops, everything",
        False,
    )
    assert view.query == f"state=all&service={service_a.pk}&sort=-priority"
    assert response.status_code == 302
    assert response["Location"] == f"{queue_url(dept_a)}?{view.query}"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "View “Laptops, everything” saved." in html
    link = f"{queue_url(dept_a)}?{view.query}".replace("&", "&amp;")
    assert f'href="{link}" aria-current="true">Laptops, everything' in html


def test_only_allowlisted_values_are_stored(login, agent_a, agent_b, dept_a, service_b):
    crafted = (
        f"sort=password&state=;drop&service={service_b.pk}&assignee={agent_b.pk}"
        "&evil=1&priority=4&q=vpn"
    )
    login(agent_a).post(save_url(dept_a), {"name": "Crafted", "query": crafted})
    assert SavedView.objects.get().query == "priority=4&q=vpn"


def test_a_shared_view_shows_to_the_team_and_a_private_one_does_not(
    login, agent_a, agent_a2, head_a, dept_a
):
    client = login(agent_a)
    client.post(save_url(dept_a), {"name": "Team view", "query": "state=new", "shared": "1"})
    client.post(save_url(dept_a), {"name": "My secret", "query": "state=waiting"}, follow=True)
    html = login(agent_a2).get(queue_url(dept_a)).content.decode()
    assert "Team view" in html
    assert "Shared by Alice Agent" in html
    assert "My secret" not in html
    # Teammates do not get a delete button for someone else's view.
    assert "queue-views__delete" not in html
    assert "My secret" in login(agent_a).get(queue_url(dept_a)).content.decode()


def test_another_departments_staff_never_see_them(login, agent_a, agent_b, dept_a, dept_b):
    login(agent_a).post(save_url(dept_a), {"name": "Team view", "query": "", "shared": "1"})
    view = SavedView.objects.get()
    client = login(agent_b)
    assert client.get(queue_url(dept_a)).status_code == 404
    assert "Team view" not in client.get(queue_url(dept_b)).content.decode()
    assert client.post(delete_url(view)).status_code == 404
    assert client.post(save_url(dept_a), {"name": "Sneaky"}).status_code == 404
    assert SavedView.objects.count() == 1


@pytest.mark.parametrize("person", ["requester", "outsider"])
def test_people_outside_any_team_get_404(request, login, dept_a, agent_a, person):
    login(agent_a).post(save_url(dept_a), {"name": "Team view", "shared": "1"})
    view = SavedView.objects.get()
    client = login(request.getfixturevalue(person))
    assert client.post(save_url(dept_a), {"name": "X"}).status_code == 404
    assert client.post(delete_url(view)).status_code == 404


def test_the_owner_deletes_their_view(login, agent_a, dept_a):
    client = login(agent_a)
    client.post(save_url(dept_a), {"name": "Old", "query": "state=new", "shared": "1"})
    view = SavedView.objects.get()
    response = client.post(delete_url(view))
    assert response.status_code == 302
    assert response["Location"] == queue_url(dept_a)
    assert not SavedView.objects.exists()
    assert "View “Old” deleted." in client.get(queue_url(dept_a)).content.decode()


def test_a_teammate_cannot_delete_a_shared_view(login, agent_a, head_a, dept_a):
    login(agent_a).post(save_url(dept_a), {"name": "Shared", "shared": "on"})
    view = SavedView.objects.get()
    assert login(head_a).post(delete_url(view)).status_code == 404
    assert SavedView.objects.filter(pk=view.pk).exists()


def test_the_department_in_the_url_must_match_the_view(login, agent_a, dept_a, dept_b):
    from departments.models import Role
    from tests.factories import MembershipFactory

    MembershipFactory(department=dept_b, employee=agent_a, role=Role.AGENT)
    login(agent_a).post(save_url(dept_a), {"name": "IT only"})
    view = SavedView.objects.get()
    url = reverse("desk:queue-view-delete", args=[dept_b.slug, view.pk])
    assert login(agent_a).post(url).status_code == 404


def test_it_rejects_get(login, agent_a, dept_a):
    client = login(agent_a)
    assert client.get(save_url(dept_a)).status_code == 405
    client.post(save_url(dept_a), {"name": "V"})
    assert client.get(delete_url(SavedView.objects.get())).status_code == 405


def test_a_name_is_required(login, agent_a, dept_a):
    client = login(agent_a)
    response = client.post(save_url(dept_a), {"name": "   ", "query": "state=new"}, follow=True)
    assert "Give the view a name." in response.content.decode()
    assert not SavedView.objects.exists()
    # Back to the same filters, so nothing the person set up is lost.
    assert response.redirect_chain[-1][0] == f"{queue_url(dept_a)}?state=new"


def test_saving_under_the_same_name_replaces_the_filters(login, agent_a, dept_a):
    client = login(agent_a)
    client.post(save_url(dept_a), {"name": "Mine", "query": "state=new"})
    client.post(save_url(dept_a), {"name": "Mine", "query": "state=waiting", "shared": "1"})
    view = SavedView.objects.get()
    assert (view.query, view.shared) == ("state=waiting", True)


def test_service_validates_and_only_the_owner_deletes(agent_a, agent_a2, dept_a):
    with pytest.raises(ValidationError):
        saved_view_save(owner=agent_a, department=dept_a, name="x" * 81, filters=QueueFilters())
    view = saved_view_save(
        owner=agent_a, department=dept_a, name="Due soon", filters=QueueFilters(sort="-due")
    )
    assert view.query == "sort=-due"
    with pytest.raises(ValidationError):
        saved_view_delete(view=view, actor=agent_a2)
    saved_view_delete(view=view, actor=agent_a)
    assert not SavedView.objects.exists()


def test_names_are_unique_per_owner_and_department(agent_a, agent_a2, dept_a):
    SavedView.objects.create(owner=agent_a, department=dept_a, name="Same")
    SavedView.objects.create(owner=agent_a2, department=dept_a, name="Same")
    with pytest.raises(IntegrityError):
        SavedView.objects.create(owner=agent_a, department=dept_a, name="Same")


def test_a_stored_query_is_parsed_again_when_listed(login, agent_a, dept_a):
    # Even a row edited by hand (admin, old release) only ever yields allowlisted links.
    SavedView.objects.create(
        owner=agent_a, department=dept_a, name="Hand-made", query="sort=password&state=new"
    )
    html = login(agent_a).get(queue_url(dept_a)).content.decode()
    assert f'href="{queue_url(dept_a)}?state=new"' in html
    assert "password" not in html
