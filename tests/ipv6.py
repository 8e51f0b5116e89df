"""Whether this machine has an IPv6 loopback, checked as a test would use it: a bind to ::1.

``needs_ipv6`` skips a test where it has none, with the reason.
"""

from __future__ import annotations

import socket

import pytest


def ipv6_loopback_missing() -> str | None:
    """Why this machine cannot listen on ::1, or None when it can."""
    if not socket.has_ipv6:
        return "Python was built without IPv6"
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock:
            sock.bind(("::1", 0))
    except OSError as exc:
        return f"cannot bind to ::1: {exc.strerror or exc}"
    return None


_MISSING = ipv6_loopback_missing()
needs_ipv6 = pytest.mark.skipif(_MISSING is not None, reason=f"no IPv6 loopback: {_MISSING}")
