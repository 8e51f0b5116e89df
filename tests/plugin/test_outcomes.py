"""Outcomes: violations fail their requirements, undecided ones are errors, and no text a test
wrote can carry a key into the report."""

from __future__ import annotations

from conformance.checks import Finding, Violations
from conformance.http import Redactor
from conformance.plugin.outcomes import outcome_for_failure, redacted

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


def test_violations_fail_their_ids_and_leave_unchecked_ones_undecided() -> None:
    exc = Violations([Finding("PAG-03", "wrong size")], evaluated={"PAG-03", "PAG-06"})
    failed, undecided = _outcomes(exc, ("PAG-03", "PAG-06", "PAG-09"))
    assert (failed.outcome, failed.requirements) == ("failed", ("PAG-03", "PAG-06"))
    assert (undecided.outcome, undecided.requirements) == ("error", ("PAG-09",))


def test_cut_short_leaves_everything_without_a_finding_undecided() -> None:
    exc = Violations([Finding("HTTP-06", "500")], {"HTTP-06", "HTTP-07"}, TimeoutError("late"))
    failed, undecided = _outcomes(exc, ("HTTP-06", "HTTP-07"))
    assert failed.requirements == ("HTTP-06",)
    assert undecided.requirements == ("HTTP-07",)
    assert "cut short" in undecided.message
