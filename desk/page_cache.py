"""The queue page's body, kept in the cache between changes (issue 7: "caching of stable fragments").

A repeat view of a queue shows the same body until a request of that department changes, so the
rendered body (counts, saved views, filters, table) is kept, and a hit skips the queries and the
rendering. Its key holds the viewer, the language, the query string, fragment or page, and the
current minute (ages, due badges and "overdue" move with the clock). It is stored with two
generation counters and served only while both are current:

- the department's: bumped when one of its requests or saved views is saved or deleted;
- the global one: bumped when a service, membership, department or person changes (names, roles
  and menus come from them).

The counters are bumped after the transaction commits, so no other process can store a body read
before the change under the new generation. A counter that has gone missing (evicted, flushed) is
recreated at a random value, never at one whose bodies may still be stored. Changes that bypass
the model signals (queryset.update(), bulk_create()) show up at the next minute at the latest.

The counters must be shared by every web process, so the cache is used only when the setting
QUEUE_PAGE_CACHE says so (by default when REDIS_URL is set, and CACHES is then Redis).
The CSRF token is per session: bodies are rendered with CSRF_PLACEHOLDER and get the viewer's
token on the way out (with_csrf_token). Flash messages, the navigation and the bell are outside
the body.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from departments.models import Department, Employee, Membership, Service
from desk.models import Request, SavedView
from desk.queue import QueueFilters

if TYPE_CHECKING:
    from django.http import HttpRequest

logger = logging.getLogger(__name__)

BODY_TIMEOUT = 120  # seconds; a body's key changes every minute anyway
GLOBAL = "all"
# What {% csrf_token %} renders with this token, replaced by the viewer's own. Constant, because
# a body stored by one process is served by the others; user input cannot produce the tag
# (the template escapes "<").
CSRF_PLACEHOLDER = "desk-page-cache-csrf-placeholder"
_CSRF_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
# The query parameters the queue reads: its filters and the page number.
QUEUE_PARAMETERS = (*(field.name for field in dataclasses.fields(QueueFilters)), "page")


def enabled() -> bool:
    return settings.QUEUE_PAGE_CACHE


def _generation_key(scope: int | str) -> str:
    return f"desk:queue-generation:{scope}"


def _fresh_generation(key: str) -> int:
    """A counter that has gone missing comes back at a random value, never at an old one."""
    cache.add(key, secrets.randbits(48), timeout=None)
    return cache.get(key)


def bump(scope: int | str) -> None:
    """A new generation for a department (its id) or for every queue (GLOBAL)."""
    key = _generation_key(scope)
    try:
        cache.incr(key)
    except ValueError:  # missing: any fresh value makes the stored bodies unreachable
        _fresh_generation(key)


def _bump_after_commit(scope: int | str) -> None:
    if not enabled():
        return
    # robust: a cache outage must not turn a committed change into an error page; the minute in
    # the key bounds how long a missed bump can show an old body.
    transaction.on_commit(lambda: bump(scope), robust=True)


def _body_key(request: HttpRequest, department: Department, fragment: bool) -> str:
    query = sorted(
        (name, value) for name in QUEUE_PARAMETERS for value in request.GET.getlist(name)
    )
    parts = (
        department.pk,
        request.user.pk,
        translation.get_language(),
        fragment,
        timezone.now().strftime("%Y%m%d%H%M"),
        query,
    )
    return "desk:queue-body:" + hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


class Entry:
    """One view's place in the cache. The body is stored with the generations it was read at,
    and served only while both are still current: one round trip reads all three."""

    def __init__(self, request: HttpRequest, department: Department, *, fragment: bool):
        self.key = _body_key(request, department, fragment)
        self.generation_keys = [_generation_key(department.pk), _generation_key(GLOBAL)]
        self.generations: tuple = ()

    def get(self) -> tuple | None:
        """The stored (body, url), or None; reads the generations for put() either way."""
        found = cache.get_many([self.key, *self.generation_keys])
        self.generations = tuple(
            found[key] if key in found else _fresh_generation(key) for key in self.generation_keys
        )
        stored = found.get(self.key)
        if stored is None or stored[0] != self.generations:
            return None
        return stored[1]

    def put(self, value: tuple) -> None:
        cache.set(self.key, (self.generations, value), timeout=BODY_TIMEOUT)


def lookup(request: HttpRequest, department: Department, *, fragment: bool):
    """(entry, stored value or None); no entry when the cache is off or unavailable."""
    if not enabled():
        return None, None
    entry = Entry(request, department, fragment=fragment)
    try:
        return entry, entry.get()
    except Exception:  # the cache is down: render as if it were off
        logger.warning("queue page cache unavailable", exc_info=True)
        return None, None


def store(entry: Entry | None, value: tuple) -> None:
    if entry is None:
        return
    try:
        entry.put(value)
    except Exception:
        logger.warning("queue page cache unavailable", exc_info=True)


def with_csrf_token(request: HttpRequest, body: str) -> SafeString:
    """The body with the viewer's CSRF token in place of the placeholder."""
    return mark_safe(  # the body was rendered (escaped) by the template engine
        body.replace(_CSRF_INPUT.format(CSRF_PLACEHOLDER), _CSRF_INPUT.format(get_token(request)))
    )


# --- invalidation ------------------------------------------------------------------------------
# Saves that change nothing a queue shows: a login's timestamp, a filing's request number.
_IGNORED_FIELDS = {Employee: {"last_login"}, Department: {"last_request_number"}}


def _department_changed(sender, instance, **kwargs) -> None:
    _bump_after_commit(instance.department_id)


def _shared_changed(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields and set(update_fields) <= _IGNORED_FIELDS.get(sender, set()):
        return
    _bump_after_commit(GLOBAL)


for _model in (Request, SavedView):
    post_save.connect(_department_changed, sender=_model, dispatch_uid=f"page_cache_{_model}")
    post_delete.connect(_department_changed, sender=_model, dispatch_uid=f"page_cache_d_{_model}")
for _model in (Service, Membership, Department, Employee):
    post_save.connect(_shared_changed, sender=_model, dispatch_uid=f"page_cache_{_model}")
    post_delete.connect(_shared_changed, sender=_model, dispatch_uid=f"page_cache_d_{_model}")
