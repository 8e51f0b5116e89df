"""From pytest's reports to the report model: outcomes per test, evidence per violation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from conformance.checks import Violations
from conformance.errors import ConformanceError, TargetError
from conformance.http import Exchange, to_curl
from conformance.report import Evidence, ExchangeRecord, TestOutcome

EVIDENCE_EXCHANGES = 6


def exchange_record(exchange: Exchange, placeholders: Sequence[str]) -> ExchangeRecord:
    return ExchangeRecord(
        method=exchange.method,
        url=exchange.url,
        request_headers=dict(exchange.request_headers),
        request_body=exchange.request_body or None,
        status=exchange.status,
        response_headers=dict(exchange.response_headers),
        response_body=exchange.response_body or None,
        truncated=exchange.truncated,
        elapsed_ms=exchange.elapsed_ms,
        error=exchange.error,
        curl=to_curl(exchange, placeholders),
    )


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
) -> list[TestOutcome]:
    """A failed or errored test as outcomes: violations fail their requirements; IDs the test
    never got to check are ``error`` (undecided), never silently ``pass``."""
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
        decided = set(failed) | (set(exc.evaluated) if exc.cut_short is None else set())
        undecided = tuple(r for r in requirements if r not in decided)
        outcomes = [
            TestOutcome(
                requirements=tuple(r for r in requirements if r in decided) or failed,
                outcome="failed",
                message="; ".join(f.line() for f in exc.findings[:3]),
                evidence=evidence,
                **base,
            )
        ]
        if undecided:
            why = (
                f"the test was cut short: {one_line(exc.cut_short)}"
                if exc.cut_short is not None
                else "the test stopped at an earlier violation"
            )
            outcomes.append(
                TestOutcome(
                    requirements=undecided,
                    outcome="error",
                    message=f"not decided: {why}",
                    **base,
                )
            )
        return outcomes
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
    return [
        TestOutcome(
            requirements=requirements, outcome="error", message=message, evidence=evidence, **base
        )
    ]
