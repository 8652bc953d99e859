from __future__ import annotations

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def sso_login() -> dict:
    """What the login page offers: single sign-on (and the provider's name), passwords for all."""
    return {
        "enabled": settings.SSO_ENABLED,
        "provider": settings.OIDC_PROVIDER_NAME,
        "passwords_for_all": settings.DESK_PASSWORD_LOGIN or not settings.SSO_ENABLED,
    }
