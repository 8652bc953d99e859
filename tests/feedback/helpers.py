"""Building blocks for feedback tests: requests taken to "resolved" through the real services."""

from __future__ import annotations

from desk import services as desk_services
from feedback import services
from tests.factories import file_request


def resolve(request, agent):
    """An agent of the department takes the request and resolves it."""
    desk_services.request_take(request=request, actor=agent)
    return desk_services.request_change_status(request=request, actor=agent, status="resolved")


def resolved_request(requester, service, agent, **kwargs):
    return resolve(file_request(requester, service, **kwargs), agent)


def rated(requester, service, agent, *, rating=4, comment="", **scores):
    """A request filed, resolved and rated: returns the feedback."""
    request = resolved_request(requester, service, agent)
    feedback, _created = services.feedback_submit(
        request=request, requester=requester, rating=rating, comment=comment, **scores
    )
    return feedback
