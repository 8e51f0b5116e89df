"""The suite against a real Plane server, in both modes, checked against docs/REAL-PLANE.md.

Usage (the keys in PLANE_API_KEY and PLANE_API_KEY_2, never on the command line):

    tox -e real -- URL WORKSPACE PROJECT [--mode default|read-only|both] [--seed N] [--interop]
        [--output FILE] [--doc docs/REAL-PLANE-0.23.md]
    python benchmarks/real/run_real.py http://127.0.0.1:18000/api/v1 conformance <CONF id>

Each mode is one ``plane-conformance run --target URL --workspace WORKSPACE --project PROJECT``
(``--read-only`` for the second) in a child process, with its reports in
``reports/real/<mode>/``. Then one keyed GET lists the workspace's projects, to show through
the API that no scratch project was left. Prints, per mode, the requests spent (keyed, in all,
429s, seconds waited), the wall time, the operations of Plane's description exercised, the drift
found, and every requirement whose status differs from the one the document records; with
``--interop``, also Plane's SDK in the default mode, and every call whose outcome differs from
the document's interop table. The measurements (and the estimate each run announced at its
start) go to ``--output`` (default ``benchmarks/real/result.json``), which
``benchmarks/table.py`` reads. Exits 1 if any differs or a scratch project is left, else 0.
Not run by CI (CI has no Plane server): the plane preset carries the same verdicts, and the
same SDK failures, into CI.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from conformance.plugin.progress import read_estimate  # noqa: E402
from tests.real_plane_doc import DOC, MODES, expected_interop, expected_verdicts  # noqa: E402

HERE = Path(__file__).resolve().parent

SCRATCH = re.compile(r"^pc[0-9a-f]{6} (conformance scratch|interop)$")


def interop_differences(document: dict[str, Any]) -> dict[str, object]:
    """SDK calls whose outcome differs from the document's table (calls not in it must work)."""
    expected = expected_interop()
    got = {c["name"]: (c["outcome"], c["problem"]) for c in document["interop"]["calls"]}
    return {
        name: {"recorded": list(expected.get(name, ("ok", None))), "got": list(outcome)}
        for name, outcome in got.items()
        if expected.get(name, ("ok", None)) != outcome
    }


def run(
    url: str, workspace: str, project: str, mode: str, seed: int, interop: bool, doc: Path = DOC
) -> dict[str, object]:
    report_dir = ROOT / "reports" / "real" / mode
    command = [
        sys.executable, "-m", "conformance", "run", "--target", url, "--workspace", workspace,
        "--project", project, "--seed", str(seed), "--report-dir", str(report_dir),
        "--overwrite",  # the directory is this script's: each run replaces the last
    ]  # fmt: skip
    if mode == "read-only":
        command.append("--read-only")
    elif interop:
        command.append("--interop")
    started = time.monotonic()
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.monotonic() - started
    if finished.returncode not in (0, 1, 3):  # 2: no run; anything else: no verdict
        raise SystemExit(f"{mode}: the run exited {finished.returncode}: {finished.stderr.strip()}")
    document = json.loads((report_dir / "compliance.json").read_text(encoding="utf-8"))
    expected = expected_verdicts(doc)[mode]
    got = {r["id"]: r["status"] for r in document["requirements"]}
    announced = read_estimate(finished.stdout + finished.stderr)
    parameters = document["parameters"]
    result: dict[str, object] = {
        "mode": mode,
        "keys": 2 if os.environ.get("PLANE_API_KEY_2") else 1,
        "rate_limit": parameters["rate_limit"],
        "rate_window_s": parameters["rate_window_s"],
        "run_duration_s": document["duration_s"],
        "estimate": (
            dict(zip(("keyed", "total", "seconds"), announced, strict=True)) if announced else None
        ),
        "exit_code": finished.returncode,
        "verdict": document["verdict"],
        "keyed": document["requests"]["keyed"],
        "parameter_requests": document["operations"].get("parameters", {}).get("requests", 0),
        "total": document["requests"]["total"],
        "throttled": document["requests"]["throttled"],
        "waited_s": document["requests"]["waited_s"],
        "wall_s": round(wall, 1),
        "operations": f"{document['operations']['exercised']} of "
        f"{document['operations']['declared']} exercised",
        "drift": len(document["drift"]),
        "differences": {
            rid: {"recorded": expected.get(rid), "got": status}
            for rid, status in got.items()
            if expected.get(rid) != status
        },
    }
    if "interop" in document:
        result["interop_differences"] = interop_differences(document)
    return result


def scratch_left(url: str, workspace: str) -> list[str]:
    """Projects of the workspace that carry a scratch name: what a run left behind."""
    headers = {"X-API-Key": os.environ["PLANE_API_KEY"]}
    with httpx.Client(base_url=url, headers=headers, timeout=30, trust_env=False) as client:
        page = client.get(f"/workspaces/{workspace}/projects/", params={"per_page": 100})
        if page.status_code == 429:  # the run may end with the key's window spent: wait it out
            time.sleep(float(page.headers.get("Retry-After", "60")) + 1)
            page = client.get(f"/workspaces/{workspace}/projects/", params={"per_page": 100})
    page.raise_for_status()
    return [p["name"] for p in page.json()["results"] if SCRATCH.match(str(p.get("name", "")))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("workspace")
    parser.add_argument("project")
    parser.add_argument("--mode", choices=(*MODES, "both"), default="both")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--interop", action="store_true", help="also run Plane's SDK (default mode)"
    )
    parser.add_argument("--output", type=Path, default=HERE / "result.json")
    parser.add_argument(
        "--doc",
        type=Path,
        default=DOC,
        help="the document whose verdicts the runs must give (default docs/REAL-PLANE.md; "
        "docs/REAL-PLANE-0.23.md for Plane v0.23.1)",
    )
    args = parser.parse_args()
    modes = MODES if args.mode == "both" else (args.mode,)
    results = [
        run(args.url, args.workspace, args.project, m, args.seed, args.interop, args.doc)
        for m in modes
    ]
    left = scratch_left(args.url, args.workspace)
    text = json.dumps({"runs": results, "scratch_projects_left": left}, indent=2)
    args.output.write_text(text + "\n", encoding="utf-8")
    print(text)
    differing = any(r["differences"] or r.get("interop_differences") for r in results)
    return 1 if left or differing else 0


if __name__ == "__main__":
    raise SystemExit(main())
