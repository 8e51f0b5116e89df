"""Per-requirement status rules: fail > error > pass > skip, untested without tests."""

from __future__ import annotations

import pytest

from conformance.report.aggregation import UNTESTED_REASON, aggregate_all
from conformance.report.model import Evidence, Outcome, TestOutcome
from tests.report.samples import evidence, outcome

Row = tuple[Outcome, ...]


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        pytest.param(("passed",), "pass", id="one-pass"),
        pytest.param(("passed", "failed"), "fail", id="any-fail-wins"),
        pytest.param(("error", "failed", "skipped"), "fail", id="fail-beats-error"),
        pytest.param(("passed", "error"), "error", id="error-beats-pass"),
        pytest.param(("skipped", "passed"), "pass", id="pass-beats-skip"),
        pytest.param(("skipped", "skipped"), "skip", id="all-skipped"),
        pytest.param((), "untested", id="no-test"),
    ],
)
def test_status_follows_the_precedence(outcomes: Row, expected: str) -> None:
    tests = [outcome(f"t{i}", ("PAG-04",), o, f"m{i}") for i, o in enumerate(outcomes)]
    results, unknown = aggregate_all(["PAG-04"], tests)
    assert results["PAG-04"].status == expected
    assert results["PAG-04"].tests == tuple(t.nodeid for t in tests)
    assert unknown == ()


def test_untested_has_the_fixed_reason() -> None:
    results, _ = aggregate_all(["RATE-07"], [outcome("t", ("PAG-04",), "passed")])
    assert results["RATE-07"].reason == UNTESTED_REASON


def test_skip_reason_joins_distinct_skip_messages() -> None:
    tests = [
        outcome("a", ("RATE-07",), "skipped", "needs a second key"),
        outcome("b", ("RATE-07",), "skipped", "needs a second key"),
        outcome("c", ("RATE-07",), "skipped", "not in quick profile"),
    ]
    results, _ = aggregate_all(["RATE-07"], tests)
    assert results["RATE-07"].reason == "needs a second key; not in quick profile"


def test_failure_reason_and_evidence_come_from_the_failing_tests_only() -> None:
    tests = [
        outcome("ok", ("PAG-04",), "passed"),
        outcome("bad", ("PAG-04",), "failed", "fallback", (evidence("PAG-04", "101 accepted"),)),
    ]
    result = aggregate_all(["PAG-04"], tests)[0]["PAG-04"]
    assert (result.status, result.reason) == ("fail", "101 accepted")
    assert [e.message for e in result.evidence] == ["101 accepted"]


@pytest.mark.parametrize(
    ("evidence_for", "expected"),
    [
        pytest.param((), {"PAG-03": "fail", "PAG-06": "fail"}, id="no-evidence-fails-all"),
        pytest.param((None,), {"PAG-03": "fail", "PAG-06": "fail"}, id="untargeted-fails-all"),
        pytest.param(("PAG-06",), {"PAG-03": "pass", "PAG-06": "fail"}, id="targeted-fails-one"),
        pytest.param(
            ("PAG-06", None), {"PAG-03": "fail", "PAG-06": "fail"}, id="targeted-and-untargeted"
        ),
        pytest.param(
            ("HTTP-07",),
            {"PAG-03": "pass", "PAG-06": "pass", "HTTP-07": "fail"},
            id="evidence-for-an-unnamed-id",
        ),
    ],
)
def test_a_failed_multi_id_test_fails_what_its_evidence_names(
    evidence_for: tuple[str | None, ...], expected: dict[str, str]
) -> None:
    test = outcome(
        "multi", ("PAG-03", "PAG-06"), "failed", "boom", tuple(evidence(r) for r in evidence_for)
    )
    results, _ = aggregate_all(["PAG-03", "PAG-06", "HTTP-07"], [test])
    got = {rid: r.status for rid, r in results.items() if r.status != "untested"}
    assert got == expected
    assert results["HTTP-07"].tests == ((test.nodeid,) if "HTTP-07" in expected else ())


def test_error_and_skip_apply_to_every_named_id() -> None:
    tests: list[TestOutcome] = [
        outcome("e", ("AUTH-01", "AUTH-02"), "error", "timeout"),
        outcome("s", ("AUTH-03",), "skipped", "n/a"),
    ]
    results, _ = aggregate_all(["AUTH-01", "AUTH-02", "AUTH-03"], tests)
    assert [r.status for r in results.values()] == ["error", "error", "skip"]
    assert results["AUTH-01"].reason == "timeout"


def test_ids_outside_the_catalogue_are_reported() -> None:
    _, unknown = aggregate_all(["PAG-04"], [outcome("t", ("PAG-04", "XYZ-99"), "passed")])
    assert unknown == ("XYZ-99",)


def test_a_long_reason_shows_three_messages_and_counts_the_rest() -> None:
    outcome = TestOutcome(
        nodeid="t", name="t", doc="", requirements=("AUTH-02",), outcome="failed",
        message="", evidence=tuple(
            Evidence(test="t", requirement="AUTH-02", message=f"GET /{n}/ got 403")
            for n in range(5)
        ),
    )  # fmt: skip
    results, _ = aggregate_all(["AUTH-02"], [outcome])
    assert results["AUTH-02"].reason == (
        "GET /0/ got 403; GET /1/ got 403; GET /2/ got 403 (and 2 more)"
    )
    assert len(results["AUTH-02"].evidence) == 5
