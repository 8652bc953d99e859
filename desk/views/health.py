"""Health endpoints for load balancers and orchestrators: cheap, unauthenticated, saying nothing.

/healthz (liveness) answers "ok" as long as the process can run Python: no database, no cookies.
/readyz (readiness) answers 200 only when the database answers, every migration is applied and,
with a Redis broker, Redis answers; otherwise 503 with the names of the failing checks only.

HealthCheckMiddleware answers both paths before any other middleware, so that a probe by IP
address (not in ALLOWED_HOSTS), over plain HTTP (no SSL redirect), without a session, gets an
answer: these two responses contain nothing that depends on the Host header.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

HEALTH_PATHS = frozenset({"/healthz", "/readyz"})
BROKER_TIMEOUT_SECONDS = 1.0

# Applied migrations do not become unapplied while the process runs; a positive answer is kept.
_migrations_ok = False


def _database_ok() -> bool:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("readyz: database check failed", exc_info=True)
        return False
    return True


def _migrations_applied() -> bool:
    global _migrations_ok
    if _migrations_ok:
        return True
    try:
        executor = MigrationExecutor(connections["default"])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        logger.warning("readyz: migrations check failed", exc_info=True)
        return False
    _migrations_ok = not plan
    return _migrations_ok


def _broker_ok() -> bool | None:
    """None when there is no Redis broker to check (tasks run in-process)."""
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://", "unix://")):
        return None
    import redis

    try:
        client = redis.Redis.from_url(
            url,
            socket_connect_timeout=BROKER_TIMEOUT_SECONDS,
            socket_timeout=BROKER_TIMEOUT_SECONDS,
        )
        try:
            return bool(client.ping())
        finally:
            client.close()
    except (redis.RedisError, OSError):
        logger.warning("readyz: broker check failed", exc_info=True)
        return False


@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    failing = []
    database = _database_ok()
    if not database:
        failing.append("database")
    # Without a database the migration state cannot be known; report only the cause.
    if database and not _migrations_applied():
        failing.append("migrations")
    if _broker_ok() is False:
        failing.append("broker")
    if failing:
        return JsonResponse({"status": "unavailable", "failing": failing}, status=503)
    return JsonResponse({"status": "ok"})


class HealthCheckMiddleware:
    """Answers /healthz and /readyz ahead of host checks, SSL redirect, sessions and logging."""

    views: dict[str, Callable[[HttpRequest], HttpResponse]] = {
        "/healthz": healthz,
        "/readyz": readyz,
    }

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view = self.views.get(request.path_info)
        if view is not None:
            return view(request)
        return self.get_response(request)
