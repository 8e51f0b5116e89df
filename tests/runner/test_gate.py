"""The CI gate end to end: a waiver keeps a known deviation from changing the verdict; a baseline
makes the exit code reflect only regressions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from conformance.reference import ServerConfig, running_server
from tests.clock import START, FakeClock
from tests.runner.conftest import KEY, OTHER_KEY, read_document, run_on


def _run(
    tmp_path: Path, name: str, faults: frozenset[str], **given: object
) -> tuple[int, dict[str, Any]]:
    """A smoke run on a fake clock against a server with ``faults``."""
    clock = FakeClock()
    config = ServerConfig(port=0, api_keys=(KEY, OTHER_KEY), faults=faults)
    report_dir = tmp_path / name
    with running_server(config, clock=clock.time) as server:
        result = run_on(
            clock, profile="smoke", target=server.base_url, workspace=server.workspace,
            project=server.project_id, report_dir=str(report_dir), **given,
        )  # fmt: skip
    return result.code, read_document(report_dir)


@pytest.mark.usefixtures("keys_in_env")
@pytest.mark.slow
def test_waived_failure_keeps_the_verdict_and_baseline_gates_on_regressions(
    tmp_path: Path,
) -> None:
    clean_code, clean = _run(tmp_path, "clean", frozenset())
    assert (clean_code, clean["verdict"]) == (0, "conformant")
    baseline = tmp_path / "clean" / "compliance.json"

    waivers = tmp_path / "waivers.yaml"
    # valid on the runs' (fake) day; long past on the real one, so the gate must ask the clock
    expires = (dt.date.fromtimestamp(START) + dt.timedelta(days=30)).isoformat()
    waivers.write_text(
        f"- id: PAG-04\n  reason: vendor clamps per_page, fix scheduled\n  expires: {expires}\n"
    )
    code, waived = _run(tmp_path, "waived", frozenset({"per-page-clamped"}), waivers=str(waivers))
    pag04 = next(r for r in waived["requirements"] if r["id"] == "PAG-04")
    assert (code, waived["verdict"], pag04["status"], pag04["waived"]) == (
        0,
        "conformant",
        "fail",
        True,
    )

    code, gated = _run(tmp_path, "gated", frozenset({"per-page-clamped"}), baseline=str(baseline))
    gate = gated["gate"]["baseline"]
    assert code == 1
    assert gate["regressions"] == ["PAG-04"]
    assert gate["fixes"] == []
