"""Help articles: Markdown made safe, images checked, heads edit, suggestions while typing (full-text
search on PostgreSQL, English and Polish), “This solved it” counted once, figures in the report."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helpcenter import markdown, selectors, services
from helpcenter.models import Article, ArticleImage, ArticleStatus, Deflection
from tests.e2e.helpers import tiny_png

pytestmark = pytest.mark.django_db

WARSAW = ZoneInfo("Europe/Warsaw")


@pytest.fixture
def article(dept_a, head_a, service_a):
    return services.article_save(
        department=dept_a,
        editor=head_a,
        title="Printer jams on the second floor",
        body="Open **tray 2** and remove the paper.\n\n- Lift the lever\n- Pull gently",
        title_pl="Zacięcie drukarki na drugim piętrze",
        body_pl="Otwórz **podajnik 2** i wyjmij papier. Żółw nie pomoże.",
        status=ArticleStatus.PUBLISHED,
        services=[service_a],
    )


# --- Markdown ----------------------------------------------------------------------------------------


def test_markdown_is_rendered_and_sanitised():
    html = markdown.render(
        "# Title\n\n**bold** <script>alert(1)</script> [x](javascript:alert(1)) "
        '<a href="https://example.com" onclick="steal()">ok</a>'
    )
    assert "<h2>Title</h2>" in html
    assert "<strong>bold</strong>" in html
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onclick" not in html
    assert 'href="https://example.com"' in html


def test_images_only_from_checked_uploads():
    own = reverse("helpcenter:image", args=["a" * 32])
    html = markdown.render(f"![ours]({own}) ![tracker](https://evil.example/pixel.png)")
    assert f'src="{own}"' in html
    assert "evil.example" not in html


# --- writing ------------------------------------------------------------------------------------------


def test_a_head_writes_an_article_with_both_languages(article, service_a):
    assert "<strong>tray 2</strong>" in article.body_html
    assert "<li>Lift the lever</li>" in article.body_html
    assert "<strong>podajnik 2</strong>" in article.body_html_pl
    assert list(article.services.all()) == [service_a]


@pytest.mark.parametrize("who", ["agent_a", "requester", "head_b"])
def test_only_a_head_of_the_department_writes(request, dept_a, dept_b, who):
    if who == "head_b":
        from departments.models import Role
        from tests.factories import EmployeeFactory, MembershipFactory

        person = EmployeeFactory()
        MembershipFactory(department=dept_b, employee=person, role=Role.HEAD)
    else:
        person = request.getfixturevalue(who)
    with pytest.raises(ValidationError, match="Only a head"):
        services.article_save(department=dept_a, editor=person, title="T", body="B")
    assert not Article.objects.exists()


def test_polish_needs_both_title_and_text(dept_a, head_a):
    with pytest.raises(ValidationError) as refused:
        services.article_save(
            department=dept_a, editor=head_a, title="T", body="B", title_pl="Tytuł"
        )
    assert "body_pl" in refused.value.message_dict


def test_services_of_another_department_are_refused(dept_a, head_a, service_b):
    with pytest.raises(ValidationError) as refused:
        services.article_save(
            department=dept_a, editor=head_a, title="T", body="B", services=[service_b]
        )
    assert "services" in refused.value.message_dict


def test_an_image_is_checked_by_its_content(article, head_a):
    fake = SimpleUploadedFile("photo.png", b"MZ\x90\x00 not a png", content_type="image/png")
    with pytest.raises(ValidationError):
        services.article_image_add(article=article, editor=head_a, upload=fake)
    pdf = SimpleUploadedFile("guide.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    with pytest.raises(ValidationError, match="not an image"):
        services.article_image_add(article=article, editor=head_a, upload=pdf)
    image = services.article_image_add(
        article=article, editor=head_a, upload=SimpleUploadedFile("tray.png", tiny_png())
    )
    assert (image.content_type, image.name) == ("image/png", "tray.png")
    assert ArticleImage.objects.count() == 1


# --- suggestions ---------------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize(
    "typed",
    [
        "the printers keep jamming",  # English stemming: printers -> printer, jamming -> jam
        "drukarki zacięcie",  # Polish words as written
        "zaciecie drukarki",  # Polish without diacritics (unaccent)
    ],
)
def test_typing_a_title_suggests_matching_articles(article, requester, service_a, typed):
    assert selectors.suggestions(requester, service_a, typed) == [article]


@pytest.mark.postgres
def test_drafts_and_other_departments_are_not_suggested(
    article, dept_a, head_a, requester, service_a, service_b, dept_b
):
    services.article_save(
        department=dept_a, editor=head_a, title="Printer drivers", body="Draft", status="draft"
    )
    assert selectors.suggestions(requester, service_a, "printer") == [article]
    assert selectors.suggestions(requester, service_b, "printer") == []
    assert selectors.suggestions(requester, service_a, "xylophone") == []
    assert selectors.suggestions(requester, service_a, "a b") == []  # nothing worth searching


@pytest.mark.postgres
def test_articles_linked_to_the_service_come_first(article, dept_a, head_a, requester, service_a2):
    other = services.article_save(
        department=dept_a,
        editor=head_a,
        title="Printer toner",
        body="Printer printer printer toner.",
        status="published",
        services=[service_a2],
    )
    assert selectors.suggestions(requester, service_a2, "printer") == [other, article]


def test_the_suggest_fragment(login, requester, article, service_a):
    response = login(requester).get(
        reverse("helpcenter:suggest"),
        {"service": service_a.pk, "title": "printer"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/help/{article.pk}/?service={service_a.pk}" in html
    assert "<html" not in html


def test_the_request_form_lists_the_services_articles_without_javascript(
    login, requester, article, service_a
):
    url = reverse("desk:request-new", args=[service_a.department.slug, service_a.slug])
    html = login(requester).get(url).content.decode()
    assert "Printer jams on the second floor" in html
    assert reverse("helpcenter:suggest") in html


# --- reading and “This solved it” -----------------------------------------------------------------------


def test_reading_an_article_in_polish(login, requester, article, service_a):
    client = login(requester)
    response = client.get(
        article.get_absolute_url(), {"service": service_a.pk}, HTTP_ACCEPT_LANGUAGE="pl"
    )
    html = response.content.decode()
    assert "Zacięcie drukarki na drugim piętrze" in html
    assert "<strong>podajnik 2</strong>" in html


def test_a_draft_is_404_for_employees_and_visible_to_the_team(
    login, requester, agent_a, agent_b, article
):
    article.status = ArticleStatus.DRAFT
    article.save()
    assert login(requester).get(article.get_absolute_url()).status_code == 404
    assert login(agent_b).get(article.get_absolute_url()).status_code == 404
    assert login(agent_a).get(article.get_absolute_url()).status_code == 200


def test_an_image_of_a_draft_is_404_for_employees(client, login, requester, head_a, article):
    image = services.article_image_add(
        article=article, editor=head_a, upload=SimpleUploadedFile("tray.png", tiny_png())
    )
    response = login(requester).get(image.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    article.status = ArticleStatus.DRAFT
    article.save()
    assert login(requester).get(image.get_absolute_url()).status_code == 404


def test_this_solved_it_counts_once(login, requester, article, service_a):
    client = login(requester)
    url = reverse("helpcenter:solved", args=[article.pk])
    response = client.post(url, {"service": service_a.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:catalog")
    client.post(url, {"service": service_a.pk})
    assert Deflection.objects.count() == 1
    deflection = Deflection.objects.get()
    assert (deflection.employee, deflection.service, deflection.article) == (
        requester,
        service_a,
        article,
    )


def test_this_solved_it_refuses_a_foreign_service_and_get(login, requester, article, service_b):
    client = login(requester)
    url = reverse("helpcenter:solved", args=[article.pk])
    assert client.post(url, {"service": service_b.pk}).status_code == 404
    assert client.get(url).status_code == 405
    assert not Deflection.objects.exists()


# --- the heads' editor ------------------------------------------------------------------------------


def test_a_head_creates_and_edits_an_article_in_the_app(login, head_a, dept_a, service_a):
    client = login(head_a)
    response = client.post(
        reverse("helpcenter:article-new", args=[dept_a.slug]),
        {
            "title": "Reset your password",
            "body": "Go to **id.example.com**.",
            "title_pl": "",
            "body_pl": "",
            "services": [service_a.pk],
            "status": "published",
        },
    )
    created = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "helpcenter:article-edit", args=[dept_a.slug, created.pk]
    )
    assert created.is_published
    page = client.get(reverse("helpcenter:article-list", args=[dept_a.slug])).content.decode()
    assert "Reset your password" in page


def test_a_rejected_article_keeps_the_text(login, head_a, dept_a):
    response = login(head_a).post(
        reverse("helpcenter:article-new", args=[dept_a.slug]),
        {"title": "", "body": "Kept text", "status": "draft"},
    )
    assert response.status_code == 400
    assert "Kept text" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize("who", ["agent_a", "requester", "agent_b"])
def test_the_editor_is_404_for_anyone_but_heads(login, request, dept_a, article, who):
    client = login(request.getfixturevalue(who))
    assert client.get(reverse("helpcenter:article-list", args=[dept_a.slug])).status_code == 404
    url = reverse("helpcenter:article-edit", args=[dept_a.slug, article.pk])
    assert client.post(url, {"title": "Hacked", "body": "x", "status": "draft"}).status_code == 404
    article.refresh_from_db()
    assert article.title != "Hacked"


def test_an_image_upload_in_the_editor(login, head_a, dept_a, article):
    url = reverse("helpcenter:article-image", args=[dept_a.slug, article.pk])
    client = login(head_a)
    bad = client.post(url, {"image": SimpleUploadedFile("x.exe", b"MZ\x90")})
    assert bad.status_code == 400
    good = client.post(url, {"image": SimpleUploadedFile("tray.png", tiny_png())})
    assert good.status_code == 302
    image = ArticleImage.objects.get()
    page = client.get(reverse("helpcenter:article-edit", args=[dept_a.slug, article.pk]))
    assert f"![tray.png]({image.get_absolute_url()})" in page.content.decode()


# --- reports --------------------------------------------------------------------------------------


def test_the_report_shows_requests_saved_per_article_and_service(
    login, head_a, requester, business_requester, dept_a, article, service_a
):
    with time_machine.travel(datetime(2026, 3, 10, 10, tzinfo=WARSAW), tick=False):
        for person in (requester, business_requester):
            services.deflection_record(article=article, service=service_a, employee=person)
    response = login(head_a).get(
        reverse("feedback:department-report", args=[dept_a.slug]),
        {"kind": "month", "period": "2026-03"},
    )
    html = response.content.decode()
    section = html[html.index('id="self-help"') :]
    assert 'Printer jams on the second floor</th><td class="num">2</td>' in section
    assert 'New laptop</th><td class="num">2</td>' in section
