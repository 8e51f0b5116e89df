"""A report directory that already holds reports: nothing in it is written over without a word.

A run or an audit that would write into a directory holding the reports of an earlier one
refuses (one line, exit 2) unless ``--overwrite`` is given; with it, the console says which
reports are replaced. A run with ``--last-failed`` replaces the report it re-runs: that is what
it was asked to do, and it says so too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from conformance.errors import ConfigError

# The files whose presence marks a directory as holding a report (written by every run and audit).
MARKERS = ("compliance.json", "manifest.json")


@dataclass(frozen=True, slots=True)
class EarlierReport:
    """The reports found in ``directory``: of a run or an audit, when, with which verdict (each
    empty when the files do not say)."""

    directory: Path
    kind: str = ""
    started_at: str = ""
    verdict: str = ""

    def describe(self) -> str:
        """``the reports of a run of 2025-01-31T12:00:00+00:00 (verdict conformant)``"""
        what = f"the reports of {'an audit' if self.kind == 'audit' else 'a run'}"
        when = f" of {self.started_at}" if self.started_at else ""
        verdict = f" (verdict {self.verdict})" if self.verdict else ""
        return f"{what}{when}{verdict}"


def earlier_report(directory: Path) -> EarlierReport | None:
    """What ``directory`` holds, if it holds the reports of a run or an audit."""
    present = [name for name in MARKERS if (directory / name).is_file()]
    if not present:
        return None
    facts: dict[str, object] = {}
    for name in reversed(present):  # the manifest's facts win: it names the kind
        try:
            read = json.loads((directory / name).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            continue
        if isinstance(read, dict):
            facts = read | facts
    return EarlierReport(
        directory=directory,
        kind=str(facts.get("kind") or ""),
        started_at=str(facts.get("started_at") or ""),
        verdict=str(facts.get("verdict") or ""),
    )


def claim_report_dir(directory: Path, *, overwrite: bool, rerun: bool = False) -> str | None:
    """Whether reports may be written into ``directory``: None when it holds none; the line to
    show when it does and ``overwrite`` (or ``rerun``: ``--last-failed`` re-runs that very
    report) allows it; ConfigError, one line, when nothing allows it."""
    earlier = earlier_report(directory)
    if earlier is None:
        return None
    if rerun:
        return f"{directory} holds {earlier.describe()}: re-running its failures, it is replaced"
    if overwrite:
        return f"{directory} holds {earlier.describe()}: replaced, as --overwrite asks"
    raise ConfigError(
        f"{directory} holds {earlier.describe()}: choose another --report-dir, or give "
        "--overwrite to replace them"
    )
