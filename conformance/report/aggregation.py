"""Per-requirement status from the outcomes of the tests that name it.

Rules: any failed -> fail; else any error -> error; else any
passed -> pass; else all skipped -> skip; no test -> untested.

A failed test whose evidence names requirements fails exactly those; evidence without a
requirement fails every ID the test names. The test's other IDs count as passed: checks record
every violation they see before the test ends, so an ID with no violation was checked and held.
Evidence may name an ID the test's marker does not (a 5xx seen during a pagination test is an
HTTP-07 violation); that ID fails too and the test is listed under it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from conformance.report.model import Evidence, TestOutcome

STATUS_ORDER = ("fail", "error", "pass", "skip")
UNTESTED_REASON = "no test verifies this requirement"
REASON_PARTS = 3

# What one test contributes to one requirement, in the vocabulary of requirement statuses.
_CONTRIBUTION = MappingProxyType(
    {"failed": "fail", "error": "error", "passed": "pass", "skipped": "skip"}
)


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one test says about one requirement."""

    nodeid: str
    status: str
    message: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class RequirementResult:
    """The aggregated status of one requirement with its reason, tests and evidence."""

    status: str
    reason: str
    tests: tuple[str, ...]
    evidence: tuple[Evidence, ...]


def contributions(outcome: TestOutcome) -> dict[str, Contribution]:
    """Split one test's outcome into what it says about each requirement it touches."""
    named = dict.fromkeys(outcome.requirements)
    if outcome.outcome != "failed":
        status = _CONTRIBUTION[outcome.outcome]
        return {
            rid: Contribution(outcome.nodeid, status, outcome.message, outcome.evidence)
            for rid in named
        }
    targeted = {e.requirement for e in outcome.evidence if e.requirement is not None}
    untargeted = tuple(e for e in outcome.evidence if e.requirement is None)
    failing = dict.fromkeys([*named, *sorted(targeted - named.keys())])
    result: dict[str, Contribution] = {}
    for rid in failing:
        evidence = tuple(e for e in outcome.evidence if e.requirement == rid) + untargeted
        if rid in targeted or not targeted or untargeted:
            message = "; ".join(_unique(e.message for e in evidence)) or outcome.message
            result[rid] = Contribution(outcome.nodeid, "fail", message, evidence)
        else:
            result[rid] = Contribution(outcome.nodeid, "pass", "", ())
    return result


def aggregate(found: Sequence[Contribution]) -> RequirementResult:
    """Combine the contributions of every test that touched one requirement."""
    if not found:
        return RequirementResult("untested", UNTESTED_REASON, (), ())
    tests = tuple(_unique(c.nodeid for c in found))
    status = next(s for s in STATUS_ORDER if any(c.status == s for c in found))
    deciding = [c for c in found if c.status == status]
    if status == "pass":
        reason = f"passed in {len(deciding)} test{'s' if len(deciding) != 1 else ''}"
    else:
        reason = _summary(_unique(c.message for c in deciding if c.message))
        reason = reason or {"fail": "failed", "error": "errored", "skip": "skipped"}[status]
    evidence = tuple(e for c in deciding for e in c.evidence) if status in {"fail", "error"} else ()
    return RequirementResult(status, reason, tests, evidence)


def aggregate_all(
    requirement_ids: Sequence[str], outcomes: Iterable[TestOutcome]
) -> tuple[dict[str, RequirementResult], tuple[str, ...]]:
    """Results for every catalogue ID, plus IDs that tests named but the catalogue lacks."""
    found: dict[str, list[Contribution]] = {rid: [] for rid in requirement_ids}
    unknown: dict[str, None] = {}
    for outcome in outcomes:
        for rid, contribution in contributions(outcome).items():
            if rid in found:
                found[rid].append(contribution)
            else:
                unknown[rid] = None
    return {rid: aggregate(found[rid]) for rid in requirement_ids}, tuple(unknown)


def _summary(messages: Sequence[str]) -> str:
    """The first few messages and how many more there are: a reason stays one readable line,
    while the evidence keeps every one of them."""
    parts = [part for message in messages for part in message.split("; ")]
    shown = "; ".join(parts[:REASON_PARTS])
    hidden = len(parts) - REASON_PARTS
    return f"{shown} (and {hidden} more)" if hidden > 0 else shown


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))
