"""The operations table and the documentation drift of compliance.json."""

from __future__ import annotations

from conformance.report.model import OperationRecord
from conformance.report.operations import drift_section, operations_section
from tests.report.samples import drift, operations, outcome, rich_document, run_info


def test_each_operation_has_the_requirements_its_test_decided() -> None:
    section = rich_document()["operations"]
    assert (section["declared"], section["exercised"]) == (3, 2)
    me, issues, stickies = section["items"]
    assert (me["exercised"], me["requirements"]) == (
        True,
        [{"id": "AUTH-01", "status": "pass", "reason": ""}],
    )
    assert [(r["id"], r["status"]) for r in issues["requirements"]] == [("PAG-04", "fail")]
    assert (stickies["exercised"], stickies["reason"]) == (
        False,
        "the smoke profile checks the fixed surface only",
    )


def test_an_operation_whose_test_skipped_everything_is_not_exercised() -> None:
    record = OperationRecord("GET", "a/{id}/", "detail", "suite/test_x.py::test_a")
    skipped = outcome("test_a", ("HTTP-01", "FLD-01"), "skipped", "needs an item of a/: none")
    section = operations_section(run_info(operations=(record,)), [skipped])
    [item] = section["items"]
    assert (item["exercised"], item["reason"]) == (False, "needs an item of a/: none")
    assert [r["status"] for r in item["requirements"]] == ["skip", "skip"]
    assert section["exercised"] == 0


def test_a_requirement_takes_the_worst_status_its_test_gave_it() -> None:
    record = OperationRecord("GET", "a/", "list", "suite/test_x.py::test_a")
    outcomes = [
        outcome("test_a", ("PAG-01",), "passed"),
        outcome("test_a", ("PAG-01", "FLD-01"), "failed", "bad"),
    ]
    [item] = operations_section(run_info(operations=(record,)), outcomes)["items"]
    assert [(r["id"], r["status"]) for r in item["requirements"]] == [
        ("PAG-01", "fail"),
        ("FLD-01", "fail"),
    ]


def test_drift_keeps_its_exchange() -> None:
    [found] = drift_section(run_info(drift=drift()))
    assert (found["operation"], found["check"]) == (
        "GET workspaces/{slug}/projects/{project_id}/issues/",
        "schema",
    )
    assert found["exchanges"][0]["status"] == 200


def test_a_run_without_a_description_declares_nothing() -> None:
    section = operations_section(run_info(), [])
    assert section == {"description": "", "declared": 0, "exercised": 0, "items": [], "absent": 0}
    assert operations()  # the samples themselves stay meaningful
