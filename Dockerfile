# Desk's image: web, worker and beat all run from it (docker-compose.yml picks the command).
FROM python:3.11-slim

# STATIC_MANIFEST: hashed static file names, cached for ever by browsers; the manifest is built
# below, so the running image must use the same storage.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STATIC_MANIFEST=1

# Desk runs as an unprivileged user; only the media folder is writable by it.
RUN groupadd --system --gid 10001 desk \
    && useradd --system --uid 10001 --gid desk --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin desk

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them (pyproject lists them; Desk's
# own code runs from /app, it is not installed as a package).
COPY pyproject.toml README.md ./
RUN pip install .

COPY . .

# Static files are collected into the image; whitenoise serves them. The key is thrown away: the
# settings refuse to load without one when DEBUG is off, and collectstatic never uses it.
RUN SECRET_KEY=build-only-throwaway-key-not-used-at-runtime-0123456789abcdef \
    DEBUG=0 python manage.py collectstatic --noinput \
    && mkdir -p /app/media \
    && chown desk:desk /app/media

USER desk

EXPOSE 8000

CMD ["gunicorn", "desk.wsgi:application", "--workers", "2", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
