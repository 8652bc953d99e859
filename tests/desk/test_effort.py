"""Logging time on a request: the service, the request page's card and the queue menu's form,
with and without htmx; only the department's staff log or see it; bad input changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from departments.models import HourlyRate
from desk import effort, selectors
from desk.models import MAX_MINUTES, Event, EventKind, Notification, Request, Status, TimeLog

pytestmark = pytest.mark.django_db


def log_url(req: Request) -> str:
    return reverse("desk:request-log-time", args=[req.department.code, f"{req.number:04d}"])


@pytest.fixture
def rate(dept_a):
    return HourlyRate.objects.create(
        department=dept_a, amount=Decimal("48.00"), valid_from=date(2020, 1, 1)
    )


# --- the service ------------------------------------------------------------------------------------


def test_a_log_adds_minutes_and_cost_to_the_request(agent_a, desk_request, rate):
    log = effort.time_log_add(request=desk_request, author=agent_a, minutes=25, note="Imaging")
    assert (log.minutes, log.rate, log.cost_cents, log.spent_on) == (
        25,
        Decimal("48.00"),
        2000,
        timezone.localdate(),
    )
    effort.time_log_add(request=desk_request, author=agent_a, minutes=5)
    desk_request.refresh_from_db()
    assert (desk_request.effort_minutes, desk_request.effort_cost_cents) == (30, 2400)
    event = Event.objects.filter(request=desk_request, kind=EventKind.TIME).first()
    assert (event.actor, event.new_value, event.body) == (agent_a, "25", "Imaging")


def test_without_a_rate_the_time_counts_and_the_cost_stays_unknown(agent_a, desk_request):
    effort.time_log_add(request=desk_request, author=agent_a, minutes=40)
    desk_request.refresh_from_db()
    assert (desk_request.effort_minutes, desk_request.effort_cost_cents) == (40, None)


@pytest.mark.parametrize(
    ("minutes", "spent_on", "field"),
    [
        (0, None, "minutes"),
        (MAX_MINUTES + 1, None, "minutes"),
        (30, timezone.localdate() + timedelta(days=1), "spent_on"),
        (30, date(2000, 1, 1), "spent_on"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(agent_a, desk_request, minutes, spent_on, field):
    with pytest.raises(ValidationError) as caught:
        effort.time_log_add(
            request=desk_request, author=agent_a, minutes=minutes, spent_on=spent_on
        )
    assert field in caught.value.error_dict
    assert not TimeLog.objects.exists()
    desk_request.refresh_from_db()
    assert desk_request.effort_minutes is None


@pytest.mark.parametrize("person", ["requester", "agent_b", "outsider"])
def test_only_the_departments_staff_log_time(request, desk_request, person):
    with pytest.raises(ValidationError):
        effort.time_log_add(
            request=desk_request, author=request.getfixturevalue(person), minutes=10
        )
    assert not TimeLog.objects.exists()


def test_heads_log_time_too(head_a, desk_request):
    effort.time_log_add(request=desk_request, author=head_a, minutes=10)
    assert TimeLog.objects.get().author == head_a


def test_the_time_event_is_for_staff_only_and_never_a_notification(
    django_capture_on_commit_callbacks, requester, agent_a, desk_request
):
    with django_capture_on_commit_callbacks(execute=True):
        effort.time_log_add(request=desk_request, author=agent_a, minutes=10, note="Secret")
    assert EventKind.TIME in [e.kind for e in selectors.timeline(agent_a, desk_request)]
    assert EventKind.TIME not in [e.kind for e in selectors.timeline(requester, desk_request)]
    assert not Notification.objects.exists()


def test_time_on_a_request_awaiting_approval_is_refused(agent_a, desk_request):
    Request.objects.filter(pk=desk_request.pk).update(status=Status.AWAITING_APPROVAL)
    with pytest.raises(ValidationError, match="waits for approval"):
        effort.time_log_add(request=desk_request, author=agent_a, minutes=10)


# --- the request page ----------------------------------------------------------------------------


def test_staff_see_the_total_and_the_form(login, agent_a, desk_request, rate):
    effort.time_log_add(request=desk_request, author=agent_a, minutes=90)
    html = login(agent_a).get(desk_request.get_absolute_url()).content.decode()
    assert 'id="time-log"' in html
    assert "1 h 30 min" in html
    assert "72.00\xa0EUR" in html
    assert "logged 90 min" in html


def test_the_requester_sees_no_effort(login, agent_a, requester, desk_request, rate):
    effort.time_log_add(request=desk_request, author=agent_a, minutes=90, note="Hidden note")
    html = login(requester).get(desk_request.get_absolute_url()).content.decode()
    assert 'id="time-log"' not in html
    assert "72.00" not in html
    assert "logged 90 min" not in html
    assert "Hidden note" not in html


def test_logging_from_the_page_without_js_redirects_with_a_message(login, agent_a, desk_request):
    client = login(agent_a)
    response = client.post(log_url(desk_request), {"minutes": "30", "note": "Setup"}, follow=True)
    assert response.redirect_chain[-1][0] == desk_request.get_absolute_url()
    assert f"30 min logged on {desk_request.reference}." in response.content.decode()
    assert TimeLog.objects.get().note == "Setup"


def test_a_refused_form_keeps_the_text_and_changes_nothing(login, agent_a, desk_request):
    response = login(agent_a).post(
        log_url(desk_request), {"minutes": "99999", "note": "Keep this note"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="Keep this note"' in html
    assert 'value="99999"' in html
    assert not TimeLog.objects.exists()


def test_a_future_day_is_refused_at_its_field(login, agent_a, desk_request):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = login(agent_a).post(
        log_url(desk_request), {"minutes": "30", "spent_on": tomorrow.isoformat()}
    )
    assert response.status_code == 400
    assert "The time cannot be spent in the future." in response.content.decode()
    assert not TimeLog.objects.exists()


def test_htmx_gets_the_card(login, agent_a, desk_request):
    response = login(agent_a).post(log_url(desk_request), {"minutes": "15"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="card time-log" id="time-log"')
    assert "15 min logged" in html
    assert "desk:request-changed" in response["HX-Trigger"]


def test_htmx_refusal_keeps_the_text_in_the_card(login, agent_a, desk_request):
    response = login(agent_a).post(
        log_url(desk_request), {"minutes": "", "note": "Typed"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200  # htmx swaps only 2xx answers here
    html = response.content.decode()
    assert "How many minutes did you spend?" in html
    assert 'value="Typed"' in html
    assert "HX-Trigger" not in response


@pytest.mark.parametrize("person", ["requester", "agent_b", "outsider"])
def test_others_get_404(request, login, desk_request, person):
    response = login(request.getfixturevalue(person)).post(log_url(desk_request), {"minutes": "5"})
    assert response.status_code == 404
    assert not TimeLog.objects.exists()


def test_get_is_refused(login, agent_a, desk_request):
    assert login(agent_a).get(log_url(desk_request)).status_code == 405


# --- the queue's row menu ------------------------------------------------------------------------


def test_the_row_menu_offers_log_time(login, agent_a, dept_a, desk_request):
    url = reverse("desk:queue-row-actions", args=[dept_a.slug, desk_request.pk])
    client = login(agent_a)
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert log_url(desk_request) in fragment
    assert 'name="from" value="queue"' in fragment
    page = client.get(url).content.decode()  # without JavaScript: a page of its own
    assert log_url(desk_request) in page


def test_logging_from_the_queue_goes_back_to_the_queue(login, agent_a, dept_a, desk_request):
    queue = reverse("desk:queue", args=[dept_a.slug]) + "?status=open"
    response = login(agent_a).post(
        log_url(desk_request), {"minutes": "20", "from": "queue", "next": queue}
    )
    assert response.status_code == 302
    assert response["Location"] == queue
    assert TimeLog.objects.get().minutes == 20


def test_logging_from_the_queue_with_htmx_answers_the_small_form(login, agent_a, desk_request):
    response = login(agent_a).post(
        log_url(desk_request), {"minutes": "20", "from": "queue"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert html.lstrip().startswith("<form")
    assert "queue-log-time" in html
    assert "20 min logged" in html


def test_a_foreign_next_is_ignored(login, agent_a, desk_request):
    response = login(agent_a).post(
        log_url(desk_request), {"minutes": "20", "next": "https://evil.example/"}
    )
    assert response["Location"] == desk_request.get_absolute_url()


def test_a_request_awaiting_approval_offers_no_time_form(login, agent_a, desk_request):
    Request.objects.filter(pk=desk_request.pk).update(status=Status.AWAITING_APPROVAL)
    html = login(agent_a).get(desk_request.get_absolute_url()).content.decode()
    assert 'id="time-log"' in html
    assert "This request waits for approval; nobody works on it yet." in html
    assert log_url(desk_request) not in html
