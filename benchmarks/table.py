"""What a run costs, per target and mode, beside the floor the rate limit sets: benchmarks/table.md.

Usage: python benchmarks/table.py [--measure] [--repeat N]

Reads the measurements: ``benchmarks/suite/result.json`` (the embedded reference server, full and
smoke profiles; ``python benchmarks/suite/bench_run.py`` writes it, or ``--measure`` here runs it
first) and ``benchmarks/real/result.json`` (the real Plane server in its default and read-only
modes, written by ``tox -e real -- URL WORKSPACE PROJECT``; without the file those rows are left
out). For each run: keyed and total requests, the wall time of the process and the run's own
duration (compliance.json), the floor, wall / floor, and the estimate the run announced at its
start with its error (keyed against keyed, time against the run's duration, which is what it
estimates).

The floor is what the rate limit alone forces on a run whose requests take no time: its keyed
requests need ceil(keyed / (limit x keys)) windows, so it waits out all but the last, and RATE-05
needs one whole window to pass (which may be one of those waits).

Writes benchmarks/table.md and prints it, ending with the sentence the README's quick start
quotes (``tests/test_readme.py`` holds the README to suite/result.json). A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.plugin.estimate import Plan

HERE = Path(__file__).resolve().parent
EMBEDDED = HERE / "suite" / "result.json"
REAL = HERE / "real" / "result.json"
TABLE = HERE / "table.md"


@dataclass(frozen=True, slots=True)
class Row:
    """One measured run."""

    target: str
    mode: str
    keyed: int
    total: int
    wall_s: float
    run_s: float
    keys: int
    limit: int
    window: float
    estimate: dict[str, Any] | None
    searched: int = 0  # keyed requests of the search of declared parameters, of ``keyed``

    @property
    def floor_s(self) -> float:
        plan = Plan(
            keyed=self.keyed,
            total=self.total,
            keys=self.keys,
            limit=self.limit,
            window=self.window,
            latency_s=0.0,
            epoch_windows=False,
            reset_wait=True,
        )
        return plan.floor_s

    def cells(self) -> list[str]:
        floor = self.floor_s
        ratio = f"{self.wall_s / floor:.2f}" if floor else "-"
        shown = [
            self.target,
            self.mode,
            str(self.keyed),
            str(self.searched),
            str(self.keyed - self.searched),
            str(self.total),
            _seconds(self.wall_s),
            _seconds(self.run_s),
            _seconds(floor),
            ratio,
        ]
        if self.estimate is None:
            return [*shown, "-", "-"]
        keyed, seconds = self.estimate["keyed"], float(self.estimate["seconds"])
        return [
            *shown,
            f"{keyed} ({_error(keyed, self.keyed)})",
            f"{_seconds(seconds)} ({_error(seconds, self.run_s)})",
        ]


HEADER = (
    "target", "mode", "keyed", "of them, parameter search", "the rest", "in all", "wall", "run",
    "floor", "wall / floor",
    "estimate: keyed (error)", "estimate: time (error)",
)  # fmt: skip


def _seconds(value: float) -> str:
    return f"{value:.0f} s"


def _error(estimate: float, actual: float) -> str:
    return f"{(estimate - actual) / actual:+.0%}" if actual else "-"


def embedded_rows(results: Sequence[dict[str, Any]]) -> list[Row]:
    return [
        Row(
            target="embedded reference server",
            mode=str(r["profile"]),
            keyed=int(r["requests_keyed"]),
            total=int(r["requests_total"]),
            wall_s=float(r["wall_s"]),
            run_s=float(r["run_duration_s"]),
            keys=int(r.get("keys", 2)),
            limit=int(r["parameters"]["rate_limit"]),
            window=float(r["parameters"]["rate_window_s"]),
            estimate=r.get("estimate"),
            searched=int(r.get("parameter_requests", 0)),
        )
        for r in results
    ]


def real_rows(document: dict[str, Any]) -> list[Row]:
    return [
        Row(
            target="real Plane",
            mode=str(r["mode"]),
            keyed=int(r["keyed"]),
            total=int(r["total"]),
            wall_s=float(r["wall_s"]),
            run_s=float(r.get("run_duration_s", r["wall_s"])),
            keys=int(r.get("keys", 2)),
            limit=int(r.get("rate_limit", 60)),
            window=float(r.get("rate_window_s", 60)),
            estimate=r.get("estimate"),
            searched=int(r.get("parameter_requests", 0)),
        )
        for r in document["runs"]
    ]


def quick_start_figures(results: Sequence[dict[str, Any]], profile: str) -> str:
    """How the README says what the embedded run of ``profile`` costs: keyed and total
    requests, and the wall time (a range over the runs measured)."""
    rows = [r for r in embedded_rows(results) if r.mode == profile]
    if not rows:
        return f"no {profile} run measured"

    def span(values: list[int] | list[str]) -> str:
        low, high = values[0], values[-1]
        return str(low) if low == high else f"{low} to {high}"

    walls = sorted(r.wall_s for r in rows)
    return (
        f"{span(sorted(r.keyed for r in rows))} keyed requests "
        f"({span(sorted(r.total for r in rows))} in all) in "
        f"{span([_whole(walls[0]), _whole(walls[-1])])}"
    )


def report_sizes(results: Sequence[dict[str, Any]]) -> str:
    """How the README says what a full run's evidence weighs: its exchange log (and how many
    exchanges it holds) and its manifest, from the largest full run measured."""
    full = [r for r in results if r["profile"] == "full" and "log_bytes" in r]
    if not full:
        return "no full run measured"
    largest = max(full, key=lambda r: int(r["log_bytes"]))
    return (
        f"a full run's log is about {round(int(largest['log_bytes']) / 1000, -1):.0f} KB "
        f"({largest['exchanges']} exchanges) and its manifest "
        f"{round(int(largest['manifest_bytes']) / 1000):.0f} KB"
    )


def _whole(seconds: float) -> str:
    """``48 s``, ``1 min``, ``2 min 58 s``."""
    minutes, rest = divmod(round(seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def markdown(rows: Sequence[Row], results: Sequence[dict[str, Any]]) -> str:
    lines = [
        "# What a run costs",
        "",
        "Regenerate with `python benchmarks/table.py` (add `--measure` to run the embedded "
        "benchmarks first; `tox -e real -- URL WORKSPACE PROJECT` measures the real server). "
        "Wall is the process's wall time, run the duration its report states; the floor is "
        "what the rate limit alone forces (every window the keyed requests need but the last, "
        "and a whole one for RATE-05); the estimate is what the run announced at its start, "
        "its time error measured against the run's duration. The search of declared query "
        "parameters (issue 25) has a budget of its own, one window of one key by default: its "
        "keyed requests are shown apart, and the rest are what the checks of the declared "
        "operations (every method since issue 22) and the fixed surface spend (issue 20's goals).",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "---|" * len(HEADER),
        *("| " + " | ".join(row.cells()) + " |" for row in rows),
        "",
        "The README's quick start quotes: `plane-conformance run`, "
        f"{quick_start_figures(results, 'full')}; `--profile smoke`, "
        f"{quick_start_figures(results, 'smoke')}.",
        "",
        f"The README's report sizes: {report_sizes(results)}.",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--measure", action="store_true", help="run the embedded benchmarks")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each profile to measure")
    args = parser.parse_args()
    if args.measure:
        bench = [sys.executable, str(HERE / "suite" / "bench_run.py"), "--repeat", str(args.repeat)]
        subprocess.run(bench, check=True, stdout=subprocess.DEVNULL)
    results: list[dict[str, Any]] = json.loads(EMBEDDED.read_text(encoding="utf-8"))
    rows = embedded_rows(results)
    if REAL.exists():
        rows += real_rows(json.loads(REAL.read_text(encoding="utf-8")))
    text = markdown(rows, results)
    TABLE.write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
