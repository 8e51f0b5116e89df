"""fleet.json: the worst verdict and exit code, and the schema that holds the document."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.fleet.document import (
    build_fleet_document,
    fleet_schema_errors,
    worst_exit_code,
    worst_verdict,
)
from conformance.fleet.rows import not_run_row


@pytest.mark.parametrize(
    ("verdicts", "worst"),
    [
        (["conformant", "conformant"], "conformant"),
        (["conformant", "incomplete"], "incomplete"),
        (["incomplete", "not run"], "not run"),
        (["not run", "non-conformant", "conformant"], "non-conformant"),
        (["non-conformant", "unverified"], "unverified"),
    ],
)
def test_the_fleet_verdict_is_the_worst(verdicts: list[str], worst: str) -> None:
    assert worst_verdict(verdicts) == worst


@pytest.mark.parametrize(
    ("codes", "worst"),
    [
        ([0, 0], 0),
        ([0, 3], 3),
        ([3, 2], 2),
        ([2, 1, 0], 1),
        ([1, 130], 130),
        ([0, 99], 1),
        ([0, -9], 2),
    ],
)
def test_the_exit_code_is_the_worst(codes: list[int], worst: int) -> None:
    assert worst_exit_code(codes) == worst


def test_a_fleet_of_unreachable_targets_follows_the_schema(tmp_path: Path) -> None:
    rows = [not_run_row("a", "http://x/api/v1", "w", "target unreachable: ...")]
    document = build_fleet_document(rows, tmp_path, kind="fleet", duration_s=1.5)
    assert fleet_schema_errors(document) == []
    assert (document["verdict"], document["exit_code"]) == ("not run", 2)
    assert [r["id"] for r in document["requirements"]][:2] == ["AUTH-01", "AUTH-02"]


def test_the_schema_refuses_what_breaks_it(tmp_path: Path) -> None:
    rows = [not_run_row("a", "http://x/api/v1", "w", "unreachable")]
    document = build_fleet_document(rows, tmp_path, kind="fleet")
    document["verdict"] = "fine"
    del document["targets"][0]["exit_code"]
    document["targets"][0]["requirements"] = {"AUTH-01": {"status": "great"}}
    errors = fleet_schema_errors(document)
    assert any(e.startswith("verdict:") for e in errors)
    assert any("'exit_code' is a required property" in e for e in errors)
    assert any(e.startswith("targets/0/requirements/AUTH-01") for e in errors)
