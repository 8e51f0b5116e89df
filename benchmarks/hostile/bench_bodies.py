"""What a hostile target's bodies cost a read-only run (issue 24): every answer 200 with
200,000 ``[`` then 200,000 ``]``, against every answer ``not json {{{``.

Usage: ``python benchmarks/hostile/bench_bodies.py [--runs N]``. Each run is the in-process
read-only full run of ``tests/hostile`` (the fake clock: only the work counts); prints each
mode's median seconds and the ratio, and writes them to ``benchmarks/hostile/result.md``. The
tests hold the verdicts; the time is measured here, never asserted there.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.hostile.conftest import hostile, run  # noqa: E402
from tests.hostile.modes import MODES  # noqa: E402

MODES_MEASURED = ("garbage-everywhere", "nested-everywhere")


def measure(runs: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {mode: [] for mode in MODES_MEASURED}
    for index in range(runs):
        for mode in MODES_MEASURED:
            with tempfile.TemporaryDirectory() as folder, hostile(MODES[mode]) as server:
                where = Path(folder) / f"{mode}-{index}"
                result = run(server, where, "--read-only", "--profile", "full")
                times[mode].append(result.elapsed_s)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times = measure(args.runs)
    medians = {mode: statistics.median(values) for mode, values in times.items()}
    ratio = medians["nested-everywhere"] / medians["garbage-everywhere"]
    lines = [
        "# Hostile bodies: what they cost a read-only run",
        "",
        f"`python benchmarks/hostile/bench_bodies.py --runs {args.runs}` (in-process, fake clock).",
        "",
        "| every answer | median | runs |",
        "|---|---|---|",
        *(
            f"| {mode} | {medians[mode]:.1f} s | {', '.join(f'{t:.1f}' for t in times[mode])} |"
            for mode in MODES_MEASURED
        ),
        "",
        f"nested / garbage: {ratio:.2f}",
        "",
    ]
    (Path(__file__).parent / "result.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
