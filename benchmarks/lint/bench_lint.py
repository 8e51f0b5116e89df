"""Benchmark: `plane-conformance lint` on a large real description, beside Spectral and Redocly.

Usage: python benchmarks/lint/bench_lint.py [DOCUMENT] [--repeat N] [--output FILE]

DOCUMENT defaults to ../shared/data/github-rest-api.json relative to the repository (GitHub's
13 MB REST description). Each tool runs as a child process; wall time is measured around it and
peak RSS comes from os.wait4's rusage of that child (so each figure belongs to one run only).
Spectral (ruleset spectral:oas) and Redocly (recommended) are measured when on PATH and skipped
with a note otherwise. Figures are compared as ratios to ours: absolute times vary by machine.
This is a benchmark, not a test: it asserts nothing and prints a markdown table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DOCUMENT = REPO / ".." / "shared" / "data" / "github-rest-api.json"
GOAL_SECONDS = 3.0
GOAL_MB = 500.0
#: Keep the JavaScript linters off the network (no telemetry, no update check).
QUIET_ENV = {
    "REDOCLY_TELEMETRY": "off",
    "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
    "SCARF_ANALYTICS": "false",
    "DO_NOT_TRACK": "1",
}


@dataclass(frozen=True, slots=True)
class Measurement:
    tool: str
    command: str
    seconds: float | None = None
    peak_mb: float | None = None
    exit_code: int | None = None
    note: str = ""


def measure_once(command: list[str]) -> tuple[float, float, int]:
    """Run ``command``; return (wall seconds, peak RSS in MB, exit code)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **QUIET_ENV},
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def measure(tool: str, command: list[str], repeat: int) -> Measurement:
    runs = [measure_once(command) for _ in range(repeat)]
    return Measurement(
        tool,
        " ".join(command[-6:]) if len(command) > 6 else " ".join(command),
        statistics.median(run[0] for run in runs),
        max(run[1] for run in runs),
        runs[-1][2],
    )


def tools(document: Path, scratch: Path) -> list[tuple[str, list[str] | None, str]]:
    ruleset = scratch / ".spectral.yaml"
    ruleset.write_text('extends: ["spectral:oas"]\n')
    spectral, redocly = shutil.which("spectral"), shutil.which("redocly")
    return [
        (
            "plane-conformance lint",
            [
                sys.executable,
                "-m",
                "conformance",
                "lint",
                str(document),
                "--format",
                "json",
                "--output",
                os.devnull,
            ],
            "",
        ),
        (
            "spectral lint (spectral:oas)",
            [spectral, "lint", "--ruleset", str(ruleset), "--quiet", str(document)]
            if spectral
            else None,
            "spectral not on PATH: skipped",
        ),
        (
            "redocly lint (recommended)",
            [redocly, "lint", "--extends", "recommended", str(document)] if redocly else None,
            "redocly not on PATH: skipped",
        ),
    ]


def ratio(value: float | None, base: float | None) -> str:
    return f"{value / base:.1f}x" if value is not None and base else "-"


def table(document: Path, measurements: list[Measurement], rule_count: int) -> str:
    ours = measurements[0]
    size_mb = document.stat().st_size / 1e6
    lines = [
        f"# Lint benchmark: {document.name} ({size_mb:.1f} MB)",
        "",
        f"plane-conformance: {rule_count} rules, all on. Goal: under {GOAL_SECONDS:.0f} s and "
        f"under {GOAL_MB:.0f} MB.",
        "",
        "| tool | wall (s) | peak RSS (MB) | wall vs ours | RSS vs ours | exit | note |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for item in measurements:
        if item.seconds is None:
            lines.append(f"| {item.tool} | - | - | - | - | - | {item.note} |")
            continue
        lines.append(
            f"| {item.tool} | {item.seconds:.2f} | {item.peak_mb:.0f} | "
            f"{ratio(item.seconds, ours.seconds)} | {ratio(item.peak_mb, ours.peak_mb)} | "
            f"{item.exit_code} | {item.note} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("document", nargs="?", type=Path, default=DEFAULT_DOCUMENT)
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of plane-conformance (median wall time); others run once",
    )
    parser.add_argument("--output", type=Path, help="also write the markdown table here")
    args = parser.parse_args(argv)
    document = args.document.resolve()
    if not document.is_file():
        print(f"bench_lint: no such document: {document}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(REPO))
    from conformance.lint.rules import RULES

    measurements: list[Measurement] = []
    with tempfile.TemporaryDirectory() as scratch:
        for index, (tool, command, skip_note) in enumerate(tools(document, Path(scratch))):
            if command is None:
                measurements.append(Measurement(tool, "", note=skip_note))
                continue
            repeat = args.repeat if index == 0 else 1
            measurements.append(measure(tool, command, repeat))
    output = table(document, measurements, len(RULES))
    print(output, end="")
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
