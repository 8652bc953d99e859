"""The bell, the notification list and the profile page (language and notification switches)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from desk import services
from desk.models import Notification, NotificationKind, NotificationPreference

pytestmark = pytest.mark.django_db


@pytest.fixture
def replied(requester, agent_a, desk_request):
    """The requester has one unread notification: a reply from the agent."""
    services.comment_add(request=desk_request, author=agent_a, body="Which model?")
    return Notification.objects.get(recipient=requester)


# --- the bell -------------------------------------------------------------------------------------


def test_the_bell_says_how_many_are_unread(login, requester, replied):
    html = login(requester).get(reverse("desk:catalog")).content.decode()
    assert 'aria-label="Notifications, 1 unread"' in html
    assert 'class="bell__count" aria-hidden="true">1<' in html
    assert f'href="{reverse("desk:profile")}"' in html


def test_the_bell_costs_one_query(login, requester, replied):
    client = login(requester)
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("desk:catalog"))
    counts = [q["sql"] for q in captured.captured_queries if "desk_notification" in q["sql"]]
    assert len(counts) == 1


def test_the_bell_with_nothing_unread(login, outsider):
    html = login(outsider).get(reverse("desk:catalog")).content.decode()
    assert 'aria-label="Notifications, 0 unread"' in html
    assert "bell__count" not in html


# --- the list -------------------------------------------------------------------------------------


def test_the_list_shows_my_notifications(login, requester, replied):
    response = login(requester).get(reverse("desk:notifications"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alice Agent replied on IT-0001" in html
    assert "notification--unread" in html
    assert "1 unread" in html


def test_the_list_does_not_show_someone_elses(login, agent_a, replied):
    html = login(agent_a).get(reverse("desk:notifications")).content.decode()
    assert "replied on IT-0001" not in html


def test_the_list_leaves_out_kinds_switched_off_in_the_bell(
    login, requester, agent_a, desk_request
):
    NotificationPreference.objects.create(
        employee=requester, kind=NotificationKind.REPLY, in_app=False, email=True
    )
    services.comment_add(request=desk_request, author=agent_a, body="Hi")
    html = login(requester).get(reverse("desk:notifications")).content.decode()
    assert "replied on IT-0001" not in html


def test_the_list_rejects_post(login, requester):
    assert login(requester).post(reverse("desk:notifications")).status_code == 405


def test_the_list_asks_to_log_in(client):
    response = client.get(reverse("desk:notifications"))
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_queries_do_not_grow(
    login, requester, agent_a, desk_request, count, django_assert_max_num_queries
):
    for n in range(count):
        services.comment_add(request=desk_request, author=agent_a, body=f"Reply {n}")
    client = login(requester)
    with django_assert_max_num_queries(10):
        client.get(reverse("desk:notifications"))


def test_opening_a_notification_marks_it_read_and_goes_to_the_request(
    login, requester, replied, desk_request
):
    response = login(requester).post(reverse("desk:notification-open", args=[replied.pk]))
    assert response["Location"] == desk_request.get_absolute_url()
    replied.refresh_from_db()
    assert replied.read_at is not None


def test_opening_rejects_get(login, requester, replied):
    response = login(requester).get(reverse("desk:notification-open", args=[replied.pk]))
    assert response.status_code == 405


def test_opening_someone_elses_notification_is_404(login, agent_a, replied):
    response = login(agent_a).post(reverse("desk:notification-open", args=[replied.pk]))
    assert response.status_code == 404
    replied.refresh_from_db()
    assert replied.read_at is None


def test_marking_all_read(login, requester, replied):
    response = login(requester).post(reverse("desk:notifications-read"), follow=True)
    assert 'aria-label="Notifications, 0 unread"' in response.content.decode()
    replied.refresh_from_db()
    assert replied.read_at is not None


def test_marking_all_read_rejects_get(login, requester):
    assert login(requester).get(reverse("desk:notifications-read")).status_code == 405


# --- the profile ----------------------------------------------------------------------------------


def test_the_profile_offers_the_kinds_that_can_reach_a_requester(login, requester):
    form = login(requester).get(reverse("desk:profile")).context["form"]
    assert form.kinds == [
        NotificationKind.REPLY,
        NotificationKind.STATUS,
        NotificationKind.RESOLVED,
    ]


def test_the_profile_offers_heads_the_overdue_alert(login, head_a):
    html = login(head_a).get(reverse("desk:profile")).content.decode()
    assert "A request of my department is overdue" in html
    assert "A request was assigned to me" in html


def test_every_switch_is_labelled(login, head_a):
    response = login(head_a).get(reverse("desk:profile"))
    html = response.content.decode()
    for name in response.context["form"].fields:
        assert f'for="id_{name}"' in html


def test_saving_the_profile_stores_switches_and_language(login, requester):
    data = {
        "language": "pl",
        "reply__in_app": "on",
        "reply__email": "",
        "status__in_app": "on",
        "status__email": "on",
        "resolved__in_app": "",
        "resolved__email": "",
    }
    response = login(requester).post(reverse("desk:profile"), data)
    assert response.status_code == 302
    requester.refresh_from_db()
    assert requester.language == "pl"
    prefs = {p.kind: (p.in_app, p.email) for p in requester.notification_preferences.all()}
    assert prefs == {"reply": (True, False), "resolved": (False, False)}
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pl"


def test_switching_back_on_removes_the_row(login, requester):
    NotificationPreference.objects.create(
        employee=requester, kind=NotificationKind.REPLY, in_app=False, email=False
    )
    data = {
        f"{kind}__{channel}": "on"
        for kind in ("reply", "status", "resolved")
        for channel in ("in_app", "email")
    }
    login(requester).post(reverse("desk:profile"), {"language": "", **data})
    assert not requester.notification_preferences.exists()


def test_an_unknown_language_is_refused_and_nothing_saved(login, requester):
    response = login(requester).post(reverse("desk:profile"), {"language": "xx"})
    assert response.status_code == 400
    requester.refresh_from_db()
    assert requester.language == ""
    assert not requester.notification_preferences.exists()


def test_the_profile_rejects_put(login, requester):
    assert login(requester).put(reverse("desk:profile")).status_code == 405


def test_the_profile_asks_to_log_in(client):
    assert client.get(reverse("desk:profile"))["Location"].startswith(reverse("login"))


def test_the_profiles_language_applies_in_a_new_browser(client, requester):
    requester.language = "pl"
    requester.save()
    client.force_login(requester)
    response = client.get(reverse("desk:catalog"), HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "pl"


def test_a_browser_choice_wins_over_the_profile(client, requester):
    requester.language = "pl"
    requester.save()
    client.force_login(requester)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("desk:catalog"))
    assert response["Content-Language"] == "en"
