"""Who hears about what: bell entries and emails, after commit, by preference, never about notes."""

from __future__ import annotations

from datetime import datetime, timedelta
from smtplib import SMTPException
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import DatabaseError
from django.urls import NoReverseMatch

from desk import notifications, services, tasks
from desk.models import (
    Notification,
    NotificationKind,
    NotificationPreference,
    Request,
    Status,
)
from tests.factories import EmployeeFactory, MembershipFactory, file_request

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")
SECRET = "The admin password is hunter2"


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run a block and the emails it enqueues after commit (tasks run eagerly in tests)."""

    def _send(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return _send


def kinds(person) -> list[str]:
    return list(Notification.objects.filter(recipient=person).values_list("kind", flat=True))


# --- the requester ------------------------------------------------------------------------------


def test_a_public_reply_emails_the_requester_with_a_link(send, requester, agent_a, desk_request):
    mail.outbox.clear()
    send(services.comment_add, request=desk_request, author=agent_a, body="Which model?")
    assert kinds(requester) == [NotificationKind.REPLY]
    (message,) = mail.outbox
    assert message.to == ["olga@example.com"]
    assert "[IT-0001]" in message.subject
    assert "Which model?" in message.body
    assert "http://testserver/requests/IT-0001/" in message.body
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert Notification.objects.get(recipient=requester).emailed_at is not None


def test_an_internal_note_never_reaches_the_requester(
    send, login, requester, agent_a, agent_a2, desk_request
):
    services.request_take(request=desk_request, actor=agent_a2)
    Notification.objects.all().delete()
    mail.outbox.clear()
    send(services.comment_add, request=desk_request, author=agent_a, body=SECRET, internal=True)
    assert Notification.objects.count() == 0
    assert mail.outbox == []
    # Later mail about the same request does not carry it either.
    send(services.comment_add, request=desk_request, author=agent_a, body="Nearly done")
    send(services.request_change_status, request=desk_request, actor=agent_a, status="resolved")
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert SECRET not in message.subject + message.body
    # Nor the request page, nor the bell.
    client = login(requester)
    assert SECRET not in client.get(desk_request.get_absolute_url()).content.decode()
    assert SECRET not in client.get("/notifications/").content.decode()


def test_the_requester_hears_about_state_changes(send, requester, agent_a, desk_request):
    mail.outbox.clear()
    send(services.request_change_status, request=desk_request, actor=agent_a, status="waiting")
    (message,) = mail.outbox
    assert "Waiting on requester" in message.subject
    assert "needs something from you" in message.body
    assert kinds(requester) == [NotificationKind.STATUS]


def test_the_resolve_email_links_to_the_request_and_the_rating(
    send, requester, agent_a, desk_request
):
    mail.outbox.clear()
    send(services.request_change_status, request=desk_request, actor=agent_a, status="resolved")
    (message,) = mail.outbox
    assert kinds(requester) == [NotificationKind.RESOLVED]
    assert "http://testserver/requests/IT-0001/" in message.body
    assert notifications.rate_url(desk_request) in message.body
    assert "Resolved" in message.subject


def test_the_rating_link_falls_back_to_the_request_page(monkeypatch, desk_request):
    # Before the feedback app provides its rating page, the link points at the request page.
    def missing(*args, **kwargs):
        raise NoReverseMatch("feedback:rate")

    monkeypatch.setattr(notifications, "reverse", missing)
    assert notifications.rate_url(desk_request) == "http://testserver/requests/IT-0001/#rate"


def test_taking_a_new_request_tells_the_requester_it_started(
    send, requester, agent_a, desk_request
):
    mail.outbox.clear()
    send(services.request_take, request=desk_request, actor=agent_a)
    assert kinds(requester) == [NotificationKind.STATUS]
    assert kinds(agent_a) == []  # the actor is not told about their own action
    assert [m.to for m in mail.outbox] == [["olga@example.com"]]


def test_the_requester_is_not_told_about_their_own_actions(send, requester, desk_request):
    mail.outbox.clear()
    send(services.comment_add, request=desk_request, author=requester, body="More details")
    send(services.request_cancel, request=desk_request, actor=requester)
    assert kinds(requester) == []
    assert mail.outbox == []


def test_auto_close_tells_the_requester(send, requester, agent_a, desk_request, settings):
    settings.DESK_REOPEN_WINDOW_DAYS = 0
    services.request_change_status(request=desk_request, actor=agent_a, status="resolved")
    mail.outbox.clear()
    assert send(tasks.close_expired_resolved.delay).get() == 1
    (message,) = mail.outbox
    assert "closed automatically" in message.body


# --- staff ------------------------------------------------------------------------------------


def test_the_assignee_hears_about_an_assignment_by_the_head(send, head_a, agent_a, desk_request):
    mail.outbox.clear()
    send(services.request_assign, request=desk_request, actor=head_a, assignee=agent_a)
    assert kinds(agent_a) == [NotificationKind.ASSIGNED]
    assert kinds(head_a) == []
    (message,) = mail.outbox
    assert message.to == ["alice@example.com"]
    assert "Assigned to you" in message.subject
    assert "Helen Head assigned request IT-0001" in message.body


def test_assigning_yourself_makes_no_notification(send, agent_a, desk_request):
    send(services.request_assign, request=desk_request, actor=agent_a, assignee=agent_a)
    assert kinds(agent_a) == []


def test_the_assignee_hears_what_the_requester_does(send, requester, agent_a, desk_request):
    services.request_take(request=desk_request, actor=agent_a)
    services.request_change_status(request=desk_request, actor=agent_a, status="waiting")
    mail.outbox.clear()
    # The answer while waiting moves the request on; the assignee gets one notification, not two.
    send(services.comment_add, request=desk_request, author=requester, body="Serial 123")
    assert kinds(agent_a) == [NotificationKind.REQUESTER_ACTIVITY]
    (message,) = mail.outbox
    assert "Serial 123" in message.body
    send(services.request_change_status, request=desk_request, actor=agent_a, status="resolved")
    send(services.request_reopen, request=desk_request, actor=requester, reason="Still slow")
    assert kinds(agent_a).count(NotificationKind.REQUESTER_ACTIVITY) == 2
    assert "Still slow" in mail.outbox[-1].body


# --- preferences ------------------------------------------------------------------------------


def test_switching_email_off_keeps_the_bell(send, requester, agent_a, desk_request):
    NotificationPreference.objects.create(
        employee=requester, kind=NotificationKind.REPLY, in_app=True, email=False
    )
    mail.outbox.clear()
    send(services.comment_add, request=desk_request, author=agent_a, body="Hello")
    assert mail.outbox == []
    notification = Notification.objects.get(recipient=requester)
    assert notification.in_app
    assert not notification.email


def test_switching_the_bell_off_keeps_the_email(send, requester, agent_a, desk_request):
    NotificationPreference.objects.create(
        employee=requester, kind=NotificationKind.REPLY, in_app=False, email=True
    )
    mail.outbox.clear()
    send(services.comment_add, request=desk_request, author=agent_a, body="Hello")
    assert len(mail.outbox) == 1
    assert notifications.unread_count(requester) == 0


def test_switching_a_kind_off_entirely_makes_nothing(send, requester, agent_a, desk_request):
    NotificationPreference.objects.create(
        employee=requester, kind=NotificationKind.REPLY, in_app=False, email=False
    )
    mail.outbox.clear()
    send(services.comment_add, request=desk_request, author=agent_a, body="Hello")
    assert Notification.objects.filter(recipient=requester).count() == 0
    assert mail.outbox == []
    # Other kinds are still on.
    send(services.request_change_status, request=desk_request, actor=agent_a, status="waiting")
    assert len(mail.outbox) == 1


def test_switching_email_off_after_the_notification_was_made_is_respected(
    django_capture_on_commit_callbacks, requester, agent_a, desk_request
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.comment_add(request=desk_request, author=agent_a, body="Hello")
    NotificationPreference.objects.create(
        employee=requester, kind=NotificationKind.REPLY, in_app=True, email=False
    )
    for callback in callbacks:
        callback()
    assert mail.outbox == []
    assert Notification.objects.get(recipient=requester).email is False


# --- the email task -------------------------------------------------------------------------------


def test_the_email_task_sends_once(django_capture_on_commit_callbacks, agent_a, desk_request):
    with django_capture_on_commit_callbacks(execute=False):
        services.comment_add(request=desk_request, author=agent_a, body="Hello")
    notification = Notification.objects.get()
    mail.outbox.clear()
    assert tasks.send_notification_email.delay(notification.pk).get() is True
    assert tasks.send_notification_email.delay(notification.pk).get() is False
    assert len(mail.outbox) == 1


def test_the_email_task_ignores_an_unknown_id(db):
    assert tasks.send_notification_email.delay(987654).get() is False


def test_a_deactivated_person_gets_no_email(
    django_capture_on_commit_callbacks, requester, agent_a, desk_request
):
    with django_capture_on_commit_callbacks(execute=False):
        services.comment_add(request=desk_request, author=agent_a, body="Hello")
    requester.is_active = False
    requester.save()
    mail.outbox.clear()
    assert tasks.send_notification_email.delay(Notification.objects.get().pk).get() is False
    assert mail.outbox == []


def test_the_email_task_retries_a_failing_mail_server():
    task = tasks.send_notification_email
    assert task.acks_late is True
    assert SMTPException in task.autoretry_for
    assert DatabaseError in task.autoretry_for or any(
        issubclass(cls, DatabaseError) for cls in task.autoretry_for
    )
    assert task.retry_backoff_max <= 600  # far below the broker's visibility timeout (3600 s)


def test_emails_are_written_in_the_recipients_language(send, requester, agent_a, desk_request):
    requester.language = "pl"
    requester.save()
    mail.outbox.clear()
    send(services.comment_add, request=desk_request, author=agent_a, body="Hello")
    assert len(mail.outbox) == 1  # rendered under translation.override("pl") without error


def test_the_sweep_resends_emails_whose_task_was_lost(
    django_capture_on_commit_callbacks, agent_a, desk_request
):
    with time_machine.travel(datetime(2025, 3, 3, 9, tzinfo=WARSAW), tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=False):
            services.comment_add(request=desk_request, author=agent_a, body="Hello")
        mail.outbox.clear()
        assert tasks.sweep_unsent_emails.delay().get() == 0  # too fresh: its task may be queued
        clock.shift(timedelta(minutes=11))
        assert tasks.sweep_unsent_emails.delay().get() == 1
        assert len(mail.outbox) == 1
        assert tasks.sweep_unsent_emails.delay().get() == 0


# --- overdue ------------------------------------------------------------------------------------


@pytest.fixture
def second_head(dept_a):
    person = EmployeeFactory(email="hugo@example.com", full_name="Hugo Head")
    MembershipFactory(department=dept_a, employee=person, role="head")
    return person


def test_heads_hear_once_about_an_overdue_request(
    send, requester, head_a, second_head, agent_a, service_a2
):
    with time_machine.travel(datetime(2025, 3, 3, 9, tzinfo=WARSAW), tick=False) as clock:
        late = file_request(requester, service_a2)  # 4 h target: due at 13:00
        on_time = file_request(requester, service_a2, title="Not yet late")
        clock.move_to(datetime(2025, 3, 3, 12, tzinfo=WARSAW))
        on_time.due_at = datetime(2025, 3, 3, 15, tzinfo=WARSAW)
        Request.objects.filter(pk=on_time.pk).update(due_at=on_time.due_at)
        clock.move_to(datetime(2025, 3, 3, 14, tzinfo=WARSAW))
        mail.outbox.clear()
        assert send(tasks.notify_overdue.delay).get() == 1
        assert send(tasks.notify_overdue.delay).get() == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["helen@example.com", "hugo@example.com"]
    assert "Overdue" in mail.outbox[0].subject
    assert kinds(head_a) == [NotificationKind.OVERDUE]
    assert kinds(agent_a) == []
    late.refresh_from_db()
    assert late.overdue_notified_at == datetime(2025, 3, 3, 14, tzinfo=WARSAW)


def test_a_waiting_request_is_not_overdue(send, requester, head_a, agent_a, service_a2):
    with time_machine.travel(datetime(2025, 3, 3, 9, tzinfo=WARSAW), tick=False) as clock:
        req = file_request(requester, service_a2)
        services.request_change_status(request=req, actor=agent_a, status=Status.WAITING)
        clock.move_to(datetime(2025, 3, 5, 9, tzinfo=WARSAW))
        Notification.objects.all().delete()
        assert send(notifications.requests_notify_overdue) == 0
    assert kinds(head_a) == []
    assert Request.objects.get(pk=req.pk).overdue_notified_at is None


def test_a_resolved_request_is_not_overdue(requester, head_a, agent_a, service_a2):
    with time_machine.travel(datetime(2025, 3, 3, 9, tzinfo=WARSAW), tick=False) as clock:
        req = file_request(requester, service_a2)
        services.request_change_status(request=req, actor=agent_a, status=Status.RESOLVED)
        clock.move_to(datetime(2025, 3, 5, 9, tzinfo=WARSAW))
        assert notifications.requests_notify_overdue() == 0


# --- reading ------------------------------------------------------------------------------------


def test_marking_read_touches_only_the_persons_own(requester, agent_a, head_a, desk_request):
    services.comment_add(request=desk_request, author=agent_a, body="Hello")
    services.request_assign(request=desk_request, actor=head_a, assignee=agent_a)
    assert notifications.unread_count(requester) == 1
    mine = Notification.objects.get(recipient=agent_a)
    assert notifications.notifications_mark_read(user=requester, ids=[mine.pk]) == 0
    assert notifications.unread_count(agent_a) == 1
    assert notifications.notifications_mark_read(user=requester) == 1
    assert notifications.unread_count(requester) == 0
