"""Admin for requests (read-mostly), canned replies and notifications."""

from __future__ import annotations

import pytest
from django.urls import reverse

from desk import services
from desk.models import CannedReply

pytestmark = pytest.mark.django_db


def test_the_request_list_filters_and_shows_references(login, admin_user, desk_request):
    response = login(admin_user).get(
        reverse("admin:desk_request_changelist") + "?status__exact=new"
    )
    assert response.status_code == 200
    assert "IT-0001" in response.content.decode()


def test_a_request_shows_its_timeline_read_only(login, admin_user, agent_a, desk_request):
    services.comment_add(request=desk_request, author=agent_a, body="Team only", internal=True)
    response = login(admin_user).get(reverse("admin:desk_request_change", args=[desk_request.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Team only" in html
    assert 'name="status"' not in html  # the state changes only through the workflow
    assert 'name="events-0-body"' not in html


def test_requests_are_not_added_in_the_admin(login, admin_user):
    response = login(admin_user).get(reverse("admin:desk_request_add"))
    assert response.status_code == 403


def test_an_admin_adds_a_canned_reply(login, admin_user, dept_a):
    response = login(admin_user).post(
        reverse("admin:desk_cannedreply_add"),
        {"department": dept_a.pk, "title": "Restart", "body": "Please restart.", "is_active": "on"},
    )
    assert response.status_code == 302
    assert CannedReply.objects.get().department == dept_a


def test_the_notification_list_loads(login, admin_user, agent_a, desk_request):
    services.comment_add(request=desk_request, author=agent_a, body="Hello")
    response = login(admin_user).get(reverse("admin:desk_notification_changelist"))
    assert response.status_code == 200


def test_admins_edit_the_attachment_allowlist(client, admin_user):
    from desk.models import AllowedFileType

    client.force_login(admin_user)
    assert client.get(reverse("admin:desk_allowedfiletype_changelist")).status_code == 200
    response = client.post(
        reverse("admin:desk_allowedfiletype_add"),
        {"extension": "zip", "kind": "application/zip", "is_active": "on"},
    )
    assert response.status_code == 302
    assert AllowedFileType.objects.get(extension="zip").is_active
    refused = client.post(
        reverse("admin:desk_allowedfiletype_add"),
        {"extension": "lnk", "kind": "application/zip", "is_active": "on"},
    )
    assert refused.status_code == 200
    assert not AllowedFileType.objects.filter(extension="lnk").exists()
