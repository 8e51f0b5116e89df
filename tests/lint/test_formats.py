"""Output formats: JSON keys, SARIF valid against its 2.1.0 schema, JUnit, HTML, text snapshot;
text and HTML grouped by rule with the rest folded, the summary one line per rule."""

from __future__ import annotations

import copy
import json
import os
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml

from conformance.lint.formats.groups import FIRST_LOCATIONS
from conformance.lint.rules import RULES
from tests.lint.conftest import CASES, DATA, SNAPSHOTS, CliResult

SNAPSHOT_CASES = ("no-api-key-scheme.yaml", "envelope-incomplete.yaml")


@pytest.fixture
def in_cases(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the cases folder so that file names in outputs are short and stable."""
    monkeypatch.chdir(CASES)


@pytest.mark.usefixtures("in_cases")
def test_text_output_matches_snapshot(lint_cli: Callable[..., CliResult]) -> None:
    result = lint_cli(*SNAPSHOT_CASES)
    assert result.code == 1
    snapshot = SNAPSHOTS / "text-output.txt"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.write_text(result.out)
    assert result.out == snapshot.read_text()


@pytest.mark.usefixtures("in_cases")
def test_json_output_keys(lint_cli: Callable[..., CliResult]) -> None:
    result = lint_cli("missing-404.yaml", "--format", "json")
    document = json.loads(result.out)
    [finding] = document["findings"]
    assert set(finding) >= {"rule", "requirement", "severity", "path", "line", "message"}
    assert finding["rule"] == "PLN-HTTP-05"
    assert finding["requirement"] == ["HTTP-05"]
    assert finding["severity"] == "error"
    assert finding["path"] == "#/paths/~1api~1v1~1things~1{thing_id}~1/get/responses"
    assert isinstance(finding["line"], int)


@pytest.mark.usefixtures("in_cases")
def test_sarif_output_is_valid_sarif_2_1_0(lint_cli: Callable[..., CliResult]) -> None:
    result = lint_cli(*SNAPSHOT_CASES, "remote-ref.yaml", "--format", "sarif")
    log = json.loads(result.out)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
    validator = jsonschema.Draft4Validator(schema)
    errors = [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(log)
    ]
    assert errors == []
    [run] = log["runs"]
    assert len(run["tool"]["driver"]["rules"]) == len(RULES)
    assert {result["ruleId"] for result in run["results"]} >= {
        "PLN-AUTH-01",
        "PLN-PAG-01",
        "PLN-REF-01",
    }
    for item in run["results"]:
        assert run["tool"]["driver"]["rules"][item["ruleIndex"]]["id"] == item["ruleId"]


def test_sarif_schema_rejects_a_broken_log() -> None:
    """The vendored schema is the real thing: it refuses a log without runs.

    (Pure-Python jsonschema here: the schema's ``language`` pattern is valid for JavaScript and
    Python regexes but not for jsonschema_rs's engine.)"""
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text())
    assert not jsonschema.Draft4Validator(schema).is_valid({"version": "2.1.0"})


@pytest.mark.usefixtures("in_cases")
def test_junit_output_fails_the_rules_with_findings(lint_cli: Callable[..., CliResult]) -> None:
    result = lint_cli("missing-404.yaml", "scheme-bearer-too.yaml", "--format", "junit")
    root = ElementTree.fromstring(result.out)
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == ["missing-404.yaml", "scheme-bearer-too.yaml"]
    failed = [
        case.get("name") for case in root.iter("testcase") if case.find("failure") is not None
    ]
    # the AUTH-02 finding is a warning: reported in system-out, not a failure at "error"
    assert failed == ["PLN-HTTP-05 not-found-documented"]
    outs = [case.findtext("system-out") or "" for case in root.iter("testcase")]
    assert any("PLN-AUTH-02" in out for out in outs)
    assert root.get("tests") == str(2 * len(RULES))


@pytest.mark.usefixtures("in_cases")
def test_html_output_is_self_contained(tmp_path: Path, lint_cli: Callable[..., CliResult]) -> None:
    target = tmp_path / "report" / "lint.html"
    result = lint_cli("envelope-incomplete.yaml", "--format", "html", "--output", target)
    assert result.code == 1
    assert result.out == ""
    html = target.read_text()
    assert "PLN-PAG-01" in html
    assert "missing prev_cursor" in html
    for external in ("<script src", "<link ", "http://", "https://"):
        assert external not in html


@pytest.mark.usefixtures("in_cases")
def test_html_escapes_document_text(tmp_path: Path, lint_cli: Callable[..., CliResult]) -> None:
    document = tmp_path / "evil.yaml"
    document.write_text(
        (CASES / "base.yaml")
        .read_text()
        .replace("/api/v1/things/{thing_id}/", "/api/v1/things/{thing_id}/<b>x</b>")
    )
    result = lint_cli(document, "--format", "html")
    assert "<b>x</b>" not in result.out
    assert "&lt;b&gt;x&lt;/b&gt;" in result.out


@pytest.mark.usefixtures("in_cases")
@pytest.mark.parametrize(("threshold", "code"), [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_severity_sets_the_exit_code(
    lint_cli: Callable[..., CliResult], threshold: str, code: int
) -> None:
    assert lint_cli("scheme-bearer-too.yaml", "--fail-severity", threshold).code == code


def test_unwritable_output_exits_2(tmp_path: Path, lint_cli: Callable[..., CliResult]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = lint_cli(CASES / "base.yaml", "--output", blocker / "lint.txt")
    assert result.code == 2
    assert "cannot write" in result.err


def test_sarif_uses_file_uris_for_absolute_paths(lint_cli: Callable[..., CliResult]) -> None:
    log = json.loads(lint_cli((CASES / "missing-404.yaml").resolve(), "--format", "sarif").out)
    [result] = log["runs"][0]["results"]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == (CASES / "missing-404.yaml").resolve().as_uri()
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] > 1


@pytest.fixture
def eight_without_401(tmp_path: Path) -> Path:
    """base.yaml plus eight item paths whose GET lacks a 401: eight findings of one rule."""
    document = yaml.safe_load((CASES / "base.yaml").read_text())
    item = document["paths"]["/api/v1/things/{thing_id}/"]
    for number in range(8):
        get = copy.deepcopy(item["get"])
        del get["responses"]["401"]
        document["paths"][f"/api/v1/things/{{thing_id}}/parts-{number}/"] = {
            "parameters": item["parameters"],
            "get": get,
        }
    path = tmp_path / "eight.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def test_text_groups_by_rule_and_folds_the_rest(
    eight_without_401: Path, lint_cli: Callable[..., CliResult]
) -> None:
    out = lint_cli(eight_without_401).out
    assert (
        out.count("PLN-AUTH-04 unauthorized-documented: 8 error findings [AUTH-01, AUTH-02]") == 1
    )
    assert "  A missing or invalid key gets 401 on every endpoint and method." in out
    assert "  Applies to operations secured by the X-API-Key scheme" in out
    assert out.count("does not document 401") == FIRST_LOCATIONS
    assert "  ... and 3 more (--format json or sarif lists each)" in out


def test_html_folds_the_rest_in_details(
    eight_without_401: Path, lint_cli: Callable[..., CliResult]
) -> None:
    html = lint_cli(eight_without_401, "--format", "html").out
    assert html.count("does not document 401") == 8
    folded = html.split("<details><summary>3 more</summary>", 1)[1].split("</details>", 1)[0]
    assert folded.count("does not document 401") == 3


@pytest.mark.parametrize("output", ["json", "sarif"])
def test_machine_formats_keep_every_location(
    eight_without_401: Path, lint_cli: Callable[..., CliResult], output: str
) -> None:
    document = json.loads(lint_cli(eight_without_401, "--format", output).out)
    items = document["findings"] if output == "json" else document["runs"][0]["results"]
    assert len(items) == 8


def test_summary_is_one_line_per_rule(
    eight_without_401: Path, lint_cli: Callable[..., CliResult]
) -> None:
    result = lint_cli(eight_without_401, "--format", "summary")
    assert result.code == 1
    header, *lines = result.out.splitlines()
    assert header.endswith(f"8 findings (8 error, 0 warning, 0 info), {len(RULES)} rules")
    assert [line.split()[2] for line in lines] == [rule.id for rule in RULES]
    [auth] = [line for line in lines if "PLN-AUTH-04" in line]
    assert auth.split()[:4] == ["8", "error", "PLN-AUTH-04", "unauthorized-documented"]
    assert auth.endswith("AUTH-01, AUTH-02")


@pytest.mark.usefixtures("in_cases")
def test_sarif_regions_have_columns(lint_cli: Callable[..., CliResult]) -> None:
    log = json.loads(lint_cli("missing-404.yaml", "--format", "sarif").out)
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    [result] = run["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    line = (CASES / "missing-404.yaml").read_text().splitlines()[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 :] == "responses:"
