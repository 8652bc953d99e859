"""Money and effort as people read them: amounts in settings.DESK_CURRENCY with the language's
separators, and minutes as hours and minutes."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _


def money(amount: Decimal | None) -> str:
    """1,234.50 EUR (English) or 1 234,50 EUR (Polish); “—” when there is no amount."""
    if amount is None:
        return "—"
    text = number_format(
        Decimal(amount).quantize(Decimal("0.01")), decimal_pos=2, force_grouping=True
    )
    # A no-break space: the amount never wraps away from its currency in a narrow column.
    return f"{text}\u00a0{settings.DESK_CURRENCY}"


def effort_words(minutes: int | None) -> str:
    """2 h 30 min, 45 min, 3 h."""
    minutes = int(minutes or 0)
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("%(h)d h %(m)d min") % {"h": hours, "m": rest}
    if hours:
        return _("%(h)d h") % {"h": hours}
    return _("%(m)d min") % {"m": rest}
