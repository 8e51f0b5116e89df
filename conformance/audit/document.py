"""An audit's verdicts as a compliance document, the same contract a run writes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from conformance import __version__
from conformance.audit.judging import Verdicts
from conformance.catalogue import load_catalogue
from conformance.checks import Finding
from conformance.evidence import exchange_record
from conformance.http import Exchange
from conformance.http.curl import DEFAULT_PLACEHOLDERS
from conformance.report import Evidence, RunInfo, TestOutcome, build_document
from conformance.report.verdict import refresh

PROFILE = "audit"
NODE = "plane-conformance audit::{}"


def _evidence(rid: str, finding: Finding, placeholders: Sequence[str]) -> Evidence:
    return Evidence(
        test=NODE.format(rid),
        requirement=rid,
        message=finding.message,
        expected=finding.expected,
        observed=finding.observed,
        exchanges=tuple(exchange_record(e, placeholders) for e in finding.exchanges),
    )


def _where(exchanges: Sequence[Exchange]) -> tuple[str, str]:
    """The API base URL and the workspace most of the traffic went to."""
    bases: Counter[str] = Counter()
    workspaces: Counter[str] = Counter()
    for exchange in exchanges:
        if "/api/v1/" in exchange.url:
            base, rest = exchange.url.split("/api/v1/", 1)
            bases[base + "/api/v1"] += 1
            parts = rest.split("/")
            if parts[0] == "workspaces" and len(parts) > 1:
                workspaces[parts[1]] += 1
    top = bases.most_common(1)
    ws = workspaces.most_common(1)
    return (top[0][0] if top else "", ws[0][0] if ws else "")


def audit_document(
    verdicts: Verdicts,
    exchanges: Sequence[Exchange],
    parameters: Mapping[str, int],
    source: Mapping[str, Any],
    placeholders: Sequence[str],
) -> dict[str, Any]:
    """The compliance document of an audit: a requirement the traffic shows passes or fails on
    the exchanges that show it; every other is ``untested`` with the reason."""
    catalogue = load_catalogue()
    shown = (*DEFAULT_PLACEHOLDERS, *placeholders)
    outcomes = []
    for rid, judgement in verdicts.judgements.items():
        if judgement.status == "untested":
            continue
        evidence = tuple(_evidence(rid, f, shown) for f in judgement.findings[:20])
        outcomes.append(
            TestOutcome(
                nodeid=NODE.format(rid),
                name=f"audit {rid}",
                doc="judged from recorded traffic; no request was sent",
                requirements=(rid,),
                outcome="failed" if judgement.status == "fail" else "passed",
                message=judgement.reason if judgement.status == "fail" else "",
                evidence=evidence,
            )
        )
    times = [e.started_at for e in exchanges if e.started_at]
    start = min(times, default=0.0)
    base_url, workspace = _where(exchanges)
    run = RunInfo(
        tool_version=__version__,
        base_url=str(source.get("base_url") or base_url),
        workspace=str(source.get("workspace") or workspace),
        project="",
        embedded=False,
        profile=PROFILE,
        seed=0,
        parameters=dict(parameters),
        started_at=dt.datetime.fromtimestamp(start, dt.UTC).isoformat(timespec="seconds"),
        duration_s=round(max(times, default=0.0) - start, 3),
        requests_total=len(exchanges),
        requests_throttled=sum(1 for e in exchanges if e.status == 429),
        notes=("an audit of recorded traffic: no request was sent", *verdicts.notes),
    )
    document = build_document(run, outcomes, catalogue)
    for requirement in document["requirements"]:
        untested = verdicts.judgements.get(requirement["id"])
        if requirement["status"] == "untested" and untested is not None:
            requirement["reason"] = untested.reason
    document["requests"]["keyed"] = sum(
        1 for e in exchanges if e.request_header("X-API-Key") in placeholders
    )
    document["source"] = {k: v for k, v in source.items() if k in ("kind", "path", "sha256")}
    document["source"]["entries"] = len(exchanges)
    return refresh(document)
