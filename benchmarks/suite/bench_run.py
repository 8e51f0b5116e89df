"""Benchmark: each profile against the embedded reference server at the documented limit.

Usage: python benchmarks/suite/bench_run.py [--seed N] [--profile full|smoke|both]
    [--repeat N] [--output-dir DIR]

Runs `plane-conformance run --profile P --seed N` (60 requests per key per 60 s window, the
documented defaults, the keys of one user the run generates) as a child process with its own
report directory, times it,
and reads compliance.json: requests in total, keyed with a valid key (what the target's rate
limit counts), throttled (429s met), seconds waited, and the declared operations exercised
(every method); and from what the run printed, the estimate it announced at its start. --repeat
runs each profile that many times (the windows are aligned to the clock, so where in one a run
starts changes its wait by up to a window). Writes result.json and result.md into --output-dir
(default: beside this script) and prints the markdown; benchmarks/table.py reads result.json.
Goal of the smoke profile (the size of the run before discovery): at most 120 keyed requests
and 150 s; the full profile covers every declared operation and has no goal but to report
its cost. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from conformance.plugin.progress import read_estimate

HERE = Path(__file__).resolve().parent
GOAL_KEYED = 120
GOAL_SECONDS = 150.0


def measure(seed: int, profile: str) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="bench-run-") as scratch:
        report_dir = Path(scratch) / "reports"
        command = [
            sys.executable, "-m", "conformance", "run", "--profile", profile,
            "--seed", str(seed), "--report-dir", str(report_dir),
        ]  # fmt: skip
        started = time.monotonic()
        finished = subprocess.run(command, capture_output=True, text=True, check=False)
        wall = time.monotonic() - started
        document = json.loads((report_dir / "compliance.json").read_text(encoding="utf-8"))
        log = report_dir / "exchanges.jsonl"
        sizes = {
            "log_bytes": log.stat().st_size,
            "exchanges": len(log.read_text(encoding="utf-8").splitlines()) - 1,  # the header
            "manifest_bytes": (report_dir / "manifest.json").stat().st_size,
        }
    requests = document["requests"]
    operations = document.get("operations", {})
    goal = profile == "smoke"
    announced = read_estimate(finished.stdout + finished.stderr)
    estimate = (
        dict(zip(("keyed", "total", "seconds"), announced, strict=True)) if announced else None
    )
    return {
        "command": f"plane-conformance run --profile {profile} --seed {seed}",
        "profile": profile,
        "exit_code": finished.returncode,
        "verdict": document["verdict"],
        "summary": document["summary"],
        "parameters": document["parameters"],
        "requests_total": requests["total"],
        "requests_keyed": requests["keyed"],
        # of them, the search of declared query parameters' (a budget of its own)
        "parameter_requests": operations.get("parameters", {}).get("requests", 0),
        "requests_throttled": requests["throttled"],
        "waited_s": requests["waited_s"],
        "run_duration_s": document["duration_s"],
        "wall_s": round(wall, 2),
        "keys": len(requests.get("per_key") or {}) or 2,  # the keys the run used
        "estimate": estimate,
        "operations": f"{operations.get('exercised', 0)} of {operations.get('declared', 0)}",
        "goal": {"keyed_at_most": GOAL_KEYED, "wall_s_at_most": GOAL_SECONDS} if goal else None,
        "within_goal": requests["keyed"] <= GOAL_KEYED and wall <= GOAL_SECONDS if goal else None,
        **sizes,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }


def markdown(result: dict[str, object]) -> str:
    goal = result["goal"] is not None
    keyed = f" (goal <= {GOAL_KEYED})" if goal else ""
    wall = f" (goal <= {GOAL_SECONDS:g})" if goal else ""
    rows = [
        ("verdict", result["verdict"]),
        ("exit code", result["exit_code"]),
        ("requests, total", result["requests_total"]),
        (f"requests, keyed with a valid key{keyed}", result["requests_keyed"]),
        ("requests, throttled (429)", result["requests_throttled"]),
        ("seconds waited for rate-limit windows", result["waited_s"]),
        ("run duration (compliance.json), s", result["run_duration_s"]),
        (f"wall time of the process, s{wall}", result["wall_s"]),
        ("estimate announced at the start (keyed, in all, s)", _estimate(result["estimate"])),
        ("declared operations exercised (every method)", result["operations"]),
    ]
    if goal:
        rows.append(("within goal", result["within_goal"]))
    lines = [
        f"`{result['command']}` (embedded reference server, 60 requests / 60 s; "
        f"Python {result['python']}, {result['machine']})",
        "",
        "| measure | value |",
        "|---|---|",
        *(f"| {name} | {value} |" for name, value in rows),
    ]
    return "\n".join(lines) + "\n"


def _estimate(estimate: object) -> str:
    if not isinstance(estimate, dict):
        return "none announced"
    return f"{estimate['keyed']}, {estimate['total']}, {estimate['seconds']:g}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", choices=("full", "smoke", "both"), default="both")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--output-dir", type=Path, default=HERE)
    args = parser.parse_args()
    profiles = ("smoke", "full") if args.profile == "both" else (args.profile,)
    results = [measure(args.seed, p) for p in profiles for _ in range(max(args.repeat, 1))]
    args.output_dir.mkdir(parents=True, exist_ok=True)
    (args.output_dir / "result.json").write_text(json.dumps(results, indent=2) + "\n")
    text = "\n".join(markdown(result) for result in results)
    (args.output_dir / "result.md").write_text(text)
    print(text, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
