"""``verify``'s two steps: the evidence read back against the manifest, then every requirement
judged again from the exchange log and compared with the report."""

from __future__ import annotations

from pathlib import Path

from conformance import __version__
from conformance.audit.auditing import DOCUMENTED
from conformance.audit.judging import judge
from conformance.evidence.checking import Reading, read_report_dir
from conformance.report.selection import NOT_SELECTED


def verify(report_dir: Path, public_key: Path | None) -> tuple[list[str], list[str], str]:
    """(differences, notes, a one-line summary of what was verified)."""
    reading = read_report_dir(report_dir, public_key)
    judged = rejudge(reading)
    count = len(reading.exchanges or ())
    summary = (
        f"{len(reading.manifest.get('artifacts') or {})} files and {count} exchanges match "
        f"the manifest; {judged} requirements judged again from the exchanges agree"
        + f"; {reading.signature}"
    )
    return reading.differences, reading.notes, summary


def rejudge(reading: Reading) -> int:
    """Judge the log again; add a difference for each status its exchanges contradict. The
    number of requirements the exchanges decided."""
    if reading.exchanges is None or reading.document is None:
        return 0
    manifest, document = reading.manifest, reading.document
    parameters = dict(DOCUMENTED) | {
        k: v for k, v in dict(document.get("parameters") or {}).items() if k in DOCUMENTED
    }
    reported = {r["id"]: r["status"] for r in document["requirements"]}
    # what a targeted run did not select, it did not judge: nothing to judge again
    judged = [rid for rid, status in reported.items() if status != NOT_SELECTED]
    verdicts = judge(reading.exchanges, reading.roles, parameters, judged)
    recorded = dict(manifest.get("rejudged") or {})
    same_tool = (manifest.get("tool") or {}).get("version") == __version__
    decided = 0
    for rid, judgement in verdicts.judgements.items():
        now, status = judgement.status, reported.get(rid)
        if now == "untested":
            continue
        decided += 1
        if recorded.get(rid) != now:
            line = (
                f"{rid}: judged again from the exchanges, {now}; when the report was written, "
                f"{recorded.get(rid)}"
            )
            (reading.differences if same_tool else reading.notes).append(
                line if same_tool else f"{line} (written by version {manifest['tool']['version']})"
            )
        if now == "fail" and status == "pass":
            # a violation in the exchanges that the report does not show: turned round
            reading.differences.append(
                f"{rid}: compliance.json says pass, but its exchanges show fail: "
                f"{judgement.reason[:200]}"
            )
        elif now == "pass" and status == "fail":
            reading.notes.append(
                f"{rid}: the report says fail; the exchanges alone show no violation (the "
                "suite saw more than the exchanges show, such as the items of a collection)"
            )
    return decided
