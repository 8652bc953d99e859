"""Recognition: a requester thanks who helped, and a department's page of thanks and its
best-rated services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from departments.models import Department
from desk import permissions
from desk.views.requests import attach_errors
from feedback import periods, selectors, services
from feedback.forms import KudosForm
from feedback.periods import PeriodKind


@require_http_methods(["GET", "POST"])
@login_required
def thank(request: HttpRequest, code: str, number: int) -> HttpResponse:
    user = request.user
    desk_request = permissions.get_request_or_404(user, code, number)
    if desk_request.requester_id != user.pk:
        raise Http404("No such request.")
    refusal = services.kudos_refusal(user, desk_request)
    if refusal:
        messages.info(request, refusal)
        return redirect(desk_request)
    given = selectors.kudos_for_request(desk_request)
    # Those already thanked are not offered again; the service still accepts a replayed POST.
    helpers = selectors.helpers_of(desk_request).exclude(
        pk__in=[kudos.recipient_id for kudos in given]
    )
    already = next((k for k in given if str(k.recipient_id) == request.POST.get("recipient")), None)
    if request.method == "POST" and already is not None:
        # A double click or a replayed POST: the first thanks stand.
        messages.info(
            request,
            _("You had already thanked %(who)s for this request.")
            % {"who": already.recipient.full_name},
        )
        return redirect(desk_request)
    initial = {"recipient": desk_request.assignee_id} if desk_request.assignee_id else {}
    form = KudosForm(
        request.POST if request.method == "POST" else None, helpers=helpers, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        recipient = form.cleaned_data["recipient"]
        try:
            _kudos, created = services.kudos_give(
                request=desk_request,
                giver=user,
                recipient=recipient,
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            if created:
                messages.success(
                    request,
                    _("Your thanks were sent to %(who)s.") % {"who": recipient.full_name},
                )
            else:
                messages.info(
                    request,
                    _("You had already thanked %(who)s for this request.")
                    % {"who": recipient.full_name},
                )
            return redirect(desk_request)
    status = 400 if request.method == "POST" else 200
    context = {"req": desk_request, "form": form, "given": given, "has_helpers": helpers.exists()}
    return render(request, "feedback/thank.html", context, status=status)


@require_GET
@login_required
def recognition(request: HttpRequest, slug: str) -> HttpResponse:
    """Open to every employee: a department that serves well should be able to show it."""
    department = get_object_or_404(Department, slug=slug, is_active=True)
    month = periods.start_of(PeriodKind.MONTH, periods.today())
    page = Paginator(selectors.department_kudos(department), selectors.KUDOS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "department": department,
        "page": page,
        "month": periods.label(PeriodKind.MONTH, month),
        "best_services": selectors.best_rated_services(department, month),
        "min_ratings": selectors.BEST_RATED_MIN_RATINGS,
    }
    return render(request, "feedback/recognition.html", context)
