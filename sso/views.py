"""Single sign-on views on top of mozilla-django-oidc: the login redirect, its callback and logout.

They answer 404 while SSO is not configured, so the URLs reveal nothing on such an installation.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc import views as oidc_views


def _require_sso() -> None:
    if not settings.SSO_ENABLED:
        raise Http404("Single sign-on is not configured.")


class LoginStart(oidc_views.OIDCAuthenticationRequestView):
    def dispatch(self, request, *args, **kwargs):
        _require_sso()
        return super().dispatch(request, *args, **kwargs)


class LoginCallback(oidc_views.OIDCAuthenticationCallbackView):
    def dispatch(self, request, *args, **kwargs):
        _require_sso()
        return super().dispatch(request, *args, **kwargs)

    @property
    def failure_url(self) -> str:
        return reverse("login")

    def login_failure(self):
        reason = getattr(self.request, "sso_refusal", "")
        user = getattr(self, "user", None)
        if not reason and user is not None and not user.is_active:
            reason = _("Your Desk account is deactivated. Ask your administrator.")
        messages.error(
            self.request,
            reason or _("Single sign-on did not log you in. Try again, or ask your administrator."),
        )
        return super().login_failure()


def provider_logout_url(request: HttpRequest) -> str:
    """Where to send the browser after Desk's own logout: the provider's end-session page
    (RP-initiated logout) when it has one and the person came in through it, else Desk's login."""
    login_url = request.build_absolute_uri(reverse("login"))
    id_token = request.session.get("oidc_id_token")
    if not settings.OIDC_OP_LOGOUT_ENDPOINT or not id_token:
        return reverse("login")
    query = urlencode({"id_token_hint": id_token, "post_logout_redirect_uri": login_url})
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{query}"


class Logout(auth_views.LogoutView):
    """Django's logout (POST only), continued at the identity provider for SSO sessions."""

    def post(self, request, *args, **kwargs):
        target = provider_logout_url(request) if settings.SSO_ENABLED else reverse("login")
        auth_logout(request)
        return HttpResponseRedirect(target)
