"""compliance.json: shape, schema validity, and what build_document carries over."""

from __future__ import annotations

import json

import pytest

from conformance.catalogue import load_catalogue
from conformance.report import build_document, schema_errors
from conformance.report.model import TestOutcome
from tests.report.samples import catalogue, outcome, rich_document, rich_outcomes, run_info


def test_rich_document_is_valid_against_the_schema() -> None:
    assert schema_errors(rich_document()) == []


def test_schema_rejects_a_renamed_key_and_a_wrong_severity() -> None:
    document = rich_document()
    document["result"] = document.pop("verdict")
    document["requirements"][4]["severity"] = "warning"  # PAG-04 is a MUST failure
    errors = schema_errors(document)
    assert any("'verdict' is a required property" in e for e in errors)
    assert any(e.startswith("requirements/4/severity") for e in errors)


def test_document_keeps_the_contract_keys_and_requirement_order() -> None:
    document = rich_document()
    assert list(document)[:17] == [
        "schema_version",
        "tool",
        "target",
        "profile",
        "seed",
        "parameters",
        "started_at",
        "duration_s",
        "interrupted",
        "requests",
        "verdict",
        "summary",
        "areas",
        "requirements",
        "tests",
        "cleanup",
        "notes",
    ]
    assert [r["id"] for r in document["requirements"]] == [r.id for r in catalogue().requirements]
    assert document["requests"] == {"total": 321, "throttled": 2, "waited_s": 3.25}
    assert document["cleanup"] == {"ok": False, "left": ["issue 42 in project 7f9c"]}
    assert document["gate"] == {"baseline": None, "waivers": None}


def test_document_is_plain_json() -> None:
    document = rich_document()
    assert json.loads(json.dumps(document)) == document


def test_evidence_and_exchanges_are_attached_to_the_failed_requirement() -> None:
    pag04 = next(r for r in rich_document()["requirements"] if r["id"] == "PAG-04")
    (evidence,) = pag04["evidence"]
    assert evidence["observed"] == "200 with 101 items"
    assert evidence["exchanges"][0]["request_headers"]["X-API-Key"] == "$PLANE_API_KEY"
    assert pag04["tests"] == ["suite/test_x.py::test_per_page_above_max_is_rejected"]


def test_retired_requirements_are_left_out() -> None:
    document = build_document(run_info(), rich_outcomes(), catalogue(retired=("RATE-07",)))
    assert "RATE-07" not in [r["id"] for r in document["requirements"]]


def test_unknown_ids_become_notes() -> None:
    document = build_document(run_info(), [outcome("t", ("NOPE-01",), "passed")], catalogue())
    assert document["notes"] == ["a test named NOPE-01, which the catalogue does not define"]


@pytest.mark.parametrize("interrupted", [False, True])
def test_interrupted_run_is_incomplete(interrupted: bool) -> None:
    passing = [outcome(f"t{r.id}", (r.id,), "passed") for r in catalogue().requirements]
    document = build_document(run_info(interrupted=interrupted), passing, catalogue())
    assert document["verdict"] == ("incomplete" if interrupted else "conformant")
    assert document["interrupted"] is interrupted


def test_real_catalogue_builds_a_valid_document() -> None:
    real = load_catalogue()
    first = real.requirements[0].id
    outcomes: list[TestOutcome] = [outcome("t", (first,), "passed")]
    document = build_document(run_info(), outcomes, real)
    assert schema_errors(document) == []
    statuses = {r["id"]: r["status"] for r in document["requirements"]}
    assert statuses[first] == "pass"
    assert document["summary"]["untested"] == len(statuses) - 1
    assert document["verdict"] == "incomplete"
