"""fleet.json: the rows of a fleet as one document (``specs/fleet.schema.json``), and the fleet's
verdict and exit code, each the worst of its targets'.

Verdicts from best to worst: conformant, incomplete, not run (no report: unreachable, refused
by its preflight), non-conformant, unverified (a merged report that does not verify). Exit
codes from best to worst: 0 conformant, 3 incomplete, 2 could not start, 1 non-conformant (or
a report that does not verify), 130 interrupted.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from conformance import __version__
from conformance.catalogue import Catalogue, load_catalogue
from conformance.errors import ConfigError
from conformance.fleet.rows import COMPLIANCE_HTML, NOT_RUN, UNVERIFIED, TargetRow
from conformance.report.atomic import prepare_directory, write_text_atomically
from conformance.report.schema import schema_errors

FLEET_SCHEMA = "fleet.schema.json"
FLEET_JSON = "fleet.json"
FLEET_HTML = "fleet.html"
SCHEMA_VERSION = 1
VERDICT_ORDER = ("conformant", "incomplete", NOT_RUN, "non-conformant", UNVERIFIED)
EXIT_ORDER = (0, 3, 2, 1, 130)
EXIT_INTERRUPTED = 130


def worst_verdict(verdicts: Sequence[str]) -> str:
    """The worst of ``verdicts`` (one not in the order counts as the worst)."""
    return max(verdicts, key=_verdict_rank, default="conformant")


def worst_exit_code(codes: Sequence[int]) -> int:
    """The worst of the targets' exit codes: a run killed by a signal (a negative code) could
    not finish, 2 as a run that could not start; any other code outside the conventions
    counts as 1."""
    known = (2 if c < 0 else c if c in EXIT_ORDER else 1 for c in codes)
    return max(known, key=EXIT_ORDER.index, default=0)


def _verdict_rank(verdict: str) -> int:
    return VERDICT_ORDER.index(verdict) if verdict in VERDICT_ORDER else len(VERDICT_ORDER)


def build_fleet_document(
    rows: Sequence[TargetRow],
    out: Path,
    *,
    kind: str,
    interrupted: bool = False,
    duration_s: float | None = None,
) -> dict[str, Any]:
    """The fleet.json of ``rows``, written into ``out`` (the links to each report are relative
    to it). ``kind``: ``fleet`` (a fleet run) or ``merge`` (reports made elsewhere)."""
    catalogue = load_catalogue()
    verdict = worst_verdict([row.verdict for row in rows])
    code = worst_exit_code([row.exit_code for row in rows])
    counts = {name: sum(1 for row in rows if row.verdict == name) for name in VERDICT_ORDER}
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "plane-conformance", "version": __version__},
        "kind": kind,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "duration_s": None if duration_s is None else round(duration_s, 3),
        "interrupted": interrupted,
        "verdict": verdict,
        "exit_code": EXIT_INTERRUPTED if interrupted else code,
        "summary": counts,
        "catalogue": {"version": catalogue.version, "requirements": len(catalogue.requirements)},
        "requirements": _columns(catalogue, rows),
        "targets": [_target(row, out) for row in rows],
    }


def _columns(catalogue: Catalogue, rows: Sequence[TargetRow]) -> list[dict[str, str]]:
    """The matrix's requirements: the catalogue's (a retired one only where a report has it),
    then any a report of another catalogue holds, in the order met."""
    present = {rid for row in rows for rid in row.cells}
    columns = [
        {"id": r.id, "level": r.level, "area": r.area, "title": r.title}
        for r in catalogue.requirements
        if not r.retired or r.id in present
    ]
    known = {r.id for r in catalogue.requirements}
    extra = dict.fromkeys(rid for row in rows for rid in row.cells if rid not in known)
    return columns + [{"id": rid, "level": "", "area": "", "title": ""} for rid in extra]


def _target(row: TargetRow, out: Path) -> dict[str, Any]:
    requests = row.requests or {}
    return {
        "name": row.name,
        "base_url": row.base_url,
        "workspace": row.workspace,
        "verdict": row.verdict,
        "exit_code": row.exit_code,
        "reason": row.reason,
        "report": _link(row.report, out),
        "profile": row.profile,
        "started_at": row.started_at,
        "duration_s": None if row.duration_s is None else round(row.duration_s, 3),
        "requests": {
            "total": int(requests["total"]),
            "keyed": int(requests.get("keyed", 0)),
            "throttled": int(requests.get("throttled", 0)),
            "waited_s": float(requests.get("waited_s", 0.0)),
        }
        if requests
        else None,
        "interrupted": row.interrupted,
        "verified": row.verified,
        "differences": list(row.differences),
        "operations": dict(row.operations) if row.operations else None,
        "drift": row.drift,
        "requirements": {
            rid: {"status": cell.status, "severity": cell.severity, "waived": cell.waived}
            for rid, cell in row.cells.items()
        },
    }


def _link(directory: Path | None, out: Path) -> str | None:
    """The target's compliance.html relative to ``out``, with ``/`` (a link in fleet.html)."""
    if directory is None or not (directory / COMPLIANCE_HTML).is_file():
        return None
    relative = Path(os.path.relpath(directory.resolve() / COMPLIANCE_HTML, out.resolve()))
    # "./": a directory named like a URL scheme ("javascript:...") stays a relative link
    return relative.as_posix() if relative.parts[0] == ".." else f"./{relative.as_posix()}"


def fleet_schema_errors(document: Mapping[str, Any]) -> list[str]:
    """One line per violation of ``specs/fleet.schema.json``; empty when valid."""
    return schema_errors(document, FLEET_SCHEMA)


def write_fleet(document: Mapping[str, Any], out: Path) -> tuple[Path, Path]:
    """fleet.json and fleet.html into ``out``, each written whole or not at all."""
    from conformance.fleet.html import render_fleet_html

    prepare_directory(out)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return (
        write_text_atomically(out / FLEET_JSON, text),
        write_text_atomically(out / FLEET_HTML, render_fleet_html(document)),
    )


def claim_fleet_dir(out: Path, *, overwrite: bool) -> None:
    """ConfigError (one line) when ``out`` holds a fleet.json that may not be replaced."""
    if (out / FLEET_JSON).is_file() and not overwrite:
        raise ConfigError(
            f"{out} holds the {FLEET_JSON} of an earlier fleet or merge: choose another "
            "--report-dir, or give --overwrite to replace it"
        )
