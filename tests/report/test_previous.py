"""What ``--last-failed`` reads of the previous report: the requirements that failed or errored,
each with the tests that showed it; a report it cannot read is one line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conformance.errors import ConfigError
from conformance.report import read_failures
from tests.report.samples import rich_document


def test_the_failures_of_a_report_and_the_tests_that_showed_them(tmp_path: Path) -> None:
    path = tmp_path / "compliance.json"
    path.write_text(json.dumps(rich_document()), encoding="utf-8")
    failures = read_failures(path)
    assert failures.path == path
    # AUTH-04 and PAG-04 failed (their evidence names the test), HTTP-07 errored (no evidence:
    # every test that judged it)
    assert dict(failures.tests) == {
        "AUTH-04": ("t",),
        "HTTP-07": ("suite/test_x.py::test_no_5xx",),
        "PAG-04": ("suite/test_pagination.py::test_per_page_above_max_is_rejected",),
    }
    assert failures.ids == {"AUTH-04", "HTTP-07", "PAG-04"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "--last-failed reads the previous report, and there is no "),
        ("{", "is not JSON"),
        ('{"verdict": "conformant"}', "is not a compliance.json (no requirements)"),
        ("[]", "is not a compliance.json (no requirements)"),
    ],
)
def test_a_report_it_cannot_read_is_one_line(
    tmp_path: Path, text: str | None, message: str
) -> None:
    path = tmp_path / "compliance.json"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)) as caught:
        read_failures(path)
    assert "\n" not in str(caught.value)
