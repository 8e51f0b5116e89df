"""The pytest-html plugin module: a Requirements column and escaped evidence extras.

Runs a tiny suite in a child pytest (pytest-html 4.x, self-contained report) and reads the JSON
blob the report page is built from.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from typing import Any

import pytest

SUITE = """
import pytest
from conformance.report.model import Evidence

@pytest.mark.req("PAG-04", "PAG-05")
def test_fails(record_property):
    record_property("conformance_evidence", Evidence(
        test="t", requirement="PAG-04", message="<b>101 accepted</b>",
        expected="400", observed="200"))
    assert False

@pytest.mark.req("AUTH-01")
@pytest.mark.req("AUTH-02", "AUTH-01")
def test_passes():
    pass

def test_unmarked():
    pass
"""


@pytest.fixture(scope="module")
def report_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    pytest.importorskip("pytest_html")
    where = tmp_path_factory.mktemp("pytest_html")
    (where / "pytest.ini").write_text("[pytest]\nmarkers = req(*ids): requirement IDs\n")
    (where / "test_sample.py").write_text(SUITE)
    # Only pytest-html (with pytest-metadata, which it needs) and the module under test are
    # loaded: the other entry-point plugins (schemathesis, ours) would cost seconds, decide nothing.
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "pytest_metadata.plugin",
        "-p",
        "pytest_html.plugin",
        "-p",
        "conformance.report.pytest_html",
        "--html=report.html",
        "--self-contained-html",
    ]
    environment = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    done = subprocess.run(
        command, cwd=where, env=environment, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stdout + done.stderr  # one test fails on purpose
    page = (where / "report.html").read_text(encoding="utf-8")
    blob = re.search(r'data-jsonblob="([^"]*)"', page)
    assert blob is not None
    return page, json.loads(html.unescape(blob.group(1)))


def rows(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {nodeid.split("::")[1]: entries[0] for nodeid, entries in data["tests"].items()}


def test_header_has_a_sortable_requirements_column(
    report_data: tuple[str, dict[str, Any]],
) -> None:
    page, _ = report_data
    assert '<th class="sortable" data-column-type="requirements">Requirements</th>' in page


def test_rows_name_the_requirement_ids_in_the_third_column(
    report_data: tuple[str, dict[str, Any]],
) -> None:
    found = {name: row["resultsTableRow"][2] for name, row in rows(report_data[1]).items()}
    assert found == {
        "test_fails": '<td class="col-requirements">PAG-04 PAG-05</td>',
        "test_passes": '<td class="col-requirements">AUTH-02 AUTH-01</td>',  # nearest marker first
        "test_unmarked": '<td class="col-requirements"></td>',
    }


def test_evidence_is_attached_once_and_escaped(report_data: tuple[str, dict[str, Any]]) -> None:
    extras = rows(report_data[1])["test_fails"]["extras"]
    assert [(e["format_type"], e["name"]) for e in extras] == [
        ("html", None),
        ("json", "PAG-04 evidence"),
    ]
    assert extras[0]["content"] == (
        '<pre class="conformance-evidence">PAG-04: &lt;b&gt;101 accepted&lt;/b&gt;\n'
        "expected: 400\nobserved: 200</pre>"
    )
    assert rows(report_data[1])["test_passes"]["extras"] == []
