"""The gate as one step: waivers valid on the day, then the baseline, read before the run."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conformance.errors import ConfigError
from conformance.report import gate_exit_code, load_gate
from tests.report.samples import rich_document

# rich_document: PAG-04 (MUST) fails, so the verdict is non-conformant.
WAIVERS = "- id: PAG-04\n  reason: known, fix scheduled\n  expires: 2030-06-30\n"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(WAIVERS, encoding="utf-8")
    baseline = tmp_path / "compliance.json"
    before = {"requirements": [{"id": "PAG-04", "status": "pass"}]}
    baseline.write_text(json.dumps(before), encoding="utf-8")
    return waivers, baseline


def test_without_files_the_document_is_unchanged() -> None:
    document = rich_document()
    assert load_gate(None, None).apply(document, dt.date(2030, 1, 1)) == document


def test_waivers_apply_first_then_the_baseline(files: tuple[Path, Path]) -> None:
    gated = load_gate(*files).apply(rich_document(), dt.date(2030, 1, 1))
    assert gated["verdict"] == "incomplete"  # no longer non-conformant; others unverified
    assert gated["gate"]["waivers"]["applied"] == ["PAG-04"]
    assert gated["gate"]["baseline"]["regressions"] == ["PAG-04"]
    assert gate_exit_code(gated) == 0  # the regression is waived


def test_a_waiver_past_its_date_is_not_applied(files: tuple[Path, Path]) -> None:
    waivers, _ = files
    gated = load_gate(waivers, None).apply(rich_document(), dt.date(2030, 7, 1))
    assert gated["verdict"] == "non-conformant"
    assert [w["id"] for w in gated["gate"]["waivers"]["expired"]] == ["PAG-04"]


def test_a_bad_file_is_a_config_error_before_the_run(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read baseline"):
        load_gate(None, tmp_path / "absent.json")
