"""The verdicts ``docs/REAL-PLANE.md`` records for the real Plane server, per mode, read from its
table (the rows between ``<!-- verdicts -->`` and ``<!-- /verdicts -->``: requirement, level,
default run, read-only run, then the evidence); and the SDK calls it records as failing there
(between ``<!-- interop -->`` and ``<!-- /interop -->``: call, outcome, problem, the answer).
The plane preset's tests and ``benchmarks/real/run_real.py`` compare runs with them, so the
document cannot drift from either.
"""

from __future__ import annotations

from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "REAL-PLANE.md"
MODES = ("default", "read-only")


def expected_verdicts(doc: Path = DOC) -> dict[str, dict[str, str]]:
    """mode -> requirement ID -> the status the document records."""
    text = doc.read_text(encoding="utf-8")
    table = text.split("<!-- verdicts -->", 1)[1].split("<!-- /verdicts -->", 1)[0]
    verdicts: dict[str, dict[str, str]] = {mode: {} for mode in MODES}
    for line in table.splitlines():
        cells = [cell.strip().strip("*") for cell in line.strip().strip("|").split("|")]
        if len(cells) < 4 or not cells[0].split("-")[-1].isdigit():
            continue
        for mode, cell in zip(MODES, cells[2:4], strict=True):
            verdicts[mode][cells[0]] = cell.split()[0]
    return verdicts


def _rows(doc: Path, marker: str) -> list[list[str]]:
    text = doc.read_text(encoding="utf-8")
    table = text.split(f"<!-- {marker} -->", 1)[1].split(f"<!-- /{marker} -->", 1)[0]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")] for line in table.splitlines()
    ]
    return [
        row
        for row in rows
        if len(row) >= 3 and row[0] not in ("call", "") and not row[0].startswith("---")
    ]


def expected_interop(doc: Path = DOC) -> dict[str, tuple[str, str | None]]:
    """SDK call -> (outcome, problem) for every call the document records as not working."""
    return {row[0].strip("`"): (row[1], row[2] or None) for row in _rows(doc, "interop")}
