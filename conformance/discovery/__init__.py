"""Discovery: the operations a target's OpenAPI description declares, read into plain values,
and the checks of documentation drift (what the description says against what the target does).

It reads; it never sends a request (the plugin fetches the description through the one HTTP
layer and hands over its text). ``schemathesis_adapter`` is the one module that uses
schemathesis: generated request bodies, and answers validated against declared schemas.
May import: the standard library, httpx (types only), hypothesis (strategies), schemathesis,
``conformance.errors``, ``conformance.openapi_ops`` (the list/detail decision) and the linter's
reading of a description (``conformance.lint.loading``, ``conformance.lint.refs``,
``conformance.lint.context`` and ``conformance.lint.metaschema``), so the linter and the run read
a description alike; never the suite, the plugin, the HTTP layer or the reference server.
"""

from __future__ import annotations

from conformance.discovery.description import Description, Outside, bundled, load, parse
from conformance.discovery.drift import Drift
from conformance.discovery.operations import Operation, QueryParameter

__all__ = [
    "Description",
    "Drift",
    "Operation",
    "Outside",
    "QueryParameter",
    "bundled",
    "load",
    "parse",
]
