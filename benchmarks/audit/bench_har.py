"""Benchmark: ``plane-conformance audit`` on a 100 MB HAR file, and ``verify`` on its report.

Usage: python benchmarks/audit/bench_har.py [--megabytes 100] [--output-dir DIR]

Writes a HAR 1.2 file of about --megabytes MB, shaped like a long session against a Plane
server: thousands of small answers (work items, errors, a counter that counts down per 60 s
window, a 429 at the end of each window) and list pages of 100 work items (about 60 KB each),
keys in X-API-Key and cookies on every entry. Then runs ``audit`` and ``verify`` as child
processes and records wall time, peak memory (the child's maximum resident set) and the sizes
of the report files. Writes result.json and result.md into --output-dir (default: beside this
script) and prints the markdown. A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BASE = "https://plane.example.com/api/v1/workspaces/acme/projects/"
KEY = "plane_api_" + "be" * 16
START = 1_795_946_400.0  # 2026-11-29 10:00:00 UTC, a multiple of 60


def issue(n: int) -> dict[str, Any]:
    return {
        "id": str(uuid.UUID(int=n)),
        "name": f"work item {n} " + "lorem ipsum " * 8,
        "description_html": "<p>" + "dolor sit amet " * 12 + "</p>",
        "priority": "medium",
        "state": str(uuid.UUID(int=7)),
        "labels": [],
        "assignees": [],
        "parent": None,
        "sequence_id": n,
        "created_at": "2026-11-01T10:00:00Z",
        "updated_at": "2026-11-01T10:00:00Z",
    }


def entry(
    moment: float, url: str, status: int, body: str, remaining: int | None, reset: int
) -> dict[str, Any]:
    headers = [{"name": "Content-Type", "value": "application/json"}]
    if remaining is not None:
        headers += [
            {"name": "X-RateLimit-Remaining", "value": str(remaining)},
            {"name": "X-RateLimit-Reset", "value": str(reset)},
        ]
    if status == 429:
        headers.append({"name": "Retry-After", "value": str(max(1, int(reset - moment)))})
    stamp = dt.datetime.fromtimestamp(moment, dt.UTC).isoformat().replace("+00:00", "Z")
    return {
        "startedDateTime": stamp,
        "time": 20.0,
        "request": {
            "method": "GET",
            "url": url,
            "httpVersion": "HTTP/1.1",
            "headers": [
                {"name": "X-API-Key", "value": KEY},
                {"name": "Cookie", "value": "sessionid=" + "c0ffee" * 6},
            ],
        },
        "response": {
            "status": status,
            "headers": headers,
            "content": {"size": len(body), "mimeType": "application/json", "text": body},
        },
    }


def entries(megabytes: int) -> Iterator[str]:
    """HAR entries as JSON text, about ``megabytes`` MB in all; the counter counts 60 requests
    a window down, and the 61st of a window gets 429."""
    project = str(uuid.UUID(int=1))
    page = {"count": 100, "total_pages": 3, "next_cursor": "100:1:0", "prev_cursor": "",
            "next_page_results": True, "prev_page_results": False, "extra_stats": None,
            "results": [issue(n) for n in range(100)]}  # fmt: skip
    big = json.dumps(page)
    written, n = 0, 0
    while written < megabytes * 1_000_000:
        window, slot = divmod(n, 61)
        moment = START + window * 60 + slot * 0.5
        reset = int(START + (window + 1) * 60)
        if slot == 60:
            text = json.dumps(entry(moment, BASE, 429, '{"error": "slow down"}', 0, reset))
        elif slot % 12 == 0:
            url = f"{BASE}{project}/issues/?per_page=100"
            text = json.dumps(entry(moment, url, 200, big, 59 - slot, reset))
        else:
            url = f"{BASE}{project}/issues/{uuid.UUID(int=slot)}/"
            text = json.dumps(entry(moment, url, 200, json.dumps(issue(slot)), 59 - slot, reset))
        written += len(text) + 1
        n += 1
        yield text


def write_har(path: Path, megabytes: int) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as stream:
        stream.write('{"log": {"version": "1.2", "creator": {"name": "bench", "version": "1"},')
        stream.write('"entries": [')
        for text in entries(megabytes):
            stream.write(("," if count else "") + text)
            count += 1
        stream.write("]}}")
    return count


def child(args: list[str], environ: dict[str, str]) -> tuple[int, float, float]:
    """(exit code, wall seconds, peak resident MB) of ``plane-conformance ARGS``."""
    script = (
        "import resource, sys\n"
        "from conformance.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(f'PEAK_KB {peak}', file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    started = time.monotonic()
    finished = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=environ,
        check=False,
    )  # fmt: skip
    wall = time.monotonic() - started
    peak = next(
        (int(line.split()[1]) for line in finished.stderr.splitlines() if line.startswith("PEAK")),
        0,
    )
    return finished.returncode, wall, peak / 1024


def measure(megabytes: int) -> dict[str, Any]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PLANE_")}
    environ["PLANE_API_KEY"] = KEY
    with tempfile.TemporaryDirectory(prefix="bench-har-") as scratch:
        har = Path(scratch) / "traffic.har"
        started = time.monotonic()
        count = write_har(har, megabytes)
        made = time.monotonic() - started
        out = Path(scratch) / "reports"
        audit_code, audit_wall, audit_peak = child(
            ["audit", str(har), "--report-dir", str(out)], environ
        )
        verify_code, verify_wall, verify_peak = child(["verify", str(out)], environ)
        sizes = {p.name: p.stat().st_size for p in sorted(out.iterdir())}
        return {
            "har_megabytes": round(har.stat().st_size / 1e6, 1),
            "entries": count,
            "seconds_to_write_the_har": round(made, 2),
            "audit_exit_code": audit_code,
            "audit_wall_s": round(audit_wall, 2),
            "audit_peak_mb": round(audit_peak, 1),
            "verify_exit_code": verify_code,
            "verify_wall_s": round(verify_wall, 2),
            "verify_peak_mb": round(verify_peak, 1),
            "report_bytes": sizes,
        }


def markdown(result: dict[str, Any]) -> str:
    rows = [
        ("HAR file, MB", result["har_megabytes"]),
        ("entries", result["entries"]),
        ("audit: wall time, s", result["audit_wall_s"]),
        ("audit: peak memory (max RSS), MB", result["audit_peak_mb"]),
        ("audit: exit code", result["audit_exit_code"]),
        ("verify: wall time, s", result["verify_wall_s"]),
        ("verify: peak memory (max RSS), MB", result["verify_peak_mb"]),
        ("verify: exit code", result["verify_exit_code"]),
        *((f"report file {name}, bytes", size) for name, size in result["report_bytes"].items()),
    ]
    head = (
        f"`plane-conformance audit` on a {result['har_megabytes']} MB HAR file, then `verify` "
        f"(Python {platform.python_version()}, {platform.machine()})\n\n"
        "| measure | value |\n|---|---|\n"
    )
    return head + "\n".join(f"| {name} | {value} |" for name, value in rows) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--output-dir", type=Path, default=HERE)
    args = parser.parse_args()
    result = measure(args.megabytes)
    args.output_dir.mkdir(parents=True, exist_ok=True)
    (args.output_dir / "result.json").write_text(json.dumps(result, indent=2) + "\n")
    text = markdown(result)
    (args.output_dir / "result.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
