import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_filed_request_gets_a_reference_and_a_due_time(desk_request):
    assert desk_request.reference == "IT-0001"
    assert desk_request.due_at is not None
    assert desk_request.events.get().kind == "filed"


def test_requester_sees_their_request_page(login, requester, desk_request):
    response = login(requester).get(desk_request.get_absolute_url())
    assert response.status_code == 200
    assert b"Laptop for new hire" in response.content


def test_catalog_lists_published_services(login, requester, service_a):
    response = login(requester).get(reverse("desk:catalog"))
    assert response.status_code == 200
    assert b"New laptop" in response.content
