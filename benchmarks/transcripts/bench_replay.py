"""Benchmark: the transcript corpus replayed against the in-process reference server, as CI
replays it (``tests/transcripts``), under the plane preset and under the default options.

Usage: python benchmarks/transcripts/bench_replay.py [--rounds 3] [--output-dir DIR]

Records, per configuration, the exchanges, the wall time of each round (server start, seeding,
the corpus, the comparison) and the differences from the bundled transcript. Writes result.md
into --output-dir (default: beside this script) and prints it. A benchmark, not a test: it
asserts nothing. (Recording from a real Plane is paced by its rate limit instead: 771 exchanges
took 2 min 3 s from makeplane/plane 4ca6d6c at 300 requests a minute.)
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from conformance.reference import ServerConfig

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from conformance.transcripts import compare  # noqa: E402
from tests.transcripts.replay import BASE, PLANE, recorded, replay  # noqa: E402

HERE = Path(__file__).resolve().parent


def one_round(config: ServerConfig) -> tuple[float, int, int]:
    """(seconds, exchanges, differences) of one replay of ``config``, as CI replays it."""
    started = time.perf_counter()
    replayed = replay(config)
    differences = compare(recorded(), replayed)
    return time.perf_counter() - started, len(replayed.entries), len(differences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--output-dir", type=Path, default=HERE)
    args = parser.parse_args()
    configurations = {
        "--preset plane": PLANE,
        "default options (the preset's seed)": replace(BASE, seed_extras=False),
    }
    lines = [
        "# The transcript corpus replayed against the reference server",
        "",
        f"`python benchmarks/transcripts/bench_replay.py --rounds {args.rounds}` on "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}.",
        "",
        "| configuration | exchanges | differences | median wall | rounds |",
        "|---|---|---|---|---|",
    ]
    for name, config in configurations.items():
        rounds = [one_round(config) for _ in range(args.rounds)]
        seconds = statistics.median(r[0] for r in rounds)
        _, exchanges, differences = rounds[0]
        walls = ", ".join(f"{r[0]:.1f} s" for r in rounds)
        lines.append(f"| {name} | {exchanges} | {differences} | {seconds:.1f} s | {walls} |")
    text = "\n".join(lines) + "\n"
    args.output_dir.mkdir(parents=True, exist_ok=True)
    (args.output_dir / "result.md").write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
