"""``plane-conformance diff``: requirements that changed status, operations that appeared or
disappeared, drift findings added or removed."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from conformance.fleet.diffing import diff_reports
from tests.fleet.fleet_runs import FleetRun, command


def report(**changes: Any) -> dict[str, Any]:
    """A small compliance document: two requirements, two declared operations, one drift."""
    document: dict[str, Any] = {
        "verdict": "conformant",
        "target": {"base_url": "http://old/api/v1"},
        "requirements": [
            {"id": "AUTH-01", "level": "MUST", "title": "t1", "status": "pass", "waived": False},
            {"id": "PAG-02", "level": "MUST", "title": "t2", "status": "skip", "waived": False},
        ],
        "operations": {
            "items": [
                {"method": "GET", "path": "users/me/"},
                {"method": "GET", "path": "workspaces/{slug}/work-items/"},
            ]
        },
        "drift": [
            {
                "operation": "GET users/me/",
                "check": "status",
                "message": "GET .../3f0a1b2c-0000-4000-8000-000000000001/ answered 403",
            }
        ],
    }
    return document | changes


def test_what_changed_between_two_releases() -> None:
    old = report()
    new = copy.deepcopy(report())
    new["requirements"][0]["status"] = "fail"
    new["operations"]["items"].append({"method": "GET", "path": "workspaces/{slug}/stickies/"})
    new["drift"] = [
        # the same finding with another id: not a change
        dict(old["drift"][0], message=old["drift"][0]["message"].replace("0001", "0002")),
        {
            "operation": "GET workspaces/{slug}/work-items/",
            "check": "absent",
            "message": "GET workspaces/{slug}/work-items/ is declared, but answers 404",
        },
    ]
    diff = diff_reports(old, new)
    assert [(c.requirement, c.old, c.new) for c in diff.requirements] == [
        ("AUTH-01", "pass", "fail")
    ]
    assert diff.appeared == ("GET workspaces/{slug}/stickies/",)
    # declared by both, but the new target answers it 404
    assert diff.disappeared == ("GET workspaces/{slug}/work-items/",)
    assert [f.check for f in diff.drift_added] == ["absent"]
    assert diff.drift_removed == ()
    assert diff.changed


def test_an_operation_the_operations_table_marks_absent_is_not_there() -> None:
    """A route the target lacks with no drift finding of its own (below an absent list, say)
    is known by the operations table's ``absent``: an upgrade that adds it shows it appear."""
    old = report()
    old["operations"]["items"].append(
        {"method": "GET", "path": "workspaces/{slug}/stickies/{pk}/", "absent": True}
    )
    new = copy.deepcopy(old)
    new["operations"]["items"][-1]["absent"] = False
    diff = diff_reports(old, new)
    assert diff.appeared == ("GET workspaces/{slug}/stickies/{pk}/",)
    assert diff_reports(new, old).disappeared == ("GET workspaces/{slug}/stickies/{pk}/",)


def test_the_same_report_has_no_change() -> None:
    diff = diff_reports(report(), report())
    assert not diff.changed
    assert diff.requirements == ()
    assert diff.appeared == diff.disappeared == ()
    assert diff.drift_added == diff.drift_removed == ()


def test_a_report_without_operations_is_not_compared() -> None:
    diff = diff_reports(report(), report(operations=None))
    assert not diff.operations_compared
    assert diff.disappeared == ()


@pytest.mark.slow
def test_diff_of_two_fleet_reports(fleet: FleetRun, tmp_path: Path) -> None:
    good, faulty = str(fleet.reports / "good"), str(fleet.reports / "faulty")
    text = command("diff", good, faulty, cwd=tmp_path)
    assert text.returncode == 1, text.stderr
    assert "verdict: conformant -> non-conformant" in text.stdout
    assert "  AUTH-01  MUST   pass -> fail" in text.stdout
    assert text.stderr == ""
    as_json = command("diff", good, faulty, "--format", "json", cwd=tmp_path)
    result = json.loads(as_json.stdout)
    assert [(r["id"], r["old"], r["new"]) for r in result["requirements"]] == [
        ("AUTH-01", "pass", "fail")
    ]
    assert result["changed"] is True
    same = command("diff", good, str(fleet.reports / "good" / "compliance.json"), cwd=tmp_path)
    assert (same.returncode, same.stdout.splitlines()[-1]) == (0, "no change")


def test_a_report_that_cannot_be_read_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = command("diff", "empty", "empty", cwd=tmp_path)
    assert done.returncode == 2
    assert "has no compliance.json" in done.stderr
    assert len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("document", "said"),
    [
        ({"verdict": "conformant", "requirements": [{"id": "A"}]}, "'status' is a required"),
        ({"verdict": "conformant", "requirements": [], "operations": {}}, "'items' is a required"),
    ],
    ids=["requirement-without-status", "operations-without-items"],
)
def test_a_report_of_another_shape_is_one_line_not_a_traceback(
    tmp_path: Path, document: dict[str, object], said: str
) -> None:
    (tmp_path / "odd").mkdir()
    (tmp_path / "odd" / "compliance.json").write_text(json.dumps(document), encoding="utf-8")
    done = command("diff", "odd", "odd", cwd=tmp_path)
    assert done.returncode == 2
    assert said in done.stderr
    assert len(done.stderr.splitlines()) == 1
