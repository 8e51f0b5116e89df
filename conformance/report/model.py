"""The values the pytest plugin hands to the reports: exchanges, evidence, outcomes, run facts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Outcome = Literal["passed", "failed", "error", "skipped"]


@dataclass(frozen=True, slots=True)
class ExchangeRecord:
    """One request and its response, already redacted (the key reads ``$PLANE_API_KEY``)."""

    method: str
    url: str
    request_headers: dict[str, str]
    request_body: str | None
    status: int | None
    response_headers: dict[str, str]
    response_body: str | None
    truncated: bool
    elapsed_ms: float
    error: str | None
    curl: str
    # the exchange's number in the run's exchange log (exchanges.jsonl), where it has one
    seq: int | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a check observed; ``requirement`` None means every requirement the test names."""

    test: str
    requirement: str | None
    message: str
    expected: str | None = None
    observed: str | None = None
    example: str | None = None
    seed: int | None = None
    exchanges: tuple[ExchangeRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class TestOutcome:
    """The result of one suite test and the requirement IDs its ``req`` marker names."""

    __test__ = False  # not a pytest test class, despite the name

    nodeid: str
    name: str
    doc: str
    requirements: tuple[str, ...]
    outcome: Outcome
    message: str
    evidence: tuple[Evidence, ...] = ()
    duration_s: float = 0.0


@dataclass(frozen=True, slots=True)
class CertifiedAgainst:
    """The description a run certified its target against: ``source`` is ``target`` (its own
    ``/api/schema/``), ``openapi`` (``--openapi``) or ``bundled`` (this tool's, for a target
    that publishes none); ``location`` the URL or file; ``title`` and ``version`` its
    ``info``; ``note`` how it was found (why the bundled one, say)."""

    source: str
    location: str
    title: str
    version: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Connection:
    """How the run reached its target, without a credential: its TLS and its proxy."""

    tls: bool = False  # an https target
    tls_verified: bool = True  # False: --insecure
    client_certificate: bool = False
    proxy: str | None = None  # the proxy's URL without credentials
    proxy_source: str | None = None  # "--proxy", or the variable it came from
    tunnel: bool = False  # through CONNECT: the proxy relayed encrypted bytes only

    def to_target_facts(self) -> dict[str, Any]:
        """``tls`` and ``proxy`` of compliance.json's ``target`` (null where there is none)."""
        return {
            "tls": (
                {"verified": self.tls_verified, "client_certificate": self.client_certificate}
                if self.tls
                else None
            ),
            "proxy": (
                {"url": self.proxy, "source": self.proxy_source, "tunnel": self.tunnel}
                if self.proxy is not None
                else None
            ),
        }

    def notes(self) -> tuple[str, ...]:
        """What the reader must know about how the requests travelled."""
        notes = []
        if self.tls and not self.tls_verified:
            notes.append(
                "TLS was not verified (--insecure): nothing proves that the answers came from "
                "the target, and the API key went to whoever answered"
            )
        if self.proxy is not None and not self.tunnel:
            notes.append(
                f"the proxy {self.proxy} (from {self.proxy_source}) saw every request, API key "
                "included, in clear text (--allow-cleartext-proxy)"
            )
        return tuple(notes)


@dataclass(frozen=True, slots=True)
class TriedValue:
    """One value the search of declared query parameters sent: the parameter, what the value
    stands for (``kind``: an example, the wrong type, ...), the value as shown, the status."""

    name: str
    kind: str
    value: str
    status: int | None


@dataclass(frozen=True, slots=True)
class OperationRecord:
    """One operation the run's description declares: its kind as declared, the node id of
    the test that exercised it ('' for none) and, without a test, why not; the query
    parameters it declares, and the values the parameter search sent there."""

    method: str
    path: str
    kind: str
    test: str
    reason: str = ""
    parameters: tuple[str, ...] = ()
    tried: tuple[TriedValue, ...] = ()
    # the target does not have the operation: the evidence ('' when it has it, or cannot say)
    absent: str = ""


@dataclass(frozen=True, slots=True)
class ParameterSearch:
    """The search of declared query parameters: the distinct parameters (name and type) the
    description declares, how many were tried, the keyed requests spent of the budget, and
    each untried one with why."""

    declared: int
    tried: int
    requests: int
    budget: int
    untried: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DriftRecord:
    """A disagreement between the target's description and its answers (``check`` names the
    kind: absent, status, schema, required-parameter, per-page-bounds, parameter-values), with
    the exchange."""

    operation: str
    check: str
    message: str
    exchanges: tuple[ExchangeRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class Selection:
    """A targeted run: the requirement IDs it selected and the options that chose them
    (``--only``, ``--operation``, ``--last-failed``). The other requirements are ``not
    selected``."""

    requirements: frozenset[str]
    only: tuple[str, ...] = ()
    operations: tuple[str, ...] = ()
    last_failed: bool = False


@dataclass(frozen=True, slots=True)
class RunInfo:
    """Facts about the run as a whole: target, settings, request budget, cleanup."""

    tool_version: str
    base_url: str
    workspace: str
    project: str
    embedded: bool
    profile: str
    seed: int
    parameters: dict[str, int]
    started_at: str
    duration_s: float
    requests_total: int = 0
    requests_throttled: int = 0
    waited_s: float = 0.0
    interrupted: bool = False
    cleanup_ok: bool = True
    cleanup_left: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    connection: Connection = Connection()
    # the description the run read (where from), its operations and the drift found
    description: str = ""
    # the same, as a fact of the report (None: not known, an older caller)
    certified_against: CertifiedAgainst | None = None
    operations: tuple[OperationRecord, ...] = ()
    drift: tuple[DriftRecord, ...] = ()
    # the search of declared query parameters (None: none was made)
    parameter_search: ParameterSearch | None = None
    # a targeted run's selection; None: every requirement was selected
    selection: Selection | None = None
