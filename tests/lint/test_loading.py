"""Reading documents: input that cannot be linted exits 2 with a location; YAML bombs are
refused; structural errors are findings with positions; positions in YAML and JSON."""

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
        ("bad-syntax.yaml", "bad-syntax.yaml:7:1: not valid YAML"),
        ("bad-syntax.json", "bad-syntax.json:4:13: not valid JSON"),
        ("billion-laughs.yaml", "YAML aliases would expand 39 nodes to 1234567919; refusing"),
        ("recursive-alias.yaml", "recursive-alias.yaml:3: recursive YAML alias"),
    ],
    ids=[
        "swagger-2",
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


def test_structural_error_is_a_finding_not_exit_2(lint_cli: Callable[..., CliResult]) -> None:
    """The meta-schema's complaint is a finding at the failing node; the other rules still run."""
    result = lint_cli(INVALID / "missing-description.yaml", "--format", "json")
    assert result.code == 1, result.err
    findings = json.loads(result.out)["findings"]
    structural = [finding for finding in findings if finding["rule"] == "PLN-OAS-01"]
    assert [(f["path"], f["line"], f["column"], f["message"]) for f in structural] == [
        (
            "#/paths/~1things~1/get/responses/200",
            9,
            9,
            '"description" is a required property (OpenAPI 3.0, Response Object)',
        )
    ]
    assert {finding["rule"] for finding in findings} > {"PLN-OAS-01"}


def _two_errors_as(tmp_path: Path, suffix: str) -> Path:
    source = CASES / "two-structural-errors.yaml"
    if suffix == ".yaml":
        return source
    path = tmp_path / f"two-structural-errors{suffix}"
    path.write_text(json.dumps(yaml.safe_load(source.read_text()), indent=2))
    return path


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_every_structural_error_is_reported_at_its_node(tmp_path: Path, suffix: str) -> None:
    path = _two_errors_as(tmp_path, suffix)
    findings = [f for f in lint_path(path).findings if f.rule == "PLN-OAS-01"]
    assert [finding.pointer for finding in findings] == [
        "#/paths/~1api~1v1~1things~1/summary",
        "#/paths/~1api~1v1~1things~1{thing_id}~1/get/responses/200",
    ]
    lines = path.read_text().splitlines()
    for finding, key in zip(findings, ("summary", "200"), strict=True):
        assert finding.line is not None
        assert finding.column is not None
        text = lines[finding.line - 1][finding.column - 1 :]
        assert text.lstrip("'\"").startswith(key), (finding.pointer, text)


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
    assert finding.column == line.index('"responses"') + 1


def test_json_positions_of_members_items_and_absent_nodes(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text('{\n "a": [\n  1,\n  {"b": "x,y:z"},\n  3\n ],\n "c": "\\"}",\n "d/e~": 1\n}\n')
    locator = load_document(path).locator
    wanted = ["#", "#/a", "#/a/1/b", "#/a/2", "#/c", "#/d~1e~0", "#/a/1/nope", "#/zz/top"]
    found = {pointer: (p.line, p.column) for pointer, p in locator.positions(wanted).items()}
    assert found == {
        "#": (1, 1),
        "#/a": (2, 2),
        "#/a/1/b": (4, 4),
        "#/a/2": (5, 3),
        "#/c": (7, 2),
        "#/d~1e~0": (8, 2),
        "#/a/1/nope": (4, 3),
        "#/zz/top": (1, 1),
    }


def test_json_positions_count_characters_not_bytes(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text('{"t": "\u00e9\u00e9", "u": {"v": 1}}', encoding="utf-8")
    [position] = load_document(path).locator.positions(["#/u/v"]).values()
    assert (position.line, position.column) == (1, 19)


def test_yaml_positions_count_characters_not_bytes(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text("t: {\u00e9\u00e9: 1, u: 2}\n", encoding="utf-8")
    [position] = load_document(path).locator.positions(["#/t/u"]).values()
    assert (position.line, position.column) == (1, 12)


def test_json_with_surrogate_pair_escapes_loads(tmp_path: Path) -> None:
    """JSON goes to the json module: a thumbs-up escaped as a surrogate pair is fine."""
    document = tmp_path / "emoji.json"
    document.write_text(
        '{"openapi": "3.1.0", "info": {"title": "\\ud83d\\udc4d", "version": "1"}, "paths": {}}'
    )
    loaded = load_document(document)
    assert loaded.data["info"]["title"] == "\N{THUMBS UP SIGN}"
    assert loaded.locator.positions(["#/info/title"])["#/info/title"].line == 1


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


def test_yaml_positions_come_from_the_node_marks() -> None:
    pointer = "#/components/securitySchemes/ApiKeyAuth"
    position = load_document(PROJECT_SPEC).locator.positions([pointer])[pointer]
    line = PROJECT_SPEC.read_text().splitlines()[position.line - 1]
    assert line[position.column - 1 :] == "ApiKeyAuth:"


def test_position_of_an_absent_node_is_its_deepest_ancestor() -> None:
    locator = load_document(PROJECT_SPEC).locator
    found = locator.positions(
        ["#/components/securitySchemes", "#/components/securitySchemes/Nope/name"]
    )
    assert found["#/components/securitySchemes/Nope/name"] == found["#/components/securitySchemes"]


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
