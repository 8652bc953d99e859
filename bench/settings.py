"""Settings for the benchmark: Desk's own settings as production runs them, plus the bench URLs.

Selected with DJANGO_SETTINGS_MODULE=bench.settings (bench/run.py sets it for itself and for
gunicorn). DEBUG stays off, as in production. Only what a plain-HTTP run on 127.0.0.1 needs
differs: no HTTPS redirect or secure-only cookies, and the test client's host is allowed.
"""

import os

# Production refuses to start without a key; a bench database holds nothing secret.
os.environ.setdefault("SECRET_KEY", "desk-bench-only-not-a-secret-0123456789abcdefghijklmnopqrstu")

from desk.settings import *  # noqa: E402, F403
from desk.settings import BASE_DIR, TEMPLATES  # noqa: E402

# Desk's URLs plus one trivial page, the ceiling of this stack (bench/urls.py).
ROOT_URLCONF = os.environ.get("BENCH_URLCONF", "bench.urls")
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]

ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Report recomputation is a worker's job: web requests only mark cells stale and publish a task.
# An in-memory broker keeps the publish (no Redis needed) without running the task in the web
# process; the benchmark runs the recomputation itself and times it separately.
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = False

# The cache as production has it (REDIS_URL): Redis, shared by the gunicorn workers, so the queue's
# page cache is on. Its own database, which the benchmark empties to measure cache misses.
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": BENCH_REDIS_URL,
        "KEY_PREFIX": "desk-bench",
    }
}
QUEUE_PAGE_CACHE = True
