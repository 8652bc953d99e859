"""Settings for the test suite: the real settings plus what makes tests fast and hermetic."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault(
    "SECRET_KEY", "desk-tests-only-not-a-secret-0123456789abcdefghijklmnopqrstuvw"
)

from desk.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="desk-test-media-")
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Tests run tasks in-process unless a test starts a real worker (tests/conftest.py).
CELERY_TASK_ALWAYS_EAGER = True
DESK_BASE_URL = "http://testserver"
# WhiteNoise warns on every request when STATIC_ROOT does not exist; tests never collect static.
Path(STATIC_ROOT).mkdir(exist_ok=True)  # noqa: F405
# Each test process keeps its own cache, empty at the start; the queue page's cache stays off
# unless a test turns it on (tests/desk/test_queue_page_cache.py), even when REDIS_URL is set.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
QUEUE_PAGE_CACHE = False
