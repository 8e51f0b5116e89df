"""``plane-conformance requirements --where ID`` is held to the code: every place it prints
names the ID on that very line, and every suite marker, judge, lint rule, fault and variation that
names the ID is printed."""

from __future__ import annotations

import ast
import importlib
import inspect
from dataclasses import fields
from pathlib import Path

import pytest

from conformance.audit.judging import JUDGES, Judge
from conformance.catalogue import load_catalogue
from conformance.catalogue.places import (
    KINDS,
    ROWS,
    Place,
    kind_of,
    package_places,
    package_root,
    places_of,
    scan_file,
    unknown_places,
)
from conformance.lint.rule import Rule
from conformance.lint.rules import RULES
from conformance.reference.faults import FAULTS, Fault
from conformance.reference.variations import VARIATIONS, Variation
from tests.runner.conftest import run_cli

IDS = [r.id for r in load_catalogue()]
ROOT = package_root().parent


def named(kind: str, requirement: str) -> set[tuple[str, str]]:
    """(what holds it, how) of each place of ``kind`` that names ``requirement``."""
    return {(p.name, p.how) for p in places_of(requirement) if p.kind == kind}


@pytest.mark.parametrize("requirement", IDS)
def test_every_place_printed_names_the_id_on_its_line(requirement: str) -> None:
    places = places_of(requirement)
    for place in places:
        line = (ROOT / place.path).read_text(encoding="utf-8").splitlines()[place.line - 1]
        assert f'"{requirement}"' in line, place
    assert any(p.kind == "suite test" and p.how.startswith("pytest.mark.req") for p in places)


def test_the_suite_markers_are_places() -> None:
    """Each test's ``req`` IDs, read from the collected suite, are printed as its marker."""
    import conformance.suite.test_operations as operations
    import conformance.suite.test_pagination as pagination

    for requirement in pagination.WALK_IDS:
        assert ("test_next_cursor_walk_visits_every_item_once", "pytest.mark.req(*WALK_IDS)") in (
            named("suite test", requirement)
        )
    for requirement in operations.OPERATION_IDS:
        assert (
            "test_declared_operation_keeps_what_every_endpoint_keeps",
            "pytest.mark.req(*OPERATION_IDS)",
        ) in named("suite test", requirement)


def test_every_fault_and_variation_is_a_place_of_what_it_names() -> None:
    for fault in FAULTS:
        for requirement in fault.breaks:
            assert (fault.name, "breaks") in named("seeded fault", requirement)
        for requirement in fault.may_also_break:
            assert (fault.name, "may_also_break") in named("seeded fault", requirement)
    for variation in VARIATIONS:
        for requirement in variation.exercises:
            assert (variation.name, "exercises") in named("variation", requirement)


def test_every_lint_rule_is_a_place_of_what_it_protects() -> None:
    for rule in RULES:
        for requirement in rule.requirements:
            assert (rule.id, "requirements") in named("lint rule", requirement)


def test_every_judge_is_a_place_of_what_it_decides() -> None:
    for judge in JUDGES:
        for requirement in judge.decides:
            assert (judge.run.__name__, "decides") in named("audit judge", requirement)


def shared_judgements_of(source: Path) -> list[Place]:
    """The places of the shared judgements (``conformance.judgements``) ``source`` imports."""
    imported: dict[str, set[str]] = {}
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "conformance.judgements."
        ):
            imported.setdefault(str(node.module), set()).update(a.name for a in node.names)
    return [
        place
        for module, names in imported.items()
        for place in scan_file(Path(inspect.getfile(importlib.import_module(module))), "")
        if place.name in names
    ]


@pytest.mark.parametrize("judge", JUDGES, ids=lambda j: j.run.__name__)
def test_a_judge_decides_exactly_the_ids_its_module_and_its_judgements_name(
    judge: Judge,
) -> None:
    source = Path(inspect.getfile(judge.run))
    named = scan_file(source, "audit judge") + shared_judgements_of(source)
    assert {p.requirement for p in named} == set(judge.decides)


@pytest.mark.parametrize("table", [Fault, Variation, Rule, Judge], ids=lambda t: t.__name__)
def test_the_table_rows_the_scan_reads_are_the_dataclasses(table: type) -> None:
    assert list(ROWS[table.__name__]) == [f.name for f in fields(table)]


def test_no_file_of_the_package_names_an_unknown_id() -> None:
    """The whole package, not only the places ``--where`` prints: a typo anywhere shows here."""
    everywhere = [p for path in sorted(package_root().rglob("*.py")) for p in scan_file(path, "")]
    assert len(everywhere) >= len(package_places())
    assert unknown_places(everywhere) == []


def test_a_typo_is_read_as_an_id(tmp_path: Path) -> None:
    source = tmp_path / "walk.py"
    source.write_text('def judge_prev(check):\n    check.that("PAG-1O", False, "x")\n')
    [place] = scan_file(source, "suite test")
    assert (place.requirement, place.line, place.name, place.how) == (
        "PAG-1O",
        2,
        "judge_prev",
        "check.that",
    )
    assert unknown_places([place]) == [place]


def test_every_kind_is_a_part_that_exists() -> None:
    for prefix, _ in KINDS:
        assert (package_root() / prefix).exists(), prefix
    assert kind_of("suite/walk.py") == "suite test"
    assert kind_of("lint/rules/pagination.py") == "lint rule"
    assert kind_of("lint/engine.py") is None


def test_where_prints_file_and_line_of_each_place(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "requirements", "--where", "pag-10")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "PAG-10 MUST prev_cursor returns the previous page"
    places = places_of("PAG-10")
    assert lines[-1] == f"{len(places)} places"
    assert [line.split()[0] for line in lines[1:-1]] == [p.location for p in places]
    kinds = {p.kind for p in places}
    assert {"suite test", "audit judge", "seeded fault"} <= kinds


def test_where_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    result = run_cli(capsys, "requirements", "--where", "FLD-03", "--format", "json")
    document = json.loads(result.out)
    assert document["id"] == "FLD-03"
    assert [Place("FLD-03", **p) for p in document["places"]] == places_of("FLD-03")


def test_where_refuses_an_unknown_id_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "requirements", "--where", "PAG-1O")
    assert result.code == 2
    assert result.out == ""
    assert result.err.strip().splitlines() == [
        "plane-conformance requirements: error: unknown requirement ID 'PAG-1O' in --where "
        "(the closest known: PAG-10); the IDs are those of specs/requirements.yaml"
    ]
