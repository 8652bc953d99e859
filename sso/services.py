"""Turning an identity provider's claims into an Employee.

The first login creates the employee (name, email, and home department and client type when the
provider sends the configured claims); later logins update name and email only, so what an admin
set in Desk afterwards is not overwritten. A provider that does not vouch for the address
(`email_verified`) is refused: whoever controls that claim would otherwise take over the account
of the colleague whose address they typed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from departments.models import ClientType, Department, Employee
from sso.models import Identity


class SignInRefused(ValidationError):
    """The provider authenticated someone Desk must not let in; the message says why."""


def _truthy(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _first(value: object) -> str:
    """A claim may be a string or a list of strings (groups); the first non-empty one."""
    if isinstance(value, list | tuple):
        value = next((item for item in value if isinstance(item, str) and item.strip()), "")
    return value.strip() if isinstance(value, str) else ""


def _full_name(claims: dict, email: str) -> str:
    name = _first(claims.get(settings.OIDC_CLAIM_NAME))
    if not name:
        parts = [_first(claims.get("given_name")), _first(claims.get("family_name"))]
        name = " ".join(part for part in parts if part)
    return (name or email.split("@")[0])[:150]


def _department(claims: dict) -> Department | None:
    claim = settings.OIDC_CLAIM_DEPARTMENT
    value = _first(claims.get(claim)) if claim else ""
    if not value:
        return None
    return (
        Department.objects.filter(is_active=True)
        .filter(Q(code__iexact=value) | Q(slug__iexact=value) | Q(name__iexact=value))
        .order_by("pk")
        .first()
    )


def _client_type(claims: dict) -> str | None:
    claim = settings.OIDC_CLAIM_CLIENT_TYPE
    value = _first(claims.get(claim)).lower() if claim else ""
    return value if value in ClientType.values else None


def employee_sign_in(*, issuer: str, claims: dict) -> Employee:
    """The employee these claims belong to, created or updated; SignInRefused if not allowed."""
    subject = _first(claims.get("sub"))
    email = Employee.objects.normalize_email(_first(claims.get("email"))).lower()
    if not subject or not email:
        raise SignInRefused(
            _("Your identity provider did not send an email address, so Desk cannot log you in."),
            code="no_email",
        )
    if settings.OIDC_REQUIRE_VERIFIED_EMAIL and not _truthy(claims.get("email_verified")):
        raise SignInRefused(
            _(
                "Your identity provider has not verified the address %(email)s, so Desk cannot "
                "log you in with it. Verify it there, or ask your administrator."
            )
            % {"email": email},
            code="unverified",
        )
    name = _full_name(claims, email)
    now = timezone.now()
    with transaction.atomic():
        identity = (
            Identity.objects.select_for_update()
            .select_related("employee")
            .filter(issuer=issuer, subject=subject)
            .first()
        )
        if identity is not None:
            employee = identity.employee
        else:
            # An employee who had a password account (or whom an admin created) is linked by
            # their verified address; otherwise this is their first day in Desk.
            employee = Employee.objects.filter(email__iexact=email).first()
            if employee is None:
                employee = Employee.objects.create_user(
                    email=email,
                    password=None,
                    full_name=name,
                    department=_department(claims),
                    client_type=_client_type(claims) or ClientType.OPERATIONAL,
                )
            identity = Identity(employee=employee, issuer=issuer, subject=subject)
        changed = [
            field
            for field, value in (("full_name", name), ("email", email))
            if getattr(employee, field) != value
        ]
        if changed:
            if (
                "email" in changed
                and Employee.objects.filter(email__iexact=email).exclude(pk=employee.pk).exists()
            ):
                raise SignInRefused(
                    _(
                        "Another Desk account already uses %(email)s. Ask your administrator to "
                        "merge the two."
                    )
                    % {"email": email},
                    code="email_taken",
                )
            employee.full_name = name
            employee.email = email
            try:
                with transaction.atomic():
                    employee.save(update_fields=changed)
            except IntegrityError:
                raise SignInRefused(
                    _("Another Desk account already uses %(email)s.") % {"email": email},
                    code="email_taken",
                ) from None
        identity.last_login_at = now
        identity.save()
    return employee
