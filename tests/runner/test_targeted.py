"""Targeted runs end to end, in-process on a fake clock: the exit code follows the selected
requirements; ``--last-failed`` re-runs what failed, and with nothing to re-run sends nothing;
bad selections are one line; a partial report verifies and audits; ``-k`` still works."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conformance.cli import main
from conformance.reference import ServerConfig, running_server
from tests.clock import FakeClock
from tests.runner.conftest import (
    KEY,
    OTHER_KEY,
    CliResult,
    read_document,
    recording_server,
    run_cli,
    run_on,
    statuses,
)
from tests.suite_runs import run_suite

WALK = "test_next_cursor_walk_visits_every_item_once"


def _run(report_dir: Path, faults: frozenset[str] = frozenset(), **given: object) -> CliResult:
    """``plane-conformance run`` against a server with ``faults``, its reports in
    ``report_dir``."""
    clock = FakeClock()
    config = ServerConfig(port=0, api_keys=(KEY, OTHER_KEY), faults=faults)
    with running_server(config, clock=clock.time) as server:
        return run_on(
            clock, target=server.base_url, workspace=server.workspace,
            project=server.project_id, report_dir=str(report_dir), **given,
        )  # fmt: skip


def _selected(document: dict[str, Any]) -> dict[str, str]:
    return {rid: status for rid, status in statuses(document).items() if status != "not selected"}


@pytest.mark.usefixtures("keys_in_env")
@pytest.mark.parametrize(
    ("fault", "code", "verdict", "judged"),
    [
        # PAG-10's own fault fails the run
        ("prev-cursor-wrong-page", 1, "non-conformant", {"PAG-10": "fail"}),
        # a fault of a requirement left out does not, even one the selected walk sees
        ("total-pages-off-by-one", 0, "conformant", {"PAG-10": "pass"}),
        ("per-page-clamped", 0, "conformant", {"PAG-10": "pass"}),
    ],
)
def test_the_exit_code_follows_the_selected_requirements(
    tmp_path: Path, fault: str, code: int, verdict: str, judged: dict[str, str]
) -> None:
    result = _run(tmp_path / "r", frozenset({fault}), only="PAG-10")
    assert result.code == code, result.err
    document = read_document(tmp_path / "r")
    assert (document["verdict"], _selected(document)) == (verdict, judged)
    assert {t["name"].split("[")[0] for t in document["tests"]} == {WALK}
    assert f"1 of {len(statuses(document))} requirements selected" in result.err


@pytest.mark.usefixtures("keys_in_env")
def test_last_failed_reruns_what_failed_until_nothing_is_left(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    fault = frozenset({"prev-cursor-wrong-page"})
    first = _run(reports, fault, only="PAG-10,PAG-11")
    assert first.code == 1, first.err
    assert _selected(read_document(reports)) == {"PAG-10": "fail", "PAG-11": "pass"}

    again = _run(reports, fault, last_failed=True)
    assert again.code == 1, again.err
    document = read_document(reports)
    assert document["selection"]["requirements"] == ["PAG-10"]
    assert document["selection"]["last_failed"] is True
    assert {t["name"].split("[")[0] for t in document["tests"]} == {WALK}

    fixed = _run(reports, last_failed=True)
    assert fixed.code == 0, fixed.err
    assert _selected(read_document(reports)) == {"PAG-10": "pass"}

    kept = (reports / "compliance.json").read_bytes()
    clock = FakeClock()
    config = ServerConfig(port=0, api_keys=(KEY, OTHER_KEY))
    with recording_server(config, clock) as served:
        running = served.running
        nothing = run_on(
            clock, target=running.base_url, workspace=running.workspace,
            project=running.project_id, report_dir=str(reports), last_failed=True,
        )  # fmt: skip
    assert nothing.code == 0
    assert nothing.err == (
        f"nothing failed or errored in {reports / 'compliance.json'}: nothing to re-run, no "
        "request sent\n"
    )
    assert served.methods == []
    assert (reports / "compliance.json").read_bytes() == kept


def test_last_failed_without_a_previous_report_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "run", "--last-failed", "--report-dir", str(tmp_path / "none"))
    assert result.code == 2
    assert result.err == (
        "plane-conformance run: error: --last-failed reads the previous report, and there is "
        f"no {tmp_path / 'none' / 'compliance.json'}: run without --last-failed first, or point "
        "--report-dir at the previous report's directory\n"
    )


def test_an_unknown_requirement_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "run", "--only", "PAG-10,RAT", "--report-dir", str(tmp_path))
    assert result.code == 2
    assert result.err == (
        "plane-conformance run: error: --only RAT: no requirement or area of that name (did you "
        "mean RATE?); `plane-conformance requirements` lists them\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_operation_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The description is the target's, read as the run starts: the plugin names the value."""
    label = "GET workspaces/{slug}/projects/{project_id}/labls/"
    result = run_on(FakeClock(), operation=label, report_dir=str(tmp_path / "r"))
    assert result.code == 2
    [line] = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert line == (
        f"ERROR: --operation '{label}': the description does not declare it as a GET operation "
        "(did you mean GET workspaces/{slug}/projects/{project_id}/labels/?); the report's "
        "operations table lists them"
    )
    assert not (tmp_path / "r" / "compliance.json").exists()


@pytest.mark.usefixtures("keys_in_env")
def test_a_partial_report_verifies_and_audits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reports = tmp_path / "reports"
    label = "GET workspaces/{slug}/projects/{project_id}/labels/"
    assert _run(reports, operation=label).code == 0
    document = read_document(reports)
    assert document["selection"]["operations"] == [label]
    assert document["operations"]["exercised"] == 1
    capsys.readouterr()
    assert main(["verify", str(reports)]) == 0, capsys.readouterr()
    audited = tmp_path / "audited"
    assert main(["audit", str(reports), "--report-dir", str(audited)]) in (0, 3)
    assert "selection" not in read_document(audited)  # an audit judges all the traffic shows


def test_pytest_k_still_narrows_a_selection(tmp_path: Path) -> None:
    document = run_suite(ServerConfig(), tmp_path, "--plane-only", "PAG", "-k", "walk and states")
    assert [t["name"] for t in document["tests"]] == [f"{WALK}[states]"]
    assert document["selection"]["selected"] == 14  # the PAG area
    assert _selected(document)["PAG-10"] == "pass"
    assert _selected(document)["PAG-04"] == "untested"  # selected, but -k left out its tests


def test_plain_pytest_with_nothing_to_rerun_ends_at_once(tmp_path: Path) -> None:
    """The plugin's own way: pytest ends with exit code 0, and the report is left as it was."""
    reports = tmp_path / "report"
    first = run_suite(ServerConfig(), tmp_path, "--plane-only", "PAG-14")
    assert first["verdict"] == "conformant"
    kept = (reports / "compliance.json").read_bytes()
    assert run_suite(ServerConfig(), tmp_path, "--plane-last-failed") == first
    assert (reports / "compliance.json").read_bytes() == kept
