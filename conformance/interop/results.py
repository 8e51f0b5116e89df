"""What an interop run found: each SDK call, whether it completed, and if not why, with the
exchanges it made; and the run as a whole, as the report's ``interop`` section."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from conformance.http import Exchange, to_curl
from conformance.http.curl import DEFAULT_PLACEHOLDERS

OK, FAILED, NOT_RUN = "ok", "failed", "not run"
# why a call failed: the SDK could not read the answer, it refused the status, or the request
# never completed (a timeout, a refused connection: the target's, or the harness's)
PARSE, STATUS, TRANSPORT = "parse", "status", "transport"


@dataclass(frozen=True, slots=True)
class CallResult:
    """One SDK call: its name (``work_items.list``), the line of code, what became of it."""

    name: str
    code: str
    outcome: str
    problem: str | None = None
    message: str = ""
    exchanges: tuple[Exchange, ...] = ()

    def to_json(self, placeholders: Sequence[str] = ()) -> dict[str, Any]:
        return {
            "name": self.name,
            "code": self.code,
            "outcome": self.outcome,
            "problem": self.problem,
            "message": self.message,
            "exchanges": [_exchange(e, placeholders) for e in self.exchanges],
        }


def _exchange(exchange: Exchange, placeholders: Sequence[str]) -> dict[str, Any]:
    """As the reports show every exchange (the key already a placeholder), with its curl line."""
    return {
        "method": exchange.method,
        "url": exchange.url,
        "request_headers": dict(exchange.request_headers),
        "request_body": exchange.request_body or None,
        "status": exchange.status,
        "response_headers": dict(exchange.response_headers),
        "response_body": exchange.response_body or None,
        "truncated": exchange.truncated,
        "elapsed_ms": exchange.elapsed_ms,
        "error": exchange.error,
        "curl": to_curl(exchange, placeholders or DEFAULT_PLACEHOLDERS),
    }


@dataclass(frozen=True, slots=True)
class InteropResult:
    """The interop run: which client, against what, and every call."""

    client: str
    version: str
    calls: tuple[CallResult, ...]
    gate: bool = False  # failed calls make the run non-conformant (--interop-gate)
    notes: tuple[str, ...] = field(default=())

    @property
    def failed(self) -> tuple[CallResult, ...]:
        return tuple(call for call in self.calls if call.outcome == FAILED)

    def count(self, outcome: str) -> int:
        return sum(1 for call in self.calls if call.outcome == outcome)

    def to_json(self, placeholders: Sequence[str] = ()) -> dict[str, Any]:
        """The report's ``interop`` section; ``placeholders`` name the redacted keys."""
        return {
            "client": self.client,
            "version": self.version,
            "gate": self.gate,
            "summary": {
                "calls": len(self.calls),
                "ok": self.count(OK),
                "failed": self.count(FAILED),
                "not_run": self.count(NOT_RUN),
            },
            "calls": [call.to_json(placeholders) for call in self.calls],
            "notes": list(self.notes),
        }
