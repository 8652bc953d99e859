"""Every URL, every parameter: NUL characters and over-long values get 400 or a form error,
never a server error (issue 12, point 6).

The URLs come from the URL configuration itself (admin included), filled with real ids of the
standard people's objects, so a new page is walked without anyone adding it here. Parameter
names are every name the page's own forms carry plus every query parameter Desk's code reads.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from desk import services
from desk.models import Attachment, Notification, SavedView, Status
from tests.desk import uploads
from tests.factories import file_request

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
NUL = "nul\x00byte"
TOO_LONG = ["9" * 25, "9" * 5000, "x" * 20000]
# Query parameters the code reads (request.GET.get("..."), .getlist("...")), found in the source.
_READS = re.compile(r"""GET(?:\.get|\.getlist|\[)\(?\s*["']([\w-]+)["']""")


def query_names() -> set[str]:
    names = {
        "page",
        "q",
        "next",
        "format",
        "table",
        "kind",
        "period",
        "o",
        "p",
        "all",
        "_changelist_filters",
    }
    for app in ("desk", "departments", "feedback", "surveys"):
        for source in (REPO / app).rglob("*.py"):
            names |= set(_READS.findall(source.read_text()))
    from desk.page_cache import QUEUE_PARAMETERS

    return names | set(QUEUE_PARAMETERS)


_FIELD = re.compile(r"""<(?:input|select|textarea)\b[^>]*\bname="([^"]+)\"""")
_SKIP_FIELDS = {"csrfmiddlewaretoken"}


def form_names(html: str) -> set[str]:
    return set(_FIELD.findall(html)) - _SKIP_FIELDS


def walk(patterns, prefix=""):
    """(full regex-ish route, namespaced name, pattern) for every URL pattern."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace
            yield from (
                (route, f"{namespace}:{name}" if namespace and name else name, pattern)
                for route, name, pattern in walk(entry.url_patterns, prefix + str(entry.pattern))
            )
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name, entry


@pytest.fixture
def world(
    settings, tmp_path, requester, agent_a, head_a, admin_user, service_a, service_b, agent_b
):
    settings.MEDIA_ROOT = tmp_path
    filed = file_request(requester, service_a, title="Laptop", files=[uploads.pdf()])
    services.request_take(request=filed, actor=agent_a)
    services.comment_add(request=filed, author=requester, body="Any news?")
    resolved = file_request(requester, service_a, title="Mouse")
    services.request_change_status(request=resolved, actor=head_a, status=Status.RESOLVED)
    saved = SavedView.objects.create(
        owner=head_a, department=service_a.department, name="Mine", query="assignee=me"
    )
    from surveys import services as survey_services
    from surveys.models import QuestionKind

    survey = survey_services.survey_save(
        survey=None,
        department=service_a.department,
        editor=head_a,
        title="Pulse",
        is_active=True,
        questions=[survey_services.QuestionInput(QuestionKind.SCALE, f"Q{n}") for n in range(3)],
    )
    return {"filed": filed, "resolved": resolved, "saved": saved, "survey": survey}


def kwargs_for(name: str, pattern: URLPattern, world, people) -> dict:
    """Real values for the URL's parameters."""
    filed = world["filed"]
    needed = set(pattern.pattern.regex.groupindex)
    values = {
        "code": filed.department.code,
        "number": f"{filed.number:04d}",
        "slug": filed.department.slug,
        "reference": filed.reference,
        "department_slug": filed.service.department.slug,
        "service_slug": filed.service.slug,
        "uidb64": urlsafe_base64_encode(force_bytes(people["requester"].pk)),
        "app_label": "departments",
    }
    if name == "desk:attachment-download":
        values["token"] = Attachment.objects.filter(request=filed).first().token
    elif name == "helpcenter:image":
        values["token"] = "0" * 32  # no such image: the walk checks its 404 takes bad input too
    elif name == "surveys:answer":
        values["token"] = "0" * 32  # no such invitation (tests/surveys walk the real ones)
    if name and name.startswith("surveys:"):
        values["pk"] = world["survey"].pk
        values["answer_pk"] = 1
    elif name == "password_reset_confirm":
        values["token"] = default_token_generator.make_token(people["requester"])
    if name == "feedback:rate":
        values["number"] = f"{world['resolved'].number:04d}"
    if name == "desk:queue-view-delete":
        values["pk"] = world["saved"].pk
    elif name == "desk:notification-open":
        values["pk"] = Notification.objects.order_by("pk").first().pk
    elif name == "feedback:acted-upon":
        from feedback.models import Feedback

        found = Feedback.objects.first()
        values["pk"] = found.pk if found else 1
    elif name == "desk:approval-decide":
        from desk.models import Approval

        found = Approval.objects.order_by("pk").first()
        values["pk"] = found.pk if found else 1
    if name == "admin:view_on_site":
        values["content_type_id"] = ContentType.objects.get_for_model(filed).pk
        values["object_id"] = filed.pk
    elif name == "admin:auth_user_password_change":
        values["id"] = people["agent_a"].pk
    elif name and name.startswith("admin:") and "object_id" in needed:
        app_model = name.split(":", 1)[1].rsplit("_", 1)[0]
        for model in apps.get_models():
            if f"{model._meta.app_label}_{model._meta.model_name}" == app_model:
                obj = model._default_manager.order_by("pk").first()
                values["object_id"] = values["id"] = obj.pk if obj else 1
                break
    # Other numbered objects (e.g. a delegation): the first id; a missing one walks the 404.
    values.setdefault("pk", 1)
    missing = needed - set(values)
    assert not missing, f"{name}: give the walk a value for {missing}"
    return {key: values[key] for key in needed}


def every_url(world, people) -> list[tuple[str, str]]:
    urls = []
    for _route, name, pattern in walk(get_resolver().url_patterns):
        if name is None:  # the admin's catch-all, which only redirects
            continue
        urls.append((name, reverse(name, kwargs=kwargs_for(name, pattern, world, people))))
    return urls


def assert_not_server_error(response, what):
    assert response.status_code < 500, what


def test_every_url_answers_bad_input_without_a_server_error(
    world, requester, head_a, admin_user, agent_a
):
    people = {"requester": requester, "head_a": head_a, "admin": admin_user, "agent_a": agent_a}
    urls = every_url(world, people)
    assert len(urls) > 40  # the app's pages and the admin's
    queries = query_names()
    walked = 0
    alone: set[str] = set()
    for person in (requester, head_a, admin_user):
        client = Client(raise_request_exception=False)
        client.force_login(person)
        for name, url in urls:
            if name == "logout" or (name.startswith("admin:") and person != admin_user):
                continue  # logout would end the walk's session; the admin is the admin's
            page = client.get(url)
            assert_not_server_error(page, (person, url))
            names = set(queries)
            if page.status_code == 200 and "html" in page.get("Content-Type", ""):
                names |= form_names(page.content.decode(errors="replace"))
            for bad in [NUL, *TOO_LONG]:
                # Everything at once, as a query and as a form.
                data = dict.fromkeys(names, bad)
                response = client.get(url, data)
                assert_not_server_error(response, (person, url, "GET", bad[:12]))
                response = client.post(url, data)
                assert_not_server_error(response, (person, url, "POST", bad[:12]))
                if bad is NUL and name not in ("healthz", "readyz"):  # answered before any check
                    assert response.status_code == 400, (person, url)
                walked += 2
            # Each query parameter alone, on the pages this person sees: a view may stop at the
            # first bad value it reads. (NUL is refused before any view, tested above.)
            if not name.startswith("admin:") and page.status_code == 200 and name not in alone:
                alone.add(name)  # once per page, by the first person who sees it
                for key in sorted(queries):
                    for bad in TOO_LONG[:2]:
                        response = client.get(url, {key: bad})
                        assert_not_server_error(response, (person, url, key, bad[:12]))
                        walked += 1
    assert walked > 800


def test_a_nul_in_a_search_is_a_400_not_a_500(login, head_a, dept_a, requester):
    client = login(head_a)
    for url in (
        reverse("desk:catalog"),
        reverse("desk:queue", args=[dept_a.slug]),
        reverse("desk:my-requests"),
    ):
        response = client.get(url, {"q": "printer\x00"})
        assert response.status_code == 400
        assert b"could not understand" in response.content


def test_a_nul_in_a_form_changes_nothing(login, requester, desk_request):
    client = login(requester)
    url = reverse("desk:request-comment", args=[desk_request.department.code, desk_request.number])
    response = client.post(url, {"body": "hello\x00"})
    assert response.status_code == 400
    assert desk_request.events.count() == 1  # only "filed"
