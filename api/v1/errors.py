"""How a refusal by desk's services becomes an API answer.

The services raise ValidationError with the message the pages show; the API passes the same words
on: 400 for bad input or a move the workflow does not allow, 403 when the person may see the
request but not do that, 409 when the request changed since they looked (ConflictError).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from desk.models import Request
from desk.services import ConflictError

T = TypeVar("T")


class Refused(Exception):
    def __init__(self, status: int, detail: str, errors: dict[str, list[str]] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors


def _status_for(exc: ValidationError) -> int:
    if isinstance(exc, ConflictError):
        return 409
    codes = {error.code for error in exc.error_list} if hasattr(exc, "error_list") else set()
    return 403 if "forbidden" in codes else 400


def run_service(function: Callable[..., T], **kwargs) -> T:
    try:
        return function(**kwargs)
    except ValidationError as exc:
        errors = None
        if hasattr(exc, "error_dict"):
            errors = {field: list(messages) for field, messages in exc.message_dict.items()}
        raise Refused(_status_for(exc), exc.messages[0], errors) from exc


def check_expected(desk_request: Request, expected_status: str | None) -> None:
    """The requester's actions have no expected state in their services; the API honours it too."""
    if expected_status and desk_request.status != expected_status:
        raise Refused(
            409,
            _(
                "Someone else changed this request meanwhile: it is now “%(status)s”. Nothing was changed."
            )
            % {"status": desk_request.get_status_display()},
        )


def refused_response(api, request: HttpRequest, exc: Refused):
    body: dict = {"detail": exc.detail}
    if exc.errors:
        body["errors"] = exc.errors
    return api.create_response(request, body, status=exc.status)
