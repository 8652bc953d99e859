"""feedback:rate: a link only opens the form; the POST records, once; editing for 24 hours."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from feedback.models import Feedback
from tests.factories import file_request
from tests.feedback.helpers import resolved_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def resolved(requester, service_a, agent_a):
    return resolved_request(requester, service_a, agent_a, title="Laptop for new hire")


def _url(req):
    return reverse("feedback:rate", args=[req.department.code, f"{req.number:04d}"])


GOOD = {"rating": "4", "quality": "5", "speed": "", "communication": "3", "comment": "Quick!"}


def test_it_shows_the_form_and_records_nothing_on_get(login, requester, resolved):
    response = login(requester).get(_url(resolved))
    assert response.status_code == 200
    assert not Feedback.objects.exists()
    html = response.content.decode()
    assert "<fieldset" in html
    assert "<legend>" in html
    assert f'action="{_url(resolved)}"' in html
    assert "1 – Very dissatisfied" in html
    assert "5 – Very satisfied" in html
    assert 'type="radio" name="rating"' in html
    assert "Quality of the result" in html


def test_the_url_is_the_request_reference(resolved):
    assert _url(resolved) == "/requests/IT-0001/rate/"


def test_it_records_a_rating_on_post(login, requester, resolved):
    response = login(requester).post(_url(resolved), GOOD, follow=True)
    assert response.redirect_chain[-1][0] == resolved.get_absolute_url()
    feedback = Feedback.objects.get()
    assert (feedback.rating, feedback.quality, feedback.speed, feedback.communication) == (
        4,
        5,
        None,
        3,
    )
    assert feedback.comment == "Quick!"
    assert "Thank you for your feedback" in response.content.decode()


def test_a_replayed_post_shows_the_existing_feedback(login, requester, resolved):
    client = login(requester)
    client.post(_url(resolved), GOOD)
    response = client.post(
        _url(resolved), {**GOOD, "rating": "1", "comment": "Replay"}, follow=True
    )
    assert response.redirect_chain[-1][0] == _url(resolved)
    assert Feedback.objects.count() == 1
    assert Feedback.objects.get().rating == 4
    html = response.content.decode()
    assert "already rated" in html
    assert "4 – Satisfied" in html
    assert "Quick!" in html


def test_a_rejected_form_keeps_the_input(login, requester, resolved):
    response = login(requester).post(_url(resolved), {"comment": "My words", "speed": "2"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "My words" in html
    assert "Choose how satisfied you are" in html
    assert 'name="speed" value="2" id="id_speed_1" checked' in html
    assert not Feedback.objects.exists()


def test_an_out_of_range_value_is_rejected(login, requester, resolved):
    response = login(requester).post(_url(resolved), {**GOOD, "rating": "7"})
    assert response.status_code == 400
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_rejects_other_methods(login, requester, resolved, method):
    response = getattr(login(requester), method)(_url(resolved))
    assert response.status_code == 405


@pytest.mark.parametrize("who", ["business_requester", "outsider", "agent_b", "agent_a", "head_a"])
def test_it_is_404_for_anyone_but_the_requester(login, resolved, request, who):
    client = login(request.getfixturevalue(who))
    assert client.get(_url(resolved)).status_code == 404
    assert client.post(_url(resolved), GOOD).status_code == 404
    assert not Feedback.objects.exists()


def test_it_is_404_for_an_unknown_request(login, requester, resolved):
    response = login(requester).get(reverse("feedback:rate", args=["IT", "0999"]))
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, resolved):
    response = client.get(_url(resolved))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_request_not_resolved_yet_redirects_with_a_message(login, requester, desk_request):
    response = login(requester).post(_url(desk_request), GOOD, follow=True)
    assert response.redirect_chain[-1][0] == desk_request.get_absolute_url()
    assert "once it is resolved" in response.content.decode()
    assert not Feedback.objects.exists()


def test_staff_who_filed_in_their_own_department_are_told_why_not(
    login, agent_a, agent_a2, service_a
):
    own = resolved_request(agent_a, service_a, agent_a2)
    response = login(agent_a).get(_url(own), follow=True)
    assert response.redirect_chain[-1][0] == own.get_absolute_url()
    assert "cannot rate its requests" in response.content.decode()


def test_when_rated_it_shows_the_feedback_and_an_edit_form(login, requester, resolved):
    client = login(requester)
    client.post(_url(resolved), GOOD)
    response = client.get(_url(resolved))
    html = response.content.decode()
    assert "Your feedback" in html
    assert "Quick!" in html
    assert "Change your feedback" in html
    assert f'name="edit" value="{Feedback.objects.get().pk}"' in html


def test_the_requester_edits_within_24_hours(login, requester, resolved):
    client = login(requester)
    client.post(_url(resolved), GOOD)
    feedback = Feedback.objects.get()
    with time_machine.travel(timezone.now() + timedelta(hours=20)):
        response = client.post(
            _url(resolved), {**GOOD, "rating": "2", "comment": "Broke again", "edit": feedback.pk}
        )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert (feedback.rating, feedback.comment) == (2, "Broke again")
    assert Feedback.objects.count() == 1


def test_after_24_hours_it_shows_the_feedback_without_a_form(login, requester, resolved):
    client = login(requester)
    client.post(_url(resolved), GOOD)
    feedback = Feedback.objects.get()
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        page = client.get(_url(resolved)).content.decode()
        response = client.post(
            _url(resolved), {**GOOD, "rating": "1", "edit": feedback.pk}, follow=True
        )
    assert "Quick!" in page
    assert 'name="edit"' not in page
    assert "that time has passed" in page
    assert "can be changed for 24 hours" in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.rating == 4


def test_an_edit_marker_for_another_feedback_is_a_replay(login, requester, resolved, service_a):
    client = login(requester)
    client.post(_url(resolved), GOOD)
    response = client.post(_url(resolved), {**GOOD, "rating": "1", "edit": "999999"})
    assert response.status_code == 302
    assert Feedback.objects.get().rating == 4


def test_it_only_concerns_the_request_in_the_url(login, requester, resolved, service_a):
    other = file_request(requester, service_a)
    response = login(requester).post(_url(other), GOOD)
    assert response.status_code == 302
    assert not Feedback.objects.exists()
