"""Reading documents: not-OpenAPI input exits 2 with a location; YAML bombs are refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conformance.errors import SpecError
from conformance.lint.engine import lint_path
from conformance.lint.loading import load_document
from tests.lint.conftest import CASES, PROJECT_SPEC, CliResult

INVALID = Path(__file__).parent / "invalid"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("swagger-2.yaml", "no 'openapi' field at the top level (Swagger 2.0 is not supported)"),
        (
            "missing-description.yaml",
            "missing-description.yaml:9: not valid OpenAPI 3.0 at #/paths/~1things~1/get/responses/"
            '200: "description" is a required property',
        ),
        ("bad-syntax.yaml", "bad-syntax.yaml:7:1: not valid YAML"),
        ("bad-syntax.json", "bad-syntax.json:4:13: not valid JSON"),
        ("billion-laughs.yaml", "YAML aliases would expand 39 nodes to 1234567919; refusing"),
        ("recursive-alias.yaml", "recursive-alias.yaml:3: recursive YAML alias"),
    ],
    ids=[
        "swagger-2",
        "missing-description",
        "bad-yaml",
        "bad-json",
        "billion-laughs",
        "recursive-alias",
    ],
)
def test_unreadable_input_exits_2_with_location(
    lint_cli: Callable[..., CliResult], name: str, expected: str
) -> None:
    result = lint_cli(INVALID / name)
    assert result.code == 2
    assert result.out == ""
    assert expected in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_missing_file_is_a_spec_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="cannot read"):
        lint_path(tmp_path / "absent.yaml")


def test_unsupported_openapi_version_is_refused(tmp_path: Path) -> None:
    document = tmp_path / "v4.json"
    document.write_text(json.dumps({"openapi": "4.0.0", "info": {}, "paths": {}}))
    with pytest.raises(SpecError, match=r"is not OpenAPI 3\.0 or 3\.1"):
        lint_path(document)


def test_json_findings_get_lines_too(tmp_path: Path) -> None:
    document = yaml.safe_load((CASES / "missing-404.yaml").read_text())
    path = tmp_path / "missing-404.json"
    path.write_text(json.dumps(document, indent=2))
    [finding] = lint_path(path).findings
    assert finding.line is not None
    line = path.read_text().splitlines()[finding.line - 1]
    assert line.strip() == '"responses": {'


def test_json_lines_of_array_items_and_absent_members(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text('{\n "a": [\n  1,\n  {"b": "x,y:z"},\n  3\n ],\n "c": "\\"}"\n}\n')
    locator = load_document(path).locator
    assert locator.line_of("#/a") == 2
    assert locator.line_of("#/a/1/b") == 4
    assert locator.line_of("#/a/2") == 5
    assert locator.line_of("#/c") == 7
    assert locator.line_of("#/a/1/nope") == 4


def test_json_with_surrogate_pair_escapes_loads(tmp_path: Path) -> None:
    """JSON goes to the json module: a thumbs-up escaped as a surrogate pair is fine."""
    document = tmp_path / "emoji.json"
    document.write_text(
        '{"openapi": "3.1.0", "info": {"title": "\\ud83d\\udc4d", "version": "1"}, "paths": {}}'
    )
    loaded = load_document(document)
    assert loaded.data["info"]["title"] == "\N{THUMBS UP SIGN}"
    assert loaded.locator.line_of("#/info/title") == 1


def test_yaml_keys_stay_strings_and_dates_stay_text(tmp_path: Path) -> None:
    document = tmp_path / "keys.yaml"
    document.write_text("responses:\n  200: {description: ok}\nwhen: 2024-01-02\n")
    data = load_document(document).data
    assert data == {"responses": {"200": {"description": "ok"}}, "when": "2024-01-02"}


def test_yaml_merge_keys_still_merge(tmp_path: Path) -> None:
    document = tmp_path / "merge.yaml"
    document.write_text("base: &b {a: 1}\nderived:\n  <<: *b\n  c: 2\n")
    assert load_document(document).data["derived"] == {"a": 1, "c": 2}


def test_moderate_alias_use_is_accepted(tmp_path: Path) -> None:
    """Anchors are normal YAML: a document reusing one a few hundred times still loads."""
    uses = "\n".join(f"  k{index}: *shared" for index in range(300))
    document = tmp_path / "anchors.yaml"
    document.write_text(f"shared: &shared {{a: [1, 2, 3], b: {{c: d}}}}\nmany:\n{uses}\n")
    assert len(load_document(document).data["many"]) == 300


def test_yaml_lines_come_from_the_node_marks() -> None:
    loaded = load_document(PROJECT_SPEC)
    line = loaded.locator.line_of("#/components/securitySchemes/ApiKeyAuth")
    assert line is not None
    assert PROJECT_SPEC.read_text().splitlines()[line - 1].strip() == "ApiKeyAuth:"


def test_line_of_an_absent_node_is_its_deepest_ancestor() -> None:
    loaded = load_document(PROJECT_SPEC)
    parent = loaded.locator.line_of("#/components/securitySchemes")
    assert loaded.locator.line_of("#/components/securitySchemes/Nope/name") == parent


@pytest.mark.parametrize(
    ("suffix", "text"),
    [
        (".json", '{"openapi": "3.1.0", "x": ' + "[" * 50_000 + "]" * 50_000 + "}"),
        (".yaml", "openapi: 3.1.0\nx: " + "[" * 50_000 + "]" * 50_000 + "\n"),
    ],
    ids=["json", "yaml"],
)
def test_absurd_nesting_is_a_spec_error_not_a_crash(tmp_path: Path, suffix: str, text: str) -> None:
    document = tmp_path / f"deep{suffix}"
    document.write_text(text)
    with pytest.raises(SpecError, match="nest"):
        load_document(document)
