"""Benchmark: the project's own tests, all of them and the quick subset, as the README runs them.

Usage: python benchmarks/tests/bench_tests.py [--runs 3] [--output-dir DIR]

Runs ``python -m pytest -n 4 -q`` (everything, as ``.ci/run`` does) and ``python -m pytest -n 4
-q -m "not slow"`` (the inner loop) in turn, --runs times each, from the project's root, and
records each run's wall time, the CPU time of the whole process tree (the xdist workers and the
processes the tests start), the load average when it started and the share of the machine's
cores it got (CPU time / (wall time x cores)): on a machine other work shares, the wall time
follows that share, the CPU time much less. Writes result.json and result.md into
--output-dir (default: beside this script) and prints the markdown. A benchmark, not a test: it
asserts nothing, beyond each run passing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
COMMANDS = {
    "all": ["-m", "pytest", "-n", "4", "-q"],
    "quick": ["-m", "pytest", "-n", "4", "-q", "-m", "not slow"],
}
SHOWN = {"all": "python -m pytest -n 4", "quick": "python -m pytest -n 4 -m 'not slow'"}


def timed(arguments: list[str]) -> dict[str, Any]:
    """One run: wall seconds, CPU seconds of the process tree, the load when it started."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, *arguments], cwd=ROOT, capture_output=True, text=True, check=False
    )
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(arguments)} failed ({done.returncode}): {summary}")
    return {"wall_s": round(wall, 1), "cpu_s": round(cpu, 1), "load": load, "summary": summary}


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.0f} ({min(values):.0f} to {max(values):.0f})"


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"The project's own tests on {result['cores']} cores ({result['python']}, "
        f"PYTHONDONTWRITEBYTECODE={result['dont_write_bytecode'] or 'unset'}), "
        f"{result['runs']} runs each, median (min to max)",
        "",
        "| tests | command | wall, s | CPU, s | each run: wall s, share of the cores, load |",
        "|---|---|---|---|---|",
    ]
    for name, runs in result["commands"].items():
        each = ", ".join(
            f"{r['wall_s']:.0f} s {r['cpu_s'] / (r['wall_s'] * result['cores']):.0%} "
            f"{r['load']:.1f}"
            for r in runs
        )
        lines.append(
            f"| {name} | `{SHOWN[name]}` | {spread([r['wall_s'] for r in runs])} | "
            f"{spread([r['cpu_s'] for r in runs])} | {each} |"
        )
    summaries = "; ".join(runs[-1]["summary"] for runs in result["commands"].values())
    return "\n".join([*lines, "", f"The last runs: {summaries}"]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output-dir", type=Path, default=HERE)
    options = parser.parse_args()
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in COMMANDS}
    for _ in range(options.runs):
        for name, arguments in COMMANDS.items():  # in turn: a drifting load touches both
            runs[name].append(timed(arguments))
    result = {
        "cores": os.cpu_count(),
        "python": f"Python {platform.python_version()}",
        "dont_write_bytecode": os.environ.get("PYTHONDONTWRITEBYTECODE", ""),
        "runs": options.runs,
        "commands": runs,
    }
    options.output_dir.mkdir(parents=True, exist_ok=True)
    (options.output_dir / "result.json").write_text(json.dumps(result, indent=2) + "\n")
    text = markdown(result)
    (options.output_dir / "result.md").write_text(text)
    print(text, end="")


if __name__ == "__main__":
    main()
