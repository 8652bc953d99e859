"""Where a webhook may be sent: never to Desk's own network unless an admin allows it (SSRF).

The host is resolved when the event is SENT, every address it resolves to is checked, and the
connection goes to the checked address (not to a second lookup), so a DNS answer that changes
between the check and the connection (DNS rebinding) cannot redirect the request.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext as _


class TargetRefused(Exception):
    """The URL may not be called; the message says why (shown in the admin and delivery log)."""


class Unresolvable(TargetRefused):
    """The host name does not resolve (now)."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str  # with the query string
    address: str  # the checked IP address to connect to


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    # is_global is False for loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7),
    # link-local (169.254/16, fe80::/10, the cloud metadata address), shared (100.64/10),
    # unspecified and reserved ranges.
    return ip.is_global and not ip.is_multicast


def _split(url: str) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise TargetRefused(_("Only http and https addresses can receive webhooks."))
    if parts.username or parts.password:
        raise TargetRefused(_("Put no user name or password in the address; use the secret."))
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise TargetRefused(_("The port in the address is not valid.")) from None
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise TargetRefused(_("The address has no host."))
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return scheme, host, port, path


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Unresolvable(_("The host %(host)s could not be resolved.") % {"host": host}) from exc
    addresses = []
    for _family, _type, _proto, _name, sockaddr in infos:
        if sockaddr[0] not in addresses:
            addresses.append(sockaddr[0])
    return addresses


def target_for(url: str, *, allow_private: bool) -> Target:
    """Resolve and check the URL now; the address to connect to, or TargetRefused."""
    scheme, host, port, path = _split(url)
    addresses = resolve(host, port)
    if not addresses:
        raise Unresolvable(_("The host %(host)s could not be resolved.") % {"host": host})
    if not allow_private:
        # Every address must be public: a name resolving to a public and a private address
        # could otherwise be answered with the private one.
        private = [address for address in addresses if not is_public(address)]
        if private:
            raise TargetRefused(
                _(
                    "%(host)s is on a loopback, private or link-local address (%(address)s); an "
                    "admin must allow private network addresses for this webhook."
                )
                % {"host": host, "address": private[0]}
            )
    return Target(scheme=scheme, host=host, port=port, path=path, address=addresses[0])


def check_url(url: str, *, allow_private: bool) -> None:
    """The admin form's check: the shape always, the addresses when the host resolves now (it is
    resolved and checked again at every sending, which is what counts)."""
    _scheme, host, port, _path = _split(url)
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if host.lower() == "localhost" or host.lower().endswith(".localhost"):
            if not allow_private:
                raise TargetRefused(
                    _("%(host)s is this machine; an admin must allow private network addresses.")
                    % {"host": host}
                ) from None
            return
        # Not resolvable from here now: decided when sending.
        with contextlib.suppress(Unresolvable):
            target_for(url, allow_private=allow_private)
        return
    target_for(url, allow_private=allow_private)
