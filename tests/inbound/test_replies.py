"""Answers to Desk's emails become comments, for people who may comment, at processing time."""

from __future__ import annotations

import pytest
from django.core import mail as outbox

from departments.models import Membership
from desk import permissions, services
from desk.models import Attachment, Event, EventKind, Request, Status
from inbound.models import InboundAddress, Outcome, ProcessedMessage
from tests.factories import EmployeeFactory, file_request
from tests.inbound.messages import PNG, mail

pytestmark = pytest.mark.django_db

QUOTED = (
    "Thanks, it works now.\n\n"
    "Best,\nOlga\n-- \nOlga Operational | Finance\n\n"
    "On Mon, 7 Dec 2026 at 10:00, Desk <desk@example.com> wrote:\n"
    "> Alice Agent replied to your request IT-0001:\n> Please restart it.\n"
)


@pytest.fixture
def desk_request(it_address, requester, service_a):
    return file_request(requester, service_a, title="Printer jams")


@pytest.fixture
def notification(desk_request, agent_a, django_capture_on_commit_callbacks, mailbox):
    """The requester's email about the agent's reply, as Desk sent it."""
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(request=desk_request, author=agent_a, body="Please restart it.")
    [email] = outbox.outbox
    outbox.outbox.clear()
    return email


def answer(notification, *, sender="Olga <olga@example.com>", text=QUOTED, **kwargs) -> bytes:
    headers = {
        "In-Reply-To": notification.extra_headers["Message-ID"],
        "References": notification.extra_headers["References"]
        + " "
        + notification.extra_headers["Message-ID"],
    }
    return mail(
        sender=sender,
        to=notification.reply_to[0],
        subject=f"Re: {notification.subject}",
        text=text,
        headers=headers,
        **kwargs,
    )


def comments(request) -> list[tuple]:
    return list(
        Event.objects.filter(request=request, kind=EventKind.COMMENT)
        .order_by("pk")
        .values_list("actor__email", "body")
    )


def test_desks_emails_say_where_answers_go_and_thread(notification, desk_request):
    ref = f"IT-{desk_request.number}"
    assert notification.reply_to == ["desk+it@example.com"]
    assert notification.extra_headers["Message-ID"].startswith("<notification.")
    assert notification.extra_headers["Message-ID"].endswith(f".{ref}@example.com>")
    assert notification.extra_headers["In-Reply-To"] == f"<request.{ref}@example.com>"
    assert notification.extra_headers["References"] == f"<request.{ref}@example.com>"
    assert notification.subject.startswith(f"[{desk_request.reference}]")


def test_an_answer_to_a_notification_becomes_a_comment(
    mailbox, notification, desk_request, poll, agent_a
):
    mailbox.deliver(answer(notification))
    assert poll() == 1
    assert comments(desk_request)[-1] == (
        "olga@example.com",
        "Thanks, it works now.\n\nBest,\nOlga",
    )
    record = ProcessedMessage.objects.get()
    assert (record.outcome, record.request) == (Outcome.COMMENTED, desk_request)
    # The assignee hears about it as about a reply in the browser; the sender gets no answer.
    assert [email.to for email in outbox.outbox] == []  # nobody is assigned yet
    assert Request.objects.count() == 1


def test_a_subject_reference_alone_is_enough(mailbox, desk_request, requester, poll):
    mailbox.deliver(
        mail(subject=f"Re: [{desk_request.reference}] New reply: Printer jams", text="Any news?")
    )
    poll()
    assert comments(desk_request) == [("olga@example.com", "Any news?")]


def test_subject_words_alone_never_match(mailbox, desk_request, requester, poll):
    mailbox.deliver(mail(subject="Re: Printer jams", text="Same problem again."))
    poll()
    assert comments(desk_request) == []
    assert Request.objects.count() == 2
    assert ProcessedMessage.objects.get().outcome == Outcome.FILED


def test_staff_answer_by_email_as_a_public_reply(
    mailbox, desk_request, agent_a, poll, django_capture_on_commit_callbacks
):
    mailbox.deliver(
        mail(
            sender="alice@example.com",
            subject=f"[{desk_request.reference}] Printer jams",
            text="On my way.",
            attachments=(("diagram.png", PNG, "image/png"),),
        )
    )
    poll()
    assert comments(desk_request) == [("alice@example.com", "On my way.")]
    desk_request.refresh_from_db()
    assert desk_request.first_response_at is not None
    assert Attachment.objects.get(request=desk_request).name == "diagram.png"
    # The requester is told, as for a reply in the browser.
    assert [email.to for email in outbox.outbox] == [["olga@example.com"]]


def test_someone_who_may_not_comment_is_refused_without_a_hint(
    mailbox, notification, desk_request, poll
):
    EmployeeFactory(email="mallory@example.com", full_name="Mallory")
    mailbox.deliver(answer(notification, sender="mallory@example.com", text="Let me in"))
    mailbox.deliver(
        mail(sender="mallory@example.com", subject="Re: [IT-0999] Something", text="Hello?")
    )
    assert poll() == 2
    assert comments(desk_request) == [("alice@example.com", "Please restart it.")]
    records = list(ProcessedMessage.objects.order_by("pk"))
    assert [r.outcome for r in records] == [Outcome.REFUSED, Outcome.REFUSED]
    assert records[0].request is None
    bodies = [email.body for email in outbox.outbox]
    assert [email.to for email in outbox.outbox] == [["mallory@example.com"]] * 2
    assert f"there is no request IT-{desk_request.number:04d} that you can reply to" in bodies[0]
    assert "there is no request IT-0999 that you can reply to" in bodies[1]
    assert "Printer jams" not in bodies[0] + bodies[1]


def test_permission_is_checked_when_the_email_is_processed(
    mailbox, desk_request, agent_a, dept_a, poll
):
    mail_from_agent = mail(
        sender="alice@example.com", subject=f"[{desk_request.reference}] x", text="Note"
    )
    mailbox.deliver(mail_from_agent)
    Membership.objects.filter(employee=agent_a, department=dept_a).delete()  # left the team
    permissions.forget(agent_a)
    poll()
    assert comments(desk_request) == []
    assert ProcessedMessage.objects.get().outcome == Outcome.REFUSED


def test_an_answer_to_a_closed_request_is_refused_with_the_reason(
    mailbox, notification, desk_request, poll
):
    Request.objects.filter(pk=desk_request.pk).update(status=Status.CLOSED)
    mailbox.deliver(answer(notification))
    poll()
    assert len(comments(desk_request)) == 1
    [refusal] = outbox.outbox
    assert "This request is closed; open a new request instead." in refusal.body
    assert refusal.extra_headers["In-Reply-To"] == ProcessedMessage.objects.get().message_id


def test_a_requester_answer_while_waiting_moves_the_request_on(
    mailbox, notification, desk_request, agent_a, poll
):
    services.request_change_status(request=desk_request, actor=agent_a, status=Status.WAITING)
    mailbox.deliver(answer(notification, text="Here are the details you asked for."))
    poll()
    desk_request.refresh_from_db()
    assert desk_request.status == Status.IN_PROGRESS


def test_reply_to_falls_back_to_the_departments_address(
    notification, desk_request, service_a, service_a2, it_address, dept_a
):
    from desk.models import Notification
    from desk.notifications import email_message

    own = InboundAddress.objects.create(
        email="vpn@example.com", department=dept_a, service=service_a2
    )
    note = Notification.objects.filter(request=desk_request).first()
    assert email_message(note).reply_to == ["desk+it@example.com"]  # the service's own address
    it_address.delete()
    assert email_message(note).reply_to == [own.email]  # the department's other address
    own.delete()
    assert email_message(note).reply_to == []
