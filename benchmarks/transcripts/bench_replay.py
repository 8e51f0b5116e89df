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
import time
from dataclasses import replace
from pathlib import Path

from conformance.http import ClientSettings, Keys, Recorder, RequestStats, build_client
from conformance.reference import ServerConfig, running_server
from conformance.reference.presets import with_preset
from conformance.transcripts import compare, read, record, valid, with_variants
from conformance.transcripts.command import BUNDLED
from conformance.transcripts.transcript import of

HERE = Path(__file__).resolve().parent
KEY = "plane_api_" + "8" * 32


def one_round(config: ServerConfig) -> tuple[float, int, int]:
    """(seconds, exchanges, differences) of one replay of ``config``."""
    started = time.perf_counter()
    with running_server(config) as server:
        settings = ClientSettings(base_url=server.base_url)
        with build_client(
            settings, Keys(primary=KEY), recorder=Recorder(), stats=RequestStats()
        ) as client:
            entries = record(client, server.workspace, with_variants(valid()), token="BNCH")
    differences = compare(read(BUNDLED), of("reference", entries))
    return time.perf_counter() - started, len(entries), len(differences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--output-dir", type=Path, default=HERE)
    args = parser.parse_args()
    base = ServerConfig(port=0, api_keys=(KEY,), rate_limit=1_000_000)
    configurations = {
        "--preset plane": with_preset(base, "plane"),
        "default options (the preset's seed)": replace(base, seed_extras=False),
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
