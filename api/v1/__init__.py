"""Desk's REST API, version 1 (/api/v1/): django-ninja, its OpenAPI document at
/api/v1/openapi.json and interactive docs at /api/v1/docs (Swagger UI, served from Desk's own
static files: the Content-Security-Policy allows nothing else)."""

from __future__ import annotations

from django.http.request import RawPostDataException
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from api.v1 import catalog, reports, requests
from api.v1.auth import BrowserSession, PerCallerRate, TokenAuth
from api.v1.errors import Refused, refused_response

DESCRIPTION = """\
Desk's requests, catalog and report figures for other systems.

**Authentication.** Create a personal API token on your profile page in Desk and send it as
`Authorization: Bearer desk_...`. A token acts as you: it sees exactly what you see in the
browser, never more. A *read only* token cannot file, comment or change anything (403).
A logged-in browser may call the API too (writes need the CSRF token).

**Errors.** `{"detail": "...", "errors": {"field": ["..."]}}` with 400 (input), 401 (no or bad
token), 403 (not allowed), 404 (no such object, or not yours to see), 409 (changed meanwhile)
and 429 (too many calls: wait `Retry-After` seconds).
"""

api = NinjaAPI(
    title="Desk API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=[TokenAuth(), BrowserSession()],
    throttle=[PerCallerRate()],
)
api.add_router("", catalog.router)
api.add_router("", requests.router)
api.add_router("", reports.router)


@api.exception_handler(Refused)
def _refused(request, exc: Refused):
    return refused_response(api, request, exc)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    response = api.create_response(
        request,
        {"detail": str(_("Send a valid API token: Authorization: Bearer desk_…"))},
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="Desk API"'
    return response


@api.exception_handler(RawPostDataException)
def _not_json(request, exc):
    """A form post (multipart) was already read as a form by the middleware; the API takes JSON."""
    return api.create_response(
        request,
        {"detail": str(_("Send the body as JSON (Content-Type: application/json)."))},
        status=415,
    )
