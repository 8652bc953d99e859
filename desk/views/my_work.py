"""My work: the requests assigned to me in every department whose team I am on."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from desk import permissions, selectors
from desk.queue import PAGE_SIZE, parse_page
from desk.views.queue_parts import decorate


@require_GET
@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """Requests assigned to me in all the departments I serve."""
    if not permissions.staff_department_ids(request.user):
        raise Http404("Not a member of any department's team.")
    now = timezone.now()
    page = Paginator(selectors.my_work(request.user), PAGE_SIZE).get_page(
        parse_page(request.GET.get("page"))
    )
    context = {"page": page, "rows": decorate(page.object_list, request.user, now), "now": now}
    return render(request, "desk/my_work.html", context)
