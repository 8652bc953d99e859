"""Authentication backends: passwords (possibly for superusers only) and OpenID Connect."""

from __future__ import annotations

import logging

import jwt
import requests
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from sso.services import SignInRefused, employee_sign_in

logger = logging.getLogger(__name__)


class PasswordBackend(ModelBackend):
    """Email and password. With DESK_PASSWORD_LOGIN off only superusers may use it: they must
    still get in when the identity provider is down or misconfigured."""

    def user_can_authenticate(self, user) -> bool:
        if not super().user_can_authenticate(user):
            return False
        return settings.DESK_PASSWORD_LOGIN or user.is_superuser


class EmployeeOIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow; who the person is in Desk is decided by sso.services."""

    def retrieve_matching_jwk(self, token):
        """The provider's key for this token. OIDC Core 10.1 lets a provider with a single key
        leave `kid` out of the token's header; the library insists on one, so pick it here."""
        header = jwt.get_unverified_header(token)
        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        keys = [
            key
            for key in response.json().get("keys", [])
            if key.get("alg", header.get("alg")) == header.get("alg")
            and key.get("use", "sig") == "sig"
        ]
        if "kid" in header:
            keys = [key for key in keys if key.get("kid") == header["kid"]]
        if len(keys) != 1:
            raise SuspiciousOperation("No single signing key of the provider matches the token.")
        return jwt.PyJWK(keys[0])

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        # OIDC Core 5.3.2: userinfo about another subject than the ID token's must be rejected.
        if claims.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("The userinfo subject differs from the ID token's.")
        try:
            return employee_sign_in(issuer=str(payload.get("iss", "")), claims=claims)
        except SignInRefused as refused:
            logger.warning(
                "single sign-on refused: %s", refused.code, extra={"error": refused.code}
            )
            # The callback view shows the reason on the login page.
            self.request.sso_refusal = refused.messages[0]
            return None
