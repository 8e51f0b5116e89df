"""Outcomes: violations fail their requirements, undecided ones are errors, and no text a test
wrote can carry a key into the report."""

from __future__ import annotations

from conformance.checks import Checker, Finding, Violations
from conformance.errors import TargetError
from conformance.http import Redactor
from conformance.plugin.outcomes import (
    NOT_EXERCISED,
    Decisions,
    outcome_for_failure,
    outcome_for_pass,
    redacted,
)

KEY = "plane_api_" + "c" * 32


def _outcomes(exc: BaseException, ids: tuple[str, ...]) -> list:  # type: ignore[type-arg]
    return outcome_for_failure(
        nodeid="t", name="t", doc="", requirements=ids, exc=exc, tail=(),
        placeholders=("$PLANE_API_KEY",), seed=1, duration_s=0.0,
    )  # fmt: skip


def test_an_unexpected_error_quoting_the_key_is_redacted() -> None:
    [outcome] = _outcomes(RuntimeError(f"boom with {KEY}"), ("PAG-01",))
    clean = redacted(outcome, Redactor({"$PLANE_API_KEY": KEY}).redact)
    assert outcome.outcome == "error"
    assert KEY not in repr(clean)
    assert "$PLANE_API_KEY" in clean.message


def _by_outcome(outcomes: list) -> dict[str, tuple[str, ...]]:  # type: ignore[type-arg]
    return {o.outcome: o.requirements for o in outcomes}


def test_violations_fail_their_ids_and_leave_unchecked_ones_not_reached() -> None:
    exc = Violations([Finding("PAG-03", "wrong size")], evaluated={"PAG-03", "PAG-06"})
    outcomes = _outcomes(exc, ("PAG-03", "PAG-06", "PAG-09"))
    assert _by_outcome(outcomes) == {
        "failed": ("PAG-03",),
        "passed": ("PAG-06",),
        "skipped": ("PAG-09",),
    }
    assert outcomes[-1].message == "not reached in this test: it ended on PAG-03: wrong size"


def test_cut_short_leaves_everything_without_a_finding_undecided() -> None:
    exc = Violations([Finding("HTTP-06", "500")], {"HTTP-06", "HTTP-07"}, TimeoutError("late"))
    failed, undecided = _outcomes(exc, ("HTTP-06", "HTTP-07"))
    assert failed.requirements == ("HTTP-06",)
    assert undecided.requirements == ("HTTP-07",)
    assert "cut short" in undecided.message


def test_each_requirement_of_a_failed_test_is_decided_on_its_own() -> None:
    """A violation of one ID leaves the others as the checker left them: evaluated ones pass,
    skipped ones skip with their reason, and only the rest are undecided."""
    check = Checker()
    check.that("PAG-07", False, "first prev_cursor is '2:-1:1'")
    check.that("PAG-10", True, "prev_cursor returned the previous page")
    check.skip("PAG-13", "the collection changed during the run")
    exc = Violations(check.findings, check.evaluated)
    outcomes = outcome_for_failure(
        nodeid="t", name="t", doc="", requirements=("PAG-07", "PAG-10", "PAG-13", "PAG-09"),
        exc=exc, tail=(), placeholders=(), seed=1, duration_s=0.0,
        decisions=Decisions.of(check),
    )  # fmt: skip
    assert {(o.outcome, o.requirements, o.message.split(":")[0]) for o in outcomes} == {
        ("failed", ("PAG-07",), "PAG-07"),
        ("passed", ("PAG-10",), ""),
        ("skipped", ("PAG-13",), "the collection changed during the run"),
        ("skipped", ("PAG-09",), "not reached in this test"),
    }


def test_a_passed_test_passes_only_what_it_evaluated() -> None:
    check = Checker()
    example = check.child()  # a property's example: what it evaluates counts for the test
    example.that("FLD-01", True, "exact fields")
    check.skip("FLD-05", "no item has a state to expand")
    outcomes = outcome_for_pass(
        nodeid="t", name="t", doc="", requirements=("FLD-01", "FLD-05", "PAG-01"),
        decisions=Decisions.of(check), duration_s=0.0,
    )  # fmt: skip
    assert {(o.outcome, o.requirements, o.message) for o in outcomes} == {
        ("passed", ("FLD-01",), ""),
        ("skipped", ("FLD-05",), "no item has a state to expand"),
        ("skipped", ("PAG-01",), NOT_EXERCISED),
    }


def test_a_passed_test_without_a_checker_passes_every_id() -> None:
    outcomes = outcome_for_pass(
        nodeid="t", name="t", doc="", requirements=("AUTH-04",), decisions=Decisions(),
        duration_s=0.0,
    )  # fmt: skip
    assert _by_outcome(outcomes) == {"passed": ("AUTH-04",)}


def test_an_error_keeps_the_skips_it_came_after() -> None:
    check = Checker()
    check.skip("HTTP-02", "the target refused to create the cycle")
    outcomes = outcome_for_failure(
        nodeid="t", name="t", doc="", requirements=("HTTP-02", "FMT-02"),
        exc=TargetError("GET x: no complete response within 1 s"), tail=(), placeholders=(),
        seed=1, duration_s=0.0, decisions=Decisions.of(check),
    )  # fmt: skip
    assert _by_outcome(outcomes) == {"error": ("FMT-02",), "skipped": ("HTTP-02",)}
