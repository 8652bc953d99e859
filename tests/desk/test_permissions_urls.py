"""Every URL that names a request: 404 for people it is not for, access for those it is for.

The cast: the requester and department A's staff may open IT-0001; an outsider, another
requester and department B's agent get 404 (never 403: nobody learns that IT-0001 exists).
Refused methods get 405, strangers are sent to log in, and a refused visit changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from desk import services
from desk.models import EventKind, Status
from tests.desk import uploads
from tests.factories import file_request

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def filed(requester, service_a):
    return file_request(requester, service_a, title="Laptop", files=[uploads.pdf()])


def _urls(request) -> dict[str, tuple[str, str, dict]]:
    """name -> (method, url, data) for every URL that takes the request's reference."""
    ref = [request.department.code, request.number]
    token = request.attachments.get(event__kind=EventKind.FILED).token
    return {
        "detail": ("get", reverse("desk:request-detail", args=ref), {}),
        "comment": ("post", reverse("desk:request-comment", args=ref), {"body": "Hello"}),
        "cancel": ("post", reverse("desk:request-cancel", args=ref), {"reason": "no"}),
        "confirm": ("post", reverse("desk:request-confirm", args=ref), {}),
        "reopen": ("post", reverse("desk:request-reopen", args=ref), {"reason": "again"}),
        "download": ("get", reverse("desk:attachment-download", args=[*ref, token]), {}),
    }


URL_NAMES = ["detail", "comment", "cancel", "confirm", "reopen", "download"]
WRONG_METHOD = {"get": "post", "post": "get"}


@pytest.mark.parametrize("name", URL_NAMES)
@pytest.mark.parametrize("person", ["outsider", "agent_b", "business_requester"])
def test_people_it_is_not_for_get_404(request, login, filed, name, person):
    method, url, data = _urls(filed)[name]
    client = login(request.getfixturevalue(person))
    response = getattr(client, method)(url, data)
    assert response.status_code == 404


@pytest.mark.parametrize("name", URL_NAMES)
@pytest.mark.parametrize("person", ["outsider", "agent_b"])
def test_a_refused_visit_changes_nothing(request, login, filed, name, person):
    method, url, data = _urls(filed)[name]
    getattr(login(request.getfixturevalue(person)), method)(url, data)
    filed.refresh_from_db()
    assert filed.status == Status.NEW
    assert list(filed.events.values_list("kind", flat=True)) == [EventKind.FILED]


@pytest.mark.parametrize("name", URL_NAMES)
@pytest.mark.parametrize("person", ["requester", "agent_a", "agent_a2", "head_a"])
def test_the_requester_and_the_department_get_in(request, login, filed, name, person):
    method, url, data = _urls(filed)[name]
    response = getattr(login(request.getfixturevalue(person)), method)(url, data)
    # Pages answer 200; actions redirect back to the request (refusing by message if the state
    # or the person's role does not allow it, but never by pretending the request is not there).
    expected = 200 if method == "get" else 302
    assert response.status_code == expected
    if method == "post":
        assert response.url == filed.get_absolute_url()


@pytest.mark.parametrize("name", URL_NAMES)
def test_wrong_methods_get_405(login, requester, filed, name):
    method, url, _ = _urls(filed)[name]
    client = login(requester)
    assert getattr(client, WRONG_METHOD[method])(url).status_code == 405
    assert client.put(url).status_code == 405
    assert client.delete(url).status_code == 405


@pytest.mark.parametrize("name", URL_NAMES)
def test_strangers_are_sent_to_log_in(client, filed, name):
    method, url, data = _urls(filed)[name]
    response = getattr(client, method)(url, data)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login") + "?next=")


@pytest.mark.parametrize("name", URL_NAMES)
def test_an_unknown_reference_is_404(login, requester, filed, name):
    method, url, data = _urls(filed)[name]
    for wrong in (url.replace("IT-1/", "IT-2/"), url.replace("IT-1/", "HR-1/")):
        assert getattr(login(requester), method)(wrong, data).status_code == 404


def test_an_agent_of_another_department_does_not_see_it_even_with_their_own_request(
    login, agent_b, service_a, service_b, filed
):
    # Bert has his own IT request; that does not open Olga's.
    file_request(agent_b, service_a)
    client = login(agent_b)
    assert client.get(filed.get_absolute_url()).status_code == 404
    assert client.get("/requests/IT-0002/").status_code == 200


def test_internal_note_files_are_for_the_department_only(
    login, requester, agent_a, head_a, agent_b, filed
):
    note = services.comment_add(
        request=filed, author=agent_a, body="x", internal=True, files=[uploads.text()]
    )
    ref = [filed.department.code, filed.number]
    url = reverse("desk:attachment-download", args=[*ref, note.attachments.get().token])
    assert login(agent_a).get(url).status_code == 200
    assert login(head_a).get(url).status_code == 200
    assert login(requester).get(url).status_code == 404
    assert login(agent_b).get(url).status_code == 404


def test_pages_without_an_object_refuse_wrong_methods(login, requester, service_a):
    client = login(requester)
    assert client.post(reverse("desk:home")).status_code == 405
    assert client.post(reverse("desk:catalog")).status_code == 405
    assert client.post(reverse("desk:my-requests")).status_code == 405
    new = reverse("desk:request-new", args=["it", "new-laptop"])
    assert client.put(new).status_code == 405
    assert client.patch(new).status_code == 405


# Logging time is for the department's staff only: the requester too gets a 404 there.


def _time_url(request) -> str:
    return reverse("desk:request-log-time", args=[request.department.code, request.number])


@pytest.mark.parametrize("person", ["requester", "outsider", "agent_b", "business_requester"])
def test_logging_time_is_404_for_everyone_but_the_department(request, login, filed, person):
    response = login(request.getfixturevalue(person)).post(_time_url(filed), {"minutes": "30"})
    assert response.status_code == 404
    filed.refresh_from_db()
    assert filed.effort_minutes is None
    assert list(filed.events.values_list("kind", flat=True)) == [EventKind.FILED]


@pytest.mark.parametrize("person", ["agent_a", "agent_a2", "head_a"])
def test_the_department_logs_time(request, login, filed, person):
    response = login(request.getfixturevalue(person)).post(_time_url(filed), {"minutes": "30"})
    assert response.status_code == 302
    assert response.url == filed.get_absolute_url()


def test_logging_time_refuses_other_methods_and_strangers(client, login, agent_a, filed):
    url = _time_url(filed)
    assert client.post(url, {"minutes": "30"}).url.startswith(reverse("login") + "?next=")
    staff = login(agent_a)
    assert staff.get(url).status_code == 405
    assert staff.put(url).status_code == 405
