"""Which `Host` a request may name: the server answers only for the names it is served under.

A page on another site can make its own name point at 127.0.0.1 (DNS rebinding); the
visitor's browser then treats `deckgen serve` on her own PC as that site, and the page could
read the library, take a form's token and post visits and tours. The browser still sends the
other site's name as `Host`, so the server refuses every name it is not served under, as
Django's `ALLOWED_HOSTS` does: `localhost`, the loopback addresses, the address `--host`
names, the machine's own name when it listens on every address, and the names listed in the
environment variable `DECKGEN_ALLOWED_HOSTS` (comma-separated; the proxy's name for the shared
server). An IP address as `Host` is always accepted: a browser sends one only when the address
itself was typed or linked, which no other site can turn into reading the answer.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterable

ENVIRONMENT = "DECKGEN_ALLOWED_HOSTS"
"""Further host names the server answers for, comma-separated (`praesentationer.kommune.dk`)."""
_LOCAL = ("localhost",)
_EVERY_ADDRESS = ("0.0.0.0", "::", "")


def allowed_hosts(listening: Iterable[str] = ()) -> frozenset[str]:
    """The host names requests may name, for a server listening on the addresses
    `listening` (`--host`), in lower case."""
    names = set(_LOCAL)
    for host in listening:
        if host in _EVERY_ADDRESS:
            # On every address the machine is reached by its own name too.
            names.add(socket.gethostname())
        else:
            names.add(host)
    names.update(os.environ.get(ENVIRONMENT, "").split(","))
    return frozenset(_plain(name) for name in names if name.strip())


def host_allowed(host: str, allowed: frozenset[str]) -> bool:
    """Whether the request's `Host` (`name` or `name:port`) is one the server answers for."""
    name = _without_port(host)
    if _is_address(name):
        return True
    return _plain(name) in allowed


def _without_port(host: str) -> str:
    if host.startswith("["):  # [::1]:8000
        return host[1 : host.find("]")] if "]" in host else host
    name, _colon, port = host.rpartition(":")
    return name if name and port.isdigit() else host


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _plain(name: str) -> str:
    # A name may end in the root's dot (`localhost.`) and is case-blind.
    return name.strip().rstrip(".").lower()
