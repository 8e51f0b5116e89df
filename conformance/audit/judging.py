"""The passive judgement of recorded traffic: every requirement the traffic can show, decided
with the suite's own checks; everything else ``untested``, with the reason."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from conformance.audit.judge_auth import judge_auth
from conformance.audit.judge_fields import judge_fields
from conformance.audit.judge_http import judge_http
from conformance.audit.judge_pages import judge_pages
from conformance.audit.judge_rate import judge_rate
from conformance.audit.scope import NOT_SHOWN, Scope
from conformance.audit.traffic import Traffic
from conformance.checks import Finding
from conformance.evidence import KeyRoles
from conformance.http import Exchange

JUDGES = (judge_auth, judge_http, judge_pages, judge_rate, judge_fields)


@dataclass(frozen=True, slots=True)
class Judgement:
    """One requirement as the traffic shows it: ``pass``, ``fail`` or ``untested``."""

    status: str
    reason: str
    findings: tuple[Finding, ...] = ()
    judged: int = 0  # exchanges it was judged on


@dataclass(frozen=True, slots=True)
class Verdicts:
    judgements: Mapping[str, Judgement]
    ignored: int = 0
    notes: tuple[str, ...] = field(default=())

    def statuses(self) -> dict[str, str]:
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
        each(scope)
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
