"""The employee's pages: catalog, filing a request, the request page, its actions, My requests."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from departments.models import FieldKind
from desk import services
from desk.models import Attachment, Event, EventKind, Priority, Request, Status
from tests.desk import uploads
from tests.factories import DepartmentFactory, ServiceFactory, ServiceFieldFactory, file_request

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()]


def _html(response) -> str:
    return response.content.decode()


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _query_count(client, url: str, **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(queries)


def _resolve(request, agent):
    services.request_take(request=request, actor=agent)
    return services.request_change_status(request=request, actor=agent, status=Status.RESOLVED)


# --- home -----------------------------------------------------------------------------------------


def test_home_sends_people_to_the_catalog(login, requester):
    response = login(requester).get(reverse("desk:home"))
    assert response.status_code == 302
    assert response.url == reverse("desk:catalog")


def test_home_asks_strangers_to_log_in(client):
    response = client.get(reverse("desk:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- catalog ----------------------------------------------------------------------------------------


@pytest.fixture
def catalog_url() -> str:
    return reverse("desk:catalog")


def test_catalog_groups_services_by_department(
    login, requester, service_a, service_a2, service_b, catalog_url
):
    html = _html(login(requester).get(catalog_url))
    it_at, hr_at = html.index('id="dept-it"'), html.index('id="dept-hr"')
    assert hr_at < it_at  # departments in alphabetical order
    it_section = html[it_at:]
    assert "New laptop" in it_section
    assert "VPN access" in it_section
    assert "Payslip question" in html[hr_at:it_at]
    assert reverse("desk:request-new", args=["it", "new-laptop"]) in html


def test_catalog_shows_what_each_service_promises(login, requester, service_a, dept_a, catalog_url):
    ServiceFactory(
        department=dept_a, name="Outage", slug="outage", target_hours=2, around_the_clock=True
    )
    html = _html(login(requester).get(catalog_url))
    assert "What you get, and what to prepare." in html
    assert "Within 16 working hours" in html
    assert "Within 2 hours, around the clock" in html


def test_catalog_hides_inactive_services_and_departments(
    login, requester, service_a, service_a2, catalog_url
):
    service_a2.is_active = False
    service_a2.save()
    closed = DepartmentFactory(name="Legal", slug="legal", code="LEG", is_active=False)
    ServiceFactory(department=closed, name="Contract review", slug="contract")
    empty = DepartmentFactory(name="Facilities", slug="facilities", code="FAC")
    ServiceFactory(department=empty, name="Desk move", slug="move", is_active=False)

    html = _html(login(requester).get(catalog_url))
    assert "New laptop" in html
    assert "VPN access" not in html
    assert "Legal" not in html
    assert "Contract review" not in html
    assert "Facilities" not in html  # a department with nothing published is not shown


def test_catalog_search_matches_names_descriptions_and_departments(
    login, requester, service_a, service_a2, service_b, catalog_url
):
    service_b.description = "Questions about your monthly payslip or bonus."
    service_b.save()
    client = login(requester)
    assert "New laptop" in _html(client.get(catalog_url, {"q": "LAPTOP"}))
    assert "VPN access" not in _html(client.get(catalog_url, {"q": "laptop"}))
    assert "Payslip question" in _html(client.get(catalog_url, {"q": "bonus"}))
    by_department = _html(client.get(catalog_url, {"q": "HR"}))
    assert "Payslip question" in by_department
    assert "New laptop" not in by_department
    # Every word must match.
    assert "New laptop" not in _html(client.get(catalog_url, {"q": "laptop bonus"}))


def test_catalog_says_when_nothing_matches(login, requester, service_a, catalog_url):
    html = _html(login(requester).get(catalog_url, {"q": "submarine"}))
    assert "No service matches “submarine”." in html
    assert "New laptop" not in html


def test_catalog_escapes_the_search_words(login, requester, service_a, catalog_url):
    html = _html(login(requester).get(catalog_url, {"q": "<script>alert(1)</script>"}))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_catalog_search_is_a_fragment_for_htmx(login, requester, service_a, service_b, catalog_url):
    response = login(requester).get(catalog_url, {"q": "laptop"}, **HTMX)
    html = _html(response)
    assert response.status_code == 200
    assert "<html" not in html
    assert "<form" not in html
    assert "New laptop" in html
    assert "Payslip question" not in html
    # The live region keeps its place and only its words change, so screen readers read one
    # short sentence instead of the whole catalog.
    assert re.search(r'id="catalog-count"[^>]*hx-swap-oob="innerHTML"[^>]*>1 service matches', html)


def test_catalog_search_is_a_full_page_without_htmx(login, requester, service_a, catalog_url):
    html = _html(login(requester).get(catalog_url, {"q": "laptop"}))
    assert "<html" in html
    assert 'name="q" value="laptop"' in html
    assert 'hx-get="/catalog/"' in html
    assert "hx-swap-oob" not in html


def test_catalog_is_a_full_page_when_htmx_restores_history(
    login, requester, service_a, catalog_url
):
    response = login(requester).get(
        catalog_url, {"q": "laptop"}, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX
    )
    assert "<html" in _html(response)


def test_catalog_query_count_does_not_grow_with_the_catalog(login, requester, catalog_url):
    small = DepartmentFactory(name="IT", slug="it", code="IT")
    ServiceFactory(department=small)
    client = login(requester)
    client.get(catalog_url)  # warm up the session
    few = _query_count(client, catalog_url)
    for n in range(4):
        department = DepartmentFactory()
        for _ in range(5):
            ServiceFactory(department=department)
        ServiceFactory(department=department, is_active=False, name=f"Old {n}")
    assert _query_count(client, catalog_url) == few
    assert _query_count(client, catalog_url + "?q=service", **HTMX) <= few


def test_catalog_rejects_post(login, requester, catalog_url):
    assert login(requester).post(catalog_url).status_code == 405


def test_catalog_asks_strangers_to_log_in(client, catalog_url):
    response = client.get(catalog_url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- filing a request ---------------------------------------------------------------------------------


@pytest.fixture
def fields(service_a):
    return {
        "cost_centre": ServiceFieldFactory(
            service=service_a,
            label="Cost centre",
            kind=FieldKind.TEXT,
            required=True,
            help_text="Four letters and digits, from your payslip.",
        ),
        "reason": ServiceFieldFactory(service=service_a, label="Why now", kind=FieldKind.LONG_TEXT),
        "budget": ServiceFieldFactory(
            service=service_a, label="Budget (PLN)", kind=FieldKind.NUMBER
        ),
        "start": ServiceFieldFactory(service=service_a, label="Start date", kind=FieldKind.DATE),
        "model": ServiceFieldFactory(
            service=service_a,
            label="Model",
            kind=FieldKind.CHOICE,
            options="ThinkPad T14\nMacBook Air",
            required=True,
        ),
    }


@pytest.fixture
def new_url(service_a) -> str:
    return reverse("desk:request-new", args=["it", "new-laptop"])


def _post_data(fields, **overrides) -> dict:
    data = {
        "title": "Laptop for Marta",
        "description": "She starts on Monday.",
        "priority": str(Priority.HIGH),
        f"extra_{fields['cost_centre'].pk}": "CC-104",
        f"extra_{fields['reason'].pk}": "Replacing a broken one.",
        f"extra_{fields['budget'].pk}": "5200.50",
        f"extra_{fields['start'].pk}": "2025-03-03",
        f"extra_{fields['model'].pk}": "MacBook Air",
    }
    data.update(overrides)
    return data


def test_the_form_shows_the_service_and_its_extra_fields(login, requester, fields, new_url):
    html = _html(login(requester).get(new_url))
    assert "<h1>New laptop</h1>" in html
    assert "Resolved within 16 working hours" in html
    for label in ("Title", "Description", "Priority", "Cost centre", "Why now", "Budget (PLN)"):
        assert f">{label}" in html
    assert "Four letters and digits, from your payslip." in html
    assert f'type="number" name="extra_{fields["budget"].pk}"' in html
    assert f'type="date" name="extra_{fields["start"].pk}"' in html
    assert '<option value="ThinkPad T14">ThinkPad T14</option>' in html
    assert 'type="file" name="attachments" multiple' in html
    assert 'enctype="multipart/form-data"' in html


def test_every_field_has_a_label(login, requester, fields, new_url):
    html = _html(login(requester).get(new_url))
    ids = set(re.findall(r'<(?:input|select|textarea)[^>]* id="([^"]+)"', html))
    ids.discard("language-select")  # labelled in the footer, checked below all the same
    assert ids
    for field_id in ids | {"language-select"}:
        assert f'for="{field_id}"' in html, field_id


def test_filing_creates_the_request_and_shows_it(login, requester, fields, new_url, media):
    response = login(requester).post(
        new_url, _post_data(fields, attachments=[uploads.png(), uploads.pdf()])
    )
    request = Request.objects.get()
    assert response.status_code == 302
    assert response.url == request.get_absolute_url() == "/requests/IT-0001/"
    assert (request.title, request.priority, request.requester) == (
        "Laptop for Marta",
        Priority.HIGH,
        requester,
    )
    answers = {a["label"]: a["value"] for a in request.extra}
    assert answers == {
        "Cost centre": "CC-104",
        "Why now": "Replacing a broken one.",
        "Budget (PLN)": "5200.50",
        "Start date": "2025-03-03",
        "Model": "MacBook Air",
    }
    assert sorted(request.attachments.values_list("name", flat=True)) == [
        "quote.pdf",
        "screenshot.png",
    ]
    assert len(_stored_files(media)) == 2
    assert _messages(response) == ["Request IT-0001 filed. IT will get back to you."]


def test_filing_without_extra_fields(login, requester, service_b):
    url = reverse("desk:request-new", args=["hr", "payslip"])
    response = login(requester).post(
        url, {"title": "March payslip", "description": "Overtime missing.", "priority": "2"}
    )
    assert response.status_code == 302
    assert Request.objects.get().reference == "HR-0001"


def test_a_rejected_form_keeps_everything_and_saves_nothing(
    login, requester, fields, new_url, dept_a, media
):
    data = _post_data(
        fields,
        title="x" * 201,
        **{
            f"extra_{fields['budget'].pk}": "a lot",
            f"extra_{fields['start'].pk}": "2025-02-30",
            f"extra_{fields['model'].pk}": "Gaming rig",
            f"extra_{fields['cost_centre'].pk}": "",
        },
    )
    response = login(requester).post(new_url, {**data, "attachments": [uploads.exe("cat.png")]})
    html = _html(response)

    assert response.status_code == 400
    assert "Please correct the highlighted fields:" in html
    assert '<li><a href="#id_title">Title</a></li>' in html
    assert f'<a href="#id_extra_{fields["model"].pk}">Model</a>' in html
    # Every error is shown at its own field.
    for name in ("title", "attachments") + tuple(
        f"extra_{fields[k].pk}" for k in ("budget", "start", "model", "cost_centre")
    ):
        assert f'id="id_{name}_error"' in html, name
        assert re.search(rf'name="{name}"[^>]*aria-invalid="true"', html), name
    assert "Ensure this value has at most 200 characters" in html
    assert "Enter a number." in html
    assert "Enter a valid date." in html
    assert "Select a valid choice." in html
    assert "cat.png is not a file type Desk accepts" in html
    # Everything typed is still there.
    assert f'value="{"x" * 201}"' in html
    assert "\nShe starts on Monday.</textarea>" in html
    assert '<option value="3" selected>High</option>' in html
    assert "\nReplacing a broken one.</textarea>" in html
    assert 'value="a lot"' in html
    assert 'value="2025-02-30"' in html
    assert "please choose your attachments again" in html
    # Nothing was saved.
    assert not Request.objects.exists()
    assert not Attachment.objects.exists()
    assert not Event.objects.exists()
    assert not _stored_files(media)
    dept_a.refresh_from_db()
    assert dept_a.last_request_number == 0


def test_a_bad_file_alone_rejects_the_whole_form(login, requester, fields, new_url, media):
    data = _post_data(fields, attachments=[uploads.png(), uploads.text("contract.pdf")])
    response = login(requester).post(new_url, data)
    html = _html(response)
    assert response.status_code == 400
    assert "contract.pdf does not contain what its name says" in html
    assert 'value="Laptop for Marta"' in html
    assert 'value="CC-104"' in html
    assert '<option value="MacBook Air" selected>MacBook Air</option>' in html
    assert 'value="5200.50"' in html
    assert 'value="2025-03-03"' in html
    assert not Request.objects.exists()
    assert not _stored_files(media)


def test_too_many_files_are_rejected(login, requester, fields, new_url, settings, media):
    settings.DESK_MAX_ATTACHMENTS = 2
    files = [uploads.png(), uploads.pdf(), uploads.text()]
    response = login(requester).post(new_url, _post_data(fields, attachments=files))
    assert response.status_code == 400
    assert "Attach at most 2 files." in _html(response)
    assert not Request.objects.exists()
    assert not _stored_files(media)


def test_a_too_large_file_is_rejected(login, requester, fields, new_url, settings, media):
    settings.DESK_MAX_ATTACHMENT_MB = 1
    big = uploads.of_size(1024 * 1024 + 1, name="dump.txt")
    response = login(requester).post(new_url, _post_data(fields, attachments=[big]))
    assert response.status_code == 400
    assert "dump.txt is larger than 1.0" in _html(response)
    assert not Request.objects.exists()


def test_an_empty_post_shows_the_errors(login, requester, fields, new_url):
    response = login(requester).post(new_url, {})
    html = _html(response)
    assert response.status_code == 400
    assert 'id="id_title_error"' in html
    assert 'id="id_description_error"' in html
    assert f'id="id_extra_{fields["cost_centre"].pk}_error"' in html


def test_typed_text_is_escaped_when_the_form_comes_back(login, requester, fields, new_url):
    data = _post_data(fields, title="", description="<script>alert(1)</script>")
    html = _html(login(requester).post(new_url, data))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_filing_on_an_inactive_service_is_404(login, requester, fields, service_a, new_url):
    service_a.is_active = False
    service_a.save()
    client = login(requester)
    assert client.get(new_url).status_code == 404
    assert client.post(new_url, _post_data(fields)).status_code == 404
    assert not Request.objects.exists()


def test_filing_in_an_inactive_department_is_404(login, requester, service_a, dept_a, new_url):
    dept_a.is_active = False
    dept_a.save()
    assert login(requester).get(new_url).status_code == 404


def test_a_service_under_another_department_is_404(login, requester, service_a, service_b):
    url = reverse("desk:request-new", args=["hr", "new-laptop"])
    assert login(requester).get(url).status_code == 404


def test_the_form_refuses_other_methods(login, requester, service_a, new_url):
    client = login(requester)
    assert client.put(new_url).status_code == 405
    assert client.delete(new_url).status_code == 405


def test_the_form_asks_strangers_to_log_in(client, service_a, new_url):
    response = client.get(new_url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- the request page ----------------------------------------------------------------------------------


@pytest.fixture
def filed(requester, service_a, media):
    """A request with extra answers and an attachment, as the form would file it."""
    return file_request(
        requester,
        service_a,
        title="Laptop for Marta",
        description="She starts on Monday.\nA 14-inch one, please.",
        priority=Priority.URGENT,
        extra=[
            {"field": 1, "label": "Cost centre", "kind": "text", "value": "CC-104"},
            {"field": 2, "label": "Start date", "kind": "date", "value": "2025-03-03"},
        ],
        files=[uploads.pdf("offer.pdf")],
    )


def test_the_request_page_shows_everything(login, requester, agent_a, filed):
    services.request_take(request=filed, actor=agent_a)
    services.comment_add(request=filed, author=agent_a, body="Ordered it today.")
    html = _html(login(requester).get(filed.get_absolute_url()))
    assert "IT-0001" in html
    assert "<h1>Laptop for Marta</h1>" in html
    assert "She starts on Monday.\nA 14-inch one, please." in html
    assert "<dt>Cost centre</dt><dd>CC-104</dd>" in html
    assert "<dt>Start date</dt><dd>2025-03-03</dd>" in html
    assert "Urgent" in html
    assert "New laptop" in html
    assert 'class="badge badge--in_progress">In progress<' in html
    assert "Alice Agent" in html
    attachment = filed.attachments.get()
    assert reverse("desk:attachment-download", args=["IT", "0001", attachment.token]) in html
    assert "offer.pdf" in html


def test_the_timeline_is_in_order(login, requester, agent_a, filed):
    services.comment_add(request=filed, author=requester, body="First question")
    services.request_take(request=filed, actor=agent_a)
    services.comment_add(request=filed, author=agent_a, body="First answer")
    html = _html(login(requester).get(filed.get_absolute_url()))
    positions = [
        html.index(text)
        for text in (
            "filed the request",
            "First question",
            "took the request",  # she assigned it to herself
            "changed the status from New to In progress",
            "First answer",
        )
    ]
    assert positions == sorted(positions)


def test_the_requester_never_sees_internal_notes(login, requester, agent_a, filed):
    note = services.comment_add(
        request=filed,
        author=agent_a,
        body="Budget is tight, check with Helen.",
        internal=True,
        files=[uploads.text("quote-internal.txt")],
    )
    html = _html(login(requester).get(filed.get_absolute_url()))
    assert "Budget is tight" not in html
    assert "quote-internal.txt" not in html
    assert note.attachments.get().token not in html


def test_staff_see_internal_notes_and_the_note_option(login, agent_a, filed):
    services.comment_add(request=filed, author=agent_a, body="Check with Helen.", internal=True)
    html = _html(login(agent_a).get(filed.get_absolute_url()))
    assert "Check with Helen." in html
    assert "Internal note · only your team sees this" in html
    assert 'name="internal"' in html


def test_the_requester_gets_no_internal_note_option(login, requester, filed):
    html = _html(login(requester).get(filed.get_absolute_url()))
    assert 'name="internal"' not in html
    assert "Add a comment" in html


def test_user_text_is_escaped_on_the_request_page(login, requester, service_a, media):
    evil = "<script>alert('x')</script>"
    request = file_request(
        requester,
        service_a,
        title=evil,
        description=evil,
        extra=[{"field": 1, "label": evil, "kind": "text", "value": evil}],
        files=[uploads.text(f"{evil}.txt")],
    )
    services.comment_add(request=request, author=requester, body=evil)
    html = _html(login(requester).get(request.get_absolute_url()))
    assert "<script>alert" not in html
    # Title, description, answer label and value, reply, file name: escaped by Django's engine
    # (the title, apostrophe as &#x27;) or Jinja2's (the page's body, as &#39;).
    escaped = [f"&lt;script&gt;alert({q}x{q})&lt;/script&gt;" for q in ("&#x27;", "&#39;")]
    assert sum(html.count(text) for text in escaped) >= 6


def test_the_new_request_offers_cancelling(login, requester, filed):
    html = _html(login(requester).get(filed.get_absolute_url()))
    assert reverse("desk:request-cancel", args=["IT", "0001"]) in html
    assert 'for="cancel-reason"' in html


def test_a_started_request_offers_no_cancelling(login, requester, agent_a, filed):
    services.request_take(request=filed, actor=agent_a)
    html = _html(login(requester).get(filed.get_absolute_url()))
    assert reverse("desk:request-cancel", args=["IT", "0001"]) not in html


def test_a_resolved_request_offers_confirm_and_reopen(login, requester, agent_a, filed):
    _resolve(filed, agent_a)
    html = _html(login(requester).get(filed.get_absolute_url()))
    assert reverse("desk:request-confirm", args=["IT", "0001"]) in html
    assert reverse("desk:request-reopen", args=["IT", "0001"]) in html


def test_a_cancelled_request_takes_no_more_comments(login, requester, filed):
    services.request_cancel(request=filed, actor=requester)
    html = _html(login(requester).get(filed.get_absolute_url()))
    assert reverse("desk:request-comment", args=["IT", "0001"]) not in html


def test_the_unpadded_reference_works_too(login, requester, filed):
    assert login(requester).get("/requests/IT-1/").status_code == 200


def test_the_request_page_query_count_is_constant(login, requester, agent_a, filed):
    client = login(requester)
    client.get(filed.get_absolute_url())
    few = _query_count(client, filed.get_absolute_url())
    for n in range(6):
        services.comment_add(
            request=filed, author=requester, body=f"note {n}", files=[uploads.text(f"{n}.txt")]
        )
        services.comment_add(request=filed, author=agent_a, body=f"answer {n}")
    assert _query_count(client, filed.get_absolute_url()) == few


def test_every_kind_of_event_is_worded_on_the_timeline(
    login, requester, agent_a, head_a, service_a2, filed
):
    services.request_assign(request=filed, actor=head_a, assignee=agent_a)
    services.request_assign(request=filed, actor=head_a, assignee=None)
    services.request_take(request=filed, actor=agent_a)
    services.request_change_service(request=filed, actor=head_a, service=service_a2)
    services.request_change_priority(request=filed, actor=head_a, priority=Priority.LOW)
    services.request_change_status(request=filed, actor=agent_a, status=Status.RESOLVED)
    services.request_reopen(request=filed, actor=requester, reason="Still broken")
    Event.objects.create(request=filed, actor=None, kind=EventKind.DUE)
    Event.objects.create(request=filed, actor=agent_a, kind=EventKind.ATTACHMENT)
    html = _html(login(requester).get(filed.get_absolute_url()))
    for words in (
        "<strong>Olga Operational</strong>\n            filed the request",
        "<strong>Helen Head</strong>\n            assigned it to Alice Agent",
        "<strong>Helen Head</strong>\n            removed the assignee",
        "<strong>Alice Agent</strong>\n            took the request",
        "moved it from New laptop to VPN access",
        "changed the priority from Urgent to Low",
        "changed the status from In progress to Resolved",
        "<strong>Olga Operational</strong>\n            reopened the request",
        "<strong>Desk</strong>\n            moved the due time (the clock was paused)",
        "<strong>Alice Agent</strong>\n            Attachment added",
    ):
        assert words in html


def test_the_timeline_escapes_the_values_in_its_sentences(login, requester, agent_a, filed):
    Event.objects.create(
        request=filed,
        actor=agent_a,
        kind=EventKind.SERVICE,
        old_value="<b>Old</b>",
        new_value="N&W",
    )
    html = _html(login(requester).get(filed.get_absolute_url()))
    assert "moved it from &lt;b&gt;Old&lt;/b&gt; to N&amp;W" in html


def test_the_timeline_dates_each_event_in_the_local_zone(login, requester, filed):
    event = filed.events.get()
    event.created_at = datetime(2025, 3, 3, 8, 5, tzinfo=UTC)  # 09:05 in Warsaw
    event.save(update_fields=["created_at"])
    html = _html(login(requester).get(filed.get_absolute_url()))
    assert '<time datetime="2025-03-03T09:05:00+01:00">3 Mar 2025, 09:05</time>' in html


def test_attachments_show_their_name_and_size(login, requester, filed):
    attachment = filed.attachments.get()
    html = _html(login(requester).get(filed.get_absolute_url()))
    url = reverse("desk:attachment-download", args=["IT", "0001", attachment.token])
    assert f'<a href="{url}">' in html
    assert f'offer.pdf <span class="muted">({filesizeformat(attachment.size)})</span>' in html


def test_the_timeline_is_in_polish_on_polish_pages(login, requester, agent_a, filed):
    services.request_take(request=filed, actor=agent_a)
    html = _html(login(requester).get(filed.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="pl"))
    with translation.override("pl"):
        took = translation.gettext("took the request")
        status = translation.gettext("changed the status from %(old)s to %(new)s") % {
            "old": Status.NEW.label,
            "new": Status.IN_PROGRESS.label,
        }
    assert took != "took the request"
    assert took in html
    assert status in html


def _select(html: str, select_id: str) -> str:
    return html.split(f'id="{select_id}"', 1)[1].split("</select>", 1)[0]


def test_the_staff_panel_marks_the_current_choices(
    login, agent_a, head_a, service_a, service_a2, filed
):
    services.request_assign(request=filed, actor=head_a, assignee=agent_a)
    service_a2.name_pl = "Dostęp VPN"
    service_a2.save()
    client = login(head_a)
    html = _html(client.get(filed.get_absolute_url()))
    members = _select(html, "staff-assignee")
    assert '<option value="" >Nobody</option>' in members
    assert f'<option value="{agent_a.pk}" selected>Alice Agent</option>' in members
    assert f'<option value="{head_a.pk}" >Helen Head (me)</option>' in members
    priorities = _select(html, "staff-priority")
    assert f'<option value="{Priority.URGENT}" selected>Urgent</option>' in priorities
    assert f'<option value="{Priority.LOW}" >Low</option>' in priorities
    assert f'<option value="{service_a.pk}" selected>New laptop</option>' in _select(
        html, "staff-service"
    )
    polish = _select(
        _html(client.get(filed.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="pl")), "staff-service"
    )
    assert f'<option value="{service_a2.pk}" >Dostęp VPN</option>' in polish


def test_the_staff_page_query_count_is_constant(login, requester, agent_a, head_a, filed):
    """The head sees everything: notes, the staff panel with its lists, the canned replies."""
    client = login(head_a)
    url = filed.get_absolute_url()
    client.get(url)
    few = _query_count(client, url)
    few_in_polish = _query_count(client, url, HTTP_ACCEPT_LANGUAGE="pl")
    for n in range(5):
        services.comment_add(
            request=filed, author=requester, body=f"question {n}", files=[uploads.text(f"{n}.txt")]
        )
        services.comment_add(request=filed, author=agent_a, body=f"note {n}", internal=True)
    # Polish service names come with the same query, not one query per service.
    ServiceFactory.create_batch(3, department=filed.department, name_pl="Usługa")
    assert _query_count(client, url) == few
    assert _query_count(client, url, HTTP_ACCEPT_LANGUAGE="pl") == few_in_polish


# --- commenting -------------------------------------------------------------------------------------


def _comment_url(request) -> str:
    return reverse("desk:request-comment", args=[request.department.code, request.number])


def test_the_requester_comments_with_a_file(login, requester, filed, media):
    response = login(requester).post(
        _comment_url(filed), {"body": "Here is the approval.", "attachments": [uploads.png()]}
    )
    assert response.status_code == 302
    assert response.url == filed.get_absolute_url()
    event = filed.events.get(kind=EventKind.COMMENT)
    assert (event.actor, event.body) == (requester, "Here is the approval.")
    assert [a.name for a in event.attachments.all()] == ["screenshot.png"]
    assert _messages(response) == ["Your message was added."]


def test_an_empty_comment_is_rejected_at_its_field(login, requester, filed):
    response = login(requester).post(_comment_url(filed), {"body": "  "})
    html = _html(response)
    assert response.status_code == 400
    assert 'id="id_body_error"' in html
    assert "Write a message or attach a file." in html
    assert not filed.events.filter(kind=EventKind.COMMENT).exists()


def test_a_comment_with_a_bad_file_keeps_the_text(login, requester, filed, media):
    response = login(requester).post(
        _comment_url(filed), {"body": "See the tool", "attachments": [uploads.exe("tool.png")]}
    )
    html = _html(response)
    assert response.status_code == 400
    assert "\nSee the tool</textarea>" in html
    assert "tool.png is not a file type Desk accepts" in html
    assert not filed.events.filter(kind=EventKind.COMMENT).exists()
    assert filed.attachments.count() == 1  # only the one filed with the request


def test_the_requester_cannot_sneak_in_an_internal_note(login, requester, filed):
    response = login(requester).post(_comment_url(filed), {"body": "psst", "internal": "on"})
    assert response.status_code == 400
    assert "You are not allowed to do that on this request." in _html(response)
    assert not filed.events.filter(kind__in=[EventKind.NOTE, EventKind.COMMENT]).exists()


def test_staff_write_internal_notes(login, agent_a, filed):
    response = login(agent_a).post(
        _comment_url(filed), {"body": "Order from stock", "internal": "on"}
    )
    assert response.status_code == 302
    assert filed.events.get(kind=EventKind.NOTE).body == "Order from stock"


def test_a_cancelled_request_refuses_comments(login, requester, filed):
    services.request_cancel(request=filed, actor=requester)
    response = login(requester).post(_comment_url(filed), {"body": "Oh wait"})
    assert response.status_code == 400
    assert "This request is cancelled" in _html(response)
    assert not filed.events.filter(kind=EventKind.COMMENT).exists()


def test_comment_text_is_escaped_when_the_form_comes_back(login, requester, filed):
    response = login(requester).post(
        _comment_url(filed), {"body": "<b>hi</b>", "attachments": [uploads.exe()]}
    )
    assert "&lt;b&gt;hi&lt;/b&gt;</textarea>" in _html(response)


# --- cancel, confirm, reopen ----------------------------------------------------------------------------


def _action_url(name: str, request) -> str:
    return reverse(f"desk:request-{name}", args=[request.department.code, request.number])


def test_the_requester_cancels_with_a_reason(login, requester, filed):
    response = login(requester).post(_action_url("cancel", filed), {"reason": "Found one"})
    filed.refresh_from_db()
    assert response.status_code == 302
    assert response.url == filed.get_absolute_url()
    assert filed.status == Status.CANCELLED
    assert filed.events.get(kind=EventKind.COMMENT).body == "Found one"
    assert _messages(response) == ["The request was cancelled."]


def test_the_requester_cancels_without_a_reason(login, requester, filed):
    login(requester).post(_action_url("cancel", filed))
    filed.refresh_from_db()
    assert filed.status == Status.CANCELLED
    assert not filed.events.filter(kind=EventKind.COMMENT).exists()


def test_a_started_request_is_not_cancelled(login, requester, agent_a, filed):
    services.request_take(request=filed, actor=agent_a)
    response = login(requester).post(_action_url("cancel", filed))
    filed.refresh_from_db()
    assert response.status_code == 302
    assert filed.status == Status.IN_PROGRESS
    assert _messages(response) == [
        "Only a request nobody has started can be cancelled; it is “In progress”."
    ]


def test_staff_cannot_use_the_requesters_cancel(login, agent_a, filed):
    response = login(agent_a).post(_action_url("cancel", filed))
    filed.refresh_from_db()
    assert filed.status == Status.NEW
    assert _messages(response) == ["You are not allowed to do that on this request."]


def test_the_requester_confirms_a_resolution(login, requester, agent_a, filed):
    _resolve(filed, agent_a)
    response = login(requester).post(_action_url("confirm", filed))
    filed.refresh_from_db()
    assert response.status_code == 302
    assert filed.status == Status.CLOSED
    assert _messages(response) == ["Thank you: the request is closed."]


def test_the_requester_reopens_with_a_reason(login, requester, agent_a, filed):
    _resolve(filed, agent_a)
    response = login(requester).post(_action_url("reopen", filed), {"reason": "Wrong keyboard"})
    filed.refresh_from_db()
    assert response.status_code == 302
    assert filed.status == Status.IN_PROGRESS
    assert filed.events.get(kind=EventKind.REOPENED).body == "Wrong keyboard"


def test_reopening_needs_a_reason(login, requester, agent_a, filed):
    _resolve(filed, agent_a)
    response = login(requester).post(_action_url("reopen", filed), {"reason": " "})
    filed.refresh_from_db()
    assert filed.status == Status.RESOLVED
    assert _messages(response) == ["Say what is still missing, so the team can act on it."]


# --- attachments ---------------------------------------------------------------------------------------


def _download_url(attachment) -> str:
    request = attachment.request
    return reverse(
        "desk:attachment-download",
        args=[request.department.code, request.number, attachment.token],
    )


def test_the_requester_downloads_a_pdf(login, requester, filed):
    attachment = filed.attachments.get()
    response = login(requester).get(_download_url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == uploads.PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="offer.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_images_open_in_the_browser(login, requester, service_a, media):
    request = file_request(requester, service_a, files=[uploads.png()])
    response = login(requester).get(_download_url(request.attachments.get()))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")


def test_staff_download_internal_note_files_and_the_requester_cannot(
    login, requester, agent_a, filed
):
    note = services.comment_add(
        request=filed, author=agent_a, body="x", internal=True, files=[uploads.text()]
    )
    url = _download_url(note.attachments.get())
    assert login(agent_a).get(url).status_code == 200
    assert login(requester).get(url).status_code == 404


def test_a_token_from_another_request_is_404(login, requester, service_a, filed):
    other = file_request(requester, service_a, files=[uploads.text()])
    token = other.attachments.get().token
    url = reverse("desk:attachment-download", args=["IT", filed.number, token])
    assert login(requester).get(url).status_code == 404


def test_an_unknown_token_is_404(login, requester, filed):
    url = reverse("desk:attachment-download", args=["IT", filed.number, "0" * 32])
    assert login(requester).get(url).status_code == 404


# --- my requests --------------------------------------------------------------------------------------


@pytest.fixture
def mine_url() -> str:
    return reverse("desk:my-requests")


def _titles(html: str) -> list[str]:
    return re.findall(r'<td class="title-cell"><a href="[^"]+"[^>]*>([^<]+)</a>', html)


def test_my_requests_lists_only_my_own(
    login, requester, business_requester, service_a, service_b, mine_url
):
    file_request(requester, service_a, title="Mine in IT")
    file_request(requester, service_b, title="Mine in HR")
    file_request(business_requester, service_a, title="Someone else's")
    html = _html(login(requester).get(mine_url))
    assert sorted(_titles(html)) == ["Mine in HR", "Mine in IT"]
    assert "Someone else" not in html


def test_my_requests_shows_the_facts_of_each(login, requester, agent_a, service_a, mine_url):
    request = file_request(requester, service_a, title="Laptop")
    services.request_take(request=request, actor=agent_a)
    html = _html(login(requester).get(mine_url))
    assert "IT-0001" in html
    assert request.get_absolute_url() in html
    assert "New laptop" in html
    assert "Alice Agent" in html
    assert "In progress" in html


def test_my_requests_filters_by_status(login, requester, agent_a, service_a, mine_url):
    file_request(requester, service_a, title="Still new")
    resolved = file_request(requester, service_a, title="Done")
    _resolve(resolved, agent_a)
    closed = file_request(requester, service_a, title="Gone")
    services.request_cancel(request=closed, actor=requester)

    client = login(requester)
    assert _titles(_html(client.get(mine_url, {"status": "open"}))) == ["Still new"]
    assert _titles(_html(client.get(mine_url, {"status": "resolved"}))) == ["Done"]
    assert _titles(_html(client.get(mine_url, {"status": "closed"}))) == ["Gone"]
    assert len(_titles(_html(client.get(mine_url)))) == 3
    assert len(_titles(_html(client.get(mine_url, {"status": "bogus"})))) == 3


def test_the_current_tab_is_marked(login, requester, mine_url):
    html = _html(login(requester).get(mine_url, {"status": "resolved"}))
    assert re.search(r'id="tab-resolved"[^>]*aria-current="page"', html)
    assert not re.search(r'id="tab-all"[^>]*aria-current="page"', html)


def test_my_requests_says_when_a_tab_is_empty(login, requester, service_a, mine_url):
    file_request(requester, service_a)
    html = _html(login(requester).get(mine_url, {"status": "resolved"}))
    assert "No requests with this status." in html


def test_my_requests_shows_newest_activity_first(login, requester, service_a, mine_url):
    start = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        old = file_request(requester, service_a, title="Filed first")
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        file_request(requester, service_a, title="Filed second")
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        services.comment_add(request=old, author=requester, body="Any news?")
    assert _titles(_html(login(requester).get(mine_url))) == ["Filed first", "Filed second"]


def test_my_requests_pages_by_25(login, requester, service_a, mine_url):
    for n in range(30):
        file_request(requester, service_a, title=f"Request {n:02d}")
    client = login(requester)
    first = _html(client.get(mine_url))
    second = _html(client.get(mine_url, {"page": 2}))
    assert len(_titles(first)) == 25
    assert len(_titles(second)) == 5
    assert set(_titles(first)).isdisjoint(_titles(second))
    assert "Page 1 of 2 · 30 requests" in first
    assert 'href="?page=2"' in first
    assert len(_titles(_html(client.get(mine_url, {"page": 99})))) == 5  # last page


def test_paging_keeps_the_status_filter(login, requester, service_a, mine_url):
    for _ in range(26):
        file_request(requester, service_a)
    html = _html(login(requester).get(mine_url, {"status": "open"}))
    assert 'href="?status=open&amp;page=2"' in html


def test_my_requests_is_a_fragment_for_htmx(login, requester, service_a, mine_url):
    file_request(requester, service_a, title="Laptop")
    html = _html(login(requester).get(mine_url, {"status": "open"}, **HTMX))
    assert "<html" not in html
    assert "<h1>" not in html
    assert _titles(html) == ["Laptop"]
    assert 'id="tab-open"' in html  # the tabs are swapped with the list


def test_my_requests_is_a_full_page_without_htmx(login, requester, mine_url):
    html = _html(login(requester).get(mine_url))
    assert "<html" in html
    assert "<h1>My requests</h1>" in html
    assert 'id="request-list" hx-boost="true"' in html


def test_my_requests_is_a_full_page_when_htmx_restores_history(login, requester, mine_url):
    html = _html(login(requester).get(mine_url, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX))
    assert "<html" in html


def test_my_requests_query_count_is_constant(login, requester, agent_a, service_a, mine_url):
    file_request(requester, service_a)
    client = login(requester)
    client.get(mine_url)
    few = _query_count(client, mine_url)
    for _ in range(30):
        services.request_take(request=file_request(requester, service_a), actor=agent_a)
    assert _query_count(client, mine_url) == few
    assert _query_count(client, mine_url, **HTMX) <= few


def test_my_requests_escapes_titles(login, requester, service_a, mine_url):
    file_request(requester, service_a, title="<img src=x onerror=alert(1)>")
    html = _html(login(requester).get(mine_url))
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_my_requests_rejects_post(login, requester, mine_url):
    assert login(requester).post(mine_url).status_code == 405
