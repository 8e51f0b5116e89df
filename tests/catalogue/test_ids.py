"""Requirement IDs cannot be mistyped: an unknown ID fails loudly wherever it is written (a check,
a lint rule, a judge, a fault, a variation; the markers and the suite's modules at collection:
``tests/plugin/test_markers.py``), naming the closest known ID, never as a skip or a note."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conformance.audit.judging import Judge
from conformance.audit.scope import Scope
from conformance.catalogue import load_catalogue
from conformance.catalogue.ids import check_ids, closest, known, looks_like_id
from conformance.checks import Checker
from conformance.checks.checker import Judged
from conformance.errors import HarnessError, UnknownRequirement
from conformance.http import Exchange
from conformance.lint.findings import Severity
from conformance.lint.rule import Rule
from conformance.reference.faults import Fault
from conformance.reference.variations import Variation

TYPO = "PAG-1O"  # the typo of issue 21: a letter O for the zero of PAG-10


def test_every_catalogue_id_is_known() -> None:
    ids = [r.id for r in load_catalogue()]
    assert check_ids(ids, "the catalogue") == tuple(ids)
    assert all(looks_like_id(rid) for rid in ids)


@pytest.mark.parametrize(
    ("written", "nearest"),
    [(TYPO, "PAG-10"), ("pag-10", "PAG-10"), ("PAG10", "PAG-10"), ("HTTP-l0", "HTTP-10"),
     ("RATE-8", "RATE-07"), ("XYZ", None)],
)  # fmt: skip
def test_the_closest_known_id(written: str, nearest: str | None) -> None:
    assert closest(written) == nearest


def test_an_unknown_id_is_a_harness_error_naming_the_closest() -> None:
    with pytest.raises(UnknownRequirement) as raised:
        known(TYPO, "check.that")
    assert isinstance(raised.value, HarnessError)
    assert str(raised.value) == (
        "unknown requirement ID 'PAG-1O' in check.that (the closest known: PAG-10); the IDs "
        "are those of specs/requirements.yaml"
    )


def _exchange() -> Exchange:
    return Exchange(
        seq=1, started_at=0.0, method="GET", url="http://127.0.0.1/api/v1/x/",
        request_headers=(), request_body="", request_truncated=False, status=500,
        response_headers=(), response_body="{}", truncated=False, elapsed_ms=1.0, error=None,
    )  # fmt: skip


CHECKER_CALLS: dict[str, Callable[[Checker], object]] = {
    "that": lambda c: c.that(TYPO, False, "prev_cursor returned the wrong page"),
    "expect": lambda c: c.expect(TYPO, ["a problem"]),
    "skip": lambda c: c.skip(TYPO, "no previous page"),
    "status": lambda c: c.status(TYPO, 500, 200, "GET", _exchange()),
    "judged": lambda c: c.judged(TYPO, [Judged(_exchange(), False, "broken")]),
    "failed": lambda c: c.failed(TYPO),
    "child": lambda c: c.child().that(TYPO, True, "fine"),
}


@pytest.mark.parametrize("call", CHECKER_CALLS.values(), ids=CHECKER_CALLS.keys())
def test_a_check_refuses_an_unknown_id_at_once(call: Callable[[Checker], object]) -> None:
    """The typo of issue 21 turned a failure into ``PAG-10: skip``; now the call itself fails,
    and the checker keeps no trace of the ID (no finding, no evaluation, no skip)."""
    check = Checker()
    with pytest.raises(UnknownRequirement, match="closest known: PAG-10"):
        call(check)
    assert (check.findings, check.evaluated, check.skipped) == ([], set(), {})


def test_a_lint_rule_refuses_an_unknown_id() -> None:
    with pytest.raises(UnknownRequirement, match=r"the lint rule PLN-PAG-99 .*PAG-10"):
        Rule("PLN-PAG-99", "typo", Severity.ERROR, (TYPO,), "why", lambda c: [], scope="lists")


def test_a_judge_refuses_an_unknown_id() -> None:
    with pytest.raises(UnknownRequirement, match=r"the judge judge_pages .*PAG-10"):
        Judge(judge_pages, ("PAG-09", TYPO))


def judge_pages(scope: Scope) -> None:
    """A stand-in judge: only its name shows."""


@pytest.mark.parametrize("field", ["breaks", "may_also_break"])
def test_a_fault_refuses_an_unknown_id(field: str) -> None:
    lists = {"breaks": ("PAG-09",), "may_also_break": ()} | {field: (TYPO,)}
    with pytest.raises(UnknownRequirement, match=r"the fault prev-typo .*PAG-10"):
        Fault("prev-typo", "a typo", lists["breaks"], lists["may_also_break"])


def test_a_variation_refuses_an_unknown_id() -> None:
    with pytest.raises(UnknownRequirement, match=r"the variation typo .*PAG-10"):
        Variation("typo", "a typo", (TYPO,))


def test_a_table_with_an_unknown_id_fails_its_import(tmp_path: Path) -> None:
    """The static tables are built when their module is imported: a typo stops the import."""
    module = tmp_path / "typo_faults.py"
    module.write_text(
        "from conformance.reference.faults import Fault\n"
        f"FAULTS = (Fault('prev-typo', 'a typo', ({TYPO!r},)),)\n",
        encoding="utf-8",
    )
    spec = importlib.util.spec_from_file_location("typo_faults", module)
    assert spec is not None
    assert spec.loader is not None
    with pytest.raises(UnknownRequirement, match="PAG-1O"):
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
    assert "typo_faults" not in sys.modules
