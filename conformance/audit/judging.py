"""The passive judgement of recorded traffic: every requirement the traffic can show, decided
with the suite's own checks; everything else ``untested``, with the reason."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from conformance.audit.judge_auth import judge_auth
from conformance.audit.judge_fields import judge_fields
from conformance.audit.judge_http import judge_http
from conformance.audit.judge_pages import judge_pages
from conformance.audit.judge_rate import judge_rate
from conformance.audit.scope import NOT_SHOWN, Scope
from conformance.audit.traffic import Traffic
from conformance.catalogue.ids import check_ids
from conformance.checks import Finding
from conformance.evidence import KeyRoles
from conformance.http import Exchange


@dataclass(frozen=True, slots=True)
class Judge:
    """A passive judge and the requirements it decides, checked against the catalogue when the
    table is built (``tests/audit`` holds each list to the IDs its judge's module names)."""

    run: Callable[[Scope], None]
    decides: tuple[str, ...]

    def __post_init__(self) -> None:
        check_ids(self.decides, f"the judge {self.run.__name__}")


JUDGES = (
    Judge(judge_auth, ("AUTH-01", "AUTH-02", "AUTH-03", "AUTH-05", "AUTH-06")),
    Judge(judge_http, ("HTTP-01", "HTTP-02", "HTTP-03", "HTTP-04", "HTTP-05", "HTTP-06",
                       "HTTP-07", "HTTP-08", "HTTP-09", "HTTP-10", "FMT-01", "FMT-02")),
    Judge(judge_pages, ("PAG-01", "PAG-02", "PAG-03", "PAG-04", "PAG-05", "PAG-06", "PAG-07",
                        "PAG-08", "PAG-09", "PAG-10", "PAG-11", "PAG-12", "PAG-13", "PAG-14")),
    Judge(judge_rate, ("RATE-01", "RATE-02", "RATE-03", "RATE-04", "RATE-05", "RATE-06",
                       "RATE-07")),
    Judge(judge_fields, ("FLD-01", "FLD-02", "FLD-03", "FLD-04", "FLD-05")),
)  # fmt: skip


# A requirement as the traffic shows it, by the names compliance.json gives these statuses.
Status = Literal["pass", "fail", "untested"]


@dataclass(frozen=True, slots=True)
class Judgement:
    """One requirement as the traffic shows it: ``pass``, ``fail`` or ``untested``."""

    status: Status
    reason: str
    findings: tuple[Finding, ...] = ()
    judged: int = 0  # exchanges it was judged on


@dataclass(frozen=True, slots=True)
class Verdicts:
    judgements: Mapping[str, Judgement]
    ignored: int = 0
    notes: tuple[str, ...] = field(default=())

    def statuses(self) -> dict[str, Status]:
        return {rid: j.status for rid, j in self.judgements.items()}


def judge(
    exchanges: Iterable[Exchange],
    roles: KeyRoles,
    parameters: Mapping[str, int],
    requirements: Iterable[str],
) -> Verdicts:
    """Judge ``exchanges`` for each of ``requirements`` (catalogue IDs)."""
    traffic = Traffic.of(exchanges, roles, parameters)
    scope = Scope.of(traffic)
    for each in JUDGES:
        each.run(scope)
    check = scope.check
    judgements: dict[str, Judgement] = {}
    for rid in requirements:
        findings = tuple(f for f in check.findings if f.requirement == rid)
        if findings:
            reason = "; ".join(dict.fromkeys(f.message for f in findings[:3]))
            judgements[rid] = Judgement("fail", reason, findings)
        elif rid in check.evaluated:
            judgements[rid] = Judgement("pass", "held on every recorded exchange that shows it")
        else:
            judgements[rid] = Judgement("untested", check.skipped.get(rid, NOT_SHOWN))
    notes = []
    if not roles.known:
        notes.append(
            "which keys were valid was not given: the requirements that rest on it are untested"
        )
    if traffic.ignored:
        notes.append(
            f"{traffic.ignored} recorded exchanges lie outside /api/v1/ and were not judged"
        )
    return Verdicts(judgements, traffic.ignored, tuple(notes))
