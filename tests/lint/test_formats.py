"""Output formats: JSON keys, SARIF valid against its 2.1.0 schema, JUnit, HTML, text snapshot."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

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
