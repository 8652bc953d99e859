"""Help articles: reading one, “This solved it”, suggestions while typing a request's title, and
the heads' editor."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from departments.models import Service
from desk import permissions
from desk.views.requests import attach_errors
from helpcenter import selectors, services
from helpcenter.forms import ArticleForm, ImageForm
from helpcenter.models import Article, ArticleImage


def _readable_or_404(user, pk: int) -> Article:
    try:
        return permissions.readable_articles(user).select_related("department").get(pk=pk)
    except Article.DoesNotExist:
        raise Http404("No such article.") from None


def _service_of(article: Article, raw: str | None) -> Service | None:
    """The service the reader was about to request, if it is one of the article's department."""
    if not (raw or "").isdigit():
        return None
    return (
        Service.objects.published().filter(pk=int(raw), department_id=article.department_id).first()
    )


@require_GET
@login_required
def article(request: HttpRequest, pk: int) -> HttpResponse:
    item = _readable_or_404(request.user, pk)
    service = _service_of(item, request.GET.get("service"))
    context = {
        "article": item,
        "service": service,
        "linked_services": item.services.filter(is_active=True).order_by("name"),
        "is_head": permissions.can_edit_articles(request.user, item.department_id),
    }
    return render(request, "helpcenter/article.html", context)


@require_POST
@login_required
def solved(request: HttpRequest, pk: int) -> HttpResponse:
    item = _readable_or_404(request.user, pk)
    service = _service_of(item, request.POST.get("service"))
    if service is None:
        raise Http404("No such service.")
    try:
        services.deflection_record(article=item, service=service, employee=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect(item)
    messages.success(
        request,
        _("Glad it is solved: no request needed. %(dept)s thanks you for letting them know.")
        % {"dept": item.department.localized_name},
    )
    return redirect("desk:catalog")


@require_GET
@login_required
def suggest(request: HttpRequest) -> HttpResponse:
    """The htmx fragment under a request's title field: matching articles, or nothing."""
    raw = request.GET.get("service", "")
    service = (
        Service.objects.published().select_related("department").filter(pk=int(raw)).first()
        if raw.isdigit() and len(raw) <= 10
        else None
    )
    if service is None:
        raise Http404("No such service.")
    found = selectors.suggestions(request.user, service, request.GET.get("title", ""))
    return render(
        request, "helpcenter/_suggestions.html", {"suggestions": found, "service": service}
    )


@require_GET
@login_required
def image(request: HttpRequest, token: str) -> FileResponse:
    picture = get_object_or_404(ArticleImage.objects.select_related("article"), token=token)
    _readable_or_404(request.user, picture.article_id)
    response = FileResponse(picture.file.open("rb"), content_type=picture.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


# --- the heads' editor ---------------------------------------------------------------------------


@require_GET
@login_required
def article_list(request: HttpRequest, slug: str) -> HttpResponse:
    department = permissions.get_head_department_or_404(request.user, slug)
    return render(
        request,
        "helpcenter/article_list.html",
        {"department": department, "articles": selectors.department_articles(department)},
    )


@require_http_methods(["GET", "POST"])
@login_required
def article_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    department = permissions.get_head_department_or_404(request.user, slug)
    item = get_object_or_404(Article, pk=pk, department=department) if pk else None
    if request.method == "POST":
        form = ArticleForm(request.POST, department=department)
    else:
        initial = ArticleForm.initial_from(item) if item else {}
        form = ArticleForm(initial=initial, department=department)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.article_save(
                article=item, department=department, editor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("“%(title)s” is saved.") % {"title": saved.title})
            return redirect("helpcenter:article-edit", slug=department.slug, pk=saved.pk)
    context = {
        "department": department,
        "article": item,
        "form": form,
        "image_form": ImageForm(),
        "images": list(item.images.all()) if item else [],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "helpcenter/article_form.html", context, status=status)


@require_POST
@login_required
def article_image(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    department = permissions.get_head_department_or_404(request.user, slug)
    item = get_object_or_404(Article, pk=pk, department=department)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.article_image_add(
                article=item, editor=request.user, upload=form.cleaned_data["image"]
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The image is uploaded; paste its line into the text."))
            return redirect(
                reverse("helpcenter:article-edit", args=[department.slug, item.pk]) + "#images"
            )
    context = {
        "department": department,
        "article": item,
        "form": ArticleForm(initial=ArticleForm.initial_from(item), department=department),
        "image_form": form,
        "images": list(item.images.all()),
    }
    return render(request, "helpcenter/article_form.html", context, status=400)
