"""CI gate: regressions and fixes against a baseline, and the exit codes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from conformance.errors import ConfigError
from conformance.report import apply_baseline, gate_exit_code, load_baseline, schema_errors
from conformance.report.waivers import Waiver, apply_waivers
from tests.report.samples import rich_document

# rich_document statuses: AUTH-01 pass, AUTH-04 fail (SHOULD), HTTP-07 error, PAG-02 skip,
# PAG-04 fail (MUST), PAG-07 pass, RATE-07 untested.


def baseline(**statuses: str) -> dict[str, Any]:
    return {"requirements": [{"id": k.replace("_", "-"), "status": v} for k, v in statuses.items()]}


def test_regressions_fixes_and_lost_are_recorded() -> None:
    before = baseline(PAG_04="pass", HTTP_07="pass", AUTH_01="fail", PAG_02="pass", PAG_07="pass")
    gate = apply_baseline(rich_document(), before, "old.json")["gate"]["baseline"]
    assert gate == {
        "path": "old.json",
        "regressions": ["HTTP-07", "PAG-04"],
        "fixes": ["AUTH-01"],
        "lost": ["PAG-02"],
    }


def test_apply_baseline_does_not_mutate_its_input() -> None:
    document = rich_document()
    apply_baseline(document, baseline(PAG_04="pass"), "old.json")
    assert document["gate"]["baseline"] is None


def test_gated_document_is_schema_valid() -> None:
    gated = apply_baseline(rich_document(), baseline(PAG_04="pass"), "old.json")
    assert schema_errors(gated) == []


@pytest.mark.parametrize(
    ("before", "interrupted", "expected"),
    [
        pytest.param(baseline(PAG_04="pass"), False, 1, id="must-regression"),
        pytest.param(baseline(AUTH_04="pass"), False, 0, id="should-regression-passes-gate"),
        pytest.param(baseline(PAG_04="fail", HTTP_07="error"), False, 0, id="no-worse-than-before"),
        pytest.param(baseline(PAG_02="pass"), False, 3, id="must-lost"),
        pytest.param(baseline(PAG_04="fail"), True, 3, id="interrupted"),
        pytest.param(baseline(PAG_04="pass"), True, 1, id="regression-beats-interrupted"),
    ],
)
def test_gate_with_a_baseline(before: dict[str, Any], interrupted: bool, expected: int) -> None:
    document = rich_document()
    document["interrupted"] = interrupted
    assert gate_exit_code(apply_baseline(document, before, "old.json")) == expected


def test_a_waived_regression_does_not_fail_the_gate() -> None:
    waived = apply_waivers(
        rich_document(), [Waiver("PAG-04", "known", dt.date(2099, 1, 1))], dt.date(2026, 1, 1)
    )
    gated = apply_baseline(waived, baseline(PAG_04="pass"), "old.json")
    assert gated["gate"]["baseline"]["regressions"] == ["PAG-04"]
    assert gate_exit_code(gated) == 0


@pytest.mark.parametrize(
    ("verdict", "expected"),
    [("conformant", 0), ("non-conformant", 1), ("incomplete", 3)],
)
def test_gate_without_a_baseline_follows_the_verdict(verdict: str, expected: int) -> None:
    document = rich_document()
    document["verdict"] = verdict
    assert gate_exit_code(document) == expected


def test_load_baseline_reads_a_written_report(tmp_path: Path) -> None:
    path = tmp_path / "compliance.json"
    path.write_text(json.dumps(rich_document()), encoding="utf-8")
    assert load_baseline(path)["verdict"] == "non-conformant"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(None, "cannot read baseline", id="missing"),
        pytest.param("{not json", "is not JSON", id="not-json"),
        pytest.param('{"verdict": "conformant"}', "no requirements list", id="not-a-report"),
    ],
)
def test_bad_baseline_is_a_one_line_config_error(
    tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_baseline(path)
    assert "\n" not in str(caught.value)
