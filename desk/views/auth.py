"""Throttled ways in: the lockout page after too many wrong passwords, and a password-reset page
that sends a bounded number of emails.

Failed logins are counted by django-axes (settings: AXES_*); this module only answers the person.
Reset emails are counted here in the cache, per address asked for and per client address, so the
page cannot be used to flood someone's inbox. The counts say nothing about whether an address
belongs to anyone: an unknown address is counted the same way.
"""

from __future__ import annotations

import hashlib
import math

from axes.helpers import get_client_ip_address, get_cool_off
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

RESET_WINDOW_SECONDS = 3600


def attempted_email(request: HttpRequest, credentials: dict | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the email tried, lower-cased as login matches it, so "Olga@" and
    "olga@" count against one account."""
    credentials = credentials or {}
    email = credentials.get("username") or credentials.get("email")
    if email is None and request is not None:
        email = request.POST.get("username")
    # Axes stores it in 255 characters; no email is longer than 254 (RFC 5321).
    return email.strip().lower()[:254] if email else None


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: a plain page saying for how long, with Retry-After."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else 0
    response = render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


def _within_limit(key: str, limit: int) -> bool:
    """Count one use of `key` in the current window; False once `limit` uses were counted."""
    cache.add(key, 0, RESET_WINDOW_SECONDS)
    try:
        used = cache.incr(key)
    except ValueError:  # the key expired between add and incr: a new window
        cache.set(key, 1, RESET_WINDOW_SECONDS)
        used = 1
    return used <= limit


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        address_key = "reset:email:" + hashlib.sha256(email.encode()).hexdigest()
        client_key = "reset:ip:" + str(get_client_ip_address(self.request))
        if not _within_limit(client_key, settings.DESK_RESET_EMAILS_PER_CLIENT):
            form.add_error(
                None,
                _("Too many reset links were asked for from your network. Try again in an hour."),
            )
            return self.form_invalid(form)
        if not _within_limit(address_key, settings.DESK_RESET_EMAILS_PER_ADDRESS):
            form.add_error(
                "email",
                _(
                    "Several reset links were already sent to this address in the last hour. "
                    "Check your inbox (and spam folder), or try again in an hour."
                ),
            )
            return self.form_invalid(form)
        return super().form_valid(form)
