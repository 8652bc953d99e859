"""Pages in the language the person chose on their profile."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


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
