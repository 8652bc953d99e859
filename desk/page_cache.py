"""Queue bodies kept between changes, one per view for the whole team (issues 7 and 11).

A queue shows the same body until something in its department changes, so the rendered body
(counts, filters, table) is kept and a repeat view skips its queries and its rendering. The body
does not depend on who looks: desk.views.queue_parts.personalise fills in the viewer's saved
views, bulk menu and Take buttons, and the viewer's CSRF token (with_csrf_token). So eighteen
people watching the same queue share one body, and a change costs one render, not eighteen.

Keys are built from the normalised filters (desk.queue.QueueFilters, after the allowlist), never
from the raw query string: `?sort=<anything>` is the default view's key. A key holds the
department, the language, fragment or page, the page number, the viewer only when the view is
"assigned to me", and the current minute (ages, due badges and "overdue" move with the clock).
Searches are free text, so every department may store at most QUEUE_PAGE_CACHE_MAX_BODIES bodies a
minute (setting); past that, views are rendered and not kept; so are pages past MAX_KEPT_PAGE.
Bodies expire after BODY_TIMEOUT. Memory is bounded by departments × 2 minutes × that many
bodies (a 50-row body is about 100 KB), whatever the query strings people send.

Bodies are stored with two generation counters and served only while both are current (the
team's services and members, read with them, only while the global one is):

- the department's: bumped when one of its requests or saved views is saved or deleted;
- the global one: bumped when a service, membership, department or person changes.

The counters are bumped after the transaction commits, so no other process can store a body read
before the change under the new generation. A counter that has gone missing (evicted, flushed) is
recreated at a random value, never at one whose bodies may still be stored. Changes that bypass
the model signals (queryset.update(), bulk_create()) show up at the next minute at the latest.

One render per change: the first process to miss takes a short lock and renders; the others wait
for its body (at most WAIT_SECONDS, then they render themselves rather than keep someone waiting).

The counters must be shared by every web process, so the cache is used only when the setting
QUEUE_PAGE_CACHE says so (by default when REDIS_URL is set, and CACHES is then Redis).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import secrets
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from departments.models import Department, Employee, Membership, Service
from desk.jinja2 import csrf_input, csrf_token
from desk.models import Request, SavedView
from desk.queue import QueueFilters

if TYPE_CHECKING:
    from django.http import HttpRequest


logger = logging.getLogger(__name__)

BODY_TIMEOUT = 120  # seconds; a body's key changes every minute anyway
LOCK_TIMEOUT = 10  # seconds: a render that died holding the lock frees it by then
WAIT_SECONDS = 1.0
WAIT_STEP = 0.01
MAX_KEPT_PAGE = 10
GLOBAL = "all"
# What {% csrf_token %} renders with this token, replaced by the viewer's own. Constant, because
# a body stored by one process is served by the others; user input cannot produce the tag
# (the template escapes "<").
CSRF_PLACEHOLDER = "desk-page-cache-csrf-placeholder"
# The query parameters the queue reads (its filters and the page number): a key is made from
# their normalised values only (QueueFilters), never from the raw query string.
QUEUE_PARAMETERS = (*(field.name for field in dataclasses.fields(QueueFilters)), "page")


def enabled() -> bool:
    return settings.QUEUE_PAGE_CACHE


def max_bodies() -> int:
    """How many bodies one department may store per minute (searches make new views)."""
    return settings.QUEUE_PAGE_CACHE_MAX_BODIES


def _generation_key(scope: int | str) -> str:
    return f"desk:queue-generation:{scope}"


def _fresh_generation(key: str) -> int:
    """A counter that has gone missing comes back at a random value, never at an old one."""
    fresh = secrets.randbits(48)
    if cache.add(key, fresh, timeout=None):
        return fresh
    return cache.get(key)  # another process was first


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


def _minute() -> str:
    return timezone.now().strftime("%Y%m%d%H%M")


class Queue:
    """One department's place in the cache, opened once per response: one round trip reads both
    generations and the team (its services and members), which the filters are checked against
    before a body's key can be made."""

    def __init__(self, department: Department) -> None:
        self.department_id = department.pk
        self.generation_keys = [_generation_key(department.pk), _generation_key(GLOBAL)]
        self.team_key = f"desk:queue-team:{department.pk}"
        found = cache.get_many([*self.generation_keys, self.team_key])
        self.generations = tuple(
            found[key] if key in found else _fresh_generation(key) for key in self.generation_keys
        )
        # The team changes only with services, memberships and people (the global counter): a
        # change of a request, which makes the next view render its body again, keeps it.
        stored = found.get(self.team_key)
        self.team = stored[1] if stored is not None and stored[0] == self.generations[1] else None

    def keep_team(self, team: Any) -> None:
        cache.set(self.team_key, (self.generations[1], team), timeout=BODY_TIMEOUT)

    def body_key(
        self, filters: QueueFilters, *, page: int, fragment: bool, viewer_id: int | None
    ) -> str:
        """From the normalised filters only; `viewer_id` for views that depend on the viewer."""
        parts = (translation.get_language(), fragment, page, viewer_id, filters.query)
        digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
        return f"desk:queue-body:{self.department_id}:{_minute()}:{digest}"

    def _current(self, key: str):
        stored = cache.get(key)
        if stored is None or stored[0] != self.generations:
            return None
        return stored[1]

    def _may_store(self) -> bool:
        """At most max_bodies() new bodies per department and minute: a bound on memory."""
        counter = f"desk:queue-bodies:{self.department_id}:{_minute()}"
        # The minute's first body (one round trip); then a count (Django's incr takes two).
        if cache.add(counter, 1, timeout=BODY_TIMEOUT + 60):
            return max_bodies() >= 1
        try:
            return cache.incr(counter) <= max_bodies()
        except ValueError:  # evicted between add and incr
            return False

    def body(self, key: str, render: Callable[[], Any]):
        """The stored value of `key`, or `render()`'s, stored for the others; one render at a
        time per key (the others wait for it, up to WAIT_SECONDS)."""
        value = self._current(key)
        if value is not None:
            return value
        lock = f"{key}:render"
        if not cache.add(lock, 1, timeout=LOCK_TIMEOUT):
            deadline = time.monotonic() + WAIT_SECONDS
            while time.monotonic() < deadline:
                time.sleep(WAIT_STEP)
                value = self._current(key)
                if value is not None:
                    return value
        try:
            value = render()
            if self._may_store():
                cache.set(key, (self.generations, value), timeout=BODY_TIMEOUT)
        finally:
            cache.delete(lock)
        return value


def open_queue(department: Department) -> Queue | None:
    """The department's place in the cache; None when the cache is off or unavailable."""
    if not enabled():
        return None
    try:
        return Queue(department)
    except Exception:  # the cache is down: render as if it were off
        logger.warning("queue page cache unavailable", exc_info=True)
        return None


def body(queue: Queue | None, key: str | None, render: Callable[[], Any]):
    """`queue.body(key, render)`, or just `render()` when there is no cache or it fails."""
    if queue is None or key is None:
        return render()
    try:
        return queue.body(key, render)
    except Exception:
        logger.warning("queue page cache unavailable", exc_info=True)
        return render()


def keep_team(queue: Queue | None, team: Any) -> None:
    if queue is None:
        return
    try:
        queue.keep_team(team)
    except Exception:
        logger.warning("queue page cache unavailable", exc_info=True)


def with_csrf_token(request: HttpRequest, body: str) -> SafeString:
    """The body with the viewer's CSRF token in place of the placeholder."""
    return mark_safe(  # the body was rendered (escaped) by the template engine
        body.replace(csrf_input(CSRF_PLACEHOLDER), csrf_input(csrf_token(request)))
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
