"""Webhooks delivered to a real HTTP receiver process on 127.0.0.1: signed, retried, logged, and
decided again at sending time (still active, still the department's, internal notes only to
internal targets, never to a private address unless allowed)."""

from __future__ import annotations

import json
import re
import socket
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone

from desk import services
from desk.models import Status
from feedback.services import feedback_submit
from tests.factories import file_request
from webhooks import delivery as delivery_service
from webhooks.models import DeliveryStatus, EventType, Webhook, WebhookDelivery
from webhooks.tasks import deliver_webhook, sweep_webhook_deliveries

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_verify():
    """The verification snippet from the README's Webhooks section, run as written."""
    section = README.read_text().split("## Webhooks", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 (our own README)
    return namespace["verify"]


def file_and_send(django_capture_on_commit_callbacks, requester, service, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return file_request(requester, service, **kwargs)


def test_a_filed_request_reaches_the_receiver_signed(
    django_capture_on_commit_callbacks, hook, receiver, requester, service_a
):
    desk_request = file_and_send(django_capture_on_commit_callbacks, requester, service_a)
    (received,) = receiver.received()
    headers, body = received["headers"], received["body"]
    assert received["path"] == "/hooks/desk"
    assert headers["X-Desk-Event"] == "request.filed"
    assert headers["Content-Type"] == "application/json"
    verify = readme_verify()
    assert verify(hook.secret, headers["X-Desk-Signature"], body.encode())
    assert not verify("another secret", headers["X-Desk-Signature"], body.encode())
    assert not verify(hook.secret, headers["X-Desk-Signature"], body.encode() + b" ")
    event = json.loads(body)
    assert event["type"] == "request.filed"
    assert event["request"]["reference"] == desk_request.reference
    assert event["event"]["kind"] == "filed"
    log = WebhookDelivery.objects.get()
    assert str(log.uid) == headers["X-Desk-Delivery"] == event["id"]
    assert (log.status, log.attempts, log.response_status) == (DeliveryStatus.SUCCEEDED, 1, 200)
    assert log.delivered_at is not None
    assert json.loads(log.payload) == event


def test_an_old_signature_is_refused_by_the_snippet(hook):
    body = b'{"id": "x"}'
    old = int(timezone.now().timestamp()) - 600
    header = delivery_service.sign(hook.secret, old, body)
    assert not readme_verify()(hook.secret, header, body)
    fresh = delivery_service.sign(hook.secret, int(timezone.now().timestamp()), body)
    assert readme_verify()(hook.secret, fresh, body)


def test_a_500_is_retried_with_the_same_event_id(
    django_capture_on_commit_callbacks, start_receiver, dept_a, requester, service_a
):
    receiver = start_receiver(fail=2)
    Webhook.objects.create(
        department=dept_a, name="Flaky", url=receiver.url, allow_private_network=True
    )
    file_and_send(django_capture_on_commit_callbacks, requester, service_a)
    received = receiver.received()
    assert [r["answered"] for r in received] == [500, 500, 200]
    assert len({r["headers"]["X-Desk-Delivery"] for r in received}) == 1
    log = WebhookDelivery.objects.get()
    assert (log.status, log.attempts, log.response_status) == (DeliveryStatus.SUCCEEDED, 3, 200)


def test_it_gives_up_after_the_last_attempt(
    django_capture_on_commit_callbacks, start_receiver, dept_a, requester, service_a
):
    receiver = start_receiver(fail=100)
    Webhook.objects.create(
        department=dept_a, name="Down", url=receiver.url, allow_private_network=True
    )
    file_and_send(django_capture_on_commit_callbacks, requester, service_a)
    assert len(receiver.received()) == 3  # DESK_WEBHOOK_MAX_ATTEMPTS in these tests
    log = WebhookDelivery.objects.get()
    assert (log.status, log.attempts, log.response_status) == (DeliveryStatus.FAILED, 3, 500)
    assert "500" in log.error
    assert log.response_body == "nope"


def test_the_waits_double_up_to_ten_minutes(settings):
    settings.DESK_WEBHOOK_RETRY_SECONDS = 30
    assert [delivery_service.retry_delay(n) for n in range(1, 8)] == [
        30,
        60,
        120,
        240,
        480,
        600,
        600,
    ]


def test_an_unreachable_receiver_is_retried(
    django_capture_on_commit_callbacks, dept_a, requester, service_a
):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed once the block ends: nobody listens there
    Webhook.objects.create(
        department=dept_a, name="Gone", url=f"http://127.0.0.1:{port}/", allow_private_network=True
    )
    file_and_send(django_capture_on_commit_callbacks, requester, service_a)
    log = WebhookDelivery.objects.get()
    assert (log.status, log.attempts) == (DeliveryStatus.FAILED, 3)
    assert "ConnectionRefused" in log.error


def test_every_event_type(
    django_capture_on_commit_callbacks, hook, receiver, requester, agent_a, service_a
):
    with django_capture_on_commit_callbacks(execute=True):
        desk_request = file_request(requester, service_a)
        services.comment_add(request=desk_request, author=agent_a, body="Which model?")
        services.request_change_status(request=desk_request, actor=agent_a, status=Status.RESOLVED)
    with django_capture_on_commit_callbacks(execute=True):
        feedback_submit(request=desk_request, requester=requester, rating=5, comment="Quick!")
    events = [json.loads(r["body"]) for r in receiver.received()]
    assert [e["type"] for e in events] == [
        "request.filed",
        "request.commented",
        "request.state_changed",
        "request.rated",
    ]
    assert events[1]["event"]["body"] == "Which model?"
    assert (events[2]["event"]["old_value"], events[2]["event"]["new_value"]) == ("new", "resolved")
    assert events[3]["rating"]["rating"] == 5
    assert events[3]["rating"]["comment"] == "Quick!"


def test_only_subscribed_events_are_sent(
    django_capture_on_commit_callbacks, hook, receiver, requester, agent_a, service_a
):
    hook.on_filed = hook.on_state_changed = False
    hook.save()
    with django_capture_on_commit_callbacks(execute=True):
        desk_request = file_request(requester, service_a)
        services.request_take(request=desk_request, actor=agent_a)  # assigned and in progress
        services.request_change_priority(request=desk_request, actor=agent_a, priority=3)
    assert receiver.received() == []
    assert not WebhookDelivery.objects.exists()


def test_other_departments_events_are_not_sent(
    django_capture_on_commit_callbacks, hook, receiver, business_requester, service_b
):
    file_and_send(django_capture_on_commit_callbacks, business_requester, service_b)
    assert receiver.received() == []


def test_internal_notes_go_only_to_internal_targets(
    django_capture_on_commit_callbacks, start_receiver, dept_a, desk_request, agent_a
):
    public_receiver, internal_receiver = start_receiver(), start_receiver()
    Webhook.objects.create(
        department=dept_a, name="Public", url=public_receiver.url, allow_private_network=True
    )
    Webhook.objects.create(
        department=dept_a,
        name="Team",
        url=internal_receiver.url,
        allow_private_network=True,
        internal=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(
            request=desk_request, author=agent_a, body="Budget code 4711", internal=True
        )
        services.comment_add(request=desk_request, author=agent_a, body="On it")
    public = [json.loads(r["body"]) for r in public_receiver.received()]
    internal = [json.loads(r["body"]) for r in internal_receiver.received()]
    assert [e["event"]["body"] for e in public] == ["On it"]
    assert "4711" not in json.dumps(public)
    assert [(e["event"]["kind"], e["event"]["body"]) for e in internal] == [
        ("note", "Budget code 4711"),
        ("comment", "On it"),
    ]


def recorded_but_unsent(requester, service_a) -> WebhookDelivery:
    """A delivery recorded with its change, its task not run yet (as if queued)."""
    with transaction.atomic():
        file_request(requester, service_a)
    return WebhookDelivery.objects.get()


def test_a_webhook_switched_off_before_sending_sends_nothing(hook, receiver, requester, service_a):
    queued = recorded_but_unsent(requester, service_a)
    hook.is_active = False
    hook.save()
    deliver_webhook.delay(queued.pk)
    queued.refresh_from_db()
    assert queued.status == DeliveryStatus.REFUSED
    assert receiver.received() == []


def test_a_webhook_moved_to_another_department_before_sending_sends_nothing(
    hook, receiver, requester, service_a, dept_b
):
    queued = recorded_but_unsent(requester, service_a)
    hook.department = dept_b
    hook.save()
    deliver_webhook.delay(queued.pk)
    queued.refresh_from_db()
    assert queued.status == DeliveryStatus.REFUSED
    assert "department" in queued.error
    assert receiver.received() == []


def test_a_note_queued_for_a_target_no_longer_internal_is_not_sent(
    hook, receiver, desk_request, agent_a
):
    hook.internal = True
    hook.save()
    with transaction.atomic():
        services.comment_add(request=desk_request, author=agent_a, body="Secret", internal=True)
    queued = WebhookDelivery.objects.get(event_type=EventType.COMMENTED)
    hook.internal = False
    hook.save()
    deliver_webhook.delay(queued.pk)
    queued.refresh_from_db()
    assert queued.status == DeliveryStatus.REFUSED
    assert receiver.received() == []


def test_a_rolled_back_change_records_and_sends_nothing(hook, receiver, requester, service_a):
    def change_that_fails():
        with transaction.atomic():
            file_request(requester, service_a)
            raise RuntimeError("the change fails after the event was recorded")

    with pytest.raises(RuntimeError):
        change_that_fails()
    assert not WebhookDelivery.objects.exists()
    assert receiver.received() == []


def test_a_delivery_is_sent_once_even_if_its_task_runs_twice(hook, receiver, requester, service_a):
    queued = recorded_but_unsent(requester, service_a)
    deliver_webhook.delay(queued.pk)
    deliver_webhook.delay(queued.pk)
    assert len(receiver.received()) == 1


def test_the_sweep_sends_what_a_lost_task_left(hook, receiver, requester, service_a):
    queued = recorded_but_unsent(requester, service_a)  # its task was never published
    assert sweep_webhook_deliveries.delay().get() == 0  # not late yet
    WebhookDelivery.objects.filter(pk=queued.pk).update(
        next_attempt_at=timezone.now() - timedelta(minutes=11)
    )
    assert sweep_webhook_deliveries.delay().get() == 1
    assert len(receiver.received()) == 1
    queued.refresh_from_db()
    assert queued.status == DeliveryStatus.SUCCEEDED


# --- where a webhook may go (SSRF) ----------------------------------------------------------------


def test_a_loopback_target_is_refused_unless_allowed(hook, receiver, requester, service_a):
    hook.allow_private_network = False
    hook.save()
    queued = recorded_but_unsent(requester, service_a)
    deliver_webhook.delay(queued.pk)
    queued.refresh_from_db()
    assert queued.status == DeliveryStatus.REFUSED
    assert "private" in queued.error
    assert receiver.received() == []


@pytest.fixture
def dns(monkeypatch):
    """Answers for host names, as a DNS server would (the one thing outside Desk faked here)."""
    answers: dict[str, list[str]] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            return [
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
                for address in answers[host]
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


def test_a_name_that_resolves_to_a_private_address_at_sending_is_refused(
    dns, dept_a, receiver, requester, service_a
):
    # Public when the admin saved it; the DNS answer changed since (DNS rebinding).
    dns["hooks.example.test"] = ["93.184.216.34"]
    hook = Webhook(
        department=dept_a, name="Rebound", url=f"http://hooks.example.test:{receiver.port}/"
    )
    hook.full_clean()
    hook.save()
    dns["hooks.example.test"] = ["93.184.216.34", "127.0.0.1"]
    queued = recorded_but_unsent(requester, service_a)
    deliver_webhook.delay(queued.pk)
    queued.refresh_from_db()
    assert queued.status == DeliveryStatus.REFUSED
    assert "127.0.0.1" in queued.error
    assert receiver.received() == []


def test_the_connection_goes_to_the_checked_address_with_the_host_name(
    dns, dept_a, receiver, requester, service_a
):
    dns["hooks.example.test"] = ["127.0.0.1"]
    Webhook.objects.create(
        department=dept_a,
        name="Named",
        url=f"http://hooks.example.test:{receiver.port}/in?team=it",
        allow_private_network=True,
    )
    queued = recorded_but_unsent(requester, service_a)
    deliver_webhook.delay(queued.pk)
    (received,) = receiver.received()
    assert received["headers"]["Host"] == f"hooks.example.test:{receiver.port}"
    assert received["path"] == "/in?team=it"


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9000/",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/",
        "http://172.16.5.4/",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/",
        "http://[::1]/",
        "http://[fe80::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
        "http://localhost:8000/",
        "ftp://93.184.216.34/",
        "http://user:pw@93.184.216.34/",
    ],
)
def test_the_admin_form_refuses_private_and_odd_targets(dept_a, url):
    from django.core.exceptions import ValidationError

    hook = Webhook(department=dept_a, name="x", url=url)
    with pytest.raises(ValidationError) as caught:
        hook.full_clean()
    assert "url" in caught.value.message_dict


def test_an_admin_may_allow_a_private_target(dept_a):
    hook = Webhook(
        department=dept_a, name="x", url="http://10.1.2.3/hook", allow_private_network=True
    )
    hook.full_clean()


def test_a_public_address_is_accepted(dept_a):
    Webhook(department=dept_a, name="x", url="https://93.184.216.34/hook").full_clean()


def test_delivery_ids_are_unique(hook, requester, service_a):
    with transaction.atomic():
        file_request(requester, service_a)
        file_request(requester, service_a)
    uids = list(WebhookDelivery.objects.values_list("uid", flat=True))
    assert len(set(uids)) == 2
    assert all(isinstance(value, uuid.UUID) for value in uids)
    assert set(WebhookDelivery.objects.values_list("event_type", flat=True)) == {EventType.FILED}
