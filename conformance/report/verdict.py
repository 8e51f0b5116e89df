"""The run's verdict and summary counts, read from the requirement entries of a document.

A waived failure neither fails the run nor leaves it unverified: the waiver file records it as
a known deviation, so the verdict is decided as if it were not there. A requirement a targeted
run did not select (``not selected``) counts neither way: the verdict is the selected ones'.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

SUMMARY_KEYS = ("pass", "fail", "warn", "error", "skip", "untested", "waived", "not selected")
_UNVERIFIED = frozenset({"error", "skip", "untested"})


def severity(level: str, status: str) -> str | None:
    """``failure`` for a failed MUST, ``warning`` for a failed SHOULD, else None."""
    if status != "fail":
        return None
    return "failure" if level == "MUST" else "warning"


def compute_verdict(requirements: Iterable[Mapping[str, Any]], interrupted: bool) -> str:
    """non-conformant if a MUST failed; incomplete if one is unverified or the run stopped."""
    must = [r for r in requirements if r["level"] == "MUST" and not r.get("waived", False)]
    if any(r["status"] == "fail" for r in must):
        return "non-conformant"
    if interrupted or any(r["status"] in _UNVERIFIED for r in must):
        return "incomplete"
    return "conformant"


def summarize(requirements: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Counts per status; ``warn`` counts the SHOULD fails among ``fail``, ``waived`` the waived."""
    counts = dict.fromkeys(SUMMARY_KEYS, 0)
    for requirement in requirements:
        counts[requirement["status"]] += 1
        if requirement["status"] == "fail" and requirement["level"] != "MUST":
            counts["warn"] += 1
        if requirement.get("waived", False):
            counts["waived"] += 1
    return counts


def interop_gated(document: Mapping[str, Any]) -> int:
    """How many SDK calls failed in a run gated on interop (``--interop-gate``); 0 otherwise.
    Without the gate the interop section is advisory and never moves the verdict."""
    interop = document.get("interop") or {}
    return int(interop["summary"]["failed"]) if interop.get("gate") else 0


def refresh(document: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``document`` with verdict and summary recomputed from its requirements (and,
    when gated, from its interop section)."""
    updated = dict(document)
    updated["verdict"] = compute_verdict(document["requirements"], document["interrupted"])
    if interop_gated(document):
        updated["verdict"] = "non-conformant"
    updated["summary"] = summarize(document["requirements"])
    return updated
