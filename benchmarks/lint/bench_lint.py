"""Benchmark: `plane-conformance lint` on real descriptions, beside Spectral and Redocly.

Usage: python benchmarks/lint/bench_lint.py [DOCUMENT...] [--repeat N] [--output FILE]

DOCUMENTs default to the two that matter, relative to the repository: GitHub's 13 MB REST
description (../shared/data/github-rest-api.json, the large one) and Plane's own description as
its server publishes it (../plane-data/plane-schema.yaml, 500 KB of YAML); a missing default is
skipped with a note. Each tool runs as a child process; wall time is measured around it and peak
RSS comes from os.wait4's rusage of that child (so each figure belongs to one run only).
Spectral (ruleset spectral:oas) and Redocly (recommended) are measured when on PATH and skipped
with a note otherwise. Figures are compared as ratios to ours: absolute times vary by machine.
This is a benchmark, not a test: it asserts nothing and prints a markdown table per document.
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
GITHUB = (REPO / ".." / "shared" / "data" / "github-rest-api.json").resolve()
PLANE = (REPO / ".." / "plane-data" / "plane-schema.yaml").resolve()


@dataclass(frozen=True, slots=True)
class Goal:
    seconds: float
    megabytes: float | None = None


#: The issue's budgets: GitHub's description in 2 s and 150 MB, Plane's in half a second.
GOALS = {GITHUB.name: Goal(2.0, 150.0), PLANE.name: Goal(0.5)}
DEFAULT_GOAL = Goal(2.0, 150.0)
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


def goal_text(goal: Goal) -> str:
    memory = f" and at most {goal.megabytes:.0f} MB" if goal.megabytes else ""
    return f"at most {goal.seconds:g} s{memory}"


def table(document: Path, measurements: list[Measurement], rule_count: int) -> str:
    ours = measurements[0]
    size_mb = document.stat().st_size / 1e6
    goal = GOALS.get(document.name, DEFAULT_GOAL)
    lines = [
        f"## {document.name} ({size_mb:.1f} MB)",
        "",
        f"plane-conformance: {rule_count} rules, all on. Goal: {goal_text(goal)}.",
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


def measure_tools(document: Path, scratch: Path, repeat: int) -> list[Measurement]:
    """Ours (``repeat`` runs, the median), then each other tool once."""
    measurements: list[Measurement] = []
    for index, (tool, command, skip_note) in enumerate(tools(document, scratch)):
        if command is None:
            measurements.append(Measurement(tool, "", note=skip_note))
            continue
        measurements.append(measure(tool, command, repeat if index == 0 else 1))
    return measurements


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("documents", nargs="*", type=Path, metavar="DOCUMENT")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of plane-conformance (median wall time); others run once",
    )
    parser.add_argument("--output", type=Path, help="also write the markdown table here")
    args = parser.parse_args(argv)
    documents = [path.resolve() for path in args.documents] or [GITHUB, PLANE]
    missing = [path for path in documents if not path.is_file()]
    if args.documents and missing:
        print(f"bench_lint: no such document: {missing[0]}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(REPO))
    from conformance.lint.rules import RULES

    sections = ["# Lint benchmark", ""]
    sections += [f"(skipped: {path} is not there)\n" for path in missing]
    with tempfile.TemporaryDirectory() as scratch:
        for document in (path for path in documents if path not in missing):
            measurements = measure_tools(document, Path(scratch), args.repeat)
            sections.append(table(document, measurements, len(RULES)))
    output = "\n".join(sections)
    print(output, end="")
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(output)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
