"""Settings for the test suite: the real settings plus what makes tests fast and hermetic."""

import os
import tempfile

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
