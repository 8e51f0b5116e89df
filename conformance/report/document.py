"""Build compliance.json (the contract every other report is rendered from)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from conformance.catalogue import Catalogue
from conformance.report.aggregation import aggregate_all
from conformance.report.model import Evidence, RunInfo, TestOutcome
from conformance.report.operations import drift_section, operations_section
from conformance.report.selection import (
    NOT_SELECTED,
    not_selected_reason,
    restricted,
    selection_section,
)
from conformance.report.verdict import refresh, severity

SCHEMA_VERSION = 1
TOOL_NAME = "plane-conformance"


def build_document(
    run: RunInfo,
    outcomes: Sequence[TestOutcome],
    catalogue: Catalogue,
    *,
    interop: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The compliance document for one run; retired requirements are left out. ``interop``:
    the section an interop run made (``--interop``), absent without one. A targeted run
    (``run.selection``) counts only what its tests said about the requirements it selected;
    the others are ``not selected``."""
    live = [r for r in catalogue.requirements if not r.retired]
    selection = run.selection
    outcomes = restricted(outcomes, selection)
    results, unknown = aggregate_all([r.id for r in live], outcomes)
    requirements = []
    for requirement in live:
        result = results[requirement.id]
        status, reason = result.status, result.reason
        if selection is not None and requirement.id not in selection.requirements:
            status, reason = NOT_SELECTED, not_selected_reason(selection)
        requirements.append(
            {
                "id": requirement.id,
                "level": requirement.level,
                "area": requirement.area,
                "title": requirement.title,
                "text": requirement.text,
                "source": requirement.source,
                "status": status,
                "severity": severity(requirement.level, status),
                "waived": False,
                "waiver": None,
                "reason": reason,
                "tests": list(result.tests) if status != NOT_SELECTED else [],
                "evidence": [evidence_to_dict(e) for e in result.evidence],
            }
        )
    notes = [*run.connection.notes(), *run.notes]
    notes.extend(f"a test named {rid}, which the catalogue does not define" for rid in unknown)
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": run.tool_version},
        "target": {
            "base_url": run.base_url,
            "workspace": run.workspace,
            "project": run.project,
            "embedded": run.embedded,
            **run.connection.to_target_facts(),
        },
        "profile": run.profile,
        "seed": run.seed,
        "parameters": dict(run.parameters),
        "started_at": run.started_at,
        "duration_s": run.duration_s,
        "interrupted": run.interrupted,
        "requests": {
            "total": run.requests_total,
            "throttled": run.requests_throttled,
            "waited_s": run.waited_s,
        },
        "verdict": "incomplete",
        "summary": {},
        "areas": dict(catalogue.areas),
        "requirements": requirements,
        "tests": [_test_to_dict(o) for o in outcomes],
        "cleanup": {"ok": run.cleanup_ok, "left": list(run.cleanup_left)},
        "notes": notes,
        "gate": {"baseline": None, "waivers": None},
        "catalogue": {"version": catalogue.version, "requirements": len(live)},
        "operations": operations_section(run, outcomes),
        "drift": drift_section(run),
    }
    if run.certified_against is not None:
        document["certified_against"] = asdict(run.certified_against)
    if interop is not None:
        document["interop"] = dict(interop)
    if selection is not None:
        document["selection"] = selection_section(selection, [r.id for r in live])
    return refresh(document)


def evidence_to_dict(evidence: Evidence) -> dict[str, Any]:
    """Evidence as plain JSON values (exchanges included)."""
    values = asdict(evidence)
    values["exchanges"] = [asdict(exchange) for exchange in evidence.exchanges]
    return values


def _test_to_dict(outcome: TestOutcome) -> dict[str, Any]:
    return {
        "nodeid": outcome.nodeid,
        "name": outcome.name,
        "doc": outcome.doc,
        "requirements": list(outcome.requirements),
        "outcome": outcome.outcome,
        "message": outcome.message,
        "duration_s": outcome.duration_s,
    }
