"""A small, hand-computed data set for the report tests (March 2026, Europe/Warsaw).

IT (department A) has services A (“New laptop”) and A2 (“VPN access”); HR has service B. Times
are local wall-clock times in Europe/Warsaw; durations are set directly, as desk.services would
have written them at resolution. The expected figures in the tests are worked out by hand from
the table below.

ref  service  client       filed        1st resp  resolved (cal/bus h, met)  finished         rating
R1   A        operational  03-02 09:00  1 h       03-03 (24 / 8, yes)         closed 03-05     5 q4 s5  (03-06)
R2   A        business     03-10 09:00  2 h       03-12 (48 / 16, no)         -                3 q2     (03-13)
R3   A2       operational  03-15 10:00  0.5 h     03-15 (2 / 2, yes)          closed 03-20     -
R4   A2       operational  03-20 09:00  -         -                           - (open)         -
R5   A        operational  02-20 09:00  (02-21)   03-01 (216 / 14, yes)       closed 03-02     4        (03-02)
R6   A        operational  03-25 09:00  -         -                           cancelled 03-26  -
R7   A        operational  02-10 09:00  -         -                           - (open)         -
R8   A        business     04-01 00:30  -         -                           - (open)         -
R9   B (HR)   business     03-05 09:00  -         03-06 (1 / 1, yes)          -                1        (03-06)
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from desk.models import Request, Status
from feedback.models import Feedback
from tests.factories import file_request

WARSAW = ZoneInfo("Europe/Warsaw")
HOUR = 3600


def at(month: int, day: int, hour: int = 9, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WARSAW)


def make_request(requester, service, created: datetime, **fields) -> Request:
    """File through the real service, then move the timestamps to the story's."""
    request = file_request(requester, service)
    Request.objects.filter(pk=request.pk).update(created_at=created, **fields)
    request.refresh_from_db()
    return request


def rate(request: Request, rating: int, when: datetime, **aspects) -> Feedback:
    return Feedback.objects.create(
        request=request,
        requester=request.requester,
        department_id=request.department_id,
        service_id=request.service_id,
        client_type=request.client_type,
        rating=rating,
        created_at=when,
        **aspects,
    )


def resolved(at_: datetime, calendar_hours: float, business_hours: float, met: bool) -> dict:
    return {
        "status": Status.RESOLVED,
        "resolved_at": at_,
        "resolution_seconds": int(calendar_hours * HOUR),
        "resolution_business_seconds": int(business_hours * HOUR),
        "met_target": met,
    }


def build(service_a, service_a2, service_b, operational, business) -> dict[str, Request]:
    r = {}
    r["R1"] = make_request(
        operational,
        service_a,
        at(3, 2),
        first_response_at=at(3, 2, 10),
        first_response_business_seconds=HOUR,
        **resolved(at(3, 3), 24, 8, True) | {"status": Status.CLOSED, "closed_at": at(3, 5)},
    )
    r["R2"] = make_request(
        business,
        service_a,
        at(3, 10),
        first_response_at=at(3, 10, 11),
        first_response_business_seconds=2 * HOUR,
        **resolved(at(3, 12), 48, 16, False),
    )
    r["R3"] = make_request(
        operational,
        service_a2,
        at(3, 15, 10),
        first_response_at=at(3, 15, 10, 30),
        first_response_business_seconds=HOUR // 2,
        **resolved(at(3, 15, 12), 2, 2, True) | {"status": Status.CLOSED, "closed_at": at(3, 20)},
    )
    r["R4"] = make_request(operational, service_a2, at(3, 20), status=Status.IN_PROGRESS)
    r["R5"] = make_request(
        operational,
        service_a,
        at(2, 20),
        first_response_at=at(2, 21),
        first_response_business_seconds=3 * HOUR,
        **resolved(at(3, 1), 216, 14, True) | {"status": Status.CLOSED, "closed_at": at(3, 2)},
    )
    r["R6"] = make_request(
        operational, service_a, at(3, 25), status=Status.CANCELLED, closed_at=at(3, 26)
    )
    r["R7"] = make_request(operational, service_a, at(2, 10))
    # 00:30 on 1 April in Warsaw is still 31 March in UTC: it belongs to April.
    r["R8"] = make_request(business, service_a, at(4, 1, 0, 30))
    r["R9"] = make_request(business, service_b, at(3, 5), **resolved(at(3, 6), 1, 1, True))
    rate(r["R1"], 5, at(3, 6), quality=4, speed=5)
    rate(r["R2"], 3, at(3, 13), quality=2)
    rate(r["R5"], 4, at(3, 2, 12))
    rate(r["R9"], 1, at(3, 6, 12))
    return r


def make_rate_resolved(
    requester, service, *, filed, resolved, business_seconds, met, rating
) -> Request:
    """A request resolved (and rated at resolution) at the given instants."""
    request = make_request(
        requester,
        service,
        filed,
        status=Status.RESOLVED,
        resolved_at=resolved,
        resolution_seconds=int((resolved - filed).total_seconds()),
        resolution_business_seconds=business_seconds,
        met_target=bool(met),
    )
    rate(request, rating, resolved)
    return request
