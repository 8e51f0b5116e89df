"""A fleet of 20 embedded targets in one ``plane-conformance fleet`` run, against the slowest
target's single run: wall time, and peak memory (the fleet's whole process tree, summed, as
sampled from /proc; and the largest single process, as the kernel accounts it).

Twenty ``plane-conformance serve`` processes on loopback, each with a different seeded fault
(one clean), short windows (``--rate-window W --rate-limit 30``), the smoke profile. Then the
target that took longest in the fleet runs alone, as ``plane-conformance run``. Linux only
(/proc). Usage: ``python benchmarks/fleet/bench_fleet.py [--window 20] [--out FILE]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

KEYS = ("plane_api_" + "b1" * 16, "plane_api_" + "b2" * 16)
FAULTS = (
    "",
    "missing-key-403",
    "invalid-key-403",
    "auth-error-plaintext",
    "bearer-accepted",
    "validate-before-auth",
    "list-html-content-type",
    "create-returns-200",
    "unknown-id-403",
    "method-not-allowed-404",
    "html-error-pages",
    "mixed-error-shapes",
    "unknown-path-200",
    "envelope-missing-key",
    "default-page-1000",
    "per-page-ignored",
    "per-page-clamped",
    "per-page-zero-500",
    "delete-200-with-body",
    "patch-not-applied",
)
RATE_LIMIT = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def start_server(port: int, fault: str, window: int) -> subprocess.Popen[str]:
    args = [
        sys.executable, "-m", "conformance", "serve", "--port", str(port),
        "--api-key", KEYS[0], "--api-key", KEYS[1],
        "--rate-window", str(window), "--rate-limit", str(RATE_LIMIT),
    ]  # fmt: skip
    if fault:
        args += ["--fault", fault]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def wait_ready(server: subprocess.Popen[str]) -> None:
    assert server.stdout is not None
    for line in server.stdout:
        if line.startswith("Press Ctrl-C"):
            return
    raise RuntimeError("a server did not start")


def tree_rss_kib(root: int) -> int:
    """The summed resident memory of ``root`` and every process below it (KiB)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry.name)
        children.setdefault(int(fields["PPid"]), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack += children.get(pid, [])
    return total


def timed(args: list[str], environ: dict[str, str], cwd: Path) -> dict[str, Any]:
    """Run ``args``; wall time, exit code, the peak summed RSS of its tree."""
    peak = 0
    start = time.monotonic()
    process = subprocess.Popen(
        args, env=environ, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kib(process.pid))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = process.communicate()
    wall = time.monotonic() - start
    done.set()
    sampler.join()
    return {
        "wall_s": round(wall, 2),
        "code": process.returncode,
        "tree_peak_mib": round(peak / 1024),
        "stdout": out,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--window", type=int, default=20, help="--rate-window of every target")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("result.json"))
    args = parser.parse_args()
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PLANE_")}
    environ |= {"PLANE_API_KEY": KEYS[0], "PLANE_API_KEY_2": KEYS[1]}
    ports = [free_port() for _ in FAULTS]
    servers = [start_server(p, f, args.window) for p, f in zip(ports, FAULTS, strict=True)]
    try:
        for server in servers:
            wait_ready(server)
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            tables = [
                f'[[target]]\nname = "{(fault or "clean")}"\n'
                f'target = "http://127.0.0.1:{port}/api/v1"\n'
                for port, fault in zip(ports, FAULTS, strict=True)
            ]
            (folder / "fleet.toml").write_text(
                f'workspace = "plane-conformance"\nprofile = "smoke"\n'
                f"rate-window = {args.window}\nrate-limit = {RATE_LIMIT}\n\n" + "\n".join(tables)
            )
            command = [sys.executable, "-m", "conformance"]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            fleet = timed(
                [*command, "fleet", "fleet.toml", "--report-dir", "fleet"], environ, folder
            )
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            document = json.loads((folder / "fleet" / "fleet.json").read_text())
            rows = document["targets"]
            slowest = max(rows, key=lambda row: row["duration_s"] or 0)
            single = timed(
                [
                    *command, "run", "--target", slowest["base_url"],
                    "--workspace", "plane-conformance", "--profile", "smoke",
                    "--rate-window", str(args.window), "--rate-limit", str(RATE_LIMIT),
                    "--report-dir", "single",
                ],
                environ,
                folder,
            )  # fmt: skip
            single_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait()
    result = {
        "targets": len(rows),
        "rate_window_s": args.window,
        "rate_limit": RATE_LIMIT,
        "profile": "smoke",
        "fleet_wall_s": fleet["wall_s"],
        "fleet_code": fleet["code"],
        "fleet_verdicts": document["summary"],
        "fleet_cpu_s": round(
            (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 1
        ),
        "fleet_tree_peak_mib": fleet["tree_peak_mib"],
        "largest_single_process_mib": round(after.ru_maxrss / 1024),
        "target_durations_s": sorted(round(row["duration_s"] or 0, 1) for row in rows),
        "slowest_target": slowest["name"],
        "slowest_in_fleet_s": round(slowest["duration_s"], 2),
        "slowest_alone_wall_s": single["wall_s"],
        "single_tree_peak_mib": single["tree_peak_mib"],
        "single_largest_process_mib": round(single_peak / 1024),
        "cores": os.cpu_count(),
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
