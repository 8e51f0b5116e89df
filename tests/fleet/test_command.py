"""``plane-conformance fleet``: every target at once, a row each, the worst verdict and exit code;
an unreachable target is one row with its reason and stops nothing else."""

from __future__ import annotations

import re

import pytest

from conformance.fleet.document import fleet_schema_errors
from tests.fleet.fleet_runs import KEYS, FleetRun

pytestmark = pytest.mark.slow  # a fleet of child runs on the real clock


def test_the_exit_code_is_the_worst_targets(fleet: FleetRun) -> None:
    """non-conformant (1) beats could not start (2) and conformant (0)."""
    assert fleet.code == 1, fleet.err
    document = fleet.document()
    assert (document["verdict"], document["exit_code"]) == ("non-conformant", 1)
    assert [t["name"] for t in document["targets"]] == ["good", "faulty", "gone"]
    assert document["summary"]["conformant"] == 1
    assert document["summary"]["not run"] == 1


def test_each_reachable_target_has_its_reports_and_its_row(fleet: FleetRun) -> None:
    for name in ("good", "faulty"):
        assert {p.name for p in (fleet.reports / name).iterdir()} >= {
            "compliance.json", "compliance.html", "manifest.json", "exchanges.jsonl",
        }  # fmt: skip
    good, faulty = fleet.row("good"), fleet.row("faulty")
    assert (good["verdict"], good["exit_code"]) == ("conformant", 0)
    assert (faulty["verdict"], faulty["exit_code"]) == ("non-conformant", 1)
    assert faulty["requirements"]["AUTH-01"]["status"] == "fail"
    assert good["requirements"]["AUTH-01"]["status"] == "pass"
    assert good["requirements"]["RATE-05"]["status"] == "not selected"
    assert "AUTH-01" in faulty["reason"]
    for row in (good, faulty):
        assert row["report"] == f"./{row['name']}/compliance.html"
        assert row["requests"]["total"] > 0
        assert row["duration_s"] > 0
        assert row["profile"] == "smoke"


def test_an_unreachable_target_is_one_row_with_its_reason(fleet: FleetRun) -> None:
    gone = fleet.row("gone")
    assert (gone["verdict"], gone["exit_code"], gone["report"]) == ("not run", 2, None)
    assert gone["reason"].startswith("target unreachable: GET http://127.0.0.1:")
    assert "Connection refused" in gone["reason"]
    assert gone["requirements"] == {}
    assert not (fleet.reports / "gone").exists()


def test_fleet_json_follows_its_schema(fleet: FleetRun) -> None:
    assert fleet_schema_errors(fleet.document()) == []


def test_fleet_html_shows_the_matrix_with_links(fleet: FleetRun) -> None:
    html = (fleet.reports / "fleet.html").read_text()
    assert 'data-verdict="non-conformant"' in html
    assert 'href="./faulty/compliance.html#failure-AUTH-01"' in html
    assert 'href="./good/compliance.html#req-AUTH-01"' in html
    assert re.search(r'id="target-gone".*?target unreachable', html, re.S)
    assert "<script src" not in html  # self-contained
    assert "<link" not in html


def test_stdout_has_a_line_per_target_and_stderr_the_progress(fleet: FleetRun) -> None:
    lines = fleet.out.splitlines()
    assert [line.split()[0] for line in lines[:3]] == ["good", "faulty", "gone"]
    assert lines[3].startswith("fleet verdict: non-conformant")
    for name in ("good", "faulty", "gone"):
        assert f"{name}: started" in fleet.err
    assert "gone: could not start" in fleet.err
    assert "Traceback" not in fleet.err


def test_no_key_reaches_an_output(fleet: FleetRun) -> None:
    outputs = [fleet.out, fleet.err]
    outputs += [p.read_text(errors="replace") for p in fleet.reports.rglob("*") if p.is_file()]
    for key in KEYS:
        assert not any(key in text for text in outputs)
