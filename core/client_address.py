"""The client's address, in one place, for allauth's rate limits and ours.

Behind the production proxy the TCP peer (``REMOTE_ADDR``) is the proxy, and the
client's address is the last entry the proxy put into ``X-Forwarded-For``. That header
is only believed when ``settings.TRUSTED_PROXY_COUNT`` says how many proxies stand in
front of the web processes; it is 0 unless configured, because a client that reaches a
web process directly can write anything into the header and so choose its own rate-limit
bucket. The HAProxy configuration in deploy/haproxy/ overwrites the header with
``$remote_addr``, so exactly one trusted hop: ``TRUSTED_PROXY_COUNT=1``.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip().strip("[]")))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The address to count requests by: the one the outermost trusted proxy saw,
    or the TCP peer when no proxy is trusted or the header is missing, short or
    not an address (then the request came from inside, or did not pass the
    proxy)."""
    peer = request.META.get("REMOTE_ADDR", "") or ""
    proxies: int = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            part
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            address = _valid(forwarded[-proxies])
            if address is not None:
                return address
    # A unix socket has no peer address: such requests share one bucket.
    return _valid(peer) or "unknown"
