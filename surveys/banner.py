"""The “would like to hear from you” banner on every page, without a query of its own.

Whether a person has an invitation not yet answered is asked on every page in the bell's
statement (desk.context_processors.top_bar), so most people, who have none, cost nothing more.
For those who have one, which open invitation it is (or that it is for a closed round) is kept in
the cache for a few minutes and dropped when a round invites them or they answer; only the first
page after that reads the banner's texts. A survey paused meanwhile shows its banner for at most
BANNER_SECONDS more, and its answer page says it is closed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from departments.models import localized

BANNER_SECONDS = 300
_NONE = "none"


@dataclass(frozen=True)
class Banner:
    url: str
    # English and Polish texts as stored (cached as they are: each page picks its language).
    title_en: str
    title_en_pl: str
    department_name: str
    department_name_pl: str
    closes_at: datetime

    @property
    def title(self) -> str:
        return localized(self, "title_en")

    @property
    def department(self) -> str:
        return localized(self, "department_name")


def _key(employee_id: int) -> str:
    return f"survey-banner:{employee_id}"


def invited_statement(user) -> tuple[str, tuple]:
    """A boolean SQL expression, with its parameters: has the person an invitation to answer?"""
    from surveys.models import Invitation

    quote, field = connection.ops.quote_name, Invitation._meta.get_field
    return (
        f"EXISTS (SELECT 1 FROM {quote(Invitation._meta.db_table)}"
        f" WHERE {quote(field('employee').column)} = %s AND NOT {quote(field('answered').column)})",
        (user.pk,),
    )


def banner_for(user, invited: bool) -> Banner | None:
    """The banner to show, if any; `invited` is what invited_statement answered for the page."""
    from surveys.models import Invitation
    from surveys.services import open_invitations

    if not invited:
        return None
    cached = cache.get(_key(user.pk))
    if cached == _NONE:
        return None
    if isinstance(cached, Banner) and cached.closes_at > timezone.now():
        return cached
    # Only what the banner shows, as values: no survey, round or department instances to build.
    found = (
        open_invitations(user)
        .order_by("round__closes_at", "pk")
        .values_list(
            "token",
            "round__survey__title",
            "round__survey__title_pl",
            "round__survey__department__name",
            "round__survey__department__name_pl",
            "round__closes_at",
        )
        .first()
    )
    if found is None:
        cache.set(_key(user.pk), _NONE, BANNER_SECONDS)
        return None
    token, title, title_pl, department_name, department_name_pl, closes_at = found
    banner = Banner(
        url=Invitation(token=token).get_absolute_url(),
        title_en=title,
        title_en_pl=title_pl,
        department_name=department_name or "",
        department_name_pl=department_name_pl or "",
        closes_at=closes_at,
    )
    cache.set(_key(user.pk), banner, BANNER_SECONDS)
    return banner


def forget_on_commit(employee_ids) -> None:
    """Drop the people's banners once the transaction that invited or heard them commits."""
    keys = [_key(pk) for pk in employee_ids]
    if keys:
        transaction.on_commit(lambda: cache.delete_many(keys))
