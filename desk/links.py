"""A request's own links (/requests/IT-0042/take/), made with one reverse() per URL name.

Django's reverse() takes some 20 µs, and a request page shows a dozen links of its request (its
forms, the staff panel's actions). They differ only by the reference, and a million requests
cannot be kept one by one: so each URL name is reversed once, for a stand-in reference, and a
request's link is that answer with its own reference in place of the stand-in. The answer is
reverse()'s, byte for byte (tests/desk/test_links.py).
"""

from __future__ import annotations

import functools
import re

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# A request's reference in its addresses: /requests/IT-0042/ (desk.app_urls).
REF = r"(?P<code>[A-Z][A-Z0-9]{0,7})-(?P<number>[0-9]{1,9})"
_REFERENCE = re.compile(REF)

# A reference that matches REF, which no department has (codes are letters and digits, at most
# eight), unlikely in a script prefix: if it ever were there, the link is reversed in full.
_STAND_IN = ("QZQZQZQZ", "987654321")
_STAND_IN_REF = "QZQZQZQZ-987654321"


def request_link(name: str, code: str, number: str | int) -> str:
    """reverse(name, args=[code, number]). Made from the stand-in's link when `name` is a
    request's URL (its arguments are REF's code and number); reversed in full otherwise."""
    reference = f"{code}-{number}"
    if not _REFERENCE.fullmatch(reference):
        return reverse(name, args=[code, number])  # its own NoReverseMatch, as reverse gives
    parts = _around_reference(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), name)
    if parts is None:
        return reverse(name, args=[code, number])
    return reference.join(parts)


@functools.lru_cache(maxsize=256)
def _around_reference(urlconf: str, prefix: str, name: str) -> tuple[str, str] | None:
    """The link of `name` before and after the reference, for this URLconf and script prefix
    (reverse reads the prefix itself; it is in the key)."""
    try:
        link = reverse(name, urlconf=urlconf, args=_STAND_IN)
    except NoReverseMatch:  # not a request's URL: reverse() will say what is wrong
        return None
    if link.count(_STAND_IN_REF) != 1:
        return None
    before, _found, after = link.partition(_STAND_IN_REF)
    return before, after
