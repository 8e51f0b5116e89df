"""From pytest's reports to the report model: outcomes per test, evidence per violation."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from conformance.checks import Checker, Violations
from conformance.errors import ConformanceError, TargetError
from conformance.evidence import exchange_record
from conformance.http import Exchange
from conformance.report import Evidence, TestOutcome
from conformance.report.model import Outcome

EVIDENCE_EXCHANGES = 6


def redacted(outcome: TestOutcome, redact: Callable[[str], str]) -> TestOutcome:
    """The outcome with every text a test wrote redacted: a last net under the recording's
    redaction, for messages of unexpected exceptions that might quote a key."""

    def text(value: str | None) -> str | None:
        return redact(value) if value is not None else None

    evidence = tuple(
        replace(
            e,
            message=redact(e.message),
            expected=text(e.expected),
            observed=text(e.observed),
            example=text(e.example),
        )
        for e in outcome.evidence
    )
    return replace(outcome, message=redact(outcome.message), evidence=evidence)


def one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else ""
    if isinstance(exc, ConformanceError | AssertionError):
        return first or type(exc).__name__
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def example_of(exc: BaseException) -> str | None:
    """Hypothesis' falsifying example, from the notes it adds to the exception."""
    notes = getattr(exc, "__notes__", ())
    found = [n for n in notes if n.startswith("Falsifying")]
    return "\n".join(found) if found else None


@dataclass(frozen=True, slots=True)
class Decisions:
    """What a test's checker knew when the test ended: the requirements it evaluated and those
    it skipped, with the reason. ``checked``: the test had a checker, so an ID it never
    evaluated was not verified by it (a test without one passes every ID when it passes)."""

    evaluated: frozenset[str] = frozenset()
    skipped: Mapping[str, str] = field(default_factory=dict)
    checked: bool = False

    @classmethod
    def of(cls, checker: Checker | None) -> Decisions:
        if checker is None:
            return cls()
        return cls(frozenset(checker.evaluated), dict(checker.skipped), checked=True)


NOT_EXERCISED = "not exercised by this test"


def _grouped(
    base: Mapping[str, Any], statuses: Mapping[str, tuple[Outcome, str]]
) -> list[TestOutcome]:
    """One outcome per (status, message), each naming its requirements in the test's order."""
    groups: dict[tuple[Outcome, str], list[str]] = {}
    for rid, key in statuses.items():
        groups.setdefault(key, []).append(rid)
    return [
        TestOutcome(requirements=tuple(rids), outcome=outcome, message=message, **base)
        for (outcome, message), rids in groups.items()
    ]


def _undecided(rid: str, decisions: Decisions, why: str, *, cut_short: bool) -> tuple[Outcome, str]:
    """A requirement a failed test did not evaluate: skipped with the reason it gave; else, if
    the test ran to its end, not reached here (the violation it found kept the check from
    running: other tests may decide it); if it was cut short, undecided."""
    if rid in decisions.skipped:
        return "skipped", decisions.skipped[rid]
    if not cut_short:
        return "skipped", f"not reached in this test: {why}"
    return "error", f"not decided: {why}"


def outcome_for_pass(
    *,
    nodeid: str,
    name: str,
    doc: str,
    requirements: tuple[str, ...],
    decisions: Decisions,
    duration_s: float,
) -> list[TestOutcome]:
    """A passed test: each ID it evaluated passed; one it skipped is skipped with the reason;
    one it never reached is skipped too (a check that did not run proves nothing)."""
    base: dict[str, Any] = {"nodeid": nodeid, "name": name, "doc": doc, "duration_s": duration_s}
    statuses: dict[str, tuple[Outcome, str]] = {}
    for rid in requirements:
        if rid in decisions.evaluated or not decisions.checked:
            statuses[rid] = ("passed", "")
        else:
            statuses[rid] = ("skipped", decisions.skipped.get(rid, NOT_EXERCISED))
    return _grouped(base, statuses)


def outcome_for_failure(
    *,
    nodeid: str,
    name: str,
    doc: str,
    requirements: tuple[str, ...],
    exc: BaseException,
    tail: Sequence[Exchange],
    placeholders: Sequence[str],
    seed: int,
    duration_s: float,
    decisions: Decisions | None = None,
) -> list[TestOutcome]:
    """A failed or errored test as outcomes: violations fail their requirements; an ID the test
    evaluated without a violation passed; one it skipped is skipped; one it never got to check
    is ``error`` (undecided), never silently ``pass``."""
    decisions = decisions or Decisions()
    base: dict[str, Any] = {"nodeid": nodeid, "name": name, "doc": doc, "duration_s": duration_s}
    tail_records = tuple(exchange_record(e, placeholders) for e in tail[-EVIDENCE_EXCHANGES:])
    if isinstance(exc, Violations):
        example = example_of(exc)
        evidence = tuple(
            Evidence(
                test=nodeid,
                requirement=f.requirement,
                message=f.message,
                expected=f.expected,
                observed=f.observed,
                example=example,
                seed=seed if example else None,
                exchanges=tuple(exchange_record(e, placeholders) for e in f.exchanges)
                or tail_records[-2:],
            )
            for f in exc.findings
        )
        failed = tuple(dict.fromkeys(f.requirement for f in exc.findings))
        # Cut short, a requirement without a finding was not fully checked: it stays undecided.
        evaluated = set(exc.evaluated) | set(decisions.evaluated)
        passed = evaluated - set(failed) if exc.cut_short is None else set()
        why = (
            f"the test was cut short: {one_line(exc.cut_short)}"
            if exc.cut_short is not None
            else f"it ended on {exc.findings[0].line()}"
        )
        outcomes = [
            TestOutcome(
                requirements=tuple(r for r in requirements if r in failed) or failed,
                outcome="failed",
                message="; ".join(f.line() for f in exc.findings[:3]),
                evidence=evidence,
                **base,
            )
        ]
        rest: dict[str, tuple[Outcome, str]] = {}
        for rid in requirements:
            if rid in failed:
                continue
            rest[rid] = (
                ("passed", "")
                if rid in passed
                else _undecided(rid, decisions, why, cut_short=exc.cut_short is not None)
            )
        return outcomes + _grouped(base, rest)
    if isinstance(exc, AssertionError):
        evidence = (
            Evidence(
                test=nodeid,
                requirement=None,
                message=one_line(exc),
                example=example_of(exc),
                seed=seed,
                exchanges=tail_records,
            ),
        )
        return [
            TestOutcome(
                requirements=requirements,
                outcome="failed",
                message=one_line(exc),
                evidence=evidence,
                **base,
            )
        ]
    kind = "the target" if isinstance(exc, TargetError) else "the suite"
    message = f"{kind} could not decide: {one_line(exc)}"
    evidence = (Evidence(test=nodeid, requirement=None, message=message, exchanges=tail_records),)
    skipped = {r: decisions.skipped[r] for r in requirements if r in decisions.skipped}
    errored = tuple(r for r in requirements if r not in skipped)
    outcomes = _grouped(base, {r: ("skipped", reason) for r, reason in skipped.items()})
    if errored:
        outcomes.insert(
            0,
            TestOutcome(
                requirements=errored,
                outcome="error",
                message=message,
                evidence=evidence,
                **base,
            ),
        )
    return outcomes
