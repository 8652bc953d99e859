"""The server-error handler: a lost database connection is a "try again" (503), not a crash (500).

When PostgreSQL restarts or a connection is cut, the request running at that moment fails with
an OperationalError or InterfaceError. Nothing was saved (the transaction died with the
connection), so the honest answer is "try again in a moment". Django already closes an unusable
connection when the request finishes; closing it here as well means the answer itself never
touches the broken connection. Every other error keeps Django's ordinary 500 page.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views.defaults import server_error

RETRY_AFTER_SECONDS = 5


def server_error_or_unavailable(request: HttpRequest, template_name: str = "500.html"):
    error = sys.exc_info()[1]
    if not isinstance(error, OperationalError | InterfaceError):
        return server_error(request, template_name)
    for connection in connections.all(initialized_only=True):
        connection.close_if_unusable_or_obsolete()
    is_htmx = request.headers.get("HX-Request") == "true"
    # No request in the context: context processors would query the database.
    body = loader.render_to_string(
        "503_message.html" if is_htmx else "503.html",
        {"retry_after": RETRY_AFTER_SECONDS},
    )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    if is_htmx:
        # The fragment replaces the page's message area instead of the element that asked.
        response["HX-Retarget"] = "#messages"
        response["HX-Reswap"] = "innerHTML"
    return response
