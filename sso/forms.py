from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm


class PasswordResetForm(DjangoPasswordResetForm):
    """No reset link for people who cannot log in with a password anyway (DESK_PASSWORD_LOGIN
    off): the page answers the same, so it does not tell who is a superuser."""

    def get_users(self, email):
        for user in super().get_users(email):
            if settings.DESK_PASSWORD_LOGIN or user.is_superuser:
                yield user
