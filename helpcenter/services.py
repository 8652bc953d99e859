"""Every change to help articles and deflections goes through a function here."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from desk import permissions
from desk.attachments import inspect_upload
from feedback import periods
from helpcenter import markdown
from helpcenter.models import Article, ArticleImage, ArticleStatus, Deflection

if TYPE_CHECKING:
    from collections.abc import Iterable

    from departments.models import Department, Employee, Service

BODY_MAX_LENGTH = 20_000


def _require_head(editor: Employee, department_id: int) -> None:
    if not permissions.can_edit_articles(editor, department_id):
        raise ValidationError(
            _("Only a head of the department can write its help articles."), code="forbidden"
        )


def article_save(
    *,
    department: Department,
    editor: Employee,
    title: str,
    body: str,
    title_pl: str = "",
    body_pl: str = "",
    status: str = ArticleStatus.DRAFT,
    services: Iterable[Service] = (),
    article: Article | None = None,
) -> Article:
    """Create or change an article; its HTML is rendered and sanitised here, once."""
    _require_head(editor, department.pk)
    if article is not None and article.department_id != department.pk:
        raise ValidationError(_("This article belongs to another department."), code="forbidden")
    errors: dict[str, str] = {}
    title, title_pl = (title or "").strip(), (title_pl or "").strip()
    body, body_pl = (body or "").strip(), (body_pl or "").strip()
    if not title:
        errors["title"] = _("Give the article a title.")
    if not body:
        errors["body"] = _("Write the article's text.")
    if bool(title_pl) != bool(body_pl):
        errors["body_pl" if title_pl else "title_pl"] = _(
            "Give the Polish version both a title and a text, or leave both empty."
        )
    for field, value in (("body", body), ("body_pl", body_pl)):
        if len(value) > BODY_MAX_LENGTH:
            errors[field] = _("Keep the text under %(n)d characters.") % {"n": BODY_MAX_LENGTH}
    if status not in ArticleStatus.values:
        errors["status"] = _("Choose draft or published.")
    services = list(services)
    if any(service.department_id != department.pk for service in services):
        errors["services"] = _("Link only your department's services.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if article is None:
            article = Article(department=department, created_by=editor)
        article.title, article.title_pl = title, title_pl
        article.body, article.body_pl = body, body_pl
        article.body_html = markdown.render(body)
        article.body_html_pl = markdown.render(body_pl) if body_pl else ""
        article.status = status
        article.save()
        article.services.set(services)
    return article


def article_image_add(*, article: Article, editor: Employee, upload: UploadedFile) -> ArticleImage:
    """An image for an article: checked by its content as attachments are, and only images."""
    _require_head(editor, article.department_id)
    content_type = inspect_upload(upload)
    if not content_type.startswith("image/"):
        raise ValidationError(
            {"image": _("%(name)s is not an image.") % {"name": upload.name}}, code="file_type"
        )
    image = ArticleImage(
        article=article,
        token=secrets.token_hex(16),
        name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=editor,
    )
    image.file.save(image.token, upload, save=False)
    image.save()
    return image


def deflection_record(*, article: Article, service: Service, employee: Employee) -> bool:
    """“This solved it”: count a request that was not filed. True when newly counted; a second
    click the same day counts nothing (the unique index decides)."""
    if not article.is_published or not article.department.is_active:
        raise ValidationError(_("This article is not published."), code="forbidden")
    if service.department_id != article.department_id:
        raise ValidationError(_("This article is not about that service."), code="invalid")
    try:
        with transaction.atomic():
            Deflection.objects.create(
                article=article,
                service=service,
                department_id=article.department_id,
                employee=employee,
                day=periods.today(),
            )
    except IntegrityError:
        return False
    return True
