"""Creating, revoking and checking personal API tokens (the services of the api app)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken, TokenScope

if TYPE_CHECKING:
    from departments.models import Employee

TOKEN_PREFIX = "desk_"
# Lifetimes a person can choose, in days; a token never lives longer than a year.
EXPIRY_DAYS = (7, 30, 90, 365)
DEFAULT_EXPIRY_DAYS = 90
MAX_USABLE_TOKENS = 20
# last_used_at is written at most this often per token, not on every call.
LAST_USED_PRECISION = timedelta(minutes=1)


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def token_create(
    *, user: Employee, name: str, scope: str, days: int = DEFAULT_EXPIRY_DAYS
) -> tuple[ApiToken, str]:
    """A new token for this person; returns it with the raw key, which is never stored."""
    name = (name or "").strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Give the token a name, e.g. the system that will use it.")
    if scope not in TokenScope.values:
        errors["scope"] = _("Choose read only, or read and write.")
    if days not in EXPIRY_DAYS:
        errors["days"] = _("Choose how long the token is valid from the list.")
    if errors:
        raise ValidationError(errors)
    if not user.is_active:
        raise ValidationError(_("An inactive account cannot have API tokens."), code="forbidden")
    with transaction.atomic():
        # The lock serialises two creations by the same person, so the limit holds.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if ApiToken.objects.filter(user=user).usable().count() >= MAX_USABLE_TOKENS:
            raise ValidationError(
                _("You have %(n)d valid tokens already; revoke one you no longer use.")
                % {"n": MAX_USABLE_TOKENS},
                code="too_many",
            )
        raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = ApiToken.objects.create(
            user=user,
            name=name[:80],
            prefix=raw[: len(TOKEN_PREFIX) + 6],
            key_hash=hash_key(raw),
            scope=scope,
            expires_at=timezone.now() + timedelta(days=days),
        )
    return token, raw


def token_revoke(*, token: ApiToken, user: Employee) -> ApiToken:
    """Revoke a token at once; its owner or an admin may. Revoking twice changes nothing."""
    if token.user_id != user.pk and not user.is_superuser:
        raise ValidationError(_("This is not your token."), code="forbidden")
    if token.revoked_at is None:
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        token.refresh_from_db(fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> ApiToken | None:
    """The usable token with this key, of an active person; None for anything else."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.usable(now)
        .select_related("user")
        .filter(key_hash=hash_key(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
