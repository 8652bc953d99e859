"""“Waiting for my approval”: approvers decide, and say who decides while they are away.

Each decision is a real form: without JavaScript it posts and comes back to the page with a
message; with htmx the card is swapped for its decided (or refused) state. Only the current
approvers of a step reach it; anyone else gets a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from desk import approvals, permissions, selectors
from desk.forms import DecisionForm, DelegationForm
from desk.models import Approval, Delegation
from desk.views.requests import attach_errors

PAGE_SIZE = 20


def _page_context(request: HttpRequest, *, forms: dict | None = None, delegation_form=None):
    page = Paginator(approvals.waiting_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    cards = [_card(approval, (forms or {}).get(approval.pk)) for approval in page.object_list]
    return {
        "page": page,
        "cards": cards,
        "decided": approvals.decided_by(request.user)[:10],
        "delegations": Delegation.objects.filter(
            delegator=request.user, ends_on__gte=timezone.localdate()
        )
        .select_related("delegate")
        .order_by("-starts_on"),
        "standing_in": Delegation.objects.filter(
            delegate=request.user, ends_on__gte=timezone.localdate()
        )
        .select_related("delegator")
        .order_by("-starts_on")[:10],
        "delegation_form": delegation_form or DelegationForm(),
    }


def _card(approval: Approval, form: DecisionForm | None = None) -> dict:
    approval.label = approvals.approval_label(approval)
    return {
        "approval": approval,
        "req": approval.request,
        "answers": selectors.extra_answers(approval.request),
        "form": form or DecisionForm(prefix=f"a{approval.pk}"),
    }


@require_GET
@login_required
def approval_list(request: HttpRequest) -> HttpResponse:
    return render(request, "desk/approvals.html", _page_context(request))


@require_POST
@login_required
def approval_decide(request: HttpRequest, pk: int) -> HttpResponse:
    # A step its approvers can no longer decide still answers them (to say who decided);
    # anyone else gets a 404.
    approval = (
        Approval.objects.select_related(
            "request__department",
            "request__service",
            "request__requester",
            "approver",
            "approver_department",
            "escalation_department",
        )
        .filter(pk=pk)
        .first()
    )
    if approval is None or not permissions.approver_approvals(request.user).filter(pk=pk).exists():
        raise Http404("No such approval.")
    form = DecisionForm(request.POST, prefix=f"a{approval.pk}")
    outcome = ""
    if form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        try:
            approvals.approval_decide(
                approval=approval,
                actor=request.user,
                approve=approve,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            outcome = (_("You approved %(ref)s.") if approve else _("You rejected %(ref)s.")) % {
                "ref": approval.request.reference
            }
    if request.htmx and not request.htmx.boosted:
        approval.refresh_from_db()
        card = _card(approval, None if outcome else form)
        card["outcome"] = outcome
        return render(request, "desk/approvals.html#approval-card", {"card": card})
    if outcome:
        messages.success(request, outcome)
        return redirect("desk:approvals")
    if not permissions.may_decide(request.user, approval):
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect("desk:approvals")
    context = _page_context(request, forms={approval.pk: form})
    return render(request, "desk/approvals.html", context, status=400)


@require_POST
@login_required
def delegation_create(request: HttpRequest) -> HttpResponse:
    form = DelegationForm(request.POST)
    if form.is_valid():
        try:
            delegation = approvals.delegation_add(
                delegator=request.user,
                delegate=form.delegate,
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "delegate" in exc.error_dict:
                exc.error_dict["delegate_email"] = exc.error_dict.pop("delegate")
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(who)s decides your approvals from %(start)s until %(end)s.")
                % {
                    "who": delegation.delegate.full_name,
                    "start": delegation.starts_on,
                    "end": delegation.ends_on,
                },
            )
            return redirect("desk:approvals")
    context = _page_context(request, delegation_form=form)
    return render(request, "desk/approvals.html", context, status=400)


@require_POST
@login_required
def delegation_delete(request: HttpRequest, pk: int) -> HttpResponse:
    if not approvals.delegation_remove(delegator=request.user, delegation_id=pk):
        raise Http404("No such delegation.")
    messages.success(request, _("The delegation was removed."))
    return redirect("desk:approvals")
