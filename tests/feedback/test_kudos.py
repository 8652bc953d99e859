"""Recognition: a requester thanks who helped; the person and their heads hear about it (checked
again when the email goes); the department's page and the monthly email name them."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from desk import services as desk_services
from desk import tasks as desk_tasks
from desk.models import Event, EventKind, Notification, NotificationKind
from feedback import reports, selectors, services, tasks
from feedback.models import Kudos, ReportSubscription
from tests.factories import ServiceFactory, file_request
from tests.feedback.helpers import rated, resolved_request

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")


@pytest.fixture
def resolved(requester, service_a, agent_a, head_a):
    return resolved_request(requester, service_a, agent_a, title="Laptop for new hire")


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def _send(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return _send


def _thank_url(req):
    return reverse("feedback:thank", args=[req.department.code, f"{req.number:04d}"])


# --- the service -----------------------------------------------------------------------------------


def test_the_requester_thanks_the_agent_who_helped(send, requester, agent_a, head_a, resolved):
    mail.outbox.clear()
    kudos, created = send(
        services.kudos_give,
        request=resolved,
        giver=requester,
        recipient=agent_a,
        message="  Up and running in an hour!  ",
    )
    assert created
    assert (kudos.department, kudos.service, kudos.message) == (
        resolved.department,
        resolved.service,
        "Up and running in an hour!",
    )
    event = Event.objects.get(request=resolved, kind=EventKind.KUDOS)
    assert (event.actor, event.new_value, event.body) == (
        requester,
        agent_a.full_name,
        "Up and running in an hour!",
    )
    # The thanked person and the head: a bell entry and an email each; not the requester.
    notified = Notification.objects.filter(kind=NotificationKind.KUDOS)
    assert {n.recipient for n in notified} == {agent_a, head_a}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([agent_a.email, head_a.email])
    body = mail.outbox[0].body
    assert "Olga Operational thanked Alice Agent" in body
    assert "Up and running in an hour!" in body


def test_thanking_twice_records_once(requester, agent_a, resolved):
    services.kudos_give(request=resolved, giver=requester, recipient=agent_a)
    again, created = services.kudos_give(request=resolved, giver=requester, recipient=agent_a)
    assert not created
    assert Kudos.objects.count() == 1
    assert Event.objects.filter(kind=EventKind.KUDOS).count() == 1


def test_only_the_requester_of_a_resolved_request_thanks(
    requester, business_requester, agent_a, head_a, service_a, resolved
):
    with pytest.raises(ValidationError, match="Only the person who filed"):
        services.kudos_give(request=resolved, giver=business_requester, recipient=agent_a)
    open_request = file_request(requester, service_a)
    desk_services.request_take(request=open_request, actor=agent_a)
    with pytest.raises(ValidationError, match="once the request is resolved"):
        services.kudos_give(request=open_request, giver=requester, recipient=agent_a)
    assert not Kudos.objects.exists()


def test_a_team_cannot_thank_itself(head_a, agent_a, service_a):
    own = resolved_request(head_a, service_a, agent_a)
    with pytest.raises(ValidationError, match="on the IT team"):
        services.kudos_give(request=own, giver=head_a, recipient=agent_a)


def test_only_someone_who_worked_on_it_can_be_thanked(requester, agent_a, agent_a2, resolved):
    with pytest.raises(ValidationError) as refused:
        services.kudos_give(request=resolved, giver=requester, recipient=agent_a2)
    assert "recipient" in refused.value.message_dict
    assert list(selectors.helpers_of(resolved)) == [agent_a]
    desk_services.comment_add(request=resolved, author=agent_a2, body="Also installed the VPN")
    assert list(selectors.helpers_of(resolved)) == [agent_a2, agent_a]  # by name


def test_a_long_message_is_refused(requester, agent_a, resolved):
    with pytest.raises(ValidationError) as refused:
        services.kudos_give(request=resolved, giver=requester, recipient=agent_a, message="x" * 501)
    assert "message" in refused.value.message_dict
    assert not Kudos.objects.exists()


def test_the_email_is_checked_again_when_it_is_sent(
    django_capture_on_commit_callbacks, requester, agent_a, head_a, resolved
):
    with django_capture_on_commit_callbacks(execute=False):
        services.kudos_give(request=resolved, giver=requester, recipient=agent_a, message="Thanks")
    # The head left the team before the worker sent the emails.
    head_a.memberships.all().delete()
    mail.outbox.clear()
    results = {
        n.recipient_id: desk_tasks.send_notification_email.delay(n.pk).get()
        for n in Notification.objects.filter(kind=NotificationKind.KUDOS)
    }
    assert results == {agent_a.pk: True, head_a.pk: False}
    assert [m.to for m in mail.outbox] == [[agent_a.email]]
    assert not Notification.objects.get(recipient=head_a).email


# --- the thanks page --------------------------------------------------------------------------------


def test_the_request_page_offers_thanks_once_resolved(login, requester, resolved):
    page = login(requester).get(resolved.get_absolute_url()).content.decode()
    assert _thank_url(resolved) in page


def test_the_form_preselects_the_assignee(login, requester, agent_a, resolved):
    response = login(requester).get(_thank_url(resolved))
    assert response.status_code == 200
    assert (
        f'<option value="{agent_a.pk}" selected>Alice Agent</option>' in response.content.decode()
    )
    assert not Kudos.objects.exists()


def test_posting_thanks_records_it_and_shows_it_on_the_request(login, requester, agent_a, resolved):
    client = login(requester)
    response = client.post(_thank_url(resolved), {"recipient": agent_a.pk, "message": "Great"})
    assert response.status_code == 302
    assert response["Location"] == resolved.get_absolute_url()
    assert Kudos.objects.get().message == "Great"
    page = client.get(resolved.get_absolute_url()).content.decode()
    assert "You thanked Alice Agent." in page
    assert "thanked Alice Agent" in page  # the timeline


def test_a_replayed_post_says_it_was_already_sent(login, requester, agent_a, resolved):
    client = login(requester)
    client.post(_thank_url(resolved), {"recipient": agent_a.pk})
    response = client.post(_thank_url(resolved), {"recipient": agent_a.pk}, follow=True)
    assert "You had already thanked Alice Agent" in response.content.decode()
    assert Kudos.objects.count() == 1


def test_a_rejected_form_keeps_the_text(login, requester, agent_a2, resolved):
    response = login(requester).post(
        _thank_url(resolved), {"recipient": agent_a2.pk, "message": "Kind words"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose someone of the team who worked on this request." in html
    assert "Kind words" in html
    assert not Kudos.objects.exists()


@pytest.mark.parametrize("who", ["business_requester", "outsider", "agent_b", "agent_a", "head_a"])
def test_it_is_404_for_anyone_but_the_requester(login, resolved, request, who):
    assert login(request.getfixturevalue(who)).get(_thank_url(resolved)).status_code == 404


def test_it_rejects_other_methods(login, requester, resolved):
    assert login(requester).put(_thank_url(resolved)).status_code == 405


def test_an_open_request_redirects_with_the_reason(login, requester, desk_request):
    response = login(requester).get(_thank_url(desk_request), follow=True)
    assert "once the request is resolved" in response.content.decode()


# --- the department's recognition page --------------------------------------------------------------


def test_every_employee_sees_a_departments_thanks(
    login, outsider, requester, agent_a, resolved, dept_a
):
    services.kudos_give(request=resolved, giver=requester, recipient=agent_a, message="Star!")
    response = login(outsider).get(reverse("feedback:recognition", args=[dept_a.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alice Agent" in html
    assert "Star!" in html


def test_the_recognition_page_of_an_inactive_department_is_404(login, outsider, dept_a):
    dept_a.is_active = False
    dept_a.save()
    url = reverse("feedback:recognition", args=[dept_a.slug])
    assert login(outsider).get(url).status_code == 404


def test_the_recognition_page_needs_a_login(client, dept_a):
    response = client.get(reverse("feedback:recognition", args=[dept_a.slug]))
    assert response.status_code == 302


def test_the_recognition_page_keeps_its_queries_constant(
    login, outsider, requester, agent_a, service_a, dept_a, django_assert_max_num_queries
):
    for _ in range(6):
        req = resolved_request(requester, service_a, agent_a)
        services.kudos_give(request=req, giver=requester, recipient=agent_a)
    client = login(outsider)
    url = reverse("feedback:recognition", args=[dept_a.slug])
    client.get(url)
    with django_assert_max_num_queries(9):
        client.get(url)


def test_best_rated_services_need_three_ratings_and_rank_by_satisfaction(
    requester, agent_a, service_a, service_a2, dept_a
):
    rarely_used = ServiceFactory(department=dept_a, name="Printer toner", slug="toner")
    with time_machine.travel(datetime(2026, 3, 10, 10, tzinfo=WARSAW), tick=False):
        for rating in (5, 5, 4):
            rated(requester, service_a, agent_a, rating=rating)
        for rating in (5, 5, 3, 5):
            rated(requester, service_a2, agent_a, rating=rating)
        # Two perfect ratings are too few to call it the best rather than luck.
        for rating in (5, 5):
            rated(requester, rarely_used, agent_a, rating=rating)
        reports.recompute_range(date(2026, 3, 1), date(2026, 3, 31))
    best = selectors.best_rated_services(dept_a, date(2026, 3, 1))
    assert [(cell.service, cell.rated) for cell in best] == [(service_a, 3), (service_a2, 4)]
    assert selectors.best_rated_services(dept_a, date(2026, 4, 1)) == []


def test_the_monthly_email_names_the_thanked_and_the_best_rated(
    requester, agent_a, agent_a2, head_a, service_a, dept_a
):
    ReportSubscription.objects.create(employee=head_a, department=dept_a)
    with time_machine.travel(datetime(2026, 3, 10, 10, tzinfo=WARSAW), tick=False):
        for rating in (5, 4, 5):
            feedback = rated(requester, service_a, agent_a, rating=rating)
            services.kudos_give(request=feedback.request, giver=requester, recipient=agent_a)
        other = resolved_request(requester, service_a, agent_a2)
        services.kudos_give(request=other, giver=requester, recipient=agent_a2)
        reports.recompute_range(date(2026, 3, 1), date(2026, 3, 31))
    # Thanks from April are not March's.
    with time_machine.travel(datetime(2026, 4, 1, 8, tzinfo=WARSAW), tick=False):
        later = resolved_request(requester, service_a, agent_a2)
        services.kudos_give(request=later, giver=requester, recipient=agent_a2)
    mail.outbox.clear()
    assert tasks.send_monthly_reports("2026-04-01") == 1
    body = mail.outbox[0].body
    assert "- Alice Agent (thanked 3 times)" in body
    assert "- Adam Agent (thanked 1 time)" in body
    assert "- New laptop: 100 % satisfied, mean 4.7 (3 ratings)" in body
    assert "http://testserver/departments/it/recognition/" in body


def test_once_everyone_is_thanked_the_request_page_offers_no_more(
    login, requester, agent_a, resolved
):
    client = login(requester)
    client.post(_thank_url(resolved), {"recipient": agent_a.pk})
    page = client.get(resolved.get_absolute_url()).content.decode()
    assert "You thanked Alice Agent." in page
    assert _thank_url(resolved) not in page
    form = client.get(_thank_url(resolved)).content.decode()
    assert "You have thanked everyone who worked on this request." in form
