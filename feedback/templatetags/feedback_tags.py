"""Template helpers for feedback on pages that feedback does not render itself.

The request page and My requests belong to desk; their hook templates load these tags so that
desk's views need not know about feedback.
"""

from __future__ import annotations

from django import template

from desk import permissions
from feedback import selectors, services
from feedback.models import Feedback

register = template.Library()


@register.simple_tag
def feedback_for(req) -> Feedback | None:
    """{% feedback_for req as fb %}: the request's feedback or None, in one query."""
    return selectors.feedback_for_request(req)


@register.simple_tag
def may_rate(user, req) -> bool:
    """{% may_rate user req as can_rate %}: the rule from desk.permissions, no extra query."""
    return permissions.can_rate(user, req)


@register.simple_tag
def may_thank(user, req) -> bool:
    return permissions.can_thank(user, req)


@register.simple_tag
def kudos_for(req) -> list:
    """{% kudos_for req as given %}: the thanks given for this request, in one query."""
    return selectors.kudos_for_request(req)


@register.simple_tag
def anyone_left_to_thank(req, given) -> bool:
    """Whether someone who worked on the request has not been thanked for it yet."""
    return (
        selectors.helpers_of(req).exclude(pk__in=[kudos.recipient_id for kudos in given]).exists()
    )


@register.simple_tag
def may_edit_feedback(user, feedback: Feedback | None) -> bool:
    return feedback is not None and services.can_edit(user, feedback)


@register.simple_tag
def edit_deadline(feedback: Feedback):
    return services.edit_deadline(feedback)


@register.simple_tag(takes_context=True)
def needs_rating(context, req) -> bool:
    """{% needs_rating req as show %}: resolved or closed, rateable by this person, not rated yet.

    Constant queries for a whole list: a has_feedback annotation (selectors.with_feedback_state)
    is used when the view added it; otherwise the rated ids of the whole page are looked up once
    and kept on the page object.
    """
    if req.status not in selectors.RATEABLE_STATUSES:
        return False
    if not permissions.can_rate(context["user"], req):
        return False
    has_feedback = getattr(req, "has_feedback", None)
    if has_feedback is not None:
        return not has_feedback
    page = context.get("page")
    rows = getattr(page, "object_list", None)
    if rows is None:
        return not Feedback.objects.filter(request_id=req.pk).exists()
    rated = getattr(page, "_rated_request_ids", None)
    if rated is None:
        rated = selectors.rated_request_ids(rows)
        page._rated_request_ids = rated
    return req.pk not in rated


@register.filter
def stars(score) -> str:
    """4 -> ★★★★☆ (decorative: the number is always written next to it)."""
    try:
        score = int(score)
    except (TypeError, ValueError):
        return ""
    score = max(0, min(5, score))
    return "★" * score + "☆" * (5 - score)


@register.simple_tag
def may_act_upon(user, feedback: Feedback | None) -> bool:
    """Heads of the feedback's department may mark it acted upon (and open the list)."""
    return feedback is not None and permissions.is_head_of(user, feedback.department_id)
