"""Who is calling: a personal token (Authorization: Bearer desk_...) or the browser's session.

A token acts as its person: request.user is set to them, so every permission check downstream is
the one the pages make. A read-only token is refused on writes (403), and every caller is held
to DESK_API_RATE_LIMIT calls a minute (429 with Retry-After).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import BaseThrottle

from api.models import ApiToken
from api.tokens import token_authenticate

RATE_WINDOW_SECONDS = 60


class TokenAuth(HttpBearer):
    """A personal API token in the Authorization header."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = token_authenticate(token)
        if found is not None:
            request.user = found.user
        return found


class BrowserSession(SessionAuth):
    """The logged-in browser (the interactive docs' "Try it out"); writes need the CSRF token."""

    def authenticate(self, request: HttpRequest, key: str | None):
        user = request.user
        return user if user.is_authenticated and user.is_active else None


def require_write(request: HttpRequest) -> None:
    """Writes need a token scoped for writing (a browser session may write, as on the pages)."""
    auth = getattr(request, "auth", None)
    if isinstance(auth, ApiToken) and not auth.can_write:
        raise HttpError(403, _("This token is read-only; create one that can read and write."))


def caller_key(request: HttpRequest) -> str:
    auth = getattr(request, "auth", None)
    if isinstance(auth, ApiToken):
        return f"token:{auth.pk}"
    return f"user:{request.user.pk}"


class PerCallerRate(BaseThrottle):
    """A fixed window per token (or per person for the browser), counted in the shared cache.

    cache.incr is atomic in Redis, so concurrent calls on several web processes count once each.
    Instances are shared by concurrent requests, so nothing about one call is kept on self.
    """

    def allow_request(self, request: HttpRequest) -> bool:
        limit = settings.DESK_API_RATE_LIMIT
        if limit <= 0:
            return True
        window = int(time.time() // RATE_WINDOW_SECONDS)
        key = f"api-rate:{caller_key(request)}:{window}"
        cache.add(key, 0, timeout=RATE_WINDOW_SECONDS * 2)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: this call opens the window
            cache.set(key, 1, timeout=RATE_WINDOW_SECONDS * 2)
            count = 1
        return count <= limit

    def wait(self) -> float:
        """Seconds until the current window ends (the Retry-After header, rounded up)."""
        return RATE_WINDOW_SECONDS - (time.time() % RATE_WINDOW_SECONDS)
