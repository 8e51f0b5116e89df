"""What a run certified its target against (the target's own description, --openapi, or the
bundled one with its version), and the declared operations the target lacks: in compliance.json
(valid against its schema), on the HTML page and in the console summary."""

from __future__ import annotations

import io
from typing import Any

import pytest

from conformance.report import CertifiedAgainst, OperationRecord, build_document, schema_errors
from conformance.report.html import render_html
from conformance.runner.display import RunDisplay, certified_line
from tests.report.samples import catalogue, rich_outcomes, run_info

BUNDLED = CertifiedAgainst(
    "bundled",
    "specs/plane.openapi.yaml",
    "Plane REST API",
    "1.0.0",
    "the bundled specs/plane.openapi.yaml: GET http://127.0.0.1:18002/api/schema/ answered 404",
)
OPERATIONS = (
    OperationRecord("GET", "users/me/", "singleton", "t::me", absent="GET users/me/ answered 404"),
    OperationRecord("GET", "workspaces/{slug}/projects/", "list", "t::projects"),
)


def document(certified: CertifiedAgainst | None = BUNDLED) -> dict[str, Any]:
    run = run_info(certified_against=certified, operations=OPERATIONS, description="bundled")
    return build_document(run, rich_outcomes(), catalogue())


def test_the_report_names_the_description_with_its_version() -> None:
    built = document()
    assert built["certified_against"] == {
        "source": "bundled",
        "location": "specs/plane.openapi.yaml",
        "title": "Plane REST API",
        "version": "1.0.0",
        "note": BUNDLED.note,
    }
    assert schema_errors(built) == []


def test_a_report_without_it_stays_valid() -> None:
    """An older caller, or a report made before the field: it is left out, not null."""
    built = document(None)
    assert "certified_against" not in built
    assert schema_errors(built) == []


def test_the_operations_table_says_which_operations_the_target_lacks() -> None:
    section = document()["operations"]
    assert section["absent"] == 1
    me, projects = section["items"]
    assert (me["absent"], projects["absent"]) == (True, False)
    assert me["reason"] == "the target does not have this endpoint: GET users/me/ answered 404"


@pytest.mark.parametrize(
    ("certified", "line"),
    [
        pytest.param(
            BUNDLED,
            "the bundled description (the target publishes none), specs/plane.openapi.yaml "
            "(Plane REST API 1.0.0)",
            id="bundled",
        ),
        pytest.param(
            CertifiedAgainst("target", "http://h/api/schema/", "Plane API", "0.0.1"),
            "the target's own description, http://h/api/schema/ (Plane API 0.0.1)",
            id="target",
        ),
        pytest.param(
            CertifiedAgainst("openapi", "plane.yaml", "", ""),
            "--openapi, plane.yaml",
            id="openapi-without-info",
        ),
    ],
)
def test_the_console_names_it(certified: CertifiedAgainst, line: str) -> None:
    assert certified_line(document(certified)["certified_against"]) == line


def test_the_console_summary_says_it_and_what_the_target_lacks() -> None:
    stream = io.StringIO()
    built = document()
    built["requests"]["keyed"] = 64  # the session adds it after build_document
    RunDisplay(stream, live=False).summary(built, [])
    lines = stream.getvalue().splitlines()
    assert (
        "certified against: the bundled description (the target publishes none), "
        "specs/plane.openapi.yaml (Plane REST API 1.0.0)"
    ) in lines
    assert (
        "operations the target lacks: 1 of 2 declared (404 to a valid key: the operations "
        "table says why)"
    ) in lines


def test_the_page_says_it_and_marks_the_absent_operations() -> None:
    page = render_html(document())
    assert 'id="certified-against"' in page
    assert "the bundled description (the target publishes none)" in page
    assert "<code>specs/plane.openapi.yaml</code> (Plane REST API 1.0.0)" in page
    assert '<span id="operations-absent">the target lacks 1</span>' in page
    assert 'data-absent="true"' in page
    assert "absent on the target: the target does not have this endpoint" in page
