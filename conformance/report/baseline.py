"""The CI gate: compare with a baseline compliance.json, and turn a document into an exit code.

Exit codes. Without a baseline: 0 conformant, 1 non-conformant, 3 incomplete. With a baseline the
question is "did anything get worse?": 1 when a MUST requirement that passed in the baseline now
fails or errors (a regression; waived ones excepted), else 3 when the comparison is unsound (the
run was interrupted, or a MUST requirement that passed there went unverified: skip or untested,
listed as ``lost``), else 0 -- even if the target is still non-conformant, as it was before.
A requirement a targeted run did not select is none of these: the run says nothing about it.

A run that did not verify the target's TLS certificate (``--insecure``) is not compared with one
that did, either way: the gate refuses before the run starts.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from conformance.errors import ConfigError
from conformance.report.selection import NOT_SELECTED

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INCOMPLETE = 3
_VERDICT_EXIT = MappingProxyType(
    {"conformant": EXIT_OK, "non-conformant": EXIT_FAILED, "incomplete": EXIT_INCOMPLETE}
)


def load_baseline(path: Path) -> dict[str, Any]:
    """Read a previous compliance.json; ConfigError (one line) when unreadable or not one."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise ConfigError(f"baseline {path} is not JSON: {exc}") from None
    if not isinstance(document, dict) or not isinstance(document.get("requirements"), list):
        raise ConfigError(f"baseline {path} is not a compliance.json (no requirements list)")
    return document


def tls_unverified(document: Mapping[str, Any]) -> bool:
    """Whether the run of ``document`` skipped the TLS check (documents older than the check
    never did)."""
    target = document.get("target")
    tls = target.get("tls") if isinstance(target, Mapping) else None
    return isinstance(tls, Mapping) and tls.get("verified") is False


def check_comparable(
    baseline_document: Mapping[str, Any], path: Path | str, unverified: bool
) -> None:
    """ConfigError when the baseline's TLS was verified and this run's is not, or the reverse."""
    if tls_unverified(baseline_document) == unverified:
        return
    if unverified:
        raise ConfigError(
            f"this run does not verify TLS (--insecure) and baseline {path} did: the gate "
            "compares only runs that checked TLS alike; drop --insecure, or compare with a "
            "baseline made with it"
        )
    raise ConfigError(
        f"baseline {path} comes from a run that did not verify TLS (--insecure) and this run "
        "does: the gate compares only runs that checked TLS alike; compare with a baseline "
        "made without --insecure"
    )


def apply_baseline(
    document: Mapping[str, Any], baseline_document: Mapping[str, Any], path: Path | str
) -> dict[str, Any]:
    """A copy of ``document`` with ``gate.baseline`` = regressions, fixes and lost IDs."""
    try:
        before = {r["id"]: r["status"] for r in baseline_document["requirements"]}
    except (KeyError, TypeError):
        raise ConfigError(f"baseline {path} has requirements without id or status") from None
    regressions, fixes, lost = [], [], []
    for requirement in document["requirements"]:
        was, now = before.get(requirement["id"]), requirement["status"]
        if now == NOT_SELECTED:
            continue
        if was == "pass" and now in {"fail", "error"}:
            regressions.append(requirement["id"])
        elif was == "pass" and now in {"skip", "untested"}:
            lost.append(requirement["id"])
        elif was == "fail" and now == "pass":
            fixes.append(requirement["id"])
    updated = copy.deepcopy(dict(document))
    updated["gate"]["baseline"] = {
        "path": str(path),
        "regressions": regressions,
        "fixes": fixes,
        "lost": lost,
    }
    return updated


def gate_exit_code(document: Mapping[str, Any]) -> int:
    """The process exit code for CI (see the module docstring)."""
    baseline = document["gate"]["baseline"]
    if baseline is None:
        return _VERDICT_EXIT[document["verdict"]]
    must = {r["id"]: r for r in document["requirements"] if r["level"] == "MUST"}
    if any(rid in must and not must[rid]["waived"] for rid in baseline["regressions"]):
        return EXIT_FAILED
    if document["interrupted"] or any(rid in must for rid in baseline.get("lost", ())):
        return EXIT_INCOMPLETE
    return EXIT_OK
