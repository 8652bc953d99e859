"""Notifications are checked against who may see the request when they are sent and shown,
not only when they were made: someone who left the team hears nothing more (issue 12, point 1)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from departments import services as team_services
from departments.models import Membership, Role
from desk import notifications, permissions, services, tasks
from desk.models import Event, EventKind, Notification, NotificationKind, Status
from tests.factories import file_request

pytestmark = pytest.mark.django_db

SECRET = "My bank PIN is 4321"


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def _send(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return _send


@pytest.fixture
def taken(requester, agent_a, desk_request):
    services.request_take(request=desk_request, actor=agent_a)
    Notification.objects.all().delete()
    mail.outbox.clear()
    return desk_request


def test_an_email_queued_before_the_agent_left_is_not_sent(
    django_capture_on_commit_callbacks, requester, agent_a, admin_user, taken
):
    # The requester comments; the email task is enqueued but the worker runs it later...
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.comment_add(request=taken, author=requester, body=SECRET)
    notification = Notification.objects.get(recipient=agent_a)
    assert notification.email
    # ...after the agent was taken off the team.
    Membership.objects.filter(employee=agent_a).delete()
    for callback in callbacks:
        callback()
    assert tasks.send_notification_email(notification.pk) is False
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.email is False
    assert notification.emailed_at is None


def test_the_bell_hides_what_the_person_may_no_longer_see(login, send, requester, agent_a, taken):
    send(services.comment_add, request=taken, author=requester, body=SECRET)
    notification = Notification.objects.get(recipient=agent_a)
    client = login(agent_a)
    assert taken.title in client.get(reverse("desk:notifications")).content.decode()
    assert notifications.unread_count(agent_a) == 1

    Membership.objects.filter(employee=agent_a).delete()
    client = login(agent_a)  # a fresh request: memberships are read again
    page = client.get(reverse("desk:notifications")).content.decode()
    assert taken.title not in page
    permissions.forget(agent_a)
    assert notifications.unread_count(agent_a) == 0
    opened = client.post(reverse("desk:notification-open", args=[notification.pk]))
    assert opened.status_code == 404


def test_no_notification_is_made_for_someone_outside_the_team(
    send, requester, agent_a, outsider, taken
):
    # The assignee field still names someone who is not (or no longer) on the team.
    taken.__class__.objects.filter(pk=taken.pk).update(assignee=outsider)
    taken.refresh_from_db()
    send(services.comment_add, request=taken, author=requester, body=SECRET)
    assert not Notification.objects.filter(recipient=outsider).exists()
    assert all(SECRET not in m.body for m in mail.outbox)


def test_a_former_head_gets_no_overdue_email(
    django_capture_on_commit_callbacks, requester, head_a, desk_request
):
    from datetime import timedelta

    from django.utils import timezone

    Notification.objects.all().delete()
    mail.outbox.clear()
    desk_request.__class__.objects.filter(pk=desk_request.pk).update(
        due_at=timezone.now() - timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert notifications.requests_notify_overdue() == 1
    overdue = Notification.objects.get(recipient=head_a, kind=NotificationKind.OVERDUE)
    # Demoted to agent before the worker sends it: overdue alerts are for heads only.
    Membership.objects.filter(employee=head_a).update(role=Role.AGENT)
    for callback in callbacks:
        callback()
    assert mail.outbox == []
    overdue.refresh_from_db()
    assert overdue.emailed_at is None


# --- leaving a team releases the person's open requests -------------------------------------


def test_removing_a_member_unassigns_their_open_requests_with_an_event(
    requester, agent_a, admin_user, service_a, taken
):
    done = file_request(requester, service_a, title="Already done")
    services.request_take(request=done, actor=agent_a)
    services.request_change_status(request=done, actor=agent_a, status=Status.RESOLVED)
    membership = Membership.objects.get(employee=agent_a, department=service_a.department)

    team_services.membership_remove(membership=membership, actor=admin_user)

    taken.refresh_from_db()
    assert taken.assignee is None
    event = taken.events.filter(kind=EventKind.ASSIGNED).latest("pk")
    assert (event.actor, event.old_value, event.new_value) == (admin_user, "Alice Agent", "")
    done.refresh_from_db()
    assert done.assignee == agent_a  # finished requests keep their history
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_moving_a_membership_to_another_department_releases_the_old_one(
    requester, agent_a, admin_user, dept_b, taken
):
    membership = Membership.objects.get(employee=agent_a)
    was = (membership.department_id, membership.employee_id)
    membership.department = dept_b
    team_services.membership_save(membership=membership, actor=admin_user, was=was)
    taken.refresh_from_db()
    assert taken.assignee is None


def test_a_role_change_keeps_the_assignments(requester, agent_a, admin_user, taken):
    membership = Membership.objects.get(employee=agent_a)
    was = (membership.department_id, membership.employee_id)
    membership.role = Role.HEAD
    team_services.membership_save(membership=membership, actor=admin_user, was=was)
    taken.refresh_from_db()
    assert taken.assignee == agent_a


def test_the_department_admin_page_removes_through_the_service(
    login, requester, agent_a, head_a, admin_user, dept_a, taken
):
    client = login(admin_user)
    url = reverse("admin:departments_department_change", args=[dept_a.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"name": dept_a.name, "slug": dept_a.slug, "code": dept_a.code})
    # Every inline's management form and rows, as the page renders them.
    for formset in page.context["inline_admin_formsets"]:
        fs = formset.formset
        prefix = fs.prefix
        data[f"{prefix}-TOTAL_FORMS"] = str(len(fs.forms))
        data[f"{prefix}-INITIAL_FORMS"] = str(fs.initial_form_count())
        for i, inline_form in enumerate(fs.forms):
            for name, field in inline_form.fields.items():
                value = inline_form.initial.get(name, field.initial)
                if value is None:
                    continue
                if hasattr(value, "pk"):
                    value = value.pk
                if isinstance(value, bool):
                    if value:
                        data[f"{prefix}-{i}-{name}"] = "on"
                    continue
                data[f"{prefix}-{i}-{name}"] = str(value)
            if fs.model is Membership and inline_form.instance.employee_id == agent_a.pk:
                data[f"{prefix}-{i}-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.context and [
        f.errors for f in response.context["inline_admin_formsets"]
    ]
    assert not Membership.objects.filter(employee=agent_a, department=dept_a).exists()
    taken.refresh_from_db()
    assert taken.assignee is None
    assert Event.objects.filter(
        request=taken, kind=EventKind.ASSIGNED, actor=admin_user, old_value="Alice Agent"
    ).exists()
    # And the former agent hears nothing of what the requester writes next.
    mail.outbox.clear()
    services.comment_add(request=taken, author=requester, body=SECRET)
    assert not Notification.objects.filter(recipient=agent_a, event__body=SECRET).exists()
