"""Desk's own middleware: the profile's language, NUL characters refused, private pages."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control


class EmployeeLanguageMiddleware:
    """Use Employee.language when this browser has no choice of its own.

    Runs after AuthenticationMiddleware. A language cookie (the footer's switcher, or saving the
    profile) wins, so a person can still read one browser in another language; a new browser
    starts in the profile's language instead of the Accept-Language guess.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user and user.is_authenticated else ""
        if (
            language
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and translation.check_for_language(language)
        ):
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class NulByteMiddleware:
    """Answer 400 to a query string or form carrying a NUL character, in one place.

    No one types NUL; it comes from tools and probes. PostgreSQL cannot store it in text and
    refuses it even in a search, which would be a server error deep in whichever view reads the
    value. Runs before the views (and the CSRF check, so a forged form gets the same answer).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "%00" in request.META.get("QUERY_STRING", "") or _has_nul(request.GET):
            raise SuspiciousOperation("NUL character in the query string")
        if request.method == "POST" and request.content_type != "multipart/form-data":
            # Keep the body readable for views that parse it themselves (the JSON API): reading
            # request.POST first would consume the stream. Multipart uploads are streamed, not kept.
            request.body  # noqa: B018
        if request.method == "POST" and _has_nul(request.POST):
            raise SuspiciousOperation("NUL character in the form")
        return self.get_response(request)


def _has_nul(data) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in data.lists()
    )


class PrivateCacheMiddleware:
    """Pages for a signed-in person, and their attachments, must not be kept by a shared proxy or
    by the browser's disk cache (a shared computer's next user pressing Back). Runs after
    AuthenticationMiddleware; anonymous pages (login, health probes, static files) keep theirs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
