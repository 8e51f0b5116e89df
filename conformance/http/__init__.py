"""The one HTTP layer: every request to a target goes through ``build_client()``.

A stack of transports under one ``httpx.Client``: ``PacingTransport`` (rate-limit headers, 429
retries, a wait budget) over ``RecordingTransport`` (evidence with keys redacted, body cap,
per-request deadline) over the network (``NetworkTransport``: the run's TLS context and proxy,
resolved once by ``resolve_network``). Keys come from environment variables and are sent by an
``httpx.Auth``: the first key, or (``KeySpread``) whichever key has the most room in its window
as the pacing's book of windows (``RateWindows``) tells it. Time comes from a ``Clock``
(``time`` and ``sleep``), the system's unless a caller hands in another.

May import: httpx, certifi (httpx's CA bundle), the standard library, ``conformance.errors``
and ``conformance.__version__``. Nothing else in the package.
"""

from __future__ import annotations

from conformance.http.auth import ApiKeyAuth, BearerAuth, QueryKeyAuth
from conformance.http.client import OriginGuard, build_client
from conformance.http.clock import SYSTEM_CLOCK, Clock, SystemClock
from conformance.http.curl import to_curl
from conformance.http.network import Network, NetworkTransport, resolve_network
from conformance.http.pacing import PACING_EXTENSION, PacingTransport, unpaced
from conformance.http.proxy import ProxyRoute
from conformance.http.recording import Exchange, Recorder, RecordingTransport
from conformance.http.redaction import Redactor
from conformance.http.settings import ClientSettings, Keys, NetworkOptions, resolve_keys
from conformance.http.spreading import KeySpread
from conformance.http.stats import RequestStats, StatsSnapshot
from conformance.http.waiting import Waiter
from conformance.http.windows import RateWindows

__all__ = [
    "PACING_EXTENSION",
    "SYSTEM_CLOCK",
    "ApiKeyAuth",
    "BearerAuth",
    "ClientSettings",
    "Clock",
    "Exchange",
    "KeySpread",
    "Keys",
    "Network",
    "NetworkOptions",
    "NetworkTransport",
    "OriginGuard",
    "PacingTransport",
    "ProxyRoute",
    "QueryKeyAuth",
    "RateWindows",
    "Recorder",
    "RecordingTransport",
    "Redactor",
    "RequestStats",
    "StatsSnapshot",
    "SystemClock",
    "Waiter",
    "build_client",
    "resolve_keys",
    "resolve_network",
    "to_curl",
    "unpaced",
]
