"""The one HTTP layer: every request to a target goes through ``build_client()``.

A stack of transports under one ``httpx.Client``: ``PacingTransport`` (rate-limit headers, 429
retries, a wait budget) over ``RecordingTransport`` (evidence with keys redacted, body cap,
per-request deadline) over the network. Keys come from environment variables and are sent by an
``httpx.Auth``. Time comes from a ``Clock`` (``time`` and ``sleep``), the system's unless a
caller hands in another.

May import: httpx, the standard library, ``conformance.errors`` and ``conformance.__version__``.
Nothing else in the package.
"""

from __future__ import annotations

from conformance.http.auth import ApiKeyAuth, BearerAuth, QueryKeyAuth
from conformance.http.client import OriginGuard, build_client
from conformance.http.clock import SYSTEM_CLOCK, Clock, SystemClock
from conformance.http.curl import to_curl
from conformance.http.pacing import PACING_EXTENSION, PacingTransport, unpaced
from conformance.http.recording import Exchange, Recorder, RecordingTransport
from conformance.http.redaction import Redactor
from conformance.http.settings import ClientSettings, Keys, resolve_keys
from conformance.http.stats import RequestStats, StatsSnapshot
from conformance.http.waiting import Waiter

__all__ = [
    "PACING_EXTENSION",
    "SYSTEM_CLOCK",
    "ApiKeyAuth",
    "BearerAuth",
    "ClientSettings",
    "Clock",
    "Exchange",
    "Keys",
    "OriginGuard",
    "PacingTransport",
    "QueryKeyAuth",
    "Recorder",
    "RecordingTransport",
    "Redactor",
    "RequestStats",
    "StatsSnapshot",
    "SystemClock",
    "Waiter",
    "build_client",
    "resolve_keys",
    "to_curl",
    "unpaced",
]
