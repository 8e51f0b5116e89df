"""Each broken case gets exactly the finding it should; clean documents get none; the shapes
met in real documents (``cases/shapes/``) get no false finding."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conformance.lint.engine import lint_path
from conformance.lint.findings import Severity
from conformance.lint.rules import RULES
from tests.lint.conftest import CASES, PROJECT_SPEC, CliResult

# case -> (rules whose findings it must produce and no others, a requirement they protect)
EXPECTED: dict[str, tuple[frozenset[str], str]] = {
    "scheme-bearer-too": (frozenset({"PLN-AUTH-02"}), "AUTH-05"),
    "no-api-key-scheme": (frozenset({"PLN-AUTH-01", "PLN-AUTH-02", "PLN-AUTH-03"}), "AUTH-01"),
    "anonymous-operation": (frozenset({"PLN-AUTH-03"}), "AUTH-03"),
    "missing-401": (frozenset({"PLN-AUTH-04"}), "AUTH-02"),
    "post-200": (frozenset({"PLN-HTTP-02"}), "HTTP-02"),
    "created-without-id": (frozenset({"PLN-HTTP-02"}), "HTTP-02"),
    "patch-204": (frozenset({"PLN-HTTP-03"}), "HTTP-03"),
    "delete-200": (frozenset({"PLN-HTTP-04"}), "HTTP-04"),
    "no-content-with-body": (frozenset({"PLN-HTTP-04"}), "HTTP-04"),
    "get-without-200": (frozenset({"PLN-HTTP-01"}), "HTTP-01"),
    "missing-404": (frozenset({"PLN-HTTP-05"}), "HTTP-05"),
    "missing-400": (frozenset({"PLN-HTTP-06"}), "PAG-04"),
    "html-not-found": (frozenset({"PLN-ERR-01", "PLN-FMT-01"}), "FMT-01"),
    "two-error-schemas": (frozenset({"PLN-ERR-02"}), "HTTP-09"),
    "error-without-message": (frozenset({"PLN-ERR-03"}), "HTTP-09"),
    "envelope-incomplete": (frozenset({"PLN-PAG-01"}), "PAG-01"),
    "envelope-closed": (frozenset({"PLN-PAG-02"}), "PAG-01"),
    "per-page-missing": (frozenset({"PLN-PAG-03"}), "PAG-03"),
    "per-page-max-500": (frozenset({"PLN-PAG-04"}), "PAG-04"),
    "per-page-min-0": (frozenset({"PLN-PAG-05"}), "PAG-05"),
    "per-page-default-20": (frozenset({"PLN-PAG-06"}), "PAG-02"),
    "cursor-without-pattern": (frozenset({"PLN-PAG-07"}), "PAG-06"),
    "cursor-loose-pattern": (frozenset({"PLN-PAG-07"}), "PAG-11"),
    "list-without-fields": (frozenset({"PLN-FLD-01"}), "FLD-01"),
    "item-without-expand": (frozenset({"PLN-FLD-02"}), "FLD-03"),
    "missing-rate-headers": (frozenset({"PLN-RATE-01"}), "RATE-01"),
    "missing-429": (frozenset({"PLN-RATE-02"}), "RATE-04"),
    "throttled-without-retry-after": (frozenset({"PLN-RATE-03"}), "RATE-06"),
    "xml-response": (frozenset({"PLN-FMT-01"}), "FMT-01"),
    "form-request-body": (frozenset({"PLN-FMT-02"}), "FMT-02"),
    "verb-in-path": (frozenset({"PLN-PATH-02"}), "HTTP-01"),
    "no-trailing-slash": (frozenset({"PLN-PATH-03"}), "HTTP-10"),
    "post-on-item": (frozenset({"PLN-PATH-01"}), "HTTP-02"),
    "integer-id": (frozenset({"PLN-PATH-04"}), "HTTP-05"),
    "remote-ref": (frozenset({"PLN-REF-01"}), ""),
    "ref-outside-folder": (frozenset({"PLN-REF-01"}), ""),
    "missing-ref": (frozenset({"PLN-REF-02"}), ""),
    "cyclic-ref": (frozenset({"PLN-REF-02"}), ""),
    "media-type-as-schema": (frozenset({"PLN-OAS-01"}), ""),
    "two-structural-errors": (frozenset({"PLN-OAS-01"}), ""),
    "item-declares-page": (frozenset({"PLN-PAG-08"}), "HTTP-01"),
}

SHAPES = CASES / "shapes"
# shape -> (the rules it must produce and no others, a phrase each of their messages holds);
# each was once a false or misleading finding on a real description (see its header comment)
SHAPE_FINDINGS: dict[str, tuple[frozenset[str], str]] = {
    "singleton-without-fields": (frozenset(), ""),
    "item-redirect": (frozenset({"PLN-HTTP-01"}), "does not document 200"),
    "action-posts": (frozenset(), ""),
    "slug-only-path": (frozenset(), ""),
    "compound-id-segment": (frozenset(), ""),
    "parameter-ending-paths": (frozenset(), ""),
    "error-shapes-copied-inline": (frozenset(), ""),
    "error-shapes-none-shared": (
        frozenset({"PLN-ERR-02"}),
        "is one of 4 error shapes among 4 4xx bodies, none used more than the others",
    ),
    "grouped-list-with-paging": (
        frozenset({"PLN-PAG-01"}),
        "its 200 body is not the list envelope (it declares none of the eight keys)",
    ),
}


@pytest.mark.parametrize("case", sorted(EXPECTED), ids=str)
def test_broken_case_gets_its_finding(case: str) -> None:
    rules, requirement = EXPECTED[case]
    report = lint_path(CASES / f"{case}.yaml")
    assert {finding.rule for finding in report.findings} == rules
    if requirement:
        assert any(requirement in finding.requirements for finding in report.findings)
    else:
        assert all(finding.requirements == () for finding in report.findings)


@pytest.mark.parametrize("shape", sorted(SHAPE_FINDINGS), ids=str)
def test_real_shape_gets_only_true_findings(shape: str) -> None:
    rules, phrase = SHAPE_FINDINGS[shape]
    report = lint_path(SHAPES / f"{shape}.yaml")
    assert {finding.rule for finding in report.findings} == rules, [
        f"{f.rule} {f.message}" for f in report.findings
    ]
    assert all(phrase in finding.message for finding in report.findings)


def test_every_shape_file_is_expected() -> None:
    on_disk = {path.stem for path in SHAPES.glob("*.yaml")} - {"common"}
    assert on_disk == set(SHAPE_FINDINGS)


def test_one_wrong_success_status_is_one_finding() -> None:
    """A PATCH documenting only 204 is one finding that says so, not "no 200" and "204 besides
    200" (which also read as if 200 were documented)."""
    [finding] = lint_path(CASES / "patch-204.yaml").findings
    assert finding.message == "PATCH /api/v1/things/{thing_id}/ documents 204, not 200"


@pytest.mark.parametrize(
    "document",
    [
        PROJECT_SPEC,
        CASES / "base.yaml",
        CASES / "split" / "openapi.yaml",
        CASES / "v30" / "openapi.yaml",
    ],
    ids=["plane.openapi.yaml", "base.yaml", "split-with-local-file-ref", "openapi-3.0"],
)
def test_clean_document_has_no_findings(document: Path) -> None:
    report = lint_path(document)
    assert [f"{f.rule} {f.pointer} {f.message}" for f in report.findings] == []
    assert report.rules_run == len(RULES)


def test_project_description_has_no_error(lint_cli: Callable[..., CliResult]) -> None:
    """The shipped description lints clean through the CLI, exit 0."""
    result = lint_cli(PROJECT_SPEC)
    assert result.code == 0, result.out + result.err
    assert "0 error, 0 warning, 0 info" in result.out


def test_every_case_file_is_expected() -> None:
    on_disk = {path.stem for path in CASES.glob("*.yaml")} - {"base"}
    assert on_disk == set(EXPECTED)


def test_every_rule_has_a_case_that_triggers_it() -> None:
    triggered = set().union(*(rules for rules, _ in EXPECTED.values()))
    assert {rule.id for rule in RULES} == triggered


def test_severity_of_findings_is_the_rules() -> None:
    severities = {rule.id: rule.severity for rule in RULES}
    report = lint_path(CASES / "no-api-key-scheme.yaml")
    assert report.findings
    assert all(finding.severity is severities[finding.rule] for finding in report.findings)
    assert report.at_or_above(Severity.ERROR)
