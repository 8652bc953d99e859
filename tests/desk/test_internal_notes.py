"""Internal notes are for the department's staff only: never on the requester's page, in their
attachments, their bell or their email, whichever way the request moves afterwards."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from desk import selectors, services
from desk.models import EventKind, Notification
from tests.desk.uploads import png

pytestmark = pytest.mark.django_db

SECRET = "Root password is hunter2"


@pytest.fixture
def noted(django_capture_on_commit_callbacks, requester, agent_a, desk_request):
    """A request worked from new to resolved, with an internal note (and file) on the way."""
    with django_capture_on_commit_callbacks(execute=True):
        services.request_take(request=desk_request, actor=agent_a)
        note = services.comment_add(
            request=desk_request,
            author=agent_a,
            body=SECRET,
            internal=True,
            files=[png("secret-diagram.png")],
        )
        services.comment_add(request=desk_request, author=agent_a, body="Fixed, please check")
        services.request_change_status(request=desk_request, actor=agent_a, status="resolved")
    return note


def test_the_timeline_hides_notes_from_the_requester(requester, agent_a, desk_request, noted):
    assert noted in selectors.timeline(agent_a, desk_request)
    kinds = [event.kind for event in selectors.timeline(requester, desk_request)]
    assert EventKind.NOTE not in kinds
    assert EventKind.COMMENT in kinds


def test_the_requesters_page_does_not_show_the_note_or_its_file(
    login, requester, desk_request, noted
):
    html = login(requester).get(desk_request.get_absolute_url()).content.decode()
    assert SECRET not in html
    assert "secret-diagram.png" not in html
    assert "Fixed, please check" in html


def test_the_notes_file_is_404_for_the_requester(login, requester, agent_a, desk_request, noted):
    token = noted.attachments.get().token
    path = reverse(
        "desk:attachment-download",
        args=[desk_request.department.code, f"{desk_request.number:04d}", token],
    )
    assert login(requester).get(path).status_code == 404
    assert login(agent_a).get(path).status_code == 200


def test_no_notification_or_email_carries_the_note(requester, noted):
    assert not Notification.objects.filter(event=noted).exists()
    assert len(mail.outbox) == 3  # in progress, the reply, resolved
    for message in mail.outbox:
        assert SECRET not in message.subject + message.body
        assert "secret-diagram" not in message.body


def test_the_bell_list_does_not_show_the_note(login, requester, noted):
    html = login(requester).get(reverse("desk:notifications")).content.decode()
    assert SECRET not in html
