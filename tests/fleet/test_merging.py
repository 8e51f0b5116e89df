"""``plane-conformance merge``: report directories made elsewhere, each verified against its
manifest first; one that does not verify is shown as such, never merged silently."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conformance.fleet.document import fleet_schema_errors
from tests.fleet.fleet_runs import FleetRun, command

pytestmark = pytest.mark.slow  # reads the session's fleet run


def copies(fleet: FleetRun, tmp_path: Path) -> Path:
    """The fleet's two reports, and a third: a copy of the good one whose verdict was turned."""
    inputs = tmp_path / "in"
    for name in ("good", "faulty"):
        shutil.copytree(fleet.reports / name, inputs / name)
    shutil.copytree(fleet.reports / "faulty", inputs / "tampered")
    path = inputs / "tampered" / "compliance.json"
    document = json.loads(path.read_text())
    for requirement in document["requirements"]:
        if requirement["id"] == "AUTH-01":
            requirement.update(status="pass", severity=None)
    document["verdict"] = "conformant"
    path.write_text(json.dumps(document))
    return inputs


def test_a_tampered_report_is_shown_unverified_and_not_merged(
    fleet: FleetRun, tmp_path: Path
) -> None:
    inputs = copies(fleet, tmp_path)
    done = command(
        "merge", "in/good", "in/faulty", "in/tampered", "--report-dir", "out", cwd=tmp_path
    )
    assert done.returncode == 1, done.stderr
    document = json.loads((tmp_path / "out" / "fleet.json").read_text())
    assert fleet_schema_errors(document) == []
    assert document["kind"] == "merge"
    rows = {t["name"]: t for t in document["targets"]}
    assert (rows["good"]["verdict"], rows["good"]["verified"]) == ("conformant", True)
    assert rows["faulty"]["verdict"] == "non-conformant"
    tampered = rows["tampered"]
    assert (tampered["verdict"], tampered["verified"], tampered["exit_code"]) == (
        "unverified", False, 1,
    )  # fmt: skip
    assert "compliance.json was changed" in tampered["reason"]
    assert tampered["requirements"] == {}  # its turned status is nowhere in the matrix
    assert document["verdict"] == "unverified"
    assert rows["good"]["report"] == "../in/good/compliance.html"
    assert "tampered  unverified (exit 1); does not verify" in done.stdout
    assert (inputs / "tampered").is_dir()


def test_reports_that_verify_merge_into_their_worst(fleet: FleetRun, tmp_path: Path) -> None:
    copies(fleet, tmp_path)
    done = command("merge", "in/good", "--report-dir", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "fleet verdict: conformant" in done.stdout
    again = command("merge", "in/good", "--report-dir", "out", cwd=tmp_path)
    assert again.returncode == 2
    assert "holds the fleet.json of an earlier fleet or merge" in again.stderr
    assert len(again.stderr.splitlines()) == 1


def test_a_directory_without_a_manifest_is_unverified(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = command("merge", "empty", "--report-dir", "out", cwd=tmp_path)
    assert done.returncode == 1
    assert "has no manifest.json" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere"], "nowhere is not a directory"),
        (["a/same", "b/same"], "are both named 'same'"),
    ],
    ids=["missing", "same-name"],
)
def test_unusable_arguments_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "a" / "same").mkdir(parents=True)
    (tmp_path / "b" / "same").mkdir(parents=True)
    done = command("merge", *args, cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr
    assert len(done.stderr.splitlines()) == 1
