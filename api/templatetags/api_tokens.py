"""The profile page's API tokens section, rendered from the api app's own template."""

from __future__ import annotations

from django import template

from api.models import ApiToken

register = template.Library()


@register.inclusion_tag("api/_tokens.html", takes_context=True)
def api_tokens(context) -> dict:
    user = context["request"].user
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by(
        "-created_at", "-pk"
    )
    return {"tokens": list(tokens), "request": context["request"]}
