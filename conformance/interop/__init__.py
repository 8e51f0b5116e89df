"""Interoperability: Plane's own official client (the Python SDK, ``plane-sdk``) run against the
target, each call it cannot complete reported with its exchanges. Advisory unless gated.

The SDK is an optional extra (``pip install plane-conformance[interop]``), imported only when a
run asks for it; without it the package works and a run that asks says so in one line. The SDK
talks to a recording proxy on loopback, which sends every request through the one HTTP layer.
May import: the standard library, httpx, plane-sdk and pydantic (the SDK and what it raises,
only where a run calls them, in ``sdk``, ``scenario`` and ``calls``), ``conformance.errors`` and
``conformance.http``; never the suite, the plugin, the reports or the reference server.
"""

from __future__ import annotations

from conformance.interop.results import CallResult, InteropResult
from conformance.interop.run import run_interop
from conformance.interop.sdk import SDK_DISTRIBUTION, SDK_RANGE, sdk_version

__all__ = [
    "SDK_DISTRIBUTION",
    "SDK_RANGE",
    "CallResult",
    "InteropResult",
    "run_interop",
    "sdk_version",
]
