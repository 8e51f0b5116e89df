"""The CI gate as one step: a run's waivers, then its baseline, applied to its document.

Loaded before the run (``load_gate``), so a bad waiver or baseline file stops the run before it
starts; applied once the document is built (``Gate.apply``), before the reports are written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.report.baseline import apply_baseline, check_comparable, load_baseline
from conformance.report.waivers import Waiver, apply_waivers, load_waivers


@dataclass(frozen=True, slots=True)
class Gate:
    """The waivers and the baseline of a run, read and checked; either may be absent."""

    waivers_path: Path | None = None
    waivers: tuple[Waiver, ...] = ()
    baseline_path: Path | None = None
    baseline: dict[str, Any] | None = None

    def apply(self, document: dict[str, Any], today: dt.date) -> dict[str, Any]:
        """A copy of ``document`` with the waivers valid on ``today`` applied (the verdict
        recomputed), then compared with the baseline."""
        if self.waivers_path is not None:
            document = apply_waivers(document, self.waivers, today, self.waivers_path)
        if self.baseline_path is not None and self.baseline is not None:
            document = apply_baseline(document, self.baseline, self.baseline_path)
        return document


def load_gate(waivers: Path | None, baseline: Path | None, *, tls_unverified: bool = False) -> Gate:
    """Read both files (ConfigError, one line, when either is unreadable or malformed, or when
    the baseline checked TLS otherwise than this run: ``tls_unverified`` is ``--insecure``
    against an https target)."""
    baseline_document = load_baseline(baseline) if baseline is not None else None
    if baseline is not None and baseline_document is not None:
        check_comparable(baseline_document, baseline, tls_unverified)
    return Gate(
        waivers_path=waivers,
        waivers=load_waivers(waivers) if waivers is not None else (),
        baseline_path=baseline,
        baseline=baseline_document,
    )
