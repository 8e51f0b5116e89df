"""What a run knows of the operations its description declares: the description, the first
answer of each operation it read (shared by the operation's own test and by the resolution of
the paths below it), the exchanges the operation tests judged, and the documentation drift they
found; at the end, the operations table and the drift for the report."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from conformance.discovery import Description, Drift, bundled
from conformance.discovery.schemathesis_adapter import ResponseSchemas
from conformance.evidence import exchange_record
from conformance.http import Exchange
from conformance.plugin.parameter_log import ParameterLog
from conformance.report import DriftRecord, OperationRecord


@dataclass(slots=True)
class Coverage:
    """One run's operations. ``note`` says how the description was found; ``tests`` maps an
    operation's label to the node id of its test; ``skipped`` says why an operation had no
    test at all (the profile)."""

    description: Description
    note: str
    tests: dict[str, str] = field(default_factory=dict)
    skipped: str = ""
    judged: set[int] = field(default_factory=set)
    # URLs of reads whose id, taken from a parent list, the target refused with 403: it may be
    # an id the operation does not take, so they say nothing of AUTH-03
    unsure: set[str] = field(default_factory=set)
    drift: list[tuple[Drift, Exchange]] = field(default_factory=list)
    # the search of declared query parameters (``conformance.suite.parameter_search``)
    parameters: ParameterLog = field(default_factory=ParameterLog)
    # declared operations the target does not have: label -> the evidence
    # (``conformance.suite.absent_routes``)
    absent: dict[str, str] = field(default_factory=dict)
    _schemas: ResponseSchemas | None = None
    _relations: tuple[str, ...] | None = None

    @property
    def schemas(self) -> ResponseSchemas:
        """The description's response schemas, read by the validator at the first use."""
        if self._schemas is None:
            self._schemas = ResponseSchemas(self.description.data)
        return self._schemas

    @property
    def relations(self) -> tuple[str, ...]:
        """Every relation name declared for ``expand``, by the target's description or by the
        bundled one (the documentation's), in that order."""
        if self._relations is None:
            described = [*self.description.operations, *bundled().operations]
            names = [name for op in described for name in op.relations]
            self._relations = tuple(dict.fromkeys(names))
        return self._relations

    def judged_by(self, template: str) -> str | None:
        """The label of the operation test of this run that reads ``template`` (a surface path,
        whatever its placeholders are called), or None when none does."""
        wanted = "GET " + _shape(template)
        return next((label for label in self.tests if _shape(label) == wanted), None)

    def lacks(self, label: str, evidence: str) -> None:
        """The target does not have the declared operation ``label``: ``evidence`` shows it."""
        self.absent.setdefault(label, evidence)

    def found(self, drift: Sequence[Drift], exchange: Exchange) -> None:
        """Record drift findings with the exchange that shows them (each finding once)."""
        known = {(d.operation, d.check, d.message) for d, _ in self.drift}
        for finding in drift:
            if (finding.operation, finding.check, finding.message) not in known:
                self.drift.append((finding, exchange))

    def operations(self) -> tuple[OperationRecord, ...]:
        """One record per declared operation: the GETs in the description's order of paths,
        then the writes in their order (``Description.writes``)."""
        records = [
            OperationRecord(
                method=op.method,
                path=op.path,
                kind=op.kind.value,
                test=self.tests.get(op.label, ""),
                reason="" if op.label in self.tests else self.skipped,
                parameters=tuple(p.name for p in op.query),
                tried=tuple(self.parameters.tried.get(op.label, ())),
                absent=self.absent.get(op.label, ""),
            )
            for op in (*self.description.operations, *self.description.writes)
        ]
        records += [
            OperationRecord(
                method="GET",
                path=other.label.removeprefix("GET "),
                kind="",
                test="",
                reason=other.reason,
            )
            for other in self.description.outside
        ]
        return tuple(records)

    def drift_records(
        self, placeholders: Sequence[str], redact: Callable[[str], str]
    ) -> tuple[DriftRecord, ...]:
        """The drift found, each with its exchange, redacted."""
        return tuple(
            DriftRecord(
                operation=finding.operation,
                check=finding.check,
                message=redact(finding.message),
                exchanges=(exchange_record(exchange, placeholders),),
            )
            for finding, exchange in self.drift
        )


def _shape(path: str) -> str:
    """A path template with its placeholders unnamed: ``a/{}/b/``."""
    return re.sub(r"\{[^}]*\}", "{}", path)
