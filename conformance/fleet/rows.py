"""One target's row of a fleet: what its report says, or why there is none.

A row is built from a report directory (``compliance.json``), from a target that never got as
far as a report (unreachable, refused by its preflight: the one line its run gave), or from a
merged input that does not verify against its manifest (shown as such, never merged).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jsonschema

from conformance.errors import ConfigError

COMPLIANCE_JSON = "compliance.json"
COMPLIANCE_HTML = "compliance.html"
# a row's verdict beyond a report's three
NOT_RUN = "not run"
UNVERIFIED = "unverified"
EXIT_NOT_RUN = 2
EXIT_UNVERIFIED = 1


@dataclass(frozen=True, slots=True)
class Cell:
    """A requirement's result on one target, as its report gives it."""

    status: str
    severity: str | None = None
    waived: bool = False


@dataclass(frozen=True, slots=True)
class TargetRow:
    """One target of the fleet. ``report`` is the directory of its reports (None when it has
    none); ``verified`` None when nobody checked the report against its manifest (a fleet run
    wrote it itself), else whether it verified."""

    name: str
    base_url: str
    workspace: str
    verdict: str
    exit_code: int
    reason: str = ""
    report: Path | None = None
    profile: str = ""
    started_at: str = ""
    duration_s: float | None = None
    requests: Mapping[str, Any] | None = None
    interrupted: bool = False
    verified: bool | None = None
    differences: tuple[str, ...] = ()
    drift: int = 0
    operations: Mapping[str, Any] | None = None
    cells: Mapping[str, Cell] = field(default_factory=lambda: MappingProxyType({}))


def _objects(**required: str) -> dict[str, Any]:
    """A JSON schema: an array of objects, each with ``required`` keys of those types."""
    properties = {name: {"type": kind} for name, kind in required.items()}
    item = {"type": "object", "required": list(required), "properties": properties}
    return {"type": "array", "items": item}


# What the fleet, merge and diff read of a compliance.json, whatever release of the tool wrote
# it (the whole schema, specs/compliance.schema.json, is the current release's)
_READ = jsonschema.Draft202012Validator(
    {
        "type": "object",
        "required": ["verdict", "requirements"],
        "properties": {
            "verdict": {"type": "string"},
            "requirements": _objects(id="string", status="string"),
            "operations": {
                "type": "object",
                "required": ["items"],
                "properties": {"items": _objects(method="string", path="string")},
            },
            "drift": _objects(operation="string", check="string", message="string"),
        },
    }
)


def read_compliance(directory: Path) -> dict[str, Any]:
    """The compliance document of a report directory; ConfigError (one line) when there is none
    or it is not one."""
    path = directory / COMPLIANCE_JSON
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{directory} has no {COMPLIANCE_JSON}: not a report directory") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"{path} cannot be read as JSON: {exc}") from None
    problem = jsonschema.exceptions.best_match(_READ.iter_errors(document))
    if problem is not None:
        where = "/".join(str(p) for p in problem.absolute_path) or "(top level)"
        raise ConfigError(
            f"{path} is not a compliance.json of plane-conformance: {where}: {problem.message}"
        )
    assert isinstance(document, dict)  # the schema says an object
    return document


def reported_row(
    name: str,
    directory: Path,
    document: Mapping[str, Any],
    exit_code: int,
    *,
    duration_s: float | None = None,
    verified: bool | None = None,
) -> TargetRow:
    """The row of a target whose run wrote ``document`` into ``directory``; ``duration_s`` is
    the run's own when not given (a fleet gives its child's wall time)."""
    target = document.get("target") or {}
    cells = {
        r["id"]: Cell(r["status"], r.get("severity"), bool(r.get("waived")))
        for r in document["requirements"]
    }
    operations = document.get("operations")
    return TargetRow(
        name=name,
        base_url=str(target.get("base_url", "")),
        workspace=str(target.get("workspace", "")),
        verdict=str(document["verdict"]),
        exit_code=exit_code,
        reason=_reason(document),
        report=directory,
        profile=str(document.get("profile", "")),
        started_at=str(document.get("started_at", "")),
        duration_s=float(document.get("duration_s", 0.0)) if duration_s is None else duration_s,
        requests=MappingProxyType(dict(document.get("requests") or {})),
        interrupted=bool(document.get("interrupted")),
        verified=verified,
        drift=len(document.get("drift") or ()),
        operations=MappingProxyType(
            {k: operations[k] for k in ("declared", "exercised", "description")}
        )
        if operations
        else None,
        cells=MappingProxyType(cells),
    )


def _reason(document: Mapping[str, Any]) -> str:
    """One line on what decided the verdict: the MUST requirements that failed, else those not
    verified."""
    must = [r for r in document["requirements"] if r.get("level") == "MUST"]
    failed = [r["id"] for r in must if r["status"] == "fail" and not r.get("waived")]
    if failed:
        return f"MUST failed: {', '.join(failed)}"
    unverified = [r["id"] for r in must if r["status"] in {"error", "skip", "untested"}]
    if unverified:
        return f"MUST not verified: {', '.join(unverified)}"
    return "the run was interrupted" if document.get("interrupted") else ""


def not_run_row(
    name: str,
    base_url: str,
    workspace: str,
    reason: str,
    *,
    exit_code: int = EXIT_NOT_RUN,
    duration_s: float | None = None,
) -> TargetRow:
    """A target whose run wrote no report: unreachable, refused by its preflight, stopped."""
    return TargetRow(
        name=name,
        base_url=base_url,
        workspace=workspace,
        verdict=NOT_RUN,
        exit_code=exit_code,
        reason=reason,
        duration_s=duration_s,
    )


def unverified_row(
    name: str, directory: Path, differences: list[str], document: Mapping[str, Any] | None
) -> TargetRow:
    """A merged input that does not verify against its manifest: named with what differs; none
    of its statuses enters the matrix."""
    target = (document or {}).get("target") or {}
    first = differences[0] if differences else "it does not verify"
    more = f" (and {len(differences) - 1} more)" if len(differences) > 1 else ""
    return TargetRow(
        name=name,
        base_url=str(target.get("base_url", "")),
        workspace=str(target.get("workspace", "")),
        verdict=UNVERIFIED,
        exit_code=EXIT_UNVERIFIED,
        reason=f"does not verify against its manifest: {first}{more}",
        report=directory if (directory / COMPLIANCE_HTML).is_file() else None,
        verified=False,
        differences=tuple(differences),
    )
