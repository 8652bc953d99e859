"""Signed-in pages and attachments are never stored by proxies or the browser's disk cache
(issue 12, point 8); anonymous pages keep their own headers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from desk.models import Attachment
from tests.desk import uploads
from tests.factories import file_request

pytestmark = pytest.mark.django_db


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_signed_in_pages_and_fragments_are_private_and_not_stored(login, head_a, dept_a):
    client = login(head_a)
    for url in (
        reverse("desk:home"),
        reverse("desk:catalog"),
        reverse("desk:queue", args=[dept_a.slug]),
        reverse("desk:notifications"),
        reverse("desk:profile"),
    ):
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            response = client.get(url, **headers)
            assert {"private", "no-store"} <= directives(response), (url, headers)
            assert "public" not in directives(response)


def test_attachment_downloads_are_private_and_not_stored(login, requester, service_a):
    filed = file_request(requester, service_a, title="Laptop", files=[uploads.pdf()])
    token = Attachment.objects.get(request=filed).token
    url = reverse("desk:attachment-download", args=[filed.department.code, filed.number, token])
    response = login(requester).get(url)
    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


def test_the_queue_page_cache_still_serves_with_the_header(login, head_a, dept_a, settings):
    settings.QUEUE_PAGE_CACHE = True
    client = login(head_a)
    url = reverse("desk:queue", args=[dept_a.slug])
    first, second = client.get(url), client.get(url)  # the second comes from the page cache
    assert first.status_code == second.status_code == 200
    assert {"private", "no-store"} <= directives(second)


def test_anonymous_pages_are_left_alone(client):
    assert "no-store" not in directives(client.get(reverse("password_reset")))
