"""The client's address: REMOTE_ADDR, or the forwarded address when REMOTE_ADDR is a trusted proxy.

SIGNAAL_TRUSTED_PROXIES lists the reverse proxies (addresses or networks,
comma-separated) whose X-Forwarded-For header is believed. From anyone else
the header is ignored, so a client cannot pick its own address to dodge the
login lockout or to look local. Behind a trusted proxy each client keeps its
own address, so one address failing logins does not lock out every colleague
behind the same proxy.
"""
from __future__ import annotations

import ipaddress
from typing import Iterable, List, Optional

from django.conf import settings


def parse_networks(text: str) -> List[ipaddress._BaseNetwork]:
    networks = []
    for item in (part.strip() for part in (text or "").split(",")):
        if item:
            networks.append(ipaddress.ip_network(item, strict=False))
    return networks


def _address(text: str) -> Optional[ipaddress._BaseAddress]:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address, networks: Iterable) -> bool:
    return address is not None and any(address in network for network in networks)


def resolve(remote_addr: Optional[str], forwarded_for: Optional[str], networks) -> Optional[str]:
    """The client address given the socket's peer, its X-Forwarded-For header and the trusted proxies."""
    peer = _address(remote_addr or "")
    if peer is None:
        return None
    if not forwarded_for or not _trusted(peer, networks):
        return str(peer)
    # Rightmost first: each trusted proxy appended the address it saw; the first untrusted one is the client.
    for hop in reversed([part for part in forwarded_for.split(",") if part.strip()]):
        address = _address(hop)
        if address is None:
            return str(peer)  # a malformed chain: believe only what we saw ourselves
        if not _trusted(address, networks):
            return str(address)
    return str(peer)


def client_address(request) -> Optional[str]:
    return resolve(request.META.get("REMOTE_ADDR"), request.META.get("HTTP_X_FORWARDED_FOR"),
                   settings.SIGNAAL_TRUSTED_PROXIES)


def came_through_proxy(request) -> bool:
    """True when the request carries proxy headers or came from a trusted proxy: not a local visitor."""
    meta = request.META
    if any(meta.get(h) for h in ("HTTP_X_FORWARDED_FOR", "HTTP_FORWARDED", "HTTP_X_REAL_IP", "HTTP_X_FORWARDED_HOST")):
        return True
    return _trusted(_address(meta.get("REMOTE_ADDR") or ""), settings.SIGNAAL_TRUSTED_PROXIES)
