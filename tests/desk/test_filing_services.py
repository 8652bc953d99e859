"""desk.services for the requester's side: filing, commenting, cancelling; attachments on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from departments.models import Department
from desk import services
from desk.models import Attachment, Event, EventKind, Priority, Request, Status
from tests.desk import uploads
from tests.factories import file_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()]


def test_filing_numbers_requests_per_department(requester, service_a, service_a2, service_b):
    first = file_request(requester, service_a)
    second = file_request(requester, service_a2)
    other = file_request(requester, service_b)
    assert [first.reference, second.reference, other.reference] == ["IT-0001", "IT-0002", "HR-0001"]
    assert Department.objects.get(code="IT").last_request_number == 2


def test_filing_records_what_was_asked(requester, service_a):
    extra = [{"field": 1, "label": "Cost centre", "kind": "text", "value": "CC-1"}]
    request = file_request(
        requester,
        service_a,
        title="  Laptop  ",
        description=" For Marta ",
        priority=Priority.URGENT,
        extra=extra,
    )
    request.refresh_from_db()
    assert request.title == "Laptop"
    assert request.description == "For Marta"
    assert request.priority == Priority.URGENT
    assert request.extra == extra
    assert request.status == Status.NEW
    assert request.client_type == requester.client_type
    assert request.department_id == service_a.department_id
    assert request.due_at is not None


def test_filing_writes_the_filed_event(requester, service_a):
    request = file_request(requester, service_a)
    event = Event.objects.get(request=request)
    assert (event.kind, event.actor, event.new_value) == (EventKind.FILED, requester, Status.NEW)


def test_filing_stores_attachments_on_the_filed_event(requester, service_a, media):
    request = file_request(requester, service_a, files=[uploads.png(), uploads.pdf()])
    attachments = list(request.attachments.order_by("pk"))
    assert [a.name for a in attachments] == ["screenshot.png", "quote.pdf"]
    assert [a.content_type for a in attachments] == ["image/png", "application/pdf"]
    assert {a.event.kind for a in attachments} == {EventKind.FILED}
    assert attachments[0].file.read() == uploads.png_bytes()
    # Stored under a random token, never under the name the user chose.
    assert all(a.token in a.file.name and a.name not in a.file.name for a in attachments)
    assert len(_stored_files(media)) == 2


def test_filing_refuses_an_inactive_service(requester, service_a):
    service_a.is_active = False
    service_a.save()
    with pytest.raises(ValidationError):
        file_request(requester, service_a)
    assert not Request.objects.exists()


def test_filing_refuses_a_service_of_an_inactive_department(requester, service_a, dept_a):
    dept_a.is_active = False
    dept_a.save()
    with pytest.raises(ValidationError):
        file_request(requester, service_a)


def test_filing_refuses_too_many_files(requester, service_a, settings, media):
    settings.DESK_MAX_ATTACHMENTS = 1
    with pytest.raises(ValidationError):
        file_request(requester, service_a, files=[uploads.png(), uploads.pdf()])
    assert not Request.objects.exists()
    assert not _stored_files(media)


def test_a_bad_file_leaves_nothing_behind(requester, service_a, dept_a, media):
    with pytest.raises(ValidationError):
        file_request(requester, service_a, files=[uploads.png(), uploads.exe()])
    assert not Request.objects.exists()
    assert not Attachment.objects.exists()
    assert not _stored_files(media)
    dept_a.refresh_from_db()
    assert dept_a.last_request_number == 0


def test_the_requester_comments_with_a_file(desk_request, requester, media):
    before = desk_request.last_activity_at
    event = services.comment_add(
        request=desk_request, author=requester, body=" Any news? ", files=[uploads.text()]
    )
    assert (event.kind, event.body) == (EventKind.COMMENT, "Any news?")
    assert [a.name for a in event.attachments.all()] == ["notes.txt"]
    desk_request.refresh_from_db()
    assert desk_request.last_activity_at > before
    # The requester talking is not the department's first response.
    assert desk_request.first_response_at is None


def test_the_requester_may_not_write_internal_notes(desk_request, requester):
    with pytest.raises(ValidationError):
        services.comment_add(request=desk_request, author=requester, body="x", internal=True)
    assert not desk_request.events.filter(kind=EventKind.NOTE).exists()


def test_an_outsider_may_not_comment(desk_request, outsider):
    with pytest.raises(ValidationError):
        services.comment_add(request=desk_request, author=outsider, body="hello")


def test_an_empty_comment_is_refused(desk_request, requester):
    with pytest.raises(ValidationError) as exc_info:
        services.comment_add(request=desk_request, author=requester, body="  ")
    assert "body" in exc_info.value.error_dict


def test_the_requester_cancels_a_new_request_with_a_reason(desk_request, requester):
    services.request_cancel(request=desk_request, actor=requester, reason="Found a spare one.")
    desk_request.refresh_from_db()
    assert desk_request.status == Status.CANCELLED
    assert desk_request.closed_at is not None
    kinds = list(desk_request.events.values_list("kind", "new_value", "body"))
    assert kinds[1:] == [
        (EventKind.STATUS, Status.CANCELLED, ""),
        (EventKind.COMMENT, "", "Found a spare one."),
    ]


def test_cancelling_without_a_reason_adds_no_comment(desk_request, requester):
    services.request_cancel(request=desk_request, actor=requester)
    assert not desk_request.events.filter(kind=EventKind.COMMENT).exists()


def test_a_started_request_cannot_be_cancelled_by_the_requester(desk_request, requester, agent_a):
    services.request_take(request=desk_request, actor=agent_a)
    with pytest.raises(ValidationError):
        services.request_cancel(request=desk_request, actor=requester)
    desk_request.refresh_from_db()
    assert desk_request.status == Status.IN_PROGRESS


def test_someone_else_cannot_cancel_through_the_requester_action(desk_request, agent_a):
    with pytest.raises(ValidationError):
        services.request_cancel(request=desk_request, actor=agent_a)
