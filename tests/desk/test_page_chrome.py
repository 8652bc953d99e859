"""The page chrome rendered by Jinja2 (desk.templatetags.desk_chrome, desk/jinja2.py) and the
helpers that keep it fast: it reads as the Django templates did, for every kind of person."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse, set_script_prefix
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from departments.models import Role
from desk.jinja2 import _url, escape_as_django
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_url_follows_the_script_prefix():
    try:
        set_script_prefix("/desk/")
        assert _url("desk:catalog") == "/desk/catalog/"
        set_script_prefix("/")
        assert _url("desk:catalog") == "/catalog/"
        assert _url("desk:queue", "it") == reverse("desk:queue", args=["it"])
    finally:
        set_script_prefix("/")


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        'O\'Brien & <Sons> "quoted"',
        mark_safe("<b>safe</b>"),
        gettext_lazy("Status"),
        7,
        None,
    ],
)
def test_widget_values_are_escaped_as_django_escapes_them(value):
    assert str(escape_as_django(value)) == str(conditional_escape(value))


def _nav(html: str) -> str:
    return html[html.index('<nav class="mainnav"') : html.index("</nav>")]


def test_the_top_bar_shows_each_person_their_links(login, requester, agent_a, head_a, dept_b):
    mine = _nav(login(requester).get(reverse("desk:catalog")).content.decode())
    assert 'href="/catalog/" aria-current="page"' in mine
    assert "My requests" in mine
    assert "Queue" not in mine
    assert "Feedback" not in mine

    agent = _nav(login(agent_a).get(reverse("desk:catalog")).content.decode())
    assert "Queue</a>" in agent
    assert "Feedback" not in agent
    assert "My work" in agent

    MembershipFactory(employee=head_a, department=dept_b, role=Role.HEAD)
    head = _nav(login(head_a).get(reverse("desk:catalog")).content.decode())
    # Two teams: each queue and each feedback list named by its department.
    for name in ("IT", "HR"):
        assert f"{name} queue" in head
        assert f"{name} feedback" in head


def test_the_bell_counts_and_names_unread_notifications(
    login, requester, agent_a, desk_request, django_capture_on_commit_callbacks
):
    from desk import services

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(request=desk_request, author=agent_a, body="On it")
    page = login(requester).get(reverse("desk:my-requests")).content.decode()
    assert 'aria-label="Notifications, 1 unread"' in page
    assert '<span class="bell__count" aria-hidden="true">1</span>' in page


def test_an_error_page_without_a_request_has_the_bare_top_bar():
    page = render_to_string("404.html")
    assert 'class="topbar"' in page
    assert "mainnav" not in page
    assert "csrfmiddlewaretoken" not in page  # as {% csrf_token %}: no token, no field
    assert 'name="language"' in page


def test_a_page_masks_one_csrf_token_for_all_its_forms(agent_a, desk_request):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(agent_a)
    page = client.get(desk_request.get_absolute_url()).content.decode()
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    tokens += re.findall(r'"X-CSRFToken": "([^"]+)"', page)
    # The top bar, the reply form, the staff panel (Jinja2) and the page around them (Django).
    assert len(tokens) >= 5
    assert len(set(tokens)) == 1
    # ... and it is a token Django accepts.
    reply = client.post(
        reverse("desk:request-comment", args=[desk_request.department.code, desk_request.number]),
        {"body": "Looking at it", "csrfmiddlewaretoken": tokens[0]},
    )
    assert reply.status_code == 302
    refused = client.post(
        reverse("desk:request-comment", args=[desk_request.department.code, desk_request.number]),
        {"body": "Looking at it"},
    )
    assert refused.status_code == 403


def _around_content(html: str) -> str:
    """The page without its title and content, and without what says which page it is."""
    html = re.sub(r"<title>.*?</title>", "", html, flags=re.DOTALL)
    html = re.sub(r'<main id="main".*</main>', "", html, flags=re.DOTALL)
    html = re.sub(r'name="next" type="hidden" value="[^"]*"', "", html)
    html = re.sub(r'\s*aria-current="page"', "", html)
    html = re.sub(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]+', r"\1", html)
    return re.sub(r"\s+>", ">", " ".join(html.split()))


def test_the_jinja2_page_and_the_django_pages_share_their_frame(login, head_a, desk_request):
    client = login(head_a)
    jinja_page = client.get(desk_request.get_absolute_url()).content.decode()
    django_page = client.get(reverse("desk:my-requests")).content.decode()
    assert 'class="topbar"' in jinja_page
    assert "Log out" in jinja_page
    assert _around_content(jinja_page) == _around_content(django_page)


def test_the_request_page_shows_the_message_of_the_last_action(login, agent_a, desk_request):
    client = login(agent_a)
    page = client.post(
        reverse("desk:request-take", args=[desk_request.department.code, desk_request.number]),
        follow=True,
    )
    assert page.redirect_chain
    html = page.content.decode()
    assert html.count('class="message message--success"') == 1
    # Shown once: the next page has no message left.
    assert "message--success" not in client.get(desk_request.get_absolute_url()).content.decode()
