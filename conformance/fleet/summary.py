"""What ``fleet`` and ``merge`` print on stdout: a line per target, the fleet's verdict, the
paths of fleet.json and fleet.html."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from conformance.fleet.progress import duration


def summary_lines(document: Mapping[str, Any], written: Sequence[Path]) -> list[str]:
    """One line per target (name, verdict, exit code, requests, duration, why), then the
    fleet's verdict and the files written."""
    targets = document["targets"]
    width = max((len(t["name"]) for t in targets), default=0)
    lines = []
    for target in targets:
        parts = [f"{target['verdict']} (exit {target['exit_code']})"]
        if target["requests"]:
            parts.append(f"{target['requests']['total']} requests")
        if target["duration_s"] is not None:
            parts.append(duration(target["duration_s"]))
        if target["reason"]:
            parts.append(target["reason"])
        lines.append(f"{target['name']:<{width}}  {'; '.join(parts)}")
    counts = ", ".join(f"{n} {verdict}" for verdict, n in document["summary"].items() if n)
    interrupted = " (interrupted)" if document["interrupted"] else ""
    lines.append(
        f"fleet verdict: {document['verdict']}{interrupted} ({counts}); exit code "
        f"{document['exit_code']}"
    )
    lines += [f"report: {path}" for path in written]
    return lines
