"""What every part of the demo shares: the company's domain and password, the seed and the size,
the anchor (the demo's "now", which nothing in the history passes), people's email addresses, and
bulk inserts that keep the timestamps a part set.

Deterministic: every random choice comes from `random.Random` seeded with the seed and the part's
name, and every date is relative to the anchor: midnight (Europe/Warsaw) at the start of "today",
or of the date passed in. So the same seed on the same day gives the same data, while the demo
always looks current.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db.models import Model

DOMAIN = "kestrel.example"
ADMIN_EMAIL = f"admin@{DOMAIN}"
PASSWORD = "desk-demo-2026"
DEFAULT_SEED = 2026
REQUEST_COUNT = 600
HISTORY_DAYS = 182
TIME_ZONE = "Europe/Warsaw"
TZ = ZoneInfo(TIME_ZONE)
OFFICE_OPENS, OFFICE_CLOSES = time(8), time(16)


def email_for(full_name: str) -> str:
    """anna.zajac@kestrel.example for Anna Zając: accents dropped, so it is easy to type."""
    plain = full_name.replace("ł", "l").replace("Ł", "L")
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    return ".".join(plain.lower().split()) + f"@{DOMAIN}"


def demo_anchor(today: date | None = None) -> datetime:
    """The demo's "now": midnight in Warsaw at the start of `today` (default: today there).

    Everything the demo writes happened before it, and running the command again the same day
    gives the same data.
    """
    if today is None:
        today = datetime.now(TZ).date()
    return datetime.combine(today, time(0), tzinfo=TZ)


@contextmanager
def keeping_timestamps(*models: type[Model]) -> Iterator[None]:
    """Let bulk_create store the times the stories set, instead of auto_now(_add)'s "now".

    Cheaper than inserting and then rewriting thousands of rows with bulk_update.
    """
    stamped = [
        (item, item.auto_now, item.auto_now_add)
        for model in models
        for item in model._meta.concrete_fields
        if getattr(item, "auto_now", False) or getattr(item, "auto_now_add", False)
    ]
    for item, *_ in stamped:
        item.auto_now = item.auto_now_add = False
    try:
        yield
    finally:
        for item, auto_now, auto_now_add in stamped:
            item.auto_now, item.auto_now_add = auto_now, auto_now_add
