"""The rule catalogue: stable unique IDs, and requirement IDs that exist in the catalogue."""

from __future__ import annotations

import re
from collections.abc import Callable

from conformance.catalogue import load_catalogue
from conformance.lint.findings import Severity
from conformance.lint.rules import RULES
from tests.lint.conftest import CliResult


def test_every_requirement_a_rule_names_exists_in_the_catalogue() -> None:
    known = load_catalogue().ids
    named = {requirement for rule in RULES for requirement in rule.requirements}
    assert named
    assert named - known == set()


def test_rule_severity_follows_the_requirement_level() -> None:
    """A rule protecting only SHOULD requirements is never an error; MUST ones are errors."""
    catalogue = load_catalogue()
    for rule in RULES:
        if rule.requirements and all(
            not catalogue.get(requirement).is_must for requirement in rule.requirements
        ):
            assert rule.severity is not Severity.ERROR, rule.id


def test_rule_ids_are_unique_and_well_formed() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"PLN-[A-Z]+-\d{2}", rule_id) for rule_id in ids)
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in names)


def test_every_rule_has_a_one_line_rationale() -> None:
    assert all(rule.rationale and "\n" not in rule.rationale for rule in RULES)


def test_list_rules_prints_every_rule(lint_cli: Callable[..., CliResult]) -> None:
    result = lint_cli("--list-rules")
    assert result.code == 0
    assert [line.split()[0] for line in result.out.splitlines()] == [r.id for r in RULES]


def test_no_spec_is_a_usage_error(lint_cli: Callable[..., CliResult]) -> None:
    result = lint_cli()
    assert result.code == 2
    assert "no SPEC given" in result.err
