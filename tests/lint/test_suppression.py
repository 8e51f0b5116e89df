"""Suppression: x-plane-conformance-ignore on a node, an ignore file, and --strict."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conformance.errors import ConfigError
from conformance.lint.engine import lint_path
from conformance.lint.suppression import load_ignore_file
from tests.lint.conftest import CASES, CliResult

KNOWN = frozenset({"PLN-AUTH-04", "PLN-RATE-02"})


def _with_inline_ignore(tmp_path: Path, case: str, *keys: str, rules: list[str]) -> Path:
    """Copy a case with ``x-plane-conformance-ignore`` set on the node at ``keys``."""
    document = yaml.safe_load((CASES / f"{case}.yaml").read_text())
    node = document
    for key in keys:
        node = node[key]
    node["x-plane-conformance-ignore"] = rules
    path = tmp_path / f"{case}.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def test_inline_ignore_on_the_node_silences_it(tmp_path: Path) -> None:
    path = _with_inline_ignore(
        tmp_path,
        "missing-401",
        "paths",
        "/api/v1/things/{thing_id}/",
        "patch",
        rules=["PLN-AUTH-04"],
    )
    report = lint_path(path)
    assert report.findings == ()
    assert report.suppressed == 1


def test_inline_ignore_applies_below_the_node(tmp_path: Path) -> None:
    path = _with_inline_ignore(tmp_path, "missing-401", "paths", rules=["PLN-AUTH-04"])
    assert lint_path(path).findings == ()


def test_inline_ignore_of_another_rule_keeps_the_finding(tmp_path: Path) -> None:
    path = _with_inline_ignore(tmp_path, "missing-401", "paths", rules=["PLN-RATE-02"])
    assert [finding.rule for finding in lint_path(path).findings] == ["PLN-AUTH-04"]


def test_inline_ignore_on_a_sibling_does_not_apply(tmp_path: Path) -> None:
    path = _with_inline_ignore(
        tmp_path, "missing-401", "paths", "/api/v1/things/", rules=["PLN-AUTH-04"]
    )
    assert [finding.rule for finding in lint_path(path).findings] == ["PLN-AUTH-04"]


def test_ignore_file_by_rule_and_path(tmp_path: Path, lint_cli: Callable[..., CliResult]) -> None:
    ignore = tmp_path / "ignore.yaml"
    ignore.write_text("- rule: PLN-AUTH-04\n  path: '#/paths/~1api~1v1~1things~1{thing_id}~1'\n")
    result = lint_cli(CASES / "missing-401.yaml", "--ignore-file", ignore)
    assert result.code == 0
    assert "1 suppressed" in result.out


def test_ignore_file_with_another_path_keeps_the_finding(
    tmp_path: Path, lint_cli: Callable[..., CliResult]
) -> None:
    ignore = tmp_path / "ignore.yaml"
    ignore.write_text("- rule: PLN-AUTH-04\n  path: '#/paths/~1api~1v1~1things~1'\n")
    result = lint_cli(CASES / "missing-401.yaml", "--ignore-file", ignore)
    assert result.code == 1
    assert "PLN-AUTH-04" in result.out


def test_strict_ignores_suppressions_and_counts_them(
    tmp_path: Path, lint_cli: Callable[..., CliResult]
) -> None:
    path = _with_inline_ignore(tmp_path, "missing-401", "paths", rules=["PLN-AUTH-04"])
    assert lint_cli(path).code == 0
    result = lint_cli(path, "--strict")
    assert result.code == 1
    assert "PLN-AUTH-04" in result.out
    assert "--strict ignored 1 suppressions" in result.out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("rule: PLN-AUTH-04\n", "expected a list"),
        ("- {rule: PLN-NOPE-01}\n", "unknown rule 'PLN-NOPE-01'"),
        ("- {rule: PLN-AUTH-04, path: paths}\n", "must be a JSON pointer"),
        ("- {rule: PLN-AUTH-04, why: because}\n", "is not {rule, path?}"),
        ("- [unclosed\n", "not valid YAML"),
    ],
    ids=["not-a-list", "unknown-rule", "path-not-pointer", "extra-key", "bad-yaml"],
)
def test_malformed_ignore_file_is_a_config_error(
    tmp_path: Path, content: str, message: str
) -> None:
    ignore = tmp_path / "ignore.yaml"
    ignore.write_text(content)
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_ignore_file(ignore, KNOWN)


def test_malformed_ignore_file_exits_2(tmp_path: Path, lint_cli: Callable[..., CliResult]) -> None:
    ignore = tmp_path / "ignore.yaml"
    ignore.write_text("- {rule: PLN-NOPE-01}\n")
    result = lint_cli(CASES / "base.yaml", "--ignore-file", ignore)
    assert result.code == 2
    assert "unknown rule" in result.err
