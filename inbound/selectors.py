from __future__ import annotations

from typing import TYPE_CHECKING

from inbound.models import InboundAddress

if TYPE_CHECKING:
    from desk.models import Request


def reply_address(request: Request) -> str | None:
    """Where answers to emails about this request go: its service's inbound address, else its
    department's (the first by address), else nowhere in particular (no Reply-To)."""
    addresses = InboundAddress.objects.filter(
        department_id=request.department_id, is_active=True
    ).order_by("email")
    chosen = None
    for address in addresses.only("email", "service_id"):
        if address.service_id == request.service_id:
            return address.email
        chosen = chosen or address.email
    return chosen
